// SPDX-License-Identifier: MIT
/*
 * The fixed loop-var-addr-ko.c: main keeps one id per thread in an
 * array, ids[NR_WORKERS], declared outside the loop, and passes
 * &ids[i].  Each slot is written once, before its thread starts, and
 * never again, and it outlives the threads.  Each worker returns the
 * square of its id through pthread_join.
 */
#include <pthread.h>
#include <stdio.h>

#define NR_WORKERS 4

static void *good_worker(void *arg)
{
	long id = *(int *)arg;

	return (void *)(id * id);
}

int main(void)
{
	pthread_t workers[NR_WORKERS];
	int ids[NR_WORKERS];

	for (int i = 0; i < NR_WORKERS; i++) {
		ids[i] = i;
		pthread_create(&workers[i], NULL, good_worker, &ids[i]);
	}
	for (int i = 0; i < NR_WORKERS; i++) {
		void *square;

		pthread_join(workers[i], &square);
		printf("worker %d: %ld\n", i, (long)square);
	}
	return 0;
}

/*
 * check-name: data-race: each thread gets the address of its own ids[i]
 * check-description: Stay silent: every worker gets &ids[i], a distinct element written by main only before that worker's spawn.
 * check-tsan: clean
 */
