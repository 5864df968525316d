// SPDX-License-Identifier: MIT
/*
 * main describes a job in a struct on its own stack: it fills in the
 * input before starting the worker, passes the struct's address as the
 * thread argument, and reads the result the worker stored in it only
 * after joining the worker.  The spawn orders main's writes before the
 * worker's reads and the join orders the worker's write before main's
 * read, so sharing a stack object this way is race-free.
 */
#include <pthread.h>
#include <stdio.h>

struct sum_job {
	const int *values;
	int nr_values;
	long sum;
};

static void *good_summer(void *arg)
{
	struct sum_job *job = arg;
	long sum = 0;

	for (int i = 0; i < job->nr_values; i++)
		sum += job->values[i];
	job->sum = sum;
	return NULL;
}

int main(void)
{
	static const int values[] = { 3, 1, 4, 1, 5, 9, 2, 6 };
	struct sum_job job;
	pthread_t worker;

	job.values = values;
	job.nr_values = 8;
	job.sum = 0;
	pthread_create(&worker, NULL, good_summer, &job);
	pthread_join(worker, NULL);
	printf("sum %ld\n", job.sum);
	return 0;
}

/*
 * check-name: data-race: a stack object written before the spawn, read after the join
 * check-description: Stay silent: main writes job before pthread_create and reads job.sum after pthread_join, so it never runs alongside good_summer's accesses.
 * check-tsan: clean
 */
