// SPDX-License-Identifier: MIT
/*
 * Counters declared _Atomic: four threads count hits with hits++ and
 * bytes with bytes += n, no lock.  On an _Atomic object these plain
 * C operators are atomic read-modify-writes (sequentially consistent),
 * so the concurrent updates do not race.  main reads both after the
 * joins.
 */
#include <pthread.h>
#include <stdio.h>

#define NR_THREADS 4

static _Atomic unsigned long hits;
static _Atomic(unsigned long) bytes;

static void *good_worker(void *arg)
{
	unsigned long n = (unsigned long)arg;

	for (int i = 0; i < 1000; i++) {
		hits++;
		bytes += n;
	}
	return NULL;
}

int main(void)
{
	pthread_t threads[NR_THREADS];

	for (unsigned long i = 0; i < NR_THREADS; i++)
		pthread_create(&threads[i], NULL, good_worker,
			       (void *)(i + 1));
	for (int i = 0; i < NR_THREADS; i++)
		pthread_join(threads[i], NULL);
	printf("%lu hits, %lu bytes\n", (unsigned long)hits,
	       (unsigned long)bytes);
	return 0;
}

/*
 * check-name: data-race: _Atomic counters updated with ++ and +=
 * check-description: Stay silent: hits and bytes are _Atomic objects, so hits++ and bytes += n are atomic and cannot race.
 * check-tsan: clean
 */
