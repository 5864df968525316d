// SPDX-License-Identifier: MIT
/*
 * The program that the guide's data_race_prevention example shows
 * commented out, which Rust rejects ("closure may outlive current
 * function"): the spawned thread borrows main's vector [1, 2, 3] and
 * pushes 4 onto it, and meanwhile main, which still has it, prints it
 * and pushes 5.  Both threads read and write len and items[] with no
 * lock and nothing ordering one before the other until the join: data
 * races on every run, whatever the timing, and one of the two pushes
 * may be lost.
 *
 * Main joins the thread before it frees the vector, so the borrow does
 * not dangle here; it is the unsynchronised sharing that is wrong.  The
 * vector is created with room for both pushes, so neither reallocates
 * under the other thread: the bug stays a race on len and items[], not a
 * use after free.  Its header is on the heap rather than on main's stack
 * because clang (19) does not instrument main's own accesses to fields
 * of a stack struct past the first one even when its address escapes,
 * which would hide the race on len from clang's ThreadSanitizer.
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

/* The closure that borrows main's vector instead of owning it. */
static void *push_four(void *arg)
{
	struct int_vec *data = arg;

	int_vec_push(data, 4);	/* races with main */
	return NULL;
}

int main(void)
{
	static const int init[] = { 1, 2, 3 };
	struct int_vec *data = int_vec_from(init, 3, 8);
	pthread_t handle;
	char buf[64];

	/* Lend the vector to the thread, keeping it. */
	check(pthread_create(&handle, NULL, push_four, data),
	      "pthread_create");

	/* Main keeps using the vector the thread is modifying. */
	int_vec_format(data, buf, sizeof(buf));
	printf("main sees: %s\n", buf);
	int_vec_push(data, 5);	/* races with the thread */

	check(pthread_join(handle, NULL), "pthread_join");
	int_vec_format(data, buf, sizeof(buf));
	printf("Result: %s\n", buf);
	int_vec_free(data);
	return 0;
}

