// SPDX-License-Identifier: MIT
/*
 * A condition-variable wrapper and an API entry point that nothing here
 * calls: both wait on their caller's mutex, which this file cannot see
 * locked, and in their caller's loop.  The one use of the wrapper holds
 * the mutex and loops.  Silent.
 */
#include <pthread.h>
#include <stdio.h>

struct event {
	pthread_mutex_t mu;
	pthread_cond_t cv;
	int set;			/* guarded by mu */
};

static struct event ev = {
	.mu = PTHREAD_MUTEX_INITIALIZER,
	.cv = PTHREAD_COND_INITIALIZER,
};

static void cond_wait(pthread_cond_t *cv, pthread_mutex_t *mu)
{
	if (pthread_cond_wait(cv, mu) != 0)
		perror("pthread_cond_wait");
}

/* API: call with e->mu held, in a loop on your predicate. */
void event_wait_once(struct event *e)
{
	pthread_cond_wait(&e->cv, &e->mu);
}

static void *good_waiter(void *arg)
{
	(void)arg;
	pthread_mutex_lock(&ev.mu);
	while (!ev.set)
		cond_wait(&ev.cv, &ev.mu);
	pthread_mutex_unlock(&ev.mu);
	return NULL;
}

int main(void)
{
	pthread_t t;

	pthread_create(&t, NULL, good_waiter, NULL);
	pthread_mutex_lock(&ev.mu);
	ev.set = 1;
	pthread_cond_signal(&ev.cv);
	pthread_mutex_unlock(&ev.mu);
	pthread_join(t, NULL);
	printf("%d\n", ev.set);
	return 0;
}

/*
 * check-name: cond-wait: wrappers and entry points wait for their caller
 * check-description: Stay silent: cond_wait() is called in a loop with ev.mu held, and event_wait_once() is an entry point whose caller holds the mutex and loops.
 */
