// SPDX-License-Identifier: MIT
/*
 * Condition waits that trust a single wakeup: the consumer checks the
 * queue with `if`, not `while`, so a spurious wakeup (or another
 * consumer that got there first) lets it pop from an empty queue; the
 * waiter helper used by the flusher waits once for the "flushed" signal
 * and never re-checks the flag either.
 */
#include <pthread.h>
#include <stdio.h>

static pthread_mutex_t q_lock = PTHREAD_MUTEX_INITIALIZER;
static pthread_cond_t q_nonempty = PTHREAD_COND_INITIALIZER;
static pthread_cond_t q_flushed = PTHREAD_COND_INITIALIZER;
static int q_len;			/* guarded by q_lock */
static int q_flush_done;		/* guarded by q_lock */

static void *warn_consumer(void *arg)
{
	(void)arg;
	pthread_mutex_lock(&q_lock);
	if (q_len == 0)
		pthread_cond_wait(&q_nonempty, &q_lock);
	q_len--;			/* may be empty */
	pthread_mutex_unlock(&q_lock);
	return NULL;
}

static void wait_flushed(void)
{
	if (!q_flush_done)
		pthread_cond_wait(&q_flushed, &q_lock);
}

static void *warn_flusher(void *arg)
{
	(void)arg;
	pthread_mutex_lock(&q_lock);
	wait_flushed();
	pthread_mutex_unlock(&q_lock);
	return NULL;
}

int main(void)
{
	pthread_t a, b;

	pthread_create(&a, NULL, warn_consumer, NULL);
	pthread_create(&b, NULL, warn_flusher, NULL);
	pthread_mutex_lock(&q_lock);
	q_len++;
	q_flush_done = 1;
	pthread_cond_signal(&q_nonempty);
	pthread_cond_broadcast(&q_flushed);
	pthread_mutex_unlock(&q_lock);
	pthread_join(a, NULL);
	pthread_join(b, NULL);
	printf("%d\n", q_len);
	return 0;
}

/*
 * check-name: cond-wait: waits outside a loop that re-checks the predicate
 * check-description: Report the pthread_cond_wait in warn_consumer (under if) and the one in wait_flushed(), called once, not in a loop, by warn_flusher.
 * check-exit-value: 1
 *
 * check-error-start
cond-wait/no-loop-ko.c:23:3: warning: waiting on 'q_nonempty' outside a loop: the predicate is not checked again after a spurious wakeup [cond-wait]
cond-wait/no-loop-ko.c:48:2: note: thread 'warn_consumer' created here by thread 'main'
cond-wait/no-loop-ko.c:32:3: warning: waiting on 'q_flushed' outside a loop: the predicate is not checked again after a spurious wakeup [cond-wait]
cond-wait/no-loop-ko.c:39:2: note: 'warn_flusher' calls 'wait_flushed' here
cond-wait/no-loop-ko.c:49:2: note: thread 'warn_flusher' created here by thread 'main'
 * check-error-end
 */
