// SPDX-License-Identifier: MIT
/*
 * A worker computes a checksum, which takes it a couple of
 * milliseconds, and stores it in the global result.  main prints a
 * progress line that reads result before it joins the worker, then
 * joins and prints it again.  The second read is fine; the first one
 * happens while the worker is still working on result, with nothing
 * ordering the two: a data race.  (The worker's delay keeps the two
 * accesses from coinciding to the nanosecond, which can hide a race
 * from ThreadSanitizer; it changes nothing for a static checker.)
 */
#define _POSIX_C_SOURCE 200809L

#include <pthread.h>
#include <stdio.h>
#include <time.h>

static unsigned long result;

static void msleep(long ms)
{
	struct timespec ts = { ms / 1000, ms % 1000 * 1000000L };

	nanosleep(&ts, NULL);
}

static void *warn_checksum(void *arg)
{
	const char *s = arg;
	unsigned long h = 5381;

	while (*s)
		h = h * 33 + (unsigned char)*s++;
	msleep(2);                      /* the slow part of the work */
	result = h;                     /* races with main's first read */
	return NULL;
}

int main(void)
{
	pthread_t worker;

	pthread_create(&worker, NULL, warn_checksum, "hello, world");
	printf("so far: %lx\n", result); /* races with the worker */
	pthread_join(worker, NULL);
	printf("checksum: %lx\n", result);
	return 0;
}

/*
 * check-name: data-race: main reads a result before joining the thread
 * check-description: Report main's first read of result, made before pthread_join, against warn_checksum's write; the read after the join is fine.
 * check-tsan: race
 * check-exit-value: 1
 *
 * check-error-start
data-race/read-before-join-ko.c:35:2: warning: data race on 'result': write in thread 'warn_checksum' holding no lock [data-race]
data-race/read-before-join-ko.c:44:26: note: conflicting read in thread 'main' holding no lock
data-race/read-before-join-ko.c:43:2: note: thread 'warn_checksum' created here by thread 'main'
 * check-error-end
 */
