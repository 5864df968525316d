// SPDX-License-Identifier: MIT
/*
 * The locks are taken through wrapper functions, and the second lock of
 * one order is taken in a helper: the inversion is only visible through
 * the calls.
 */
#include <pthread.h>
#include <stdio.h>

static pthread_mutex_t stats_mu = PTHREAD_MUTEX_INITIALIZER;
static pthread_mutex_t cache_mu = PTHREAD_MUTEX_INITIALIZER;
static int hits, entries;

static void stats_lock(void)
{
	pthread_mutex_lock(&stats_mu);
}

static void stats_unlock(void)
{
	pthread_mutex_unlock(&stats_mu);
}

static void count_hit(void)
{
	stats_lock();
	hits++;
	stats_unlock();
}

static void *warn_lookup(void *arg)
{
	(void)arg;
	pthread_mutex_lock(&cache_mu);
	entries++;
	count_hit();
	pthread_mutex_unlock(&cache_mu);
	return NULL;
}

static void *warn_report(void *arg)
{
	(void)arg;
	stats_lock();
	pthread_mutex_lock(&cache_mu);
	printf("%d hits, %d entries\n", hits, entries);
	pthread_mutex_unlock(&cache_mu);
	stats_unlock();
	return NULL;
}

int main(void)
{
	pthread_t t1, t2;

	pthread_create(&t1, NULL, warn_lookup, NULL);
	pthread_create(&t2, NULL, warn_report, NULL);
	pthread_join(t1, NULL);
	pthread_join(t2, NULL);
	return 0;
}

/*
 * check-name: lock-order: inversion through lock wrappers and a helper
 * check-description: cache_mu -> stats_mu is taken in count_hit() via stats_lock(); the report shows the calls that lead to each acquisition.
 * check-exit-value: 1
 *
 * check-error-start
lock-order/wrappers-ko.c:16:2: warning: lock order inversion: 'stats_mu' acquired while holding 'cache_mu', elsewhere 'cache_mu' while holding 'stats_mu' [lock-order]
lock-order/wrappers-ko.c:34:2: note: thread 'warn_lookup' acquires 'cache_mu' here
lock-order/wrappers-ko.c:16:2: note: then 'stats_mu' here, while holding 'cache_mu'
lock-order/wrappers-ko.c:36:2: note: 'warn_lookup' calls 'count_hit' here
lock-order/wrappers-ko.c:26:2: note: 'count_hit' calls 'stats_lock' here
lock-order/wrappers-ko.c:56:2: note: thread 'warn_lookup' created here by thread 'main'
lock-order/wrappers-ko.c:16:2: note: thread 'warn_report' acquires 'stats_mu' here
lock-order/wrappers-ko.c:44:2: note: 'warn_report' calls 'stats_lock' here
lock-order/wrappers-ko.c:45:2: note: then 'cache_mu' here, while holding 'stats_mu'
lock-order/wrappers-ko.c:57:2: note: thread 'warn_report' created here by thread 'main'
 * check-error-end
 */
