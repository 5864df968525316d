// SPDX-License-Identifier: MIT
/*
 * Port of the guide's multiple_threads example: main spawns ten threads,
 * each told its number by value (Rust's move of `i`), which announce
 * themselves, sleep and finish; main keeps the handles and joins them
 * all.  The guide's 100 ms sleep is 10 ms here to keep the test fast.
 * Nothing is shared but stdout: the program must stay silent.
 */
#define _POSIX_C_SOURCE 200809L

#include <errno.h>
#include <pthread.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#define NR_THREADS 10

/* Abort with a message when a call that the Rust code unwraps fails. */
static void check(int err, const char *what)
{
	if (err) {
		fprintf(stderr, "%s: %s\n", what, strerror(err));
		abort();
	}
}

static void sleep_ms(unsigned int ms)
{
	struct timespec ts = { ms / 1000, (ms % 1000) * 1000000L };

	while (nanosleep(&ts, &ts) == -1 && errno == EINTR)
		;
}

/* The thread's number travels in the argument pointer itself. */
static void *run(void *arg)
{
	int i = (int)(intptr_t)arg;

	printf("Thread %d starting\n", i);
	sleep_ms(10);
	printf("Thread %d finished\n", i);
	return NULL;
}

int main(void)
{
	pthread_t handles[NR_THREADS];

	for (int i = 0; i < NR_THREADS; i++)
		check(pthread_create(&handles[i], NULL, run,
				     (void *)(intptr_t)i), "pthread_create");

	/* Wait for all threads to complete. */
	for (int i = 0; i < NR_THREADS; i++)
		check(pthread_join(handles[i], NULL), "pthread_join");

	printf("All threads completed!\n");
	return 0;
}

/*
 * check-name: guide: multiple threads
 * check-description: Ten threads, each given its index by value, print, sleep and print again; main joins every handle.
 * check-tsan: clean
 */
