// SPDX-License-Identifier: MIT
/*
 * A double unlock: the error path releases a lock the normal path has
 * already released.  The error-checking mutex returns EPERM; the tracker
 * reports that no thread holds it.
 */
#define _GNU_SOURCE
#include <pthread.h>

static pthread_mutex_t m = PTHREAD_ERRORCHECK_MUTEX_INITIALIZER_NP;

static int update(int fail)
{
	pthread_mutex_lock(&m);
	pthread_mutex_unlock(&m);
	if (fail)
		goto err;
	return 0;
err:
	pthread_mutex_unlock(&m);
	return -1;
}

int main(void)
{
	return update(1) == -1 ? 0 : 2;
}

/*
 * check-name: unlock of a lock no thread holds
 * check-command: fc-rt-run $file
 * check-exit-value: 1
 *
 * check-error-start
fearcheck: WARNING: bad unlock balance detected (unlock of a lock not held)
----------------------------------------------------------------------
thread main is trying to release lock:
 (m) at:
    #0 update unlock-twice-ko.c:20
    #1 main unlock-twice-ko.c:26

but no thread holds it.

no locks held by main.

the locks:
 (m): mutex, first taken at update unlock-twice-ko.c:14
======================================================================
 * check-error-end
 */
