// SPDX-License-Identifier: MIT
/*
 * Each worker gets its number as the thread argument itself, cast with
 * (void *)(long)i, and stores what it computed in its own slot of the
 * global results[] array, results[id].  No two workers share an id, so
 * no slot is written twice, and main adds the slots up after the joins.
 */
#include <pthread.h>
#include <stdio.h>

#define NR_WORKERS 4

static long results[NR_WORKERS];

static void *good_worker(void *arg)
{
	long id = (long)arg;
	long sum = 0;

	for (long i = id * 1000; i < (id + 1) * 1000; i++)
		sum += i;
	results[id] = sum;
	return NULL;
}

int main(void)
{
	pthread_t workers[NR_WORKERS];
	long total = 0;

	for (int i = 0; i < NR_WORKERS; i++)
		pthread_create(&workers[i], NULL, good_worker, (void *)(long)i);
	for (int i = 0; i < NR_WORKERS; i++)
		pthread_join(workers[i], NULL);
	for (int i = 0; i < NR_WORKERS; i++)
		total += results[i];
	printf("total %ld\n", total);
	return 0;
}

/*
 * check-name: data-race: each thread writes results[id], id passed by value
 * check-description: Stay silent: id comes from (void *)(long)i, distinct for every instance, so results[id] is a distinct slot per thread; main reads after the joins.
 * check-tsan: clean
 */
