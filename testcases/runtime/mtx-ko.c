// SPDX-License-Identifier: MIT
/*
 * C11 threads: a recursive mtx_t re-entered by its owner is fine, but two
 * threads (thrd_create) taking two mtx_t in opposite orders, apart in
 * time, are an inversion.  Reported once.
 */
#include <stdlib.h>
#include <threads.h>

static mtx_t ledger, audit;

static int post(void *arg)
{
	(void)arg;
	mtx_lock(&ledger);
	mtx_lock(&ledger);	/* recursive: fine */
	mtx_lock(&audit);
	mtx_unlock(&audit);
	mtx_unlock(&ledger);
	mtx_unlock(&ledger);
	return 0;
}

static int review(void *arg)
{
	(void)arg;
	mtx_lock(&audit);
	mtx_lock(&ledger);
	mtx_unlock(&ledger);
	mtx_unlock(&audit);
	return 0;
}

int main(void)
{
	thrd_t t;

	if (mtx_init(&ledger, mtx_plain | mtx_recursive) != thrd_success ||
	    mtx_init(&audit, mtx_plain) != thrd_success)
		return 2;
	if (thrd_create(&t, post, NULL) != thrd_success)
		abort();
	thrd_join(t, NULL);
	if (thrd_create(&t, review, NULL) != thrd_success)
		abort();
	thrd_join(t, NULL);
	mtx_destroy(&ledger);
	mtx_destroy(&audit);
	return 0;
}

/*
 * check-name: C11 mtx_t: recursive re-entry fine, ABBA reported
 * check-command: fc-rt-run $file
 * check-exit-value: 1
 *
 * check-error-start
fearcheck: WARNING: possible circular locking dependency detected (lock-order inversion)
----------------------------------------------------------------------
thread T2 is trying to acquire lock:
 (ledger) at:
    #0 review mtx-ko.c:28

but thread T2 already holds lock:
 (audit) at:
    #0 review mtx-ko.c:27

which lock already depends on the new lock.

the existing dependency chain (in reverse order) is:

-> #1 (audit):
       taken by thread T1 while holding (ledger), at:
    #0 post mtx-ko.c:17
       (ledger) was taken at:
    #0 post mtx-ko.c:15

-> #0 (ledger):
       taken by thread T2 while holding (audit), at:
    #0 review mtx-ko.c:28
       (audit) was taken at:
    #0 review mtx-ko.c:27

other info that might help us debug this:

 Possible unsafe locking scenario:

       T1                      T2
       ----                    ----
  lock(ledger);
                               lock(audit);
                               lock(ledger);
  lock(audit);

 *** DEADLOCK ***

1 lock held by T2:
 #0: (audit), at: review mtx-ko.c:27

the locks:
 (ledger): mtx, initialised at main mtx-ko.c:38
 (audit): mtx, initialised at main mtx-ko.c:39
======================================================================
 * check-error-end
 */
