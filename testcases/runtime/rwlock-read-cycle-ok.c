// SPDX-License-Identifier: MIT
/*
 * A cycle made only of read acquisitions of glibc's default
 * (reader-preferring) rwlocks: two threads read-lock x and y in opposite
 * orders, at the same time, many times.  A reader never waits for another
 * reader, even with a writer queued, so this cannot deadlock.  Silent.
 */
#include <pthread.h>
#include <stdlib.h>

#define ROUNDS 10000

static pthread_rwlock_t x = PTHREAD_RWLOCK_INITIALIZER;
static pthread_rwlock_t y = PTHREAD_RWLOCK_INITIALIZER;
static int config[2] = { 1, 2 };	/* read under x and y */

static void *x_then_y(void *arg)
{
	long sum = 0;

	(void)arg;
	for (int i = 0; i < ROUNDS; i++) {
		pthread_rwlock_rdlock(&x);
		pthread_rwlock_rdlock(&y);
		sum += config[0] + config[1];
		pthread_rwlock_unlock(&y);
		pthread_rwlock_unlock(&x);
	}
	return (void *)sum;
}

static void *y_then_x(void *arg)
{
	long sum = 0;

	(void)arg;
	for (int i = 0; i < ROUNDS; i++) {
		pthread_rwlock_rdlock(&y);
		pthread_rwlock_rdlock(&x);
		sum += config[1] - config[0];
		pthread_rwlock_unlock(&x);
		pthread_rwlock_unlock(&y);
	}
	return (void *)sum;
}

int main(void)
{
	pthread_t t1, t2;

	if (pthread_create(&t1, NULL, x_then_y, NULL) != 0 ||
	    pthread_create(&t2, NULL, y_then_x, NULL) != 0)
		abort();
	pthread_join(t1, NULL);
	pthread_join(t2, NULL);
	/* a writer afterwards, alone */
	pthread_rwlock_wrlock(&x);
	config[0]++;
	pthread_rwlock_unlock(&x);
	return 0;
}

/*
 * check-name: read-only cycle on reader-preferring rwlocks
 * check-command: fc-rt-run $file
 * check-exit-value: 0
 */
