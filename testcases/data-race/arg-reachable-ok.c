// SPDX-License-Identifier: MIT
/*
 * The thread argument points to a struct ctx that points to the counter
 * the worker bumps with (*c->counter)++.  The counter is one of main's
 * locals; main sets it before starting the worker and reads it after
 * joining it, never in between, so the object reachable from the
 * argument is never accessed by two threads at once.
 */
#include <pthread.h>
#include <stdio.h>

struct ctx {
	const char *name;
	int *counter;
};

static void *good_worker(void *arg)
{
	struct ctx *c = arg;

	for (int i = 0; i < 100; i++)
		(*c->counter)++;
	return NULL;
}

int main(void)
{
	int events;
	struct ctx c = { "disk", &events };
	pthread_t worker;

	events = 10;
	pthread_create(&worker, NULL, good_worker, &c);
	pthread_join(worker, NULL);
	printf("%s: %d events\n", c.name, events);
	return 0;
}

/*
 * check-name: data-race: an object reachable from the argument, main before spawn and after join
 * check-description: Stay silent: main writes events before pthread_create and reads it after pthread_join, and only the one worker touches it in between.
 * check-tsan: clean
 */
