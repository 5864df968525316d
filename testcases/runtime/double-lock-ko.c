// SPDX-License-Identifier: MIT
/*
 * A normal mutex locked again by the thread that holds it waits for
 * itself forever.  Here the second acquisition is a timed one, so the run
 * ends (with ETIMEDOUT) after 50 ms; the tracker reports the recursive
 * locking before the wait.
 */
#include <errno.h>
#include <pthread.h>
#include <stdlib.h>
#include <time.h>

static pthread_mutex_t table = PTHREAD_MUTEX_INITIALIZER;

static int lookup(void)
{
	struct timespec ts;
	int err;

	clock_gettime(CLOCK_REALTIME, &ts);
	ts.tv_nsec += 50 * 1000 * 1000;
	if (ts.tv_nsec >= 1000000000) {
		ts.tv_sec++;
		ts.tv_nsec -= 1000000000;
	}
	err = pthread_mutex_timedlock(&table, &ts);
	if (!err)
		pthread_mutex_unlock(&table);
	return err;
}

int main(void)
{
	int err;

	pthread_mutex_lock(&table);
	err = lookup();		/* forgot that main holds table */
	pthread_mutex_unlock(&table);
	return err == ETIMEDOUT ? 0 : 2;
}

/*
 * check-name: non-recursive mutex relocked by its holder
 * check-command: fc-rt-run $file
 * check-exit-value: 1
 *
 * check-error-start
fearcheck: WARNING: possible recursive locking detected (double lock)
----------------------------------------------------------------------
thread main is trying to acquire lock:
 (table) at:
    #0 lookup double-lock-ko.c:26
    #1 main double-lock-ko.c:37

but thread main already holds lock:
 (table) at:
    #0 main double-lock-ko.c:36

and (table) is not a recursive lock: this acquisition waits for itself.

other info that might help us debug this:

 Possible unsafe locking scenario:

       main
       ----
  lock(table);
  lock(table);

 *** DEADLOCK ***

1 lock held by main:
 #0: (table), at: main double-lock-ko.c:36

the locks:
 (table): mutex, first taken at main double-lock-ko.c:36
======================================================================
 * check-error-end
 */
