// SPDX-License-Identifier: MIT
/*
 * Port of the guide's data_race_prevention example, the "correct
 * approach": main moves the vector [1, 2, 3] into a spawned thread, the
 * thread pushes 4 onto it and hands it back as its result, and main
 * prints what pthread_join returns, [1, 2, 3, 4], then frees it.  Main
 * gives up its pointer when it spawns the thread and gets the vector back
 * only through the join, so one thread at a time owns it: the program
 * must stay silent.  data-race-prevention-ko.c is the commented-out
 * version, where the thread borrows main's vector instead.
 */
#define _POSIX_C_SOURCE 200809L

#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

struct int_vec {
	int *items;
	size_t len;
	size_t cap;
};

/* Abort with a message when a call that the Rust code unwraps fails. */
static void check(int err, const char *what)
{
	if (err) {
		fprintf(stderr, "%s: %s\n", what, strerror(err));
		abort();
	}
}

static void *xmalloc(size_t size)
{
	void *p = malloc(size);

	if (!p) {
		fprintf(stderr, "out of memory\n");
		abort();
	}
	return p;
}

/*
 * vec![...]: return a new vector holding a copy of items[0..n).  Its
 * owner, whoever that is by then, frees it with int_vec_free().
 */
static struct int_vec *int_vec_from(const int *items, size_t n)
{
	struct int_vec *v = xmalloc(sizeof(*v));

	v->items = xmalloc(n * sizeof(*v->items));
	memcpy(v->items, items, n * sizeof(*items));
	v->len = n;
	v->cap = n;
	return v;
}

/* Append x, aborting when out of memory as Vec::push does. */
static void int_vec_push(struct int_vec *v, int x)
{
	if (v->len == v->cap) {
		size_t cap = v->cap ? 2 * v->cap : 4;
		int *items = realloc(v->items, cap * sizeof(*items));

		if (!items) {
			fprintf(stderr, "int_vec_push: out of memory\n");
			abort();
		}
		v->items = items;
		v->cap = cap;
	}
	v->items[v->len++] = x;
}

static void int_vec_free(struct int_vec *v)
{
	free(v->items);
	free(v);
}

/* Format v as Rust's {:?} does, "[1, 2, 3]", truncating to size. */
static void int_vec_format(const struct int_vec *v, char *buf, size_t size)
{
	size_t off = snprintf(buf, size, "[");

	for (size_t i = 0; i < v->len && off < size; i++)
		off += snprintf(buf + off, size - off, "%s%d", i ? ", " : "",
				v->items[i]);
	if (off < size)
		snprintf(buf + off, size - off, "]");
}

/* Owns the vector it is given, and returns it to whoever joins it. */
static void *push_four(void *arg)
{
	struct int_vec *local_data = arg;

	int_vec_push(local_data, 4);
	return local_data;
}

int main(void)
{
	static const int init[] = { 1, 2, 3 };
	struct int_vec *data = int_vec_from(init, 3);
	struct int_vec *result;
	pthread_t handle;
	void *ret;
	char buf[64];

	/* Correct approach: move ownership. */
	check(pthread_create(&handle, NULL, push_four, data),
	      "pthread_create");
	data = NULL;

	check(pthread_join(handle, &ret), "pthread_join");
	result = ret;
	int_vec_format(result, buf, sizeof(buf));
	printf("Result: %s\n", buf);
	int_vec_free(result);
	return 0;
}

/*
 * check-name: guide: data race prevention, vector moved into the thread
 * check-description: Main moves the vector to a thread that pushes 4 and returns it through pthread_join; only one thread owns it at a time.
 * check-tsan: clean
 */
