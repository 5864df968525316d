// SPDX-License-Identifier: MIT
/*
 * Functions that return with the lock held on some paths by design, and
 * say so with their return value (sparse's __cond_acquires): a trylock
 * wrapper returning 1 when it got the lock, a lookup returning its entry
 * locked or NULL, a begin() returning 0 with the lock held that its
 * caller pairs with end(), and a lock wrapper that always returns the
 * lock held.  Silent.
 */
#include <errno.h>
#include <pthread.h>
#include <stdio.h>

struct entry {
	pthread_mutex_t mu;
	int key;
	int value;			/* guarded by mu */
};

static struct entry entries[4] = {
	{ .mu = PTHREAD_MUTEX_INITIALIZER, .key = 1 },
	{ .mu = PTHREAD_MUTEX_INITIALIZER, .key = 2 },
	{ .mu = PTHREAD_MUTEX_INITIALIZER, .key = 3 },
	{ .mu = PTHREAD_MUTEX_INITIALIZER, .key = 4 },
};

static pthread_mutex_t db_lock = PTHREAD_MUTEX_INITIALIZER;
static int db_closed;			/* guarded by db_lock */
static int db_rows;			/* guarded by db_lock */

/* Returns 1 with db_lock held, 0 without it. */
static int good_db_trylock(void)
{
	if (pthread_mutex_trylock(&db_lock) == 0)
		return 1;
	return 0;
}

/* Returns the entry for key with its mutex held, or NULL. */
static struct entry *good_lookup(int key)
{
	for (int i = 0; i < 4; i++) {
		struct entry *e = &entries[i];

		pthread_mutex_lock(&e->mu);
		if (e->key == key)
			return e;
		pthread_mutex_unlock(&e->mu);
	}
	return NULL;
}

/* Returns 0 with db_lock held (end() releases it), or -EBADF. */
static int good_db_begin(void)
{
	pthread_mutex_lock(&db_lock);
	if (db_closed) {
		pthread_mutex_unlock(&db_lock);
		return -EBADF;
	}
	return 0;
}

static void good_db_end(void)
{
	pthread_mutex_unlock(&db_lock);
}

static void good_db_lock(void)
{
	pthread_mutex_lock(&db_lock);
}

static void *good_client(void *arg)
{
	struct entry *e = good_lookup((int)(long)arg);

	if (e) {
		e->value++;
		pthread_mutex_unlock(&e->mu);
	}
	if (good_db_begin() == 0) {
		db_rows++;
		good_db_end();
	}
	if (good_db_trylock()) {
		db_rows++;
		pthread_mutex_unlock(&db_lock);
	}
	good_db_lock();
	db_rows--;
	pthread_mutex_unlock(&db_lock);
	return NULL;
}

int main(void)
{
	pthread_t a, b;

	pthread_create(&a, NULL, good_client, (void *)1L);
	pthread_create(&b, NULL, good_client, (void *)3L);
	pthread_join(a, NULL);
	pthread_join(b, NULL);
	printf("%d %d\n", db_rows, entries[0].value);
	return 0;
}

/*
 * check-name: lock-leak: conditional acquires that tell their caller
 * check-description: Stay silent: good_db_trylock() returns 1 locked, good_lookup() returns the entry locked or NULL, good_db_begin() returns 0 locked and its caller calls good_db_end(), and good_db_lock() always returns locked.
 */
