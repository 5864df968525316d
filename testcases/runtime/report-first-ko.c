// SPDX-License-Identifier: MIT
/*
 * report=first: the tracker reports the first problem and then stops
 * tracking (like lockdep turning itself off), so the second, unrelated
 * inversion below is not reported.  report=all, the default, would
 * report both.
 */
#include <pthread.h>
#include <stdlib.h>

static pthread_mutex_t a = PTHREAD_MUTEX_INITIALIZER;
static pthread_mutex_t b = PTHREAD_MUTEX_INITIALIZER;
static pthread_mutex_t c = PTHREAD_MUTEX_INITIALIZER;
static pthread_mutex_t d = PTHREAD_MUTEX_INITIALIZER;

static void lock_pair(pthread_mutex_t *x, pthread_mutex_t *y)
{
	pthread_mutex_lock(x);
	pthread_mutex_lock(y);
	pthread_mutex_unlock(y);
	pthread_mutex_unlock(x);
}

static void *backwards(void *arg)
{
	(void)arg;
	lock_pair(&b, &a);
	lock_pair(&d, &c);
	return NULL;
}

int main(void)
{
	pthread_t t;

	lock_pair(&a, &b);
	lock_pair(&c, &d);
	if (pthread_create(&t, NULL, backwards, NULL) != 0)
		abort();
	pthread_join(t, NULL);
	return 0;
}

/*
 * check-name: report=first stops after one report; exitcode and stack_depth
 * check-command: fc-rt-run -o report=first,exitcode=3,stack_depth=1 $file
 * check-exit-value: 3
 *
 * check-error-start
fearcheck: WARNING: possible circular locking dependency detected (lock-order inversion)
----------------------------------------------------------------------
thread T1 is trying to acquire lock:
 (a) at:
    #0 lock_pair report-first-ko.c:19

but thread T1 already holds lock:
 (b) at:
    #0 lock_pair report-first-ko.c:18

which lock already depends on the new lock.

the existing dependency chain (in reverse order) is:

-> #1 (b):
       taken by thread main while holding (a), at:
    #0 lock_pair report-first-ko.c:19
       (a) was taken at:
    #0 lock_pair report-first-ko.c:18

-> #0 (a):
       taken by thread T1 while holding (b), at:
    #0 lock_pair report-first-ko.c:19
       (b) was taken at:
    #0 lock_pair report-first-ko.c:18

other info that might help us debug this:

 Possible unsafe locking scenario:

       main                    T1
       ----                    ----
  lock(a);
                               lock(b);
                               lock(a);
  lock(b);

 *** DEADLOCK ***

1 lock held by T1:
 #0: (b), at: lock_pair report-first-ko.c:18

the locks:
 (a): mutex, first taken at lock_pair report-first-ko.c:18
 (b): mutex, first taken at lock_pair report-first-ko.c:19
======================================================================
 * check-error-end
 */
