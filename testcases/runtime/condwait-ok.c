// SPDX-License-Identifier: MIT
/*
 * A condition-variable wait releases its mutex: the consumer sleeps in
 * pthread_cond_wait() on queue_lock while the producer takes stats_lock
 * and then queue_lock, many times, at once.  If the wait kept queue_lock
 * held, the consumer's later stats_lock-free path and the producer's
 * nesting would look like a conflict, and unlock/relock bookkeeping would
 * go wrong.  Consistent order everywhere: silent.
 */
#include <pthread.h>
#include <stdlib.h>

#define ITEMS 2000

static pthread_mutex_t stats_lock = PTHREAD_MUTEX_INITIALIZER;
static pthread_mutex_t queue_lock = PTHREAD_MUTEX_INITIALIZER;
static pthread_cond_t nonempty = PTHREAD_COND_INITIALIZER;
static int queued;		/* guarded by queue_lock */
static long produced;		/* guarded by stats_lock */

static void *producer(void *arg)
{
	(void)arg;
	for (int i = 0; i < ITEMS; i++) {
		pthread_mutex_lock(&stats_lock);
		pthread_mutex_lock(&queue_lock);
		queued++;
		produced++;
		pthread_cond_signal(&nonempty);
		pthread_mutex_unlock(&queue_lock);
		pthread_mutex_unlock(&stats_lock);
	}
	return NULL;
}

static void *consumer(void *arg)
{
	(void)arg;
	for (int i = 0; i < ITEMS; i++) {
		pthread_mutex_lock(&stats_lock);
		pthread_mutex_lock(&queue_lock);
		pthread_mutex_unlock(&stats_lock);
		while (!queued)
			pthread_cond_wait(&nonempty, &queue_lock);
		queued--;
		pthread_mutex_unlock(&queue_lock);
	}
	return NULL;
}

int main(void)
{
	pthread_t p, c;

	if (pthread_create(&c, NULL, consumer, NULL) != 0 ||
	    pthread_create(&p, NULL, producer, NULL) != 0)
		abort();
	pthread_join(p, NULL);
	pthread_join(c, NULL);
	return queued != 0 || produced != ITEMS;
}

/*
 * check-name: condition wait releases its mutex
 * check-command: fc-rt-run $file
 * check-exit-value: 0
 */
