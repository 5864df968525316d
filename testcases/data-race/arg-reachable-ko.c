// SPDX-License-Identifier: MIT
/*
 * The thread argument is a struct ctx that does not hold the counter
 * itself but points to it: the worker counts the events it handles,
 * one per millisecond, with (*c->counter)++.  The counter is a local of
 * main, which also bumps it for events it sees itself while the worker
 * runs.  The object is only reachable from the argument, one pointer
 * away, yet main and the worker both write it with no lock.
 */
#define _POSIX_C_SOURCE 200809L

#include <pthread.h>
#include <stdio.h>
#include <time.h>

struct ctx {
	const char *name;
	int *counter;
};

static void msleep(long ms)
{
	struct timespec ts = { ms / 1000, ms % 1000 * 1000000L };

	nanosleep(&ts, NULL);
}

static void *warn_worker(void *arg)
{
	struct ctx *c = arg;

	for (int i = 0; i < 3; i++) {
		msleep(1);              /* wait for the next event */
		(*c->counter)++;        /* races with main */
	}
	return NULL;
}

int main(void)
{
	int events = 0;
	struct ctx c = { "disk", &events };
	pthread_t worker;

	pthread_create(&worker, NULL, warn_worker, &c);
	events += 10;                   /* races with the worker */
	pthread_join(worker, NULL);
	printf("%s: %d events\n", c.name, events);
	return 0;
}

/*
 * check-name: data-race: main and a thread write an object reachable from the argument
 * check-description: Report (*c->counter)++ in warn_worker against main's events += 10 before the join: c->counter points to main's local events.
 * check-tsan: race
 * check-exit-value: 1
 *
 * check-error-start
data-race/arg-reachable-ko.c:34:3: warning: data race on 'events': write in thread 'warn_worker' holding no lock [data-race]
data-race/arg-reachable-ko.c:46:2: note: conflicting write in thread 'main' holding no lock
data-race/arg-reachable-ko.c:45:2: note: thread 'warn_worker' created here by thread 'main'
 * check-error-end
 */