/*
 * check-name: guide: data race prevention, thread borrows main's vector
 * check-description: A thread pushes onto main's vector through a borrowed pointer while main prints it and pushes too, before the join: reads and writes of len and items[] race.
 * check-tsan: race
 * check-exit-value: 1
 *
 * check-error-start
guide/data-race-prevention-ko.c:80:6: warning: data race on 'data->items': write in thread 'main' holding no lock [data-race]
guide/data-race-prevention-ko.c:127:2: note: 'main' calls 'int_vec_push' here
guide/data-race-prevention-ko.c:80:6: note: conflicting write in thread 'push_four' holding no lock
guide/data-race-prevention-ko.c:109:2: note: 'push_four' calls 'int_vec_push' here
guide/data-race-prevention-ko.c:121:8: note: thread 'push_four' created here by thread 'main'
guide/data-race-prevention-ko.c:80:6: warning: data race on 'data->items': write in thread 'push_four' holding no lock [data-race]
guide/data-race-prevention-ko.c:109:2: note: 'push_four' calls 'int_vec_push' here
guide/data-race-prevention-ko.c:74:27: note: conflicting read in thread 'main' holding no lock
guide/data-race-prevention-ko.c:127:2: note: 'main' calls 'int_vec_push' here
guide/data-race-prevention-ko.c:121:8: note: thread 'push_four' created here by thread 'main'
guide/data-race-prevention-ko.c:80:6: warning: data race on 'data->items': write in thread 'push_four' holding no lock [data-race]
guide/data-race-prevention-ko.c:109:2: note: 'push_four' calls 'int_vec_push' here
guide/data-race-prevention-ko.c:83:5: note: conflicting read in thread 'main' holding no lock
guide/data-race-prevention-ko.c:127:2: note: 'main' calls 'int_vec_push' here
guide/data-race-prevention-ko.c:121:8: note: thread 'push_four' created here by thread 'main'
guide/data-race-prevention-ko.c:80:6: warning: data race on 'data->items': write in thread 'push_four' holding no lock [data-race]
guide/data-race-prevention-ko.c:109:2: note: 'push_four' calls 'int_vec_push' here
guide/data-race-prevention-ko.c:99:8: note: conflicting read in thread 'main' holding no lock
guide/data-race-prevention-ko.c:125:2: note: 'main' calls 'int_vec_format' here
guide/data-race-prevention-ko.c:121:8: note: thread 'push_four' created here by thread 'main'
guide/data-race-prevention-ko.c:81:6: warning: data race on 'data->cap': write in thread 'main' holding no lock [data-race]
guide/data-race-prevention-ko.c:127:2: note: 'main' calls 'int_vec_push' here
guide/data-race-prevention-ko.c:81:6: note: conflicting write in thread 'push_four' holding no lock
guide/data-race-prevention-ko.c:109:2: note: 'push_four' calls 'int_vec_push' here
guide/data-race-prevention-ko.c:121:8: note: thread 'push_four' created here by thread 'main'
guide/data-race-prevention-ko.c:81:6: warning: data race on 'data->cap': write in thread 'push_four' holding no lock [data-race]
guide/data-race-prevention-ko.c:109:2: note: 'push_four' calls 'int_vec_push' here
guide/data-race-prevention-ko.c:72:19: note: conflicting read in thread 'main' holding no lock
guide/data-race-prevention-ko.c:127:2: note: 'main' calls 'int_vec_push' here
guide/data-race-prevention-ko.c:121:8: note: thread 'push_four' created here by thread 'main'
guide/data-race-prevention-ko.c:81:6: warning: data race on 'data->cap': write in thread 'push_four' holding no lock [data-race]
guide/data-race-prevention-ko.c:109:2: note: 'push_four' calls 'int_vec_push' here
guide/data-race-prevention-ko.c:73:19: note: conflicting read in thread 'main' holding no lock
guide/data-race-prevention-ko.c:127:2: note: 'main' calls 'int_vec_push' here
guide/data-race-prevention-ko.c:121:8: note: thread 'push_four' created here by thread 'main'
guide/data-race-prevention-ko.c:81:6: warning: data race on 'data->cap': write in thread 'push_four' holding no lock [data-race]
guide/data-race-prevention-ko.c:109:2: note: 'push_four' calls 'int_vec_push' here
guide/data-race-prevention-ko.c:73:32: note: conflicting read in thread 'main' holding no lock
guide/data-race-prevention-ko.c:127:2: note: 'main' calls 'int_vec_push' here
guide/data-race-prevention-ko.c:121:8: note: thread 'push_four' created here by thread 'main'
guide/data-race-prevention-ko.c:83:2: warning: data race on '*data->items': write in thread 'main' holding no lock [data-race]
guide/data-race-prevention-ko.c:127:2: note: 'main' calls 'int_vec_push' here
guide/data-race-prevention-ko.c:83:2: note: conflicting write in thread 'push_four' holding no lock
guide/data-race-prevention-ko.c:109:2: note: 'push_four' calls 'int_vec_push' here
guide/data-race-prevention-ko.c:121:8: note: thread 'push_four' created here by thread 'main'
guide/data-race-prevention-ko.c:83:2: warning: data race on '*data->items': write in thread 'push_four' holding no lock [data-race]
guide/data-race-prevention-ko.c:109:2: note: 'push_four' calls 'int_vec_push' here
guide/data-race-prevention-ko.c:99:5: note: conflicting read in thread 'main' holding no lock
guide/data-race-prevention-ko.c:125:2: note: 'main' calls 'int_vec_format' here
guide/data-race-prevention-ko.c:121:8: note: thread 'push_four' created here by thread 'main'
guide/data-race-prevention-ko.c:83:14: warning: data race on 'data->len': write in thread 'main' holding no lock [data-race]
guide/data-race-prevention-ko.c:127:2: note: 'main' calls 'int_vec_push' here
guide/data-race-prevention-ko.c:83:14: note: conflicting write in thread 'push_four' holding no lock
guide/data-race-prevention-ko.c:109:2: note: 'push_four' calls 'int_vec_push' here
guide/data-race-prevention-ko.c:121:8: note: thread 'push_four' created here by thread 'main'
guide/data-race-prevention-ko.c:83:14: warning: data race on 'data->len': write in thread 'push_four' holding no lock [data-race]
guide/data-race-prevention-ko.c:109:2: note: 'push_four' calls 'int_vec_push' here
guide/data-race-prevention-ko.c:72:9: note: conflicting read in thread 'main' holding no lock
guide/data-race-prevention-ko.c:127:2: note: 'main' calls 'int_vec_push' here
guide/data-race-prevention-ko.c:121:8: note: thread 'push_four' created here by thread 'main'
guide/data-race-prevention-ko.c:83:14: warning: data race on 'data->len': write in thread 'push_four' holding no lock [data-race]
guide/data-race-prevention-ko.c:109:2: note: 'push_four' calls 'int_vec_push' here
guide/data-race-prevention-ko.c:97:28: note: conflicting read in thread 'main' holding no lock
guide/data-race-prevention-ko.c:125:2: note: 'main' calls 'int_vec_format' here
guide/data-race-prevention-ko.c:121:8: note: thread 'push_four' created here by thread 'main'
 * check-error-end
 */
