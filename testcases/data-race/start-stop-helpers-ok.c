// SPDX-License-Identifier: MIT
/*
 * The workers are started by a helper, start_workers(), and joined by
 * another, stop_workers(), as a module's init and exit functions would.
 * The workers add into the global stats under stats_lock.  main resets
 * stats before start_workers() and prints it after stop_workers()
 * without the lock, which is right: no worker exists at either point.
 * A checker must see the spawns and joins inside the helpers to know it.
 */
#include <pthread.h>
#include <stdio.h>

#define NR_WORKERS 3

struct stats {
	long sum;
	long count;
};

static pthread_mutex_t stats_lock = PTHREAD_MUTEX_INITIALIZER;
static struct stats stats;              /* workers: under stats_lock */
static pthread_t workers[NR_WORKERS];

static void *good_worker(void *arg)
{
	long id = (long)arg;

	for (int i = 0; i < 100; i++) {
		pthread_mutex_lock(&stats_lock);
		stats.sum += id;
		stats.count++;
		pthread_mutex_unlock(&stats_lock);
	}
	return NULL;
}

static void start_workers(void)
{
	for (long i = 0; i < NR_WORKERS; i++)
		pthread_create(&workers[i], NULL, good_worker, (void *)i);
}

static void stop_workers(void)
{
	for (int i = 0; i < NR_WORKERS; i++)
		pthread_join(workers[i], NULL);
}

int main(void)
{
	stats.sum = 0;
	stats.count = 0;
	start_workers();
	stop_workers();
	printf("sum %ld over %ld\n", stats.sum, stats.count);
	return 0;
}

/*
 * check-name: data-race: spawns and joins in helpers, main touches data before and after
 * check-description: Stay silent: main's unlocked accesses to stats come before start_workers() spawns and after stop_workers() joins every worker, which lock stats_lock.
 * check-tsan: clean
 */
