// SPDX-License-Identifier: MIT
/*
 * The fixed multifile-counter-ko: main.c starts four threads running
 * good_worker (worker.c), which increments nr_jobs (counter.c) between
 * jobs_lock() and jobs_unlock(), helpers in lock.c that wrap a
 * file-static mutex.  A checker must follow the helpers across files to
 * see that every increment holds the same lock.  main reads nr_jobs
 * after the joins.
 */
#include <pthread.h>
#include <stdio.h>

#include "jobs.h"

#define NR_WORKERS 4

int main(void)
{
	pthread_t workers[NR_WORKERS];

	for (int i = 0; i < NR_WORKERS; i++)
		pthread_create(&workers[i], NULL, good_worker, NULL);
	for (int i = 0; i < NR_WORKERS; i++)
		pthread_join(workers[i], NULL);
	printf("%lu jobs\n", nr_jobs);
	return 0;
}

/*
 * check-name: data-race: a global from counter.c locked by helpers in lock.c
 * check-command: fearcheck $dir
 * check-description: Stay silent: worker.c increments nr_jobs only between jobs_lock() and jobs_unlock(), defined in lock.c around one mutex. Not a single-file program, so no check-tsan (TSan is silent when the four files are built together).
 */
