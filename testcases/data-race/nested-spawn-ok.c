// SPDX-License-Identifier: MIT
/*
 * The fixed nested-spawn-ko.c: main starts a parent thread which starts
 * a child thread; both count their tasks in the global nr_tasks, each
 * with tasks_lock held.  main reads the count after joining the parent,
 * which joined the child before returning.
 */
#include <pthread.h>
#include <stdio.h>

static pthread_mutex_t tasks_lock = PTHREAD_MUTEX_INITIALIZER;
static unsigned long nr_tasks;          /* guarded by tasks_lock */

static void count_task(void)
{
	pthread_mutex_lock(&tasks_lock);
	nr_tasks++;
	pthread_mutex_unlock(&tasks_lock);
}

static void *good_child(void *arg)
{
	(void)arg;
	count_task();
	return NULL;
}

static void *good_parent(void *arg)
{
	pthread_t child;

	(void)arg;
	pthread_create(&child, NULL, good_child, NULL);
	count_task();
	pthread_join(child, NULL);
	return NULL;
}

int main(void)
{
	pthread_t parent;

	pthread_create(&parent, NULL, good_parent, NULL);
	pthread_join(parent, NULL);
	printf("%lu tasks\n", nr_tasks);
	return 0;
}

/*
 * check-name: data-race: a thread spawns another and both write a global under a mutex
 * check-description: Stay silent: the parent and the child both increment nr_tasks with tasks_lock held, and main reads it after joining the parent.
 * check-tsan: clean
 */
