// SPDX-License-Identifier: MIT
/*
 * Unlocks that release a lock held elsewhere on purpose: an unlock
 * wrapper releases its caller's lock; a lock wrapper takes it for its
 * caller to release; a conditional acquire returns it held when it says
 * so; an API entry point that nothing here calls unlocks for its own
 * (unknown) caller; and a recursive mutex locked twice is unlocked twice.
 * Silent.
 */
#define _GNU_SOURCE

#include <pthread.h>
#include <stdio.h>

struct obj {
	pthread_mutex_t mu;
	int refs;			/* guarded by mu */
};

static struct obj objs[2] = {
	{ .mu = PTHREAD_MUTEX_INITIALIZER },
	{ .mu = PTHREAD_MUTEX_INITIALIZER },
};
static pthread_mutex_t rec = PTHREAD_RECURSIVE_MUTEX_INITIALIZER_NP;
static int rec_depth;			/* guarded by rec */

static void obj_lock(struct obj *o)
{
	pthread_mutex_lock(&o->mu);
}

static void obj_unlock(struct obj *o)
{
	pthread_mutex_unlock(&o->mu);
}

/* Returns 0 with o->mu held, -1 without it. */
static int obj_try(struct obj *o)
{
	if (pthread_mutex_trylock(&o->mu) != 0)
		return -1;
	return 0;
}

/* Part of the API: the caller holds o->mu. */
void obj_put_locked(struct obj *o)
{
	o->refs--;
	pthread_mutex_unlock(&o->mu);
}

static void good_nested(int n)
{
	pthread_mutex_lock(&rec);
	rec_depth++;
	if (n > 0) {
		pthread_mutex_lock(&rec);
		rec_depth++;
		pthread_mutex_unlock(&rec);
	}
	pthread_mutex_unlock(&rec);
}

static void *good_user(void *arg)
{
	struct obj *o = &objs[(long)arg];

	obj_lock(o);
	o->refs++;
	obj_unlock(o);
	if (obj_try(o) == 0) {
		o->refs++;
		obj_unlock(o);
	}
	pthread_mutex_lock(&objs[0].mu);
	pthread_mutex_lock(&objs[1].mu);
	objs[0].refs++;
	objs[1].refs++;
	pthread_mutex_unlock(&objs[1].mu);
	pthread_mutex_unlock(&objs[0].mu);
	good_nested(1);
	return NULL;
}

int main(void)
{
	pthread_t a, b;

	pthread_create(&a, NULL, good_user, (void *)0L);
	pthread_create(&b, NULL, good_user, (void *)1L);
	pthread_join(a, NULL);
	pthread_join(b, NULL);
	printf("%d %d %d\n", objs[0].refs, objs[1].refs, rec_depth);
	return 0;
}

/*
 * check-name: unlock-not-held: unlock wrappers, conditional acquires, API entry points
 * check-description: Stay silent: obj_unlock() releases its caller's lock, obj_try() returns the lock held on success, obj_put_locked() is an entry point whose caller holds the lock, two array elements are unlocked after both were locked, and a recursive mutex is unlocked as often as locked.
 */
