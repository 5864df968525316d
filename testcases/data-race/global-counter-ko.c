// SPDX-License-Identifier: MIT
/*
 * Four worker threads each count 1000 requests into the global
 * nr_requests with a plain ++ and no lock.  Every increment reads and
 * writes the same object and nothing orders one worker's increments
 * against another's, so every pair of workers races and the total that
 * main prints may come out short.  main itself only reads the counter
 * after joining every worker, which is fine.
 */
#include <pthread.h>
#include <stdio.h>

#define NR_WORKERS 4
#define NR_REQUESTS 1000

unsigned long nr_requests;

static void *warn_worker(void *arg)
{
	(void)arg;
	for (int i = 0; i < NR_REQUESTS; i++)
		nr_requests++;          /* races with the other workers */
	return NULL;
}

int main(void)
{
	pthread_t workers[NR_WORKERS];

	for (int i = 0; i < NR_WORKERS; i++)
		pthread_create(&workers[i], NULL, warn_worker, NULL);
	for (int i = 0; i < NR_WORKERS; i++)
		pthread_join(workers[i], NULL);
	printf("%lu requests\n", nr_requests);
	return 0;
}

/*
 * check-name: data-race: four threads increment a global without a lock
 * check-description: Report the unlocked ++ of the global nr_requests: warn_worker is spawned in a loop, so several instances write it at once.
 * check-tsan: race
 * check-exit-value: 1
 *
 * check-error-start
data-race/global-counter-ko.c:22:3: warning: data race on 'nr_requests': write in thread 'warn_worker' holding no lock [data-race]
data-race/global-counter-ko.c:22:3: note: conflicting write in thread 'warn_worker' (another instance) holding no lock
data-race/global-counter-ko.c:31:3: note: thread 'warn_worker' (many instances) created here by thread 'main'
 * check-error-end
 */
