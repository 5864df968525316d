// SPDX-License-Identifier: MIT
/*
 * The read-read exemption holds only for reader-preferring rwlocks.  With
 * PTHREAD_RWLOCK_PREFER_WRITER_NONRECURSIVE_NP a reader waits behind a
 * queued writer, so two readers taking x and y in opposite orders can
 * deadlock once a writer queues on each.  Reported.
 */
#define _GNU_SOURCE
#include <pthread.h>
#include <stdlib.h>

static pthread_rwlock_t x, y;

static void *x_then_y(void *arg)
{
	(void)arg;
	pthread_rwlock_rdlock(&x);
	pthread_rwlock_rdlock(&y);
	pthread_rwlock_unlock(&y);
	pthread_rwlock_unlock(&x);
	return NULL;
}

static void *y_then_x(void *arg)
{
	(void)arg;
	pthread_rwlock_rdlock(&y);
	pthread_rwlock_rdlock(&x);
	pthread_rwlock_unlock(&x);
	pthread_rwlock_unlock(&y);
	return NULL;
}

int main(void)
{
	pthread_rwlockattr_t attr;
	pthread_t t;

	pthread_rwlockattr_init(&attr);
	pthread_rwlockattr_setkind_np(&attr,
			PTHREAD_RWLOCK_PREFER_WRITER_NONRECURSIVE_NP);
	pthread_rwlock_init(&x, &attr);
	pthread_rwlock_init(&y, &attr);
	pthread_rwlockattr_destroy(&attr);

	if (pthread_create(&t, NULL, x_then_y, NULL) != 0)
		abort();
	pthread_join(t, NULL);
	if (pthread_create(&t, NULL, y_then_x, NULL) != 0)
		abort();
	pthread_join(t, NULL);
	pthread_rwlock_destroy(&x);
	pthread_rwlock_destroy(&y);
	return 0;
}

/*
 * check-name: read-only cycle on writer-preferring rwlocks
 * check-command: fc-rt-run $file
 * check-exit-value: 1
 *
 * check-error-start
fearcheck: WARNING: possible circular locking dependency detected (lock-order inversion)
----------------------------------------------------------------------
thread T2 is trying to acquire lock:
 (x) for reading at:
    #0 y_then_x rwlock-writer-pref-ko.c:28

but thread T2 already holds lock:
 (y) for reading at:
    #0 y_then_x rwlock-writer-pref-ko.c:27

which lock already depends on the new lock.

the existing dependency chain (in reverse order) is:

-> #1 (y):
       read-locked by thread T1 while holding (x), at:
    #0 x_then_y rwlock-writer-pref-ko.c:18
       (x) was read-locked at:
    #0 x_then_y rwlock-writer-pref-ko.c:17

-> #0 (x):
       read-locked by thread T2 while holding (y), at:
    #0 y_then_x rwlock-writer-pref-ko.c:28
       (y) was read-locked at:
    #0 y_then_x rwlock-writer-pref-ko.c:27

other info that might help us debug this:

 Possible unsafe locking scenario:

       T1                      T2
       ----                    ----
  rlock(x);
                               rlock(y);
                               rlock(x);
  rlock(y);

 *** DEADLOCK ***

1 lock held by T2:
 #0: (y) for reading, at: y_then_x rwlock-writer-pref-ko.c:27

the locks:
 (x): writer-preferring rwlock, initialised at main rwlock-writer-pref-ko.c:42
 (y): writer-preferring rwlock, initialised at main rwlock-writer-pref-ko.c:43
======================================================================
 * check-error-end
 */
