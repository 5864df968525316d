// SPDX-License-Identifier: MIT
/*
 * The fixed fnptr-table-ko.c: the services are still started from a
 * table of function pointers, but the reaper and the stats thread both
 * access nr_sessions with sessions_lock held, and peak_sample is only
 * touched by the stats thread and by main after the joins.
 */
#include <pthread.h>
#include <stdio.h>

struct service {
	const char *name;
	void *(*run)(void *);
};

static pthread_mutex_t sessions_lock = PTHREAD_MUTEX_INITIALIZER;
static long nr_sessions = 1000;         /* guarded by sessions_lock */
static long peak_sample;

static void *good_reaper(void *arg)
{
	(void)arg;
	for (int i = 0; i < 100; i++) {
		pthread_mutex_lock(&sessions_lock);
		nr_sessions--;
		pthread_mutex_unlock(&sessions_lock);
	}
	return NULL;
}

static void *good_stats(void *arg)
{
	(void)arg;
	for (int i = 0; i < 10; i++) {
		long n;

		pthread_mutex_lock(&sessions_lock);
		n = nr_sessions;
		pthread_mutex_unlock(&sessions_lock);
		if (n > peak_sample)
			peak_sample = n;
	}
	return NULL;
}

static const struct service services[] = {
	{ "reaper", good_reaper },
	{ "stats", good_stats },
};

#define NR_SERVICES (sizeof(services) / sizeof(services[0]))

int main(void)
{
	pthread_t threads[NR_SERVICES];

	for (size_t i = 0; i < NR_SERVICES; i++)
		pthread_create(&threads[i], NULL, services[i].run, NULL);
	for (size_t i = 0; i < NR_SERVICES; i++)
		pthread_join(threads[i], NULL);
	printf("%ld sessions, peak %ld\n", nr_sessions, peak_sample);
	return 0;
}

/*
 * check-name: data-race: table-spawned threads that share a global under a mutex
 * check-description: Stay silent: nr_sessions is accessed under sessions_lock by both table targets, and peak_sample by one thread only until main reads it after the joins.
 * check-tsan: clean
 */
