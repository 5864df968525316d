// SPDX-License-Identifier: MIT
/*
 * Port of the guide's atomic_counter example: ten threads each add one to
 * a shared counter a thousand times with a sequentially consistent
 * atomic fetch-add, and main prints the total, 10000.  Arc<AtomicUsize>
 * becomes a C11 atomic_size_t that main owns on its stack and lends to
 * every thread until it has joined them.  Every access is atomic: the
 * program must stay silent.
 */
#define _POSIX_C_SOURCE 200809L

#include <pthread.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define NR_THREADS 10
#define NR_INCREMENTS 1000

/* Abort with a message when a call that the Rust code unwraps fails. */
static void check(int err, const char *what)
{
	if (err) {
		fprintf(stderr, "%s: %s\n", what, strerror(err));
		abort();
	}
}

static void *count(void *arg)
{
	atomic_size_t *counter = arg;

	for (int i = 0; i < NR_INCREMENTS; i++)
		atomic_fetch_add_explicit(counter, 1, memory_order_seq_cst);
	return NULL;
}

int main(void)
{
	atomic_size_t counter = 0;
	pthread_t handles[NR_THREADS];
	size_t result;

	for (int i = 0; i < NR_THREADS; i++)
		check(pthread_create(&handles[i], NULL, count, &counter),
		      "pthread_create");

	for (int i = 0; i < NR_THREADS; i++)
		check(pthread_join(handles[i], NULL), "pthread_join");

	result = atomic_load_explicit(&counter, memory_order_seq_cst);
	printf("Result: %zu\n", result);
	return result == NR_THREADS * NR_INCREMENTS ? 0 : EXIT_FAILURE;
}

/*
 * check-name: guide: atomic counter, SeqCst fetch_add
 * check-description: Ten threads each do a thousand seq_cst atomic_fetch_add on one atomic_size_t; main joins them and prints 10000.
 * check-tsan: clean
 */
