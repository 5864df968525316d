// SPDX-License-Identifier: MIT
/*
 * A thread returns while holding a lock (an early return skipped the
 * unlock).  Whoever takes the lock next waits forever; the tracker reports
 * the exit with the lock still held and where it was taken.
 */
#include <pthread.h>
#include <stdlib.h>

static pthread_mutex_t queue_lock = PTHREAD_MUTEX_INITIALIZER;
static int queue_len;		/* guarded by queue_lock */

static void *consumer(void *arg)
{
	(void)arg;
	pthread_mutex_lock(&queue_lock);
	if (queue_len == 0)
		return NULL;	/* leaks queue_lock */
	queue_len--;
	pthread_mutex_unlock(&queue_lock);
	return NULL;
}

int main(void)
{
	pthread_t t;

	if (pthread_create(&t, NULL, consumer, NULL) != 0)
		abort();
	pthread_join(t, NULL);
	return 0;
}

/*
 * check-name: thread exit with a lock held
 * check-command: fc-rt-run $file
 * check-exit-value: 1
 *
 * check-error-start
fearcheck: WARNING: thread exiting with locks held (lock leak)
----------------------------------------------------------------------
thread T1 is exiting while holding 1 lock:
 #0: (queue_lock), taken at:
    #0 consumer exit-held-ko.c:16

whoever takes them next waits forever.

the locks:
 (queue_lock): mutex, first taken at consumer exit-held-ko.c:16
======================================================================
 * check-error-end
 */
