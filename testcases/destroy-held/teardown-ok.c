// SPDX-License-Identifier: MIT
/*
 * Locks destroyed the right way: after the last unlock, once the threads
 * that use them are joined, an array of locks destroyed in a loop after
 * one element was locked and unlocked, and an object whose lock is taken
 * to drop the last reference, released, then destroyed.  Silent.
 */
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>

struct obj {
	pthread_mutex_t lock;
	int refs;			/* guarded by lock */
};

static pthread_mutex_t slots[4];
static int slot_use[4];			/* slot_use[i] guarded by slots[i] */

static void good_put(struct obj *o)
{
	int last;

	pthread_mutex_lock(&o->lock);
	last = --o->refs == 0;
	pthread_mutex_unlock(&o->lock);
	if (last) {
		pthread_mutex_destroy(&o->lock);
		free(o);
	}
}

static void *good_user(void *arg)
{
	long i = (long)arg;

	pthread_mutex_lock(&slots[i]);
	slot_use[i]++;
	pthread_mutex_unlock(&slots[i]);
	return NULL;
}

int main(void)
{
	struct obj *o = calloc(1, sizeof(*o));
	pthread_t t[4];

	if (!o)
		return 1;
	pthread_mutex_init(&o->lock, NULL);
	o->refs = 1;
	for (int i = 0; i < 4; i++)
		pthread_mutex_init(&slots[i], NULL);
	for (long i = 0; i < 4; i++)
		pthread_create(&t[i], NULL, good_user, (void *)i);
	for (int i = 0; i < 4; i++)
		pthread_join(t[i], NULL);
	pthread_mutex_lock(&slots[0]);
	slot_use[0] = 0;
	pthread_mutex_unlock(&slots[0]);
	for (int i = 0; i < 4; i++)
		pthread_mutex_destroy(&slots[i]);
	good_put(o);
	printf("%d\n", slot_use[1]);
	return 0;
}

/*
 * check-name: destroy-held: locks destroyed after their last unlock
 * check-description: Stay silent: good_put() destroys the object lock after unlocking it, and main destroys the slot locks after the users are joined and slots[0] is unlocked.
 */
