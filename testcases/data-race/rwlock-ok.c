// SPDX-License-Identifier: MIT
/*
 * A routing table guarded by a pthread rwlock: three lookup threads
 * read it under the read lock, concurrently with each other, while an
 * updater thread changes routes under the write lock.  Reads under read
 * locks may overlap; every write holds the write lock, which excludes
 * the readers, so nothing races.
 */
#define _POSIX_C_SOURCE 200809L

#include <pthread.h>
#include <stdio.h>

#define NR_ROUTES 16
#define NR_LOOKUPS 3

static pthread_rwlock_t routes_lock = PTHREAD_RWLOCK_INITIALIZER;
static int routes[NR_ROUTES];           /* guarded by routes_lock */

static void *good_lookup(void *arg)
{
	long hits = 0;

	(void)arg;
	for (int i = 0; i < 200; i++) {
		pthread_rwlock_rdlock(&routes_lock);
		if (routes[i % NR_ROUTES] != 0)
			hits++;
		pthread_rwlock_unlock(&routes_lock);
	}
	return (void *)hits;
}

static void *good_updater(void *arg)
{
	(void)arg;
	for (int i = 0; i < 50; i++) {
		pthread_rwlock_wrlock(&routes_lock);
		routes[i % NR_ROUTES] = i + 1;
		pthread_rwlock_unlock(&routes_lock);
	}
	return NULL;
}

int main(void)
{
	pthread_t lookups[NR_LOOKUPS], updater;

	for (int i = 0; i < NR_LOOKUPS; i++)
		pthread_create(&lookups[i], NULL, good_lookup, NULL);
	pthread_create(&updater, NULL, good_updater, NULL);
	for (int i = 0; i < NR_LOOKUPS; i++)
		pthread_join(lookups[i], NULL);
	pthread_join(updater, NULL);
	printf("route 0 -> %d\n", routes[0]);
	return 0;
}

/*
 * check-name: data-race: readers under a read lock and a writer under the write lock
 * check-description: Stay silent: good_lookup only reads routes under rdlock, which may overlap, and good_updater writes under wrlock.
 * check-tsan: clean
 */
