// SPDX-License-Identifier: MIT
/*
 * `fearcheck run` on a program with an inversion: the program itself
 * exits 0, but the tracker reported, so fearcheck run exits 1.  Its
 * output is passed through untouched.
 */
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>

static pthread_mutex_t a = PTHREAD_MUTEX_INITIALIZER;
static pthread_mutex_t b = PTHREAD_MUTEX_INITIALIZER;

static void *b_then_a(void *arg)
{
	(void)arg;
	pthread_mutex_lock(&b);
	pthread_mutex_lock(&a);
	pthread_mutex_unlock(&a);
	pthread_mutex_unlock(&b);
	return NULL;
}

int main(void)
{
	pthread_t t;

	pthread_mutex_lock(&a);
	pthread_mutex_lock(&b);
	pthread_mutex_unlock(&b);
	pthread_mutex_unlock(&a);
	if (pthread_create(&t, NULL, b_then_a, NULL) != 0)
		abort();
	pthread_join(t, NULL);
	printf("done\n");
	return 0;
}

/*
 * check-name: fearcheck run: exit 1 when the tracker reported
 * check-command: fc-rt-run --run $file
 * check-exit-value: 1
 *
 * check-output-start
done
 * check-output-end
 *
 * check-error-start
fearcheck: WARNING: possible circular locking dependency detected (lock-order inversion)
----------------------------------------------------------------------
thread T1 is trying to acquire lock:
 (a) at:
    #0 b_then_a run-ko.c:18

but thread T1 already holds lock:
 (b) at:
    #0 b_then_a run-ko.c:17

which lock already depends on the new lock.

the existing dependency chain (in reverse order) is:

-> #1 (b):
       taken by thread main while holding (a), at:
    #0 main run-ko.c:29
       (a) was taken at:
    #0 main run-ko.c:28

-> #0 (a):
       taken by thread T1 while holding (b), at:
    #0 b_then_a run-ko.c:18
       (b) was taken at:
    #0 b_then_a run-ko.c:17

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
 #0: (b), at: b_then_a run-ko.c:17

the locks:
 (a): mutex, first taken at main run-ko.c:28
 (b): mutex, first taken at main run-ko.c:29
======================================================================
 * check-error-end
 */
