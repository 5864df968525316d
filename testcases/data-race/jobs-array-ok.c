// SPDX-License-Identifier: MIT
/*
 * main keeps an array of struct job on its stack.  In one loop it fills
 * in jobs[i].input and starts a worker with &jobs[i], then, after
 * joining every worker, it adds up the results.  Each worker writes
 * only the result of its own job.  Every instance of good_square gets a
 * distinct element, and main writes the next element's input while
 * earlier workers run, which touches no object they use: race-free.
 */
#include <pthread.h>
#include <stdio.h>

#define NR_JOBS 8

struct job {
	int input;
	long result;
};

static void *good_square(void *arg)
{
	struct job *job = arg;

	job->result = (long)job->input * job->input;
	return NULL;
}

int main(void)
{
	struct job jobs[NR_JOBS];
	pthread_t threads[NR_JOBS];
	long sum = 0;

	for (int i = 0; i < NR_JOBS; i++) {
		jobs[i].input = i + 1;
		pthread_create(&threads[i], NULL, good_square, &jobs[i]);
	}
	for (int i = 0; i < NR_JOBS; i++)
		pthread_join(threads[i], NULL);
	for (int i = 0; i < NR_JOBS; i++)
		sum += jobs[i].result;
	printf("sum of squares %ld\n", sum);
	return 0;
}

/*
 * check-name: data-race: each thread gets its own jobs[i]
 * check-description: Stay silent: every instance of good_square gets a distinct &jobs[i], main fills jobs[i].input before that spawn and reads results after the joins.
 * check-tsan: clean
 */
