// SPDX-License-Identifier: MIT
/*
 * Port of the guide's fine_grained_locking example: instead of one lock
 * over a pair of vectors, each vector has its own mutex, and two threads
 * push onto them independently, one each.  The two threads never take
 * the same lock, and need not: neither touches the other's vector.  Main
 * joins both before it reads the vectors to check them (the guide prints
 * nothing and neither does this port).  Each vector is only touched under
 * its own lock, or after the joins: the program must stay silent.
 */
#define _POSIX_C_SOURCE 200809L

#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* Mutex<Vec<i32>>: a growable vector and the lock that guards it. */
struct locked_vec {
	pthread_mutex_t lock;
	int *items;		/* guarded by lock */
	size_t len;		/* guarded by lock */
	size_t cap;		/* guarded by lock */
};

struct push_arg {
	struct locked_vec *vec;
	int value;
};

/* Abort with a message when a call that the Rust code unwraps fails. */
static void check(int err, const char *what)
{
	if (err) {
		fprintf(stderr, "%s: %s\n", what, strerror(err));
		abort();
	}
}

static void locked_vec_init(struct locked_vec *v)
{
	check(pthread_mutex_init(&v->lock, NULL), "pthread_mutex_init");
	v->items = NULL;
	v->len = 0;
	v->cap = 0;
}

static void locked_vec_destroy(struct locked_vec *v)
{
	check(pthread_mutex_destroy(&v->lock), "pthread_mutex_destroy");
	free(v->items);
}

/*
 * Append x, aborting when out of memory as Vec::push does.  Call with
 * v->lock held.
 */
static void locked_vec_push(struct locked_vec *v, int x)
{
	if (v->len == v->cap) {
		size_t cap = v->cap ? 2 * v->cap : 4;
		int *items = realloc(v->items, cap * sizeof(*items));

		if (!items) {
			fprintf(stderr, "locked_vec_push: out of memory\n");
			abort();
		}
		v->items = items;
		v->cap = cap;
	}
	v->items[v->len++] = x;
}

static void *push_one(void *p)
{
	struct push_arg *arg = p;

	check(pthread_mutex_lock(&arg->vec->lock), "pthread_mutex_lock");
	locked_vec_push(arg->vec, arg->value);
	check(pthread_mutex_unlock(&arg->vec->lock), "pthread_mutex_unlock");
	return NULL;
}

int main(void)
{
	/* Instead of one big lock over both, a lock for each vector. */
	struct locked_vec data1, data2;
	struct push_arg arg1 = { .vec = &data1, .value = 1 };
	struct push_arg arg2 = { .vec = &data2, .value = 2 };
	pthread_t handles[2];
	int ok;

	locked_vec_init(&data1);
	locked_vec_init(&data2);

	/* Threads can work on data1 and data2 independently. */
	check(pthread_create(&handles[0], NULL, push_one, &arg1),
	      "pthread_create");
	check(pthread_create(&handles[1], NULL, push_one, &arg2),
	      "pthread_create");

	for (int i = 0; i < 2; i++)
		check(pthread_join(handles[i], NULL), "pthread_join");

	ok = data1.len == 1 && data1.items[0] == 1 &&
	     data2.len == 1 && data2.items[0] == 2;
	locked_vec_destroy(&data1);
	locked_vec_destroy(&data2);
	return ok ? 0 : EXIT_FAILURE;
}

/*
 * check-name: guide: lock granularity, one mutex per vector
 * check-description: Two threads each push onto their own mutex-guarded vector; the locks never meet and the vectors never share a thread.
 * check-tsan: clean
 */
