// SPDX-License-Identifier: MIT
/*
 * A plain double lock hangs for good; with abort=1 the tracker aborts the
 * program right after its report instead (exit status 134, SIGABRT).
 */
#include <pthread.h>

static pthread_mutex_t m = PTHREAD_MUTEX_INITIALIZER;

int main(void)
{
	pthread_mutex_lock(&m);
	pthread_mutex_lock(&m);
	pthread_mutex_unlock(&m);
	return 0;
}

/*
 * check-name: double lock with abort=1
 * check-command: fc-rt-run -o abort=1 $file
 * check-exit-value: 134
 *
 * check-error-start
fearcheck: WARNING: possible recursive locking detected (double lock)
----------------------------------------------------------------------
thread main is trying to acquire lock:
 (m) at:
    #0 main double-lock-abort-ko.c:13

but thread main already holds lock:
 (m) at:
    #0 main double-lock-abort-ko.c:12

and (m) is not a recursive lock: this acquisition waits for itself.

other info that might help us debug this:

 Possible unsafe locking scenario:

       main
       ----
  lock(m);
  lock(m);

 *** DEADLOCK ***

1 lock held by main:
 #0: (m), at: main double-lock-abort-ko.c:12

the locks:
 (m): mutex, first taken at main double-lock-abort-ko.c:12
======================================================================
Aborted
 * check-error-end
 */
