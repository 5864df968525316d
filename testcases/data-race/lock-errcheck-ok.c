// SPDX-License-Identifier: MIT
/*
 * Error-checked locking.  The worker aborts if pthread_mutex_lock
 * fails, `if (pthread_mutex_lock(&m) != 0) abort();`, and the auditor
 * gives up and returns when it fails.  Either way the code after the
 * check runs only with the lock held, so the accesses to the shared
 * balance are all locked.  The mutex is an error-checking one, as such
 * code often uses.
 */
#define _POSIX_C_SOURCE 200809L

#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>

static pthread_mutex_t balance_lock;
static long balance;                    /* guarded by balance_lock */
static long audited;

static void *good_worker(void *arg)
{
	(void)arg;
	for (int i = 0; i < 500; i++) {
		if (pthread_mutex_lock(&balance_lock) != 0)
			abort();
		balance += 2;
		if (pthread_mutex_unlock(&balance_lock) != 0)
			abort();
	}
	return NULL;
}

static void *good_auditor(void *arg)
{
	long *seen = arg;

	for (int i = 0; i < 100; i++) {
		int err = pthread_mutex_lock(&balance_lock);

		if (err) {
			fprintf(stderr, "audit: lock failed: %d\n", err);
			return NULL;
		}
		if (balance % 2)
			balance--;
		*seen = balance;
		pthread_mutex_unlock(&balance_lock);
	}
	return NULL;
}

int main(void)
{
	pthread_mutexattr_t attr;
	pthread_t worker, auditor;

	pthread_mutexattr_init(&attr);
	pthread_mutexattr_settype(&attr, PTHREAD_MUTEX_ERRORCHECK);
	pthread_mutex_init(&balance_lock, &attr);
	pthread_mutexattr_destroy(&attr);
	pthread_create(&worker, NULL, good_worker, NULL);
	pthread_create(&auditor, NULL, good_auditor, &audited);
	pthread_join(worker, NULL);
	pthread_join(auditor, NULL);
	pthread_mutex_destroy(&balance_lock);
	printf("balance %ld, last audited %ld\n", balance, audited);
	return 0;
}

/*
 * check-name: data-race: error-checked pthread_mutex_lock
 * check-description: Stay silent: after if (pthread_mutex_lock(&balance_lock) != 0) abort(); (or an early return on error) the lock is held, so balance is always accessed locked.
 * check-tsan: clean
 */
