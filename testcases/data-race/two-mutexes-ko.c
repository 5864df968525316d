// SPDX-License-Identifier: MIT
/*
 * Two threads both update the global cache_size, and both lock a mutex
 * to do it, but not the same one: the inserter takes insert_lock and
 * the evictor takes evict_lock.  Each lock only excludes the other
 * holders of that lock, so the two updates still run at once: holding
 * a lock is not enough, the two accesses need a lock in common.
 */
#include <pthread.h>
#include <stdio.h>

static pthread_mutex_t insert_lock = PTHREAD_MUTEX_INITIALIZER;
static pthread_mutex_t evict_lock = PTHREAD_MUTEX_INITIALIZER;
static long cache_size;

static void *warn_inserter(void *arg)
{
	(void)arg;
	for (int i = 0; i < 500; i++) {
		pthread_mutex_lock(&insert_lock);
		cache_size += 4;        /* races with the evictor */
		pthread_mutex_unlock(&insert_lock);
	}
	return NULL;
}

static void *warn_evictor(void *arg)
{
	(void)arg;
	for (int i = 0; i < 500; i++) {
		pthread_mutex_lock(&evict_lock);
		if (cache_size >= 4)    /* races with the inserter */
			cache_size -= 4;
		pthread_mutex_unlock(&evict_lock);
	}
	return NULL;
}

int main(void)
{
	pthread_t ins, evi;

	pthread_create(&ins, NULL, warn_inserter, NULL);
	pthread_create(&evi, NULL, warn_evictor, NULL);
	pthread_join(ins, NULL);
	pthread_join(evi, NULL);
	printf("cache size %ld\n", cache_size);
	return 0;
}

/*
 * check-name: data-race: two threads guard one variable with two different mutexes
 * check-description: Report cache_size in warn_inserter (insert_lock held) against warn_evictor (evict_lock held): no lock is common to both accesses.
 * check-tsan: race
 * check-exit-value: 1
 *
 * check-error-start
data-race/two-mutexes-ko.c:21:3: warning: data race on 'cache_size': write in thread 'warn_inserter' holding 'insert_lock' [data-race]
data-race/two-mutexes-ko.c:32:7: note: conflicting read in thread 'warn_evictor' holding 'evict_lock'
data-race/two-mutexes-ko.c:43:2: note: thread 'warn_inserter' created here by thread 'main'
data-race/two-mutexes-ko.c:44:2: note: thread 'warn_evictor' created here by thread 'main'
data-race/two-mutexes-ko.c:21:3: warning: data race on 'cache_size': write in thread 'warn_inserter' holding 'insert_lock' [data-race]
data-race/two-mutexes-ko.c:33:4: note: conflicting write in thread 'warn_evictor' holding 'evict_lock'
data-race/two-mutexes-ko.c:43:2: note: thread 'warn_inserter' created here by thread 'main'
data-race/two-mutexes-ko.c:44:2: note: thread 'warn_evictor' created here by thread 'main'
 * check-error-end
 */
