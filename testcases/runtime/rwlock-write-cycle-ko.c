// SPDX-License-Identifier: MIT
/*
 * Read locks do not excuse a cycle that has a writer in it: one thread
 * read-locks x then write-locks y, the other read-locks y then
 * write-locks x.  Each writer waits for the other's reader: a deadlock
 * had they overlapped.  The threads run apart in time.  Reported, with
 * the read acquisitions marked.
 */
#include <pthread.h>
#include <stdlib.h>

static pthread_rwlock_t x = PTHREAD_RWLOCK_INITIALIZER;
static pthread_rwlock_t y = PTHREAD_RWLOCK_INITIALIZER;

static void *read_x_write_y(void *arg)
{
	(void)arg;
	pthread_rwlock_rdlock(&x);
	pthread_rwlock_wrlock(&y);
	pthread_rwlock_unlock(&y);
	pthread_rwlock_unlock(&x);
	return NULL;
}

static void *read_y_write_x(void *arg)
{
	(void)arg;
	pthread_rwlock_rdlock(&y);
	pthread_rwlock_wrlock(&x);
	pthread_rwlock_unlock(&x);
	pthread_rwlock_unlock(&y);
	return NULL;
}

int main(void)
{
	pthread_t t;

	if (pthread_create(&t, NULL, read_x_write_y, NULL) != 0)
		abort();
	pthread_join(t, NULL);
	if (pthread_create(&t, NULL, read_y_write_x, NULL) != 0)
		abort();
	pthread_join(t, NULL);
	return 0;
}

/*
 * check-name: rwlock cycle with writers
 * check-command: fc-rt-run $file
 * check-exit-value: 1
 *
 * check-error-start
fearcheck: WARNING: possible circular locking dependency detected (lock-order inversion)
----------------------------------------------------------------------
thread T2 is trying to acquire lock:
 (x) at:
    #0 read_y_write_x rwlock-write-cycle-ko.c:29

but thread T2 already holds lock:
 (y) for reading at:
    #0 read_y_write_x rwlock-write-cycle-ko.c:28

which lock already depends on the new lock.

the existing dependency chain (in reverse order) is:

-> #1 (y):
       taken by thread T1 while holding (x), at:
    #0 read_x_write_y rwlock-write-cycle-ko.c:19
       (x) was read-locked at:
    #0 read_x_write_y rwlock-write-cycle-ko.c:18

-> #0 (x):
       taken by thread T2 while holding (y), at:
    #0 read_y_write_x rwlock-write-cycle-ko.c:29
       (y) was read-locked at:
    #0 read_y_write_x rwlock-write-cycle-ko.c:28

other info that might help us debug this:

 Possible unsafe locking scenario:

       T1                      T2
       ----                    ----
  rlock(x);
                               rlock(y);
                               lock(x);
  lock(y);

 *** DEADLOCK ***

1 lock held by T2:
 #0: (y) for reading, at: read_y_write_x rwlock-write-cycle-ko.c:28

the locks:
 (x): rwlock, first taken at read_x_write_y rwlock-write-cycle-ko.c:18
 (y): rwlock, first taken at read_x_write_y rwlock-write-cycle-ko.c:19
======================================================================
 * check-error-end
 */
