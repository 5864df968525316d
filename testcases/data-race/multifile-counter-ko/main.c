// SPDX-License-Identifier: MIT
/*
 * A data race spread over three files: main.c starts four threads
 * running warn_worker, defined in worker.c, which increments the global
 * nr_jobs, defined in counter.c, with no lock.  No single file shows
 * both the spawn and the racy access: a checker has to link the call
 * graph across files by name to find that several instances of
 * warn_worker write nr_jobs at once.  main reads nr_jobs only after
 * joining every worker, which is fine.
 */
#include <pthread.h>
#include <stdio.h>

#include "jobs.h"

#define NR_WORKERS 4

int main(void)
{
	pthread_t workers[NR_WORKERS];

	for (int i = 0; i < NR_WORKERS; i++)
		pthread_create(&workers[i], NULL, warn_worker, NULL);
	for (int i = 0; i < NR_WORKERS; i++)
		pthread_join(workers[i], NULL);
	printf("%lu jobs\n", nr_jobs);
	return 0;
}

/*
 * check-name: data-race: worker in worker.c increments a global from counter.c
 * check-command: fearcheck $dir
 * check-description: Report nr_jobs++ in worker.c: main.c spawns warn_worker four times and nr_jobs (counter.c) is written with no lock. Not a single-file program, so no check-tsan (TSan reports the race on every run when the three files are built together).
 * check-exit-value: 1
 *
 * check-error-start
data-race/multifile-counter-ko/worker.c:15:3: warning: data race on 'nr_jobs': write in thread 'warn_worker' holding no lock [data-race]
data-race/multifile-counter-ko/worker.c:15:3: note: conflicting write in thread 'warn_worker' (another instance) holding no lock
data-race/multifile-counter-ko/main.c:23:3: note: thread 'warn_worker' (many instances) created here by thread 'main'
 * check-error-end
 */
