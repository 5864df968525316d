// SPDX-License-Identifier: MIT
/*
 * Ownership confused between threads: main locks the device and expects
 * the worker to unlock it when the device is ready.  A mutex belongs to
 * the thread that locked it; the worker unlocks one it does not hold
 * (undefined behaviour; use a semaphore or a condition variable to hand
 * over).  The unlock is hidden in a helper.
 */
#include <pthread.h>
#include <stdio.h>

static pthread_mutex_t dev_lock = PTHREAD_MUTEX_INITIALIZER;
static int dev_ready;

static void dev_release(void)
{
	pthread_mutex_unlock(&dev_lock);
}

static void *warn_bringup(void *arg)
{
	(void)arg;
	__atomic_store_n(&dev_ready, 1, __ATOMIC_RELEASE);
	dev_release();			/* main's lock, not ours */
	return NULL;
}

int main(void)
{
	pthread_t t;

	pthread_mutex_lock(&dev_lock);	/* "the worker unlocks it" */
	pthread_create(&t, NULL, warn_bringup, NULL);
	pthread_join(t, NULL);
	printf("%d\n", __atomic_load_n(&dev_ready, __ATOMIC_ACQUIRE));
	return 0;
}

/*
 * check-name: unlock-not-held: a thread unlocks the mutex its creator locked
 * check-description: Report the unlock in dev_release() called from warn_bringup, which never locks dev_lock.
 * check-exit-value: 1
 *
 * check-error-start
unlock-not-held/other-thread-ko.c:17:2: warning: releasing 'dev_lock' that is not held [unlock-not-held]
unlock-not-held/other-thread-ko.c:24:2: note: 'warn_bringup' calls 'dev_release' here
unlock-not-held/other-thread-ko.c:33:2: note: thread 'warn_bringup' created here by thread 'main', which holds 'dev_lock'
 * check-error-end
 */
