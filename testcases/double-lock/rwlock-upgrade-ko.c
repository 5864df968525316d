// SPDX-License-Identifier: MIT
/*
 * A cache reader holds the rwlock for reading, finds a stale entry and
 * "upgrades" by write-locking it without unlocking first.  POSIX rwlocks
 * have no upgrade: the writer waits for all readers to leave, itself
 * included.  A timed lock of a mutex its caller already holds is no
 * deadlock, but it can only wait out its timeout and fail.
 */
#define _POSIX_C_SOURCE 200809L

#include <pthread.h>
#include <stdio.h>
#include <time.h>

static pthread_rwlock_t cache_lock = PTHREAD_RWLOCK_INITIALIZER;
static int cache_value;			/* guarded by cache_lock */
static int cache_stale = 1;		/* guarded by cache_lock */

static pthread_mutex_t log_lock = PTHREAD_MUTEX_INITIALIZER;
static int log_lines;			/* guarded by log_lock */

static void *warn_refresh(void *arg)
{
	int v;

	(void)arg;
	pthread_rwlock_rdlock(&cache_lock);
	if (cache_stale) {
		pthread_rwlock_wrlock(&cache_lock);	/* no upgrade */
		cache_value = 42;
		cache_stale = 0;
	}
	v = cache_value;
	pthread_rwlock_unlock(&cache_lock);
	return (void *)(long)v;
}

static int log_line(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_REALTIME, &ts);
	ts.tv_sec += 1;
	if (pthread_mutex_timedlock(&log_lock, &ts) != 0)
		return -1;
	log_lines++;
	pthread_mutex_unlock(&log_lock);
	return 0;
}

static void *warn_logger(void *arg)
{
	(void)arg;
	pthread_mutex_lock(&log_lock);
	log_lines = 0;
	log_line();			/* times out on our own lock */
	pthread_mutex_unlock(&log_lock);
	return NULL;
}

int main(void)
{
	pthread_t a, b;

	pthread_create(&a, NULL, warn_refresh, NULL);
	pthread_create(&b, NULL, warn_logger, NULL);
	pthread_join(a, NULL);
	pthread_join(b, NULL);
	printf("%d %d\n", cache_value, log_lines);
	return 0;
}

/*
 * check-name: double-lock: rwlock write-locked while read-locked, timed relock
 * check-description: Report the pthread_rwlock_wrlock in warn_refresh (the thread holds cache_lock for reading) and the pthread_mutex_timedlock in log_line() reached from warn_logger with log_lock held.
 * check-exit-value: 1
 *
 * check-error-start
double-lock/rwlock-upgrade-ko.c:29:3: warning: write-locking 'cache_lock' that this thread already holds for reading: self-deadlock [double-lock]
double-lock/rwlock-upgrade-ko.c:27:2: note: 'cache_lock' first acquired here
double-lock/rwlock-upgrade-ko.c:44:6: warning: acquiring 'log_lock' that is already held: the timed lock can only time out [double-lock]
double-lock/rwlock-upgrade-ko.c:56:2: note: 'warn_logger' calls 'log_line' here
double-lock/rwlock-upgrade-ko.c:54:2: note: 'log_lock' first acquired here
 * check-error-end
 */
