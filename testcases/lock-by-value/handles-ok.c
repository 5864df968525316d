// SPDX-License-Identifier: MIT
/*
 * Structs that only point to their lock may be copied: a handle holding
 * a pointer to a shared mutex is passed and returned by value, and every
 * copy locks the same mutex.  Arrays of locks and of structs holding
 * locks are initialised in place.  Silent.
 */
#include <pthread.h>
#include <stdio.h>

struct handle {
	pthread_mutex_t *lock;
	int *value;
};

struct bucket {
	pthread_mutex_t lock;
	int n;				/* guarded by lock */
};

static pthread_mutex_t value_lock = PTHREAD_MUTEX_INITIALIZER;
static int value;			/* guarded by value_lock */
static struct bucket buckets[2] = {
	{ .lock = PTHREAD_MUTEX_INITIALIZER },
	{ .lock = PTHREAD_MUTEX_INITIALIZER },
};
static pthread_mutex_t locks[2] = {
	PTHREAD_MUTEX_INITIALIZER,
	PTHREAD_MUTEX_INITIALIZER,
};

static struct handle good_handle(void)
{
	struct handle h = { &value_lock, &value };

	return h;
}

static void good_add(struct handle h, int n)
{
	pthread_mutex_lock(h.lock);
	*h.value += n;
	pthread_mutex_unlock(h.lock);
}

static void *good_worker(void *arg)
{
	struct handle h = good_handle(), copy;

	copy = h;
	good_add(copy, (int)(long)arg);
	pthread_mutex_lock(&buckets[1].lock);
	buckets[1].n++;
	pthread_mutex_unlock(&buckets[1].lock);
	pthread_mutex_lock(&locks[0]);
	pthread_mutex_unlock(&locks[0]);
	return NULL;
}

int main(void)
{
	pthread_t a, b;

	pthread_create(&a, NULL, good_worker, (void *)1L);
	pthread_create(&b, NULL, good_worker, (void *)2L);
	pthread_join(a, NULL);
	pthread_join(b, NULL);
	printf("%d %d\n", value, buckets[1].n);
	return 0;
}

/*
 * check-name: lock-by-value: handles that point to their lock, arrays initialised in place
 * check-description: Stay silent: struct handle holds a pointer to its mutex, so copying it shares the lock; buckets[] and locks[] are initialised in place with PTHREAD_MUTEX_INITIALIZER.
 */
