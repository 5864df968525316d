// SPDX-License-Identifier: MIT
/*
 * Port of the guide's basic_threads example: main spawns one thread that
 * counts to nine while main itself counts to four, both sleeping a
 * millisecond between lines, then main joins the thread.  The two threads
 * share nothing but stdout, so the program must stay silent under both
 * ThreadSanitizer and fearcheck.
 */
#define _POSIX_C_SOURCE 200809L

#include <errno.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

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

static void *spawned(void *arg)
{
	for (int i = 1; i < 10; i++) {
		printf("hi number %d from the spawned thread!\n", i);
		sleep_ms(1);
	}
	return arg;
}

int main(void)
{
	pthread_t handle;

	check(pthread_create(&handle, NULL, spawned, NULL), "pthread_create");

	/* The main thread carries on while the spawned one runs. */
	for (int i = 1; i < 5; i++) {
		printf("hi number %d from the main thread!\n", i);
		sleep_ms(1);
	}

	/* Wait for the spawned thread to finish. */
	check(pthread_join(handle, NULL), "pthread_join");
	return 0;
}

/*
 * check-name: guide: basic thread creation
 * check-description: A spawned thread and main print interleaved lines, then main joins it; thread::spawn is pthread_create, join() is pthread_join.
 * check-tsan: clean
 */
