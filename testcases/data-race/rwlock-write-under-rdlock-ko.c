// SPDX-License-Identifier: MIT
/*
 * A cache is looked up under the read lock of its rwlock, and the
 * lookup also bumps the entry's hit counter, a write, under that same
 * read lock.  Read locks do not exclude each other, so two lookup
 * threads may hold it at once and both write entry->hits: a data race
 * that the lock does not prevent.  Rebuilding the cache takes the write
 * lock (not done here).
 */
#define _POSIX_C_SOURCE 200809L

#include <pthread.h>
#include <stdio.h>

struct entry {
	int key;
	int value;
	unsigned long hits;
};

static pthread_rwlock_t cache_lock = PTHREAD_RWLOCK_INITIALIZER;
static struct entry cache[4] = { { 1, 10, 0 }, { 2, 20, 0 }, { 3, 30, 0 },
				 { 4, 40, 0 } };

static int warn_lookup(int key)
{
	int value = -1;

	pthread_rwlock_rdlock(&cache_lock);
	for (int i = 0; i < 4; i++) {
		if (cache[i].key == key) {
			cache[i].hits++; /* a write under the read lock */
			value = cache[i].value;
		}
	}
	pthread_rwlock_unlock(&cache_lock);
	return value;
}

static void *warn_client(void *arg)
{
	long sum = 0;

	(void)arg;
	for (int i = 0; i < 100; i++)
		sum += warn_lookup(1 + i % 4);
	return (void *)sum;
}

int main(void)
{
	pthread_t a, b;

	pthread_create(&a, NULL, warn_client, NULL);
	pthread_create(&b, NULL, warn_client, NULL);
	pthread_join(a, NULL);
	pthread_join(b, NULL);
	printf("key 1: %lu hits\n", cache[0].hits);
	return 0;
}

/*
 * check-name: data-race: a write made under a read lock
 * check-description: Report cache[i].hits++ in warn_lookup: it holds cache_lock only for reading, which two client threads may do at once.
 * check-tsan: race
 * check-exit-value: 1
 *
 * check-error-start
data-race/rwlock-write-under-rdlock-ko.c:32:13: warning: data race on 'cache[].hits': write in thread 'warn_client' holding 'cache_lock' (for reading) [data-race]
data-race/rwlock-write-under-rdlock-ko.c:46:10: note: 'warn_client' calls 'warn_lookup' here
data-race/rwlock-write-under-rdlock-ko.c:32:13: note: conflicting write in thread 'warn_client' (another instance) holding 'cache_lock' (for reading)
data-race/rwlock-write-under-rdlock-ko.c:46:10: note: 'warn_client' calls 'warn_lookup' here
data-race/rwlock-write-under-rdlock-ko.c:54:2: note: thread 'warn_client' (many instances) created here by thread 'main'
data-race/rwlock-write-under-rdlock-ko.c:55:2: note: and here
 * check-error-end
 */
