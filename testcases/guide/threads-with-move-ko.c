// SPDX-License-Identifier: MIT
/*
 * The program that the guide's threads_with_move example says Rust
 * rejects ("error: value moved"): main hands the vector [1, 2, 3] to a
 * spawned thread, which prints it, but main keeps using it while the
 * thread runs: it prints it too (the commented-out println!) and then
 * pushes 4.  The push writes len and items[3] while the thread may be
 * reading them, with no lock and no ordering between the two threads: a
 * data race on every run, whatever the timing.
 *
 * Since main still uses the vector, main (not the thread) frees it after
 * the join.  It is created with room for a fourth element so the push
 * never reallocates under the reader: the bug stays a race on len and
 * items[], not a use after free.
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
 * Return a new vector holding a copy of items[0..n) with room for cap
 * elements (cap >= n).  The caller frees it with int_vec_free().
 */
static struct int_vec *int_vec_from(const int *items, size_t n, size_t cap)
{
	struct int_vec *v = xmalloc(sizeof(*v));

	v->items = xmalloc(cap * sizeof(*v->items));
	memcpy(v->items, items, n * sizeof(*items));
	v->len = n;
	v->cap = cap;
	return v;
}

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

/* The spawned thread reads the vector: v->len, v->items[]. */
static void *print_vector(void *arg)
{
	struct int_vec *v = arg;
	char buf[64];

	int_vec_format(v, buf, sizeof(buf));
	printf("Here's a vector: %s\n", buf);
	return NULL;
}

int main(void)
{
	static const int init[] = { 1, 2, 3 };
	struct int_vec *v = int_vec_from(init, 3, 4);
	pthread_t handle;
	char buf[64];

	check(pthread_create(&handle, NULL, print_vector, v),
	      "pthread_create");

	/* Rust: "v is no longer valid here".  C lets main carry on. */
	int_vec_format(v, buf, sizeof(buf));
	printf("main still sees: %s\n", buf);
	int_vec_push(v, 4);	/* races with the thread's reads */

	check(pthread_join(handle, NULL), "pthread_join");
	int_vec_free(v);
	return 0;
}

/*
 * check-name: guide: threads with move, main keeps using the moved vector
 * check-description: Main gives the vector to a thread that prints it, then prints and pushes to it itself before the join: the push races with the thread's reads.
 * check-tsan: race
 * check-exit-value: 1
 *
 * check-error-start
guide/threads-with-move-ko.c:74:6: warning: data race on 'v->items': write in thread 'main' holding no lock [data-race]
guide/threads-with-move-ko.c:122:2: note: 'main' calls 'int_vec_push' here
guide/threads-with-move-ko.c:93:8: note: conflicting read in thread 'print_vector' holding no lock
guide/threads-with-move-ko.c:104:2: note: 'print_vector' calls 'int_vec_format' here
guide/threads-with-move-ko.c:116:8: note: thread 'print_vector' created here by thread 'main'
guide/threads-with-move-ko.c:77:2: warning: data race on '*v->items': write in thread 'main' holding no lock [data-race]
guide/threads-with-move-ko.c:122:2: note: 'main' calls 'int_vec_push' here
guide/threads-with-move-ko.c:93:5: note: conflicting read in thread 'print_vector' holding no lock
guide/threads-with-move-ko.c:104:2: note: 'print_vector' calls 'int_vec_format' here
guide/threads-with-move-ko.c:116:8: note: thread 'print_vector' created here by thread 'main'
guide/threads-with-move-ko.c:77:14: warning: data race on 'v->len': write in thread 'main' holding no lock [data-race]
guide/threads-with-move-ko.c:122:2: note: 'main' calls 'int_vec_push' here
guide/threads-with-move-ko.c:91:28: note: conflicting read in thread 'print_vector' holding no lock
guide/threads-with-move-ko.c:104:2: note: 'print_vector' calls 'int_vec_format' here
guide/threads-with-move-ko.c:116:8: note: thread 'print_vector' created here by thread 'main'
 * check-error-end
 */
