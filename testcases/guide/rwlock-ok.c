// SPDX-License-Identifier: MIT
/*
 * Port of the guide's rwlock_example: five reader threads take a shared
 * read lock on an int and print it while one writer thread takes the
 * write lock, increments it and prints the new value.  Arc<RwLock<i32>>
 * becomes one object on main's stack, which outlives every thread since
 * main joins them all before returning; each thread gets a pointer to it
 * and, for the readers, its number in its own argument slot.  Reads hold
 * the read lock and the write holds the write lock, so the program must
 * stay silent.
 */
#define _POSIX_C_SOURCE 200809L

#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define NR_READERS 5

struct rwlock_int {
	pthread_rwlock_t lock;
	int data;		/* guarded by lock */
};

struct reader_arg {
	int id;
	struct rwlock_int *data;
};

/* Abort with a message when a call that the Rust code unwraps fails. */
static void check(int err, const char *what)
{
	if (err) {
		fprintf(stderr, "%s: %s\n", what, strerror(err));
		abort();
	}
}

static void *reader(void *p)
{
	struct reader_arg *arg = p;
	struct rwlock_int *data = arg->data;

	check(pthread_rwlock_rdlock(&data->lock), "pthread_rwlock_rdlock");
	printf("Reader %d: %d\n", arg->id, data->data);
	check(pthread_rwlock_unlock(&data->lock), "pthread_rwlock_unlock");
	return NULL;
}

static void *writer(void *p)
{
	struct rwlock_int *data = p;

	check(pthread_rwlock_wrlock(&data->lock), "pthread_rwlock_wrlock");
	data->data += 1;
	printf("Writer: updated to %d\n", data->data);
	check(pthread_rwlock_unlock(&data->lock), "pthread_rwlock_unlock");
	return NULL;
}

int main(void)
{
	struct rwlock_int data = { .data = 0 };
	struct reader_arg args[NR_READERS];
	pthread_t handles[NR_READERS + 1];

	check(pthread_rwlock_init(&data.lock, NULL), "pthread_rwlock_init");

	/* Multiple readers */
	for (int i = 0; i < NR_READERS; i++) {
		args[i].id = i;
		args[i].data = &data;
		check(pthread_create(&handles[i], NULL, reader, &args[i]),
		      "pthread_create");
	}

	/* One writer */
	check(pthread_create(&handles[NR_READERS], NULL, writer, &data),
	      "pthread_create");

	for (int i = 0; i < NR_READERS + 1; i++)
		check(pthread_join(handles[i], NULL), "pthread_join");

	check(pthread_rwlock_destroy(&data.lock), "pthread_rwlock_destroy");
	return 0;
}

/*
 * check-name: guide: RwLock, five readers and one writer
 * check-description: Five threads read an int under a pthread read lock while a sixth increments it under the write lock; main joins all six.
 * check-tsan: clean
 */
