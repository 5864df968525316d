// SPDX-License-Identifier: MIT
/*
 * Every path out unlocks: error paths jump to one cleanup label, an early
 * return unlocks first, a loop breaks out and unlocks after it, a thread
 * unlocks before pthread_exit, and a function releases on some paths a
 * lock its caller took (the caller's business, not a leak).  Silent.
 */
#include <errno.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>

static pthread_mutex_t pool_lock = PTHREAD_MUTEX_INITIALIZER;
static int pool_free = 4;		/* guarded by pool_lock */

static int good_take(int n)
{
	int err = 0;

	pthread_mutex_lock(&pool_lock);
	if (n <= 0) {
		err = -EINVAL;
		goto out;
	}
	if (pool_free < n) {
		err = -EAGAIN;
		goto out;
	}
	pool_free -= n;
out:
	pthread_mutex_unlock(&pool_lock);
	return err;
}

static int good_give(int n)
{
	pthread_mutex_lock(&pool_lock);
	if (n <= 0) {
		pthread_mutex_unlock(&pool_lock);
		return -EINVAL;
	}
	pool_free += n;
	pthread_mutex_unlock(&pool_lock);
	return 0;
}

static void good_drain(void)
{
	pthread_mutex_lock(&pool_lock);
	for (;;) {
		if (pool_free == 0)
			break;
		pool_free--;
	}
	pthread_mutex_unlock(&pool_lock);
}

/* Called with pool_lock held; drops it when it gives up. */
static int good_unlock_on_error(int n)
{
	if (n > 100) {
		pthread_mutex_unlock(&pool_lock);
		return -1;
	}
	pool_free += n;
	return 0;
}

static void *good_worker(void *arg)
{
	long n = (long)arg;

	if (good_take((int)n) == 0)
		good_give((int)n);
	good_drain();
	pthread_mutex_lock(&pool_lock);
	if (good_unlock_on_error((int)n) == 0)
		pthread_mutex_unlock(&pool_lock);
	pthread_mutex_lock(&pool_lock);
	if (pool_free < 0) {
		pthread_mutex_unlock(&pool_lock);
		pthread_exit(NULL);
	}
	pthread_mutex_unlock(&pool_lock);
	return NULL;
}

int main(void)
{
	pthread_t a, b;

	pthread_create(&a, NULL, good_worker, (void *)2L);
	pthread_create(&b, NULL, good_worker, (void *)3L);
	pthread_join(a, NULL);
	pthread_join(b, NULL);
	printf("%d\n", pool_free);
	return 0;
}

/*
 * check-name: lock-leak: every path out unlocks
 * check-description: Stay silent: goto cleanup, unlock before an early return, break out of a loop then unlock, unlock before pthread_exit, and a helper that releases its caller's lock on its error path.
 */
