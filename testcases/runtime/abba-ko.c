// SPDX-License-Identifier: MIT
/*
 * ABBA between two global mutexes: main takes a then b, and only after
 * it has released both does it start a thread that takes b then a.  The
 * run can never hang (the two orders never overlap in time), but were
 * they to run at once each could hold the lock the other waits for.  The
 * tracker must report the inversion when the thread takes a, with both
 * stacks of both edges.
 */
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>

static pthread_mutex_t a = PTHREAD_MUTEX_INITIALIZER;
static pthread_mutex_t b = PTHREAD_MUTEX_INITIALIZER;
static int balance;		/* guarded by a and b */

static void take_b_then_a(void)
{
	pthread_mutex_lock(&b);
	pthread_mutex_lock(&a);
	balance--;
	pthread_mutex_unlock(&a);
	pthread_mutex_unlock(&b);
}

static void *worker(void *arg)
{
	(void)arg;
	take_b_then_a();
	return NULL;
}

int main(void)
{
	pthread_t t;

	pthread_mutex_lock(&a);
	pthread_mutex_lock(&b);
	balance++;
	pthread_mutex_unlock(&b);
	pthread_mutex_unlock(&a);

	if (pthread_create(&t, NULL, worker, NULL) != 0)
		abort();
	pthread_join(t, NULL);
	return balance;
}

/*
 * check-name: ABBA between two global mutexes, main then a thread
 * check-command: fc-rt-run $file
 * check-exit-value: 1
 *
 * check-error-start
fearcheck: WARNING: possible circular locking dependency detected (lock-order inversion)
----------------------------------------------------------------------
thread T1 is trying to acquire lock:
 (a) at:
    #0 take_b_then_a abba-ko.c:21
    #1 worker abba-ko.c:30

but thread T1 already holds lock:
 (b) at:
    #0 take_b_then_a abba-ko.c:20
    #1 worker abba-ko.c:30

which lock already depends on the new lock.

the existing dependency chain (in reverse order) is:

-> #1 (b):
       taken by thread main while holding (a), at:
    #0 main abba-ko.c:39
       (a) was taken at:
    #0 main abba-ko.c:38

-> #0 (a):
       taken by thread T1 while holding (b), at:
    #0 take_b_then_a abba-ko.c:21
    #1 worker abba-ko.c:30
       (b) was taken at:
    #0 take_b_then_a abba-ko.c:20
    #1 worker abba-ko.c:30

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
 #0: (b), at: take_b_then_a abba-ko.c:20

the locks:
 (a): mutex, first taken at main abba-ko.c:38
 (b): mutex, first taken at main abba-ko.c:39
======================================================================
 * check-error-end
 */
