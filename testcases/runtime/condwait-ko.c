// SPDX-License-Identifier: MIT
/*
 The condition-variable deadlock with two locks: the waiter takes inner
 * then outer, and waits on a condition with inner, which releases inner
 * but not outer; when it wakes it takes inner again *while holding
 * outer*.  The signaller takes inner then outer.  Had the signaller come
 * while the waiter slept, it would get inner and then wait for outer,
 * which the waiter holds while it waits for the signal: a deadlock.  Here
 * the waiter times out instead, and the signaller runs afterwards, so the
 * run ends.  The only outer -> inner dependency is the re-acquisition
 * inside pthread_cond_timedwait(): reported there.
 */
#include <errno.h>
#include <pthread.h>
#include <stdlib.h>
#include <time.h>

static pthread_mutex_t outer = PTHREAD_MUTEX_INITIALIZER;
static pthread_mutex_t inner = PTHREAD_MUTEX_INITIALIZER;
static pthread_cond_t ready = PTHREAD_COND_INITIALIZER;
static int done;		/* guarded by inner */

static void *waiter(void *arg)
{
	struct timespec ts;

	(void)arg;
	clock_gettime(CLOCK_REALTIME, &ts);
	ts.tv_nsec += 10 * 1000 * 1000;
	if (ts.tv_nsec >= 1000000000) {
		ts.tv_sec++;
		ts.tv_nsec -= 1000000000;
	}
	pthread_mutex_lock(&inner);
	pthread_mutex_lock(&outer);
	while (!done)
		if (pthread_cond_timedwait(&ready, &inner, &ts) == ETIMEDOUT)
			break;
	pthread_mutex_unlock(&outer);
	pthread_mutex_unlock(&inner);
	return NULL;
}

static void *signaller(void *arg)
{
	(void)arg;
	pthread_mutex_lock(&inner);
	pthread_mutex_lock(&outer);
	done = 1;
	pthread_cond_signal(&ready);
	pthread_mutex_unlock(&outer);
	pthread_mutex_unlock(&inner);
	return NULL;
}

int main(void)
{
	pthread_t t;

	if (pthread_create(&t, NULL, waiter, NULL) != 0)
		abort();
	pthread_join(t, NULL);
	if (pthread_create(&t, NULL, signaller, NULL) != 0)
		abort();
	pthread_join(t, NULL);
	return 0;
}

/*
 * check-name: inversion made by the re-acquisition in a condition wait
 * check-command: fc-rt-run $file
 * check-exit-value: 1
 *
 * check-error-start
fearcheck: WARNING: possible circular locking dependency detected (lock-order inversion)
----------------------------------------------------------------------
thread T2 is trying to acquire lock:
 (outer) at:
    #0 signaller condwait-ko.c:48

but thread T2 already holds lock:
 (inner) at:
    #0 signaller condwait-ko.c:47

which lock already depends on the new lock.

the existing dependency chain (in reverse order) is:

-> #1 (inner):
       taken by thread T1 while holding (outer), at:
    #0 waiter condwait-ko.c:37
       (outer) was taken at:
    #0 waiter condwait-ko.c:35

-> #0 (outer):
       taken by thread T2 while holding (inner), at:
    #0 signaller condwait-ko.c:48
       (inner) was taken at:
    #0 signaller condwait-ko.c:47

other info that might help us debug this:

 Possible unsafe locking scenario:

       T1                      T2
       ----                    ----
  lock(outer);
                               lock(inner);
                               lock(outer);
  lock(inner);

 *** DEADLOCK ***

1 lock held by T2:
 #0: (inner), at: signaller condwait-ko.c:47

the locks:
 (outer): mutex, first taken at waiter condwait-ko.c:35
 (inner): mutex, first taken at waiter condwait-ko.c:34
======================================================================
 * check-error-end
 */
