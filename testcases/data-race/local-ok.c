// SPDX-License-Identifier: MIT
/*
 * Each worker builds a histogram of its slice of a read-only input in a
 * local array and a local counter, whose addresses are never taken or
 * passed anywhere, then returns its count of odd values through
 * pthread_join.  Locals that never escape belong to their own call of
 * the thread function, so the many instances of good_worker never share
 * them.  The input is only read, and was initialised before any spawn.
 */
#include <pthread.h>
#include <stdint.h>
#include <stdio.h>

#define NR_WORKERS 4
#define SLICE 256

static int input[NR_WORKERS * SLICE];

static void *good_worker(void *arg)
{
	long id = (long)arg;
	int hist[16] = { 0 };
	unsigned long odd = 0;

	for (int i = 0; i < SLICE; i++)
		hist[input[id * SLICE + i] & 15]++;
	for (int b = 1; b < 16; b += 2)
		odd += hist[b];
	return (void *)(uintptr_t)odd;
}

int main(void)
{
	pthread_t workers[NR_WORKERS];
	unsigned long odd = 0;

	for (int i = 0; i < NR_WORKERS * SLICE; i++)
		input[i] = i * 7;
	for (long i = 0; i < NR_WORKERS; i++)
		pthread_create(&workers[i], NULL, good_worker, (void *)i);
	for (int i = 0; i < NR_WORKERS; i++) {
		void *ret;

		pthread_join(workers[i], &ret);
		odd += (uintptr_t)ret;
	}
	printf("%lu odd values\n", odd);
	return 0;
}

/*
 * check-name: data-race: locals of the thread function that never escape
 * check-description: Stay silent: hist and odd are locals whose address is never taken, so each instance of good_worker has its own; input is only read after main filled it before the spawns.
 * check-tsan: clean
 */
