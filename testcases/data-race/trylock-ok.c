// SPDX-License-Identifier: MIT
/*
 * Two workers publish progress opportunistically: each round they try
 * the stats lock with pthread_mutex_trylock and, only when it succeeds,
 * add their pending work to the global nr_done and unlock.  When the
 * lock is busy they keep the work pending in a local and try again next
 * round; after the loop they add the rest under a blocking lock.  The
 * global is written only on the trylock's success branch or under
 * pthread_mutex_lock, so nothing races.
 */
#include <pthread.h>
#include <stdio.h>

static pthread_mutex_t stats_lock = PTHREAD_MUTEX_INITIALIZER;
static unsigned long nr_done;           /* guarded by stats_lock */

static void *good_worker(void *arg)
{
	unsigned long pending = 0;

	(void)arg;
	for (int i = 0; i < 1000; i++) {
		pending++;
		if (pthread_mutex_trylock(&stats_lock) == 0) {
			nr_done += pending;
			pthread_mutex_unlock(&stats_lock);
			pending = 0;
		}
	}
	pthread_mutex_lock(&stats_lock);
	nr_done += pending;
	pthread_mutex_unlock(&stats_lock);
	return NULL;
}

int main(void)
{
	pthread_t a, b;

	pthread_create(&a, NULL, good_worker, NULL);
	pthread_create(&b, NULL, good_worker, NULL);
	pthread_join(a, NULL);
	pthread_join(b, NULL);
	printf("%lu done\n", nr_done);
	return 0;
}

/*
 * check-name: data-race: write only on the success branch of a trylock
 * check-description: Stay silent: nr_done is written inside if (pthread_mutex_trylock(&stats_lock) == 0), where the lock is held, or after pthread_mutex_lock.
 * check-tsan: clean
 */
