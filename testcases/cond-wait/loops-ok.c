// SPDX-License-Identifier: MIT
/*
 * Condition waits done right: in a while loop on the predicate, in a
 * for(;;) loop that breaks when the predicate holds, a timed wait in a
 * loop that also gives up on ETIMEDOUT, and a wait in a helper that its
 * caller calls in a loop, with the mutex taken by the caller.  Silent.
 */
#define _POSIX_C_SOURCE 200809L

#include <errno.h>
#include <pthread.h>
#include <stdio.h>
#include <time.h>

static pthread_mutex_t lock = PTHREAD_MUTEX_INITIALIZER;
static pthread_cond_t changed = PTHREAD_COND_INITIALIZER;
static int items;			/* guarded by lock */
static int stopping;			/* guarded by lock */

static void good_wait_changed(void)
{
	pthread_cond_wait(&changed, &lock);	/* caller holds lock, loops */
}

static void *good_consumer(void *arg)
{
	(void)arg;
	pthread_mutex_lock(&lock);
	while (items == 0 && !stopping)
		pthread_cond_wait(&changed, &lock);
	if (items)
		items--;
	pthread_mutex_unlock(&lock);
	return NULL;
}

static void *good_breaker(void *arg)
{
	(void)arg;
	pthread_mutex_lock(&lock);
	for (;;) {
		if (items > 0 || stopping)
			break;
		good_wait_changed();
	}
	pthread_mutex_unlock(&lock);
	return NULL;
}

static void *good_timed(void *arg)
{
	struct timespec ts;

	(void)arg;
	clock_gettime(CLOCK_REALTIME, &ts);
	ts.tv_sec += 1;
	pthread_mutex_lock(&lock);
	while (!stopping)
		if (pthread_cond_timedwait(&changed, &lock, &ts) == ETIMEDOUT)
			break;
	pthread_mutex_unlock(&lock);
	return NULL;
}

int main(void)
{
	pthread_t a, b, c;

	pthread_create(&a, NULL, good_consumer, NULL);
	pthread_create(&b, NULL, good_breaker, NULL);
	pthread_create(&c, NULL, good_timed, NULL);
	pthread_mutex_lock(&lock);
	items = 1;
	stopping = 1;
	pthread_cond_broadcast(&changed);
	pthread_mutex_unlock(&lock);
	pthread_join(a, NULL);
	pthread_join(b, NULL);
	pthread_join(c, NULL);
	printf("%d\n", items);
	return 0;
}

/*
 * check-name: cond-wait: waits in loops, with their mutex held
 * check-description: Stay silent: every wait holds its mutex and sits in a loop that checks the predicate again, including the wait in good_wait_changed(), whose caller loops.
 */
