// SPDX-License-Identifier: MIT
/*
 * The lock is taken again only where it is not held: after an unlock, on
 * the failure branch of a trylock, when a conditional-acquire helper
 * reports it did not get the lock, after a checked lock failed, and on
 * each turn of a loop that unlocks before it loops.  Error paths leave
 * through one cleanup label that unlocks.  Silent.
 */
#include <pthread.h>
#include <sched.h>
#include <stdio.h>

static pthread_mutex_t m = PTHREAD_MUTEX_INITIALIZER;
static int work_done;			/* guarded by m */

/* Returns 1 with m held, 0 without it. */
static int try_take(void)
{
	if (pthread_mutex_trylock(&m) == 0)
		return 1;
	return 0;
}

static void good_backoff(void)
{
	if (!try_take())
		pthread_mutex_lock(&m);	/* not held here */
	work_done++;
	pthread_mutex_unlock(&m);
}

static void good_trylock_else(void)
{
	if (pthread_mutex_trylock(&m) != 0) {
		sched_yield();
		pthread_mutex_lock(&m);
	}
	work_done++;
	pthread_mutex_unlock(&m);
}

static int good_checked(void)
{
	if (pthread_mutex_lock(&m) != 0)
		return -1;
	work_done++;
	pthread_mutex_unlock(&m);
	pthread_mutex_lock(&m);
	work_done++;
	pthread_mutex_unlock(&m);
	return 0;
}

static int good_cleanup(int n)
{
	int err = 0;

	for (int i = 0; i < n; i++) {
		pthread_mutex_lock(&m);
		if (work_done > 1000) {
			err = -1;
			goto out;
		}
		work_done++;
		pthread_mutex_unlock(&m);
	}
	pthread_mutex_lock(&m);
	work_done++;
out:
	pthread_mutex_unlock(&m);
	return err;
}

static void *good_worker(void *arg)
{
	(void)arg;
	good_backoff();
	good_trylock_else();
	good_checked();
	good_cleanup(3);
	return NULL;
}

int main(void)
{
	pthread_t a, b;

	pthread_create(&a, NULL, good_worker, NULL);
	pthread_create(&b, NULL, good_worker, NULL);
	pthread_join(a, NULL);
	pthread_join(b, NULL);
	printf("%d\n", work_done);
	return 0;
}

/*
 * check-name: double-lock: relocking where the lock is not held
 * check-description: Stay silent: after a failed trylock, after a conditional-acquire helper returned 0, after an unlock, in a loop that unlocks each turn, and through a goto cleanup label.
 */
