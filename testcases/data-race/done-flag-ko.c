// SPDX-License-Identifier: MIT
/*
 * A worker sets a plain int flag, done, when it has finished (after a
 * couple of milliseconds), and main polls the flag every millisecond
 * before it joins the worker.  The flag is an ordinary int written by
 * one thread and read by another with no lock and no atomic access: a
 * data race.  The compiler may even hoist the load out of the loop and
 * spin forever; gcc does so when the loop calls sched_yield(), which
 * glibc declares leaf, which is why this loop sleeps with nanosleep().
 */
#define _POSIX_C_SOURCE 200809L

#include <pthread.h>
#include <stdio.h>
#include <time.h>

static int done;
static long answer;

static void msleep(long ms)
{
	struct timespec ts = { ms / 1000, ms % 1000 * 1000000L };

	nanosleep(&ts, NULL);
}

static void *warn_worker(void *arg)
{
	(void)arg;
	msleep(2);                      /* work out the answer */
	answer = 6 * 7;
	done = 1;                       /* races with main's polling */
	return NULL;
}

int main(void)
{
	pthread_t worker;
	unsigned long polls = 0;

	pthread_create(&worker, NULL, warn_worker, NULL);
	while (!done) {                 /* races with the worker */
		polls++;
		msleep(1);
	}
	pthread_join(worker, NULL);
	printf("answer %ld after %s\n", answer, polls ? "polling" : "no wait");
	return 0;
}

/*
 * check-name: data-race: a plain int done flag polled by main
 * check-description: Report main's reads of done in the polling loop against warn_worker's plain done = 1: a flag needs an atomic or a lock.
 * check-tsan: race
 * check-exit-value: 1
 *
 * check-error-start
data-race/done-flag-ko.c:32:2: warning: data race on 'done': write in thread 'warn_worker' holding no lock [data-race]
data-race/done-flag-ko.c:42:10: note: conflicting read in thread 'main' holding no lock
data-race/done-flag-ko.c:41:2: note: thread 'warn_worker' created here by thread 'main'
 * check-error-end
 */
