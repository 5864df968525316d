// SPDX-License-Identifier: MIT
/*
 * Locking through wrapper functions: the stats module hides its mutex
 * behind stats_lock() and stats_unlock(), and its users bracket their
 * updates with those calls instead of calling pthread_mutex_lock
 * themselves.  Every access to stats is between the wrappers, so a
 * checker that sees a function whose net effect is to acquire (or
 * release) a lock must find nothing here.
 */
#include <pthread.h>
#include <stdio.h>

static pthread_mutex_t stats_mutex = PTHREAD_MUTEX_INITIALIZER;
static struct {
	unsigned long nr_reads;
	unsigned long nr_writes;
} stats;                                /* guarded by stats_mutex */

/* Take the stats lock; pair with stats_unlock(). */
static void stats_lock(void)
{
	pthread_mutex_lock(&stats_mutex);
}

/* Drop the stats lock taken by stats_lock(). */
static void stats_unlock(void)
{
	pthread_mutex_unlock(&stats_mutex);
}

static void *good_reader(void *arg)
{
	(void)arg;
	for (int i = 0; i < 500; i++) {
		stats_lock();
		stats.nr_reads++;
		stats_unlock();
	}
	return NULL;
}

static void *good_writer(void *arg)
{
	(void)arg;
	for (int i = 0; i < 500; i++) {
		stats_lock();
		stats.nr_writes++;
		if (stats.nr_reads > 0)
			stats.nr_reads--;
		stats_unlock();
	}
	return NULL;
}

int main(void)
{
	pthread_t r, w;

	pthread_create(&r, NULL, good_reader, NULL);
	pthread_create(&w, NULL, good_writer, NULL);
	pthread_join(r, NULL);
	pthread_join(w, NULL);
	printf("%lu reads, %lu writes\n", stats.nr_reads, stats.nr_writes);
	return 0;
}

/*
 * check-name: data-race: locking through stats_lock()/stats_unlock() wrappers
 * check-description: Stay silent: stats is only accessed between stats_lock() and stats_unlock(), which lock and unlock stats_mutex.
 * check-tsan: clean
 */
