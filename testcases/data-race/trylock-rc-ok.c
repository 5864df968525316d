// SPDX-License-Identifier: MIT
/*
 * The trylock result is kept in a variable before it is tested.  The
 * sampler stores pthread_mutex_trylock's result in rc and writes the
 * shared histogram only under if (rc == 0); the compactor skips the
 * round with if (rc != 0) continue; and writes after that test, where
 * the lock is held too.  A checker has to follow rc to the branch that
 * holds the lock.
 */
#include <pthread.h>
#include <stdio.h>

static pthread_mutex_t hist_lock = PTHREAD_MUTEX_INITIALIZER;
static unsigned long hist[8];           /* guarded by hist_lock */

static void *good_sampler(void *arg)
{
	(void)arg;
	for (int i = 0; i < 1000; i++) {
		int rc = pthread_mutex_trylock(&hist_lock);

		if (rc == 0) {
			hist[i % 8]++;
			pthread_mutex_unlock(&hist_lock);
		}
	}
	return NULL;
}

static void *good_compactor(void *arg)
{
	(void)arg;
	for (int i = 0; i < 1000; i++) {
		int rc = pthread_mutex_trylock(&hist_lock);

		if (rc != 0)
			continue;
		hist[i % 8] /= 2;
		pthread_mutex_unlock(&hist_lock);
	}
	return NULL;
}

int main(void)
{
	pthread_t sampler, compactor;
	unsigned long total = 0;

	pthread_create(&sampler, NULL, good_sampler, NULL);
	pthread_create(&compactor, NULL, good_compactor, NULL);
	pthread_join(sampler, NULL);
	pthread_join(compactor, NULL);
	for (int i = 0; i < 8; i++)
		total += hist[i];
	printf("%lu samples left\n", total);
	return 0;
}

/*
 * check-name: data-race: trylock result kept in a variable
 * check-description: Stay silent: hist is written only where rc = pthread_mutex_trylock(&hist_lock) is known to be 0 (if (rc == 0), or after if (rc != 0) continue;).
 * check-tsan: clean
 */
