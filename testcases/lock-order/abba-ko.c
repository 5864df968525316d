// SPDX-License-Identifier: MIT
/*
 * The classic ABBA: one thread takes a then b, another b then a, and both
 * may run at once.  Each can end up holding the lock the other waits for.
 */
#include <pthread.h>
#include <stdio.h>

static pthread_mutex_t a = PTHREAD_MUTEX_INITIALIZER;
static pthread_mutex_t b = PTHREAD_MUTEX_INITIALIZER;
static int total;

static void *warn_a_then_b(void *arg)
{
	(void)arg;
	pthread_mutex_lock(&a);
	pthread_mutex_lock(&b);
	total++;
	pthread_mutex_unlock(&b);
	pthread_mutex_unlock(&a);
	return NULL;
}

static void *warn_b_then_a(void *arg)
{
	(void)arg;
	pthread_mutex_lock(&b);
	pthread_mutex_lock(&a);
	total--;
	pthread_mutex_unlock(&a);
	pthread_mutex_unlock(&b);
	return NULL;
}

int main(void)
{
	pthread_t t1, t2;

	pthread_create(&t1, NULL, warn_a_then_b, NULL);
	pthread_create(&t2, NULL, warn_b_then_a, NULL);
	pthread_join(t1, NULL);
	pthread_join(t2, NULL);
	printf("%d\n", total);
	return 0;
}

/*
 * check-name: lock-order: ABBA between two threads
 * check-description: Report the inversion once, with where each thread takes each lock and where it was created.
 * check-exit-value: 1
 *
 * check-error-start
lock-order/abba-ko.c:17:2: warning: lock order inversion: 'b' acquired while holding 'a', elsewhere 'a' while holding 'b' [lock-order]
lock-order/abba-ko.c:16:2: note: thread 'warn_a_then_b' acquires 'a' here
lock-order/abba-ko.c:17:2: note: then 'b' here, while holding 'a'
lock-order/abba-ko.c:39:2: note: thread 'warn_a_then_b' created here by thread 'main'
lock-order/abba-ko.c:27:2: note: thread 'warn_b_then_a' acquires 'b' here
lock-order/abba-ko.c:28:2: note: then 'a' here, while holding 'b'
lock-order/abba-ko.c:40:2: note: thread 'warn_b_then_a' created here by thread 'main'
 * check-error-end
 */
