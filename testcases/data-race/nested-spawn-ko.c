// SPDX-License-Identifier: MIT
/*
 * main starts a parent thread, which starts a child thread of its own
 * and then, before joining the child, counts its own task in the global
 * nr_tasks.  The child, after a millisecond of work, counts its task in
 * the same global.  Both increments happen after the child was created
 * and before it was joined, with no lock: the parent and the child race.
 * A checker must find the spawn inside a thread, not only those in main.
 */
#define _POSIX_C_SOURCE 200809L

#include <pthread.h>
#include <stdio.h>
#include <time.h>

static unsigned long nr_tasks;

static void msleep(long ms)
{
	struct timespec ts = { ms / 1000, ms % 1000 * 1000000L };

	nanosleep(&ts, NULL);
}

static void *warn_child(void *arg)
{
	(void)arg;
	msleep(1);                      /* the child's task */
	nr_tasks++;                     /* races with the parent */
	return NULL;
}

static void *warn_parent(void *arg)
{
	pthread_t child;

	(void)arg;
	pthread_create(&child, NULL, warn_child, NULL);
	nr_tasks++;                     /* races with the child */
	pthread_join(child, NULL);
	return NULL;
}

int main(void)
{
	pthread_t parent;

	pthread_create(&parent, NULL, warn_parent, NULL);
	pthread_join(parent, NULL);
	printf("%lu tasks\n", nr_tasks);
	return 0;
}

/*
 * check-name: data-race: a thread spawns another and both write a global
 * check-description: Report nr_tasks++ in warn_parent (between its pthread_create and pthread_join of the child) against nr_tasks++ in warn_child.
 * check-tsan: race
 * check-exit-value: 1
 *
 * check-error-start
data-race/nested-spawn-ko.c:29:2: warning: data race on 'nr_tasks': write in thread 'warn_child' holding no lock [data-race]
data-race/nested-spawn-ko.c:39:2: note: conflicting write in thread 'warn_parent' holding no lock
data-race/nested-spawn-ko.c:38:2: note: thread 'warn_child' created here by thread 'warn_parent'
data-race/nested-spawn-ko.c:48:2: note: thread 'warn_parent' created here by thread 'main'
 * check-error-end
 */
