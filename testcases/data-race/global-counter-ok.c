// SPDX-License-Identifier: MIT
/*
 * The fixed global-counter-ko.c: four worker threads count requests into
 * the global nr_requests, each increment made with requests_lock held.
 * main reads the total after joining every worker, without the lock,
 * since no worker is left to race with it.
 */
#include <pthread.h>
#include <stdio.h>

#define NR_WORKERS 4
#define NR_REQUESTS 1000

static pthread_mutex_t requests_lock = PTHREAD_MUTEX_INITIALIZER;
unsigned long nr_requests;              /* guarded by requests_lock */

static void *good_worker(void *arg)
{
	(void)arg;
	for (int i = 0; i < NR_REQUESTS; i++) {
		pthread_mutex_lock(&requests_lock);
		nr_requests++;
		pthread_mutex_unlock(&requests_lock);
	}
	return NULL;
}

int main(void)
{
	pthread_t workers[NR_WORKERS];

	for (int i = 0; i < NR_WORKERS; i++)
		pthread_create(&workers[i], NULL, good_worker, NULL);
	for (int i = 0; i < NR_WORKERS; i++)
		pthread_join(workers[i], NULL);
	printf("%lu requests\n", nr_requests);
	return 0;
}

/*
 * check-name: data-race: four threads increment a global under a mutex
 * check-description: Stay silent: every worker increments nr_requests with requests_lock held and main reads it only after the joins.
 * check-tsan: clean
 */
