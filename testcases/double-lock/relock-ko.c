// SPDX-License-Identifier: MIT
/*
 * A worker takes the stats lock, and on the slow path calls a helper
 * that takes it again: a default pthread mutex is not recursive, so the
 * thread waits for itself forever.  The helper is fine on its own; the
 * bug is calling it with the lock held.  A second worker locks the same
 * mutex twice in a row, the plainest self-deadlock.
 */
#include <pthread.h>
#include <stdio.h>

static pthread_mutex_t stats_lock = PTHREAD_MUTEX_INITIALIZER;
static long hits, misses;		/* guarded by stats_lock */

static void count_miss(void)
{
	pthread_mutex_lock(&stats_lock);
	misses++;
	pthread_mutex_unlock(&stats_lock);
}

static void *warn_lookup(void *arg)
{
	long key = (long)arg;

	pthread_mutex_lock(&stats_lock);
	if (key & 1)
		hits++;
	else
		count_miss();		/* takes stats_lock again */
	pthread_mutex_unlock(&stats_lock);
	return NULL;
}

static void *warn_reset(void *arg)
{
	(void)arg;
	pthread_mutex_lock(&stats_lock);
	pthread_mutex_lock(&stats_lock);
	hits = 0;
	misses = 0;
	pthread_mutex_unlock(&stats_lock);
	return NULL;
}

int main(void)
{
	pthread_t a, b;

	pthread_create(&a, NULL, warn_lookup, (void *)2L);
	pthread_create(&b, NULL, warn_reset, NULL);
	pthread_join(a, NULL);
	pthread_join(b, NULL);
	printf("%ld hits, %ld misses\n", hits, misses);
	return 0;
}

/*
 * check-name: double-lock: a mutex locked again by its holder, directly and through a call
 * check-description: Report count_miss()'s pthread_mutex_lock, reached with stats_lock held from warn_lookup, and the second pthread_mutex_lock in warn_reset.
 * check-exit-value: 1
 *
 * check-error-start
double-lock/relock-ko.c:17:2: warning: acquiring 'stats_lock' that is already held: self-deadlock [double-lock]
double-lock/relock-ko.c:30:3: note: 'warn_lookup' calls 'count_miss' here
double-lock/relock-ko.c:26:2: note: 'stats_lock' first acquired here
double-lock/relock-ko.c:39:2: warning: acquiring 'stats_lock' that is already held: self-deadlock [double-lock]
double-lock/relock-ko.c:38:2: note: 'stats_lock' first acquired here
 * check-error-end
 */
