// SPDX-License-Identifier: MIT
/*
 * Two workers flush their progress if the stats lock is free, and
 * otherwise count a deferral in the global nr_deferred, in the else
 * branch of the trylock, where the lock is not held.  Both workers can
 * take that branch at once, so the increments race.  Here main holds
 * the stats lock for as long as the workers run (it is rebuilding the
 * stats), so every trylock fails and the failure branch runs on every
 * run.
 */
#define _POSIX_C_SOURCE 200809L

#include <pthread.h>
#include <stdio.h>
#include <time.h>

static pthread_mutex_t stats_lock = PTHREAD_MUTEX_INITIALIZER;
static unsigned long nr_flushed;        /* guarded by stats_lock */
static unsigned long nr_deferred;

static void msleep(long ms)
{
	struct timespec ts = { ms / 1000, ms % 1000 * 1000000L };

	nanosleep(&ts, NULL);
}

static void *warn_worker(void *arg)
{
	(void)arg;
	for (int i = 0; i < 3; i++) {
		if (pthread_mutex_trylock(&stats_lock) == 0) {
			nr_flushed++;
			pthread_mutex_unlock(&stats_lock);
		} else {
			nr_deferred++;  /* lock not held: races */
		}
		msleep(1);
	}
	return NULL;
}

int main(void)
{
	pthread_t a, b;

	pthread_mutex_lock(&stats_lock);
	pthread_create(&a, NULL, warn_worker, NULL);
	pthread_create(&b, NULL, warn_worker, NULL);
	nr_flushed = 0;                 /* rebuild, under the lock */
	pthread_join(a, NULL);
	pthread_join(b, NULL);
	pthread_mutex_unlock(&stats_lock);
	printf("%lu flushed, %lu deferred\n", nr_flushed, nr_deferred);
	return 0;
}

/*
 * check-name: data-race: write in the failure branch of a trylock
 * check-description: Report nr_deferred++ in the else branch of if (pthread_mutex_trylock(&stats_lock) == 0), where no lock is held, run by two workers.
 * check-tsan: race
 * check-exit-value: 1
 *
 * check-error-start
data-race/trylock-else-ko.c:36:4: warning: data race on 'nr_deferred': write in thread 'warn_worker' holding no lock [data-race]
data-race/trylock-else-ko.c:36:4: note: conflicting write in thread 'warn_worker' (another instance) holding no lock
data-race/trylock-else-ko.c:48:2: note: thread 'warn_worker' (many instances) created here by thread 'main'
data-race/trylock-else-ko.c:49:2: note: and here
 * check-error-end
 */
