// SPDX-License-Identifier: MIT
/*
 * A trylock back-off loop: each worker spins on pthread_mutex_trylock,
 * yielding the CPU with sched_yield() after each failure, until it gets
 * the lock, then updates the shared queue depth and unlocks.  The loop
 * only exits when a trylock succeeded, so the write after it always
 * holds the lock.
 */
#include <pthread.h>
#include <sched.h>
#include <stdio.h>

static pthread_mutex_t queue_lock = PTHREAD_MUTEX_INITIALIZER;
static long queue_depth;                /* guarded by queue_lock */

static void *good_worker(void *arg)
{
	long delta = (long)arg;

	for (int i = 0; i < 500; i++) {
		while (pthread_mutex_trylock(&queue_lock) != 0)
			sched_yield();
		queue_depth += delta;
		pthread_mutex_unlock(&queue_lock);
	}
	return NULL;
}

int main(void)
{
	pthread_t producer, consumer;

	pthread_create(&producer, NULL, good_worker, (void *)1L);
	pthread_create(&consumer, NULL, good_worker, (void *)-1L);
	pthread_join(producer, NULL);
	pthread_join(consumer, NULL);
	printf("depth %ld\n", queue_depth);
	return 0;
}

/*
 * check-name: data-race: trylock back-off loop before the write
 * check-description: Stay silent: while (pthread_mutex_trylock(&queue_lock) != 0) sched_yield(); exits only with the lock held, so queue_depth += delta is locked.
 * check-tsan: clean
 */
