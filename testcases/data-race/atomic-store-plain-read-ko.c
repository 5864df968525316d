// SPDX-License-Identifier: MIT
/*
 * Half-atomic: once the worker has shut down (in a couple of
 * milliseconds) it publishes its stopped flag with
 * __atomic_store_n(&stopped, 1, __ATOMIC_RELEASE), but main polls the
 * same plain int with an ordinary read, while (!stopped).  An atomic
 * access only avoids a race with other atomic accesses: main's plain
 * read races with the worker's atomic store.  main polls every
 * millisecond with nanosleep(): with sched_yield(), which glibc
 * declares leaf, gcc hoists the plain load out of the loop and main
 * spins forever.
 */
#define _POSIX_C_SOURCE 200809L

#include <pthread.h>
#include <stdio.h>
#include <time.h>

static int stopped;

static void msleep(long ms)
{
	struct timespec ts = { ms / 1000, ms % 1000 * 1000000L };

	nanosleep(&ts, NULL);
}

static void *warn_worker(void *arg)
{
	(void)arg;
	msleep(2);                      /* shut down */
	__atomic_store_n(&stopped, 1, __ATOMIC_RELEASE);
	return NULL;
}

int main(void)
{
	pthread_t worker;

	pthread_create(&worker, NULL, warn_worker, NULL);
	while (!stopped)                /* plain read: races */
		msleep(1);
	pthread_join(worker, NULL);
	puts("stopped");
	return 0;
}

/*
 * check-name: data-race: flag stored with __atomic_store_n, read plainly
 * check-description: Report main's plain read of stopped in its polling loop against warn_worker's __atomic_store_n: only atomic-atomic pairs are race-free.
 * check-tsan: race
 * check-exit-value: 1
 *
 * check-error-start
data-race/atomic-store-plain-read-ko.c:32:2: warning: data race on 'stopped': atomic write in thread 'warn_worker' holding no lock [data-race]
data-race/atomic-store-plain-read-ko.c:41:10: note: conflicting read in thread 'main' holding no lock
data-race/atomic-store-plain-read-ko.c:40:2: note: thread 'warn_worker' created here by thread 'main'
 * check-error-end
 */
