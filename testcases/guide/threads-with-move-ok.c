// SPDX-License-Identifier: MIT
/*
 * Port of the guide's threads_with_move example: main builds the vector
 * [1, 2, 3] and moves it into a spawned thread, which prints it and, as
 * the end of Rust's move closure does, frees it.  After pthread_create
 * main no longer touches the vector (Rust would reject any use of the
 * moved `v`), so the only accesses to it come from the thread that owns
 * it and the program must stay silent.  threads-with-move-ko.c is the
 * program the borrow checker rejected.
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
 * vec![...]: return a new vector holding a copy of items[0..n).  The
 * caller, or whoever the vector is moved to, frees it with
 * int_vec_free().
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

/* The move closure: it owns the vector and drops it when done. */
static void *print_vector(void *arg)
{
	struct int_vec *v = arg;
	char buf[64];

	int_vec_format(v, buf, sizeof(buf));
	printf("Here's a vector: %s\n", buf);
	int_vec_free(v);
	return NULL;
}

int main(void)
{
	static const int init[] = { 1, 2, 3 };
	struct int_vec *v = int_vec_from(init, 3);
	pthread_t handle;

	/* Transfer ownership of v to the thread. */
	check(pthread_create(&handle, NULL, print_vector, v),
	      "pthread_create");
	v = NULL;	/* moved: no longer valid here */

	check(pthread_join(handle, NULL), "pthread_join");
	return 0;
}

/*
 * check-name: guide: threads with move closures
 * check-description: The vector is moved into the spawned thread, which prints and frees it; main never touches it after pthread_create.
 * check-tsan: clean
 */
