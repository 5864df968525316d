// SPDX-License-Identifier: MIT
/*
 * A crawler holds its lock while it walks, and a helper drops the lock
 * around each nap and takes it back before returning (memcached's LRU
 * crawler does this): the sleep holds no lock, and taking the lock back
 * in the helper is no double lock, although the caller holds the lock at
 * the call.  Silent.
 */
#include <pthread.h>
#include <stdio.h>
#include <unistd.h>

static pthread_mutex_t crawl_lock = PTHREAD_MUTEX_INITIALIZER;
static int crawled;			/* guarded by crawl_lock */

/* Called with crawl_lock held; returns with it held. */
static void good_nap(void)
{
	pthread_mutex_unlock(&crawl_lock);
	usleep(100);
	pthread_mutex_lock(&crawl_lock);
}

static void *good_crawler(void *arg)
{
	(void)arg;
	pthread_mutex_lock(&crawl_lock);
	for (int i = 0; i < 10; i++) {
		crawled++;
		good_nap();
	}
	pthread_mutex_unlock(&crawl_lock);
	return NULL;
}

int main(void)
{
	pthread_t t;

	pthread_create(&t, NULL, good_crawler, NULL);
	pthread_mutex_lock(&crawl_lock);
	crawled = 0;
	pthread_mutex_unlock(&crawl_lock);
	pthread_join(t, NULL);
	printf("%d\n", crawled);
	return 0;
}

/*
 * check-name: blocking-under-lock: a helper drops its caller's lock around a sleep
 * check-description: Stay silent: good_nap() unlocks crawl_lock before usleep and locks it again after, so the sleep holds nothing and the relock is no double lock.
 */
