// SPDX-License-Identifier: MIT
/*
 * The fixed done-flag-ko.c: the done flag is an atomic_bool that the
 * worker sets with atomic_store_explicit (release) and main polls with
 * atomic_load_explicit (acquire), every millisecond.  The answer itself
 * is a plain long, which main reads only after joining the worker.
 */
#define _POSIX_C_SOURCE 200809L

#include <pthread.h>
#include <stdatomic.h>
#include <stdbool.h>
#include <stdio.h>
#include <time.h>

static atomic_bool done;
static long answer;

static void msleep(long ms)
{
	struct timespec ts = { ms / 1000, ms % 1000 * 1000000L };

	nanosleep(&ts, NULL);
}

static void *good_worker(void *arg)
{
	(void)arg;
	msleep(2);                      /* work out the answer */
	answer = 6 * 7;
	atomic_store_explicit(&done, true, memory_order_release);
	return NULL;
}

int main(void)
{
	pthread_t worker;
	unsigned long polls = 0;

	pthread_create(&worker, NULL, good_worker, NULL);
	while (!atomic_load_explicit(&done, memory_order_acquire)) {
		polls++;
		msleep(1);
	}
	pthread_join(worker, NULL);
	printf("answer %ld after %s\n", answer, polls ? "polling" : "no wait");
	return 0;
}

/*
 * check-name: data-race: an atomic_bool done flag polled by main
 * check-description: Stay silent: done is atomic_bool accessed with atomic_store_explicit/atomic_load_explicit, and answer is read by main only after the join.
 * check-tsan: clean
 */
