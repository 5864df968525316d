// SPDX-License-Identifier: MIT
/*
 * Locks handled the right way: by pointer everywhere, initialised in
 * place with PTHREAD_MUTEX_INITIALIZER or pthread_mutex_init, reset with
 * a compound literal, and structs with locks created from a const
 * template that nobody can have locked.  Structs without a lock are
 * copied freely.  Silent.
 */
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>

struct point {
	int x, y;
};

struct counter {
	pthread_mutex_t mu;
	long n;				/* guarded by mu */
	struct point last;		/* guarded by mu */
};

static const struct counter counter_init = {
	.mu = PTHREAD_MUTEX_INITIALIZER,
};
static struct counter global = { .mu = PTHREAD_MUTEX_INITIALIZER };

static void good_bump(struct counter *c, struct point p)
{
	pthread_mutex_lock(&c->mu);
	c->n++;
	c->last = p;
	pthread_mutex_unlock(&c->mu);
}

static struct counter *good_new(void)
{
	struct counter *c = malloc(sizeof(*c));

	if (!c)
		return NULL;
	*c = counter_init;
	return c;
}

static void good_reset(struct counter *c)
{
	c->mu = (pthread_mutex_t)PTHREAD_MUTEX_INITIALIZER;
	c->n = 0;
}

static pthread_mutex_t *good_lock_of(struct counter *c)
{
	return &c->mu;
}

int main(void)
{
	struct point p = { 1, 2 }, q;
	struct counter *c = good_new();

	if (!c)
		return 1;
	q = p;
	good_bump(c, q);
	good_bump(&global, p);
	pthread_mutex_lock(good_lock_of(&global));
	global.n++;
	pthread_mutex_unlock(good_lock_of(&global));
	pthread_mutex_destroy(&c->mu);
	good_reset(c);
	printf("%ld %ld\n", c->n, global.n);
	free(c);
	return 0;
}

/*
 * check-name: lock-by-value: locks passed by pointer and initialised in place
 * check-description: Stay silent: locks are passed by pointer, initialised with PTHREAD_MUTEX_INITIALIZER, reset with a compound literal, copied only from the const template counter_init, and only the lock-free struct point is copied.
 */
