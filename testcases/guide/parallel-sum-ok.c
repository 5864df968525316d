// SPDX-License-Identifier: MIT
/*
 * Port of the guide's parallel_data_processing example: the numbers 1 to
 * 10 are split into four chunks (two elements each, the last chunk
 * taking the remainder), four threads each sum one chunk and append the
 * sum to a shared results vector under a mutex, and main adds up the
 * results, 55.  Arc<Vec<i32>> becomes a read-only array that every
 * thread reads and nobody writes; Arc<Mutex<Vec<i32>>> becomes a results
 * struct with its lock.  Each thread gets its own argument slot holding
 * its index.  Shared writes all hold the lock: the program must stay
 * silent.
 */
#define _POSIX_C_SOURCE 200809L

#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define NR_THREADS 4

static const int data[] = { 1, 2, 3, 4, 5, 6, 7, 8, 9, 10 };
#define DATA_LEN (sizeof(data) / sizeof(data[0]))

struct results {
	pthread_mutex_t lock;
	int sums[NR_THREADS];	/* guarded by lock */
	size_t len;		/* guarded by lock */
};

struct chunk_arg {
	size_t index;
	size_t chunk_size;
	struct results *results;
};

/* Abort with a message when a call that the Rust code unwraps fails. */
static void check(int err, const char *what)
{
	if (err) {
		fprintf(stderr, "%s: %s\n", what, strerror(err));
		abort();
	}
}

static void *sum_chunk(void *p)
{
	struct chunk_arg *arg = p;
	struct results *results = arg->results;
	size_t start = arg->index * arg->chunk_size;
	size_t end = arg->index == NR_THREADS - 1 ?
		     DATA_LEN : (arg->index + 1) * arg->chunk_size;
	int chunk_sum = 0;

	for (size_t i = start; i < end; i++)
		chunk_sum += data[i];

	check(pthread_mutex_lock(&results->lock), "pthread_mutex_lock");
	results->sums[results->len++] = chunk_sum;
	check(pthread_mutex_unlock(&results->lock), "pthread_mutex_unlock");
	return NULL;
}

int main(void)
{
	struct results results = { .len = 0 };
	struct chunk_arg args[NR_THREADS];
	pthread_t handles[NR_THREADS];
	size_t chunk_size = DATA_LEN / NR_THREADS;
	int total_sum = 0;

	check(pthread_mutex_init(&results.lock, NULL), "pthread_mutex_init");

	for (size_t i = 0; i < NR_THREADS; i++) {
		args[i] = (struct chunk_arg){
			.index = i,
			.chunk_size = chunk_size,
			.results = &results,
		};
		check(pthread_create(&handles[i], NULL, sum_chunk, &args[i]),
		      "pthread_create");
	}

	for (size_t i = 0; i < NR_THREADS; i++)
		check(pthread_join(handles[i], NULL), "pthread_join");

	check(pthread_mutex_lock(&results.lock), "pthread_mutex_lock");
	for (size_t i = 0; i < results.len; i++)
		total_sum += results.sums[i];
	check(pthread_mutex_unlock(&results.lock), "pthread_mutex_unlock");
	printf("Total sum: %d\n", total_sum);

	check(pthread_mutex_destroy(&results.lock), "pthread_mutex_destroy");
	return total_sum == 55 ? 0 : EXIT_FAILURE;
}

/*
 * check-name: guide: parallel data processing, chunk sums
 * check-description: Four threads sum chunks of a read-only array and append their sums to a mutex-guarded results array; main adds the results, 55.
 * check-tsan: clean
 */
