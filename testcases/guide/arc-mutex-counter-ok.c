// SPDX-License-Identifier: MIT
/*
 * Port of the guide's arc_mutex_counter example: ten threads each lock a
 * shared counter and add one; main joins them and prints the result, 10.
 * Arc<Mutex<i32>> becomes one heap object, lock and count together, that
 * main owns: every thread gets a pointer to it (the Arc::clone) and main
 * frees it only after joining them all (the last Arc dropped).  Every
 * access to the count holds the lock: the program must stay silent.
 */
#define _POSIX_C_SOURCE 200809L

#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define NR_THREADS 10

struct counter {
	pthread_mutex_t lock;
	int value;		/* guarded by lock */
};

/* Abort with a message when a call that the Rust code unwraps fails. */
static void check(int err, const char *what)
{
	if (err) {
		fprintf(stderr, "%s: %s\n", what, strerror(err));
		abort();
	}
}

static void *increment(void *arg)
{
	struct counter *counter = arg;

	check(pthread_mutex_lock(&counter->lock), "pthread_mutex_lock");
	counter->value += 1;
	check(pthread_mutex_unlock(&counter->lock), "pthread_mutex_unlock");
	return NULL;
}

int main(void)
{
	struct counter *counter = malloc(sizeof(*counter));
	pthread_t handles[NR_THREADS];
	int result;

	if (!counter) {
		fprintf(stderr, "out of memory\n");
		return EXIT_FAILURE;
	}
	counter->value = 0;
	check(pthread_mutex_init(&counter->lock, NULL), "pthread_mutex_init");

	for (int i = 0; i < NR_THREADS; i++)
		check(pthread_create(&handles[i], NULL, increment, counter),
		      "pthread_create");

	for (int i = 0; i < NR_THREADS; i++)
		check(pthread_join(handles[i], NULL), "pthread_join");

	check(pthread_mutex_lock(&counter->lock), "pthread_mutex_lock");
	result = counter->value;
	check(pthread_mutex_unlock(&counter->lock), "pthread_mutex_unlock");
	printf("Result: %d\n", result);

	check(pthread_mutex_destroy(&counter->lock), "pthread_mutex_destroy");
	free(counter);
	return result == NR_THREADS ? 0 : EXIT_FAILURE;
}

/*
 * check-name: guide: Arc<Mutex> counter, ten threads
 * check-description: Ten threads increment a heap counter under its mutex; main joins them, reads it under the lock, prints 10 and frees it.
 * check-tsan: clean
 */
