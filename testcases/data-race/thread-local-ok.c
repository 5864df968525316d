// SPDX-License-Identifier: MIT
/*
 * Every worker thread writes two thread-local variables with no lock: a
 * GNU __thread call counter and a C11 _Thread_local scratch buffer that
 * formats each item.  Each thread gets its own instance of a
 * thread-local variable, so these writes never touch another thread's
 * copy.  Each worker hands its count back through pthread_join's result.
 */
#include <pthread.h>
#include <stdint.h>
#include <stdio.h>

#define NR_WORKERS 4

static __thread unsigned long nr_items;
static _Thread_local char scratch[32];
_Thread_local size_t scratch_bytes;

static void *good_worker(void *arg)
{
	long id = (long)arg;

	for (int i = 0; i < 100; i++) {
		int n = snprintf(scratch, sizeof(scratch), "%ld/%d", id, i);

		if (n > 0)
			scratch_bytes += (size_t)n;
		nr_items++;
	}
	return (void *)(uintptr_t)(nr_items + scratch_bytes);
}

int main(void)
{
	pthread_t workers[NR_WORKERS];
	uintptr_t total = 0;

	for (long i = 0; i < NR_WORKERS; i++)
		pthread_create(&workers[i], NULL, good_worker, (void *)i);
	for (int i = 0; i < NR_WORKERS; i++) {
		void *ret;

		pthread_join(workers[i], &ret);
		total += (uintptr_t)ret;
	}
	nr_items = 1;                   /* main's own copy */
	printf("total %lu, main %lu\n", (unsigned long)total, nr_items);
	return 0;
}

/*
 * check-name: data-race: __thread and _Thread_local variables written by every thread
 * check-description: Stay silent: nr_items, scratch and scratch_bytes are thread-local, so each thread writes only its own instance.
 * check-tsan: clean
 */
