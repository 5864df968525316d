// SPDX-License-Identifier: MIT
/*
 * The guide's arc_mutex_counter example without the Mutex, which Rust
 * refuses to compile (an Arc<i32> gives only shared references, so
 * `*num += 1` cannot be written in the thread): ten threads each add one
 * to a shared heap counter with a plain read-modify-write and no lock.
 * No two threads are ordered with respect to each other (only each one
 * with main, by pthread_create and pthread_join), so every pair of
 * increments is a data race, on every run; updates may also be lost.
 */
#define _POSIX_C_SOURCE 200809L

#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define NR_THREADS 10

struct counter {
	int value;		/* shared, and guarded by nothing */
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

	counter->value += 1;	/* races with the other nine threads */
	return NULL;
}

int main(void)
{
	struct counter *counter = malloc(sizeof(*counter));
	pthread_t handles[NR_THREADS];

	if (!counter) {
		fprintf(stderr, "out of memory\n");
		return EXIT_FAILURE;
	}
	counter->value = 0;

	for (int i = 0; i < NR_THREADS; i++)
		check(pthread_create(&handles[i], NULL, increment, counter),
		      "pthread_create");

	for (int i = 0; i < NR_THREADS; i++)
		check(pthread_join(handles[i], NULL), "pthread_join");

	/* After the joins main's read is ordered: it is not a race. */
	printf("Result: %d\n", counter->value);
	free(counter);
	return 0;
}

/*
 * check-name: guide: Arc counter without the Mutex
 * check-description: Ten threads do counter->value += 1 on one shared heap object with no lock; the increments race with each other.
 * check-tsan: race
 * check-exit-value: 1
 *
 * check-error-start
guide/arc-mutex-counter-ko.c:37:11: warning: data race on 'counter->value': write in thread 'increment' holding no lock [data-race]
guide/arc-mutex-counter-ko.c:37:11: note: conflicting write in thread 'increment' (another instance) holding no lock
guide/arc-mutex-counter-ko.c:53:9: note: thread 'increment' (many instances) created here by thread 'main'
 * check-error-end
 */
