// SPDX-License-Identifier: MIT
/*
 * A thread releases a mutex that another thread holds: undefined for a
 * pthread mutex, and a sign that ownership is confused.  main takes the
 * lock and the worker releases it.  Reported, with the holder.
 */
#include <pthread.h>
#include <stdlib.h>

static pthread_mutex_t state_lock = PTHREAD_MUTEX_INITIALIZER;
static int state;		/* guarded by state_lock */

static void *finisher(void *arg)
{
	(void)arg;
	state = 2;
	pthread_mutex_unlock(&state_lock);
	return NULL;
}

int main(void)
{
	pthread_t t;

	pthread_mutex_lock(&state_lock);
	state = 1;
	if (pthread_create(&t, NULL, finisher, NULL) != 0)
		abort();
	pthread_join(t, NULL);
	return state != 2;
}

/*
 * check-name: unlock by a thread that does not hold the lock
 * check-command: fc-rt-run $file
 * check-exit-value: 1
 *
 * check-error-start
fearcheck: WARNING: bad unlock balance detected (unlock of a lock not held)
----------------------------------------------------------------------
thread T1 is trying to release lock:
 (state_lock) at:
    #0 finisher unlock-not-held-ko.c:17

but thread T1 does not hold it: thread main does, since:
    #0 main unlock-not-held-ko.c:25

no locks held by T1.

the locks:
 (state_lock): mutex, first taken at main unlock-not-held-ko.c:25
======================================================================
 * check-error-end
 */
