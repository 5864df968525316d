// SPDX-License-Identifier: MIT
/*
 * A recursive mutex taken again by its owner is fine, also with another
 * lock taken in between: main holds outer, takes inner, and takes outer
 * again (a re-entry, which cannot block) while the worker takes outer
 * then inner.  The re-entry must add no inner -> outer dependency, else
 * it would close a false cycle with outer -> inner.  An error-checking
 * mutex relocked by its owner returns EDEADLK, which the program is told
 * about: not reported either.  Silent.
 */
#include <errno.h>
#include <pthread.h>
#include <stdlib.h>

static pthread_mutex_t outer;
static pthread_mutex_t inner = PTHREAD_MUTEX_INITIALIZER;
static pthread_mutex_t checked;
static int depth;		/* guarded by outer */

static void enter(void)
{
	pthread_mutex_lock(&outer);
	depth++;
}

static void leave(void)
{
	depth--;
	pthread_mutex_unlock(&outer);
}

static void *worker(void *arg)
{
	(void)arg;
	enter();
	pthread_mutex_lock(&inner);
	enter();
	leave();
	pthread_mutex_unlock(&inner);
	leave();
	return NULL;
}

int main(void)
{
	pthread_mutexattr_t attr;
	pthread_t t;

	pthread_mutexattr_init(&attr);
	pthread_mutexattr_settype(&attr, PTHREAD_MUTEX_RECURSIVE);
	pthread_mutex_init(&outer, &attr);
	pthread_mutexattr_settype(&attr, PTHREAD_MUTEX_ERRORCHECK);
	pthread_mutex_init(&checked, &attr);
	pthread_mutexattr_destroy(&attr);

	enter();
	pthread_mutex_lock(&inner);
	enter();		/* re-entry under inner */
	enter();
	leave();
	leave();
	pthread_mutex_unlock(&inner);
	leave();

	if (pthread_create(&t, NULL, worker, NULL) != 0)
		abort();
	pthread_join(t, NULL);

	pthread_mutex_lock(&checked);
	if (pthread_mutex_lock(&checked) != EDEADLK)
		abort();
	pthread_mutex_unlock(&checked);

	pthread_mutex_destroy(&outer);
	pthread_mutex_destroy(&checked);
	return depth;
}

/*
 * check-name: recursive mutex re-entered by its owner
 * check-command: fc-rt-run $file
 * check-exit-value: 0
 */
