// SPDX-License-Identifier: MIT
/*
 * Two maintenance workers each try up to three times to take the table
 * lock with pthread_mutex_trylock, bump the table generation and leave.
 * After each failed attempt they count the contention in the global
 * nr_busy and sleep a millisecond; that write comes after the failed
 * trylock, with no lock held, so the two workers race on it.  main
 * holds the table lock while the workers run (it is rebuilding the
 * table), so every attempt fails and the racy path runs on every run.
 */
#define _POSIX_C_SOURCE 200809L

#include <pthread.h>
#include <stdio.h>
#include <time.h>

static pthread_mutex_t table_lock = PTHREAD_MUTEX_INITIALIZER;
static unsigned long table_gen;         /* guarded by table_lock */
static unsigned long nr_busy;

static void msleep(long ms)
{
	struct timespec ts = { ms / 1000, ms % 1000 * 1000000L };

	nanosleep(&ts, NULL);
}

static void *warn_maintainer(void *arg)
{
	(void)arg;
	for (int tries = 0; tries < 3; tries++) {
		if (pthread_mutex_trylock(&table_lock) == 0) {
			table_gen++;
			pthread_mutex_unlock(&table_lock);
			return NULL;
		}
		nr_busy++;              /* after a failed trylock: races */
		msleep(1);
	}
	return NULL;
}

int main(void)
{
	pthread_t a, b;

	pthread_mutex_lock(&table_lock);
	pthread_create(&a, NULL, warn_maintainer, NULL);
	pthread_create(&b, NULL, warn_maintainer, NULL);
	table_gen = 1;                  /* rebuild, under the lock */
	pthread_join(a, NULL);
	pthread_join(b, NULL);
	pthread_mutex_unlock(&table_lock);
	printf("generation %lu, busy %lu\n", table_gen, nr_busy);
	return 0;
}

/*
 * check-name: data-race: write after a failed trylock
 * check-description: Report nr_busy++ in warn_maintainer: it runs only when pthread_mutex_trylock(&table_lock) did not return 0, so no lock is held, in two workers.
 * check-tsan: race
 * check-exit-value: 1
 *
 * check-error-start
data-race/trylock-busy-ko.c:37:3: warning: data race on 'nr_busy': write in thread 'warn_maintainer' holding no lock [data-race]
data-race/trylock-busy-ko.c:37:3: note: conflicting write in thread 'warn_maintainer' (another instance) holding no lock
data-race/trylock-busy-ko.c:48:2: note: thread 'warn_maintainer' (many instances) created here by thread 'main'
data-race/trylock-busy-ko.c:49:2: note: and here
 * check-error-end
 */
