// SPDX-License-Identifier: MIT
/*
 * Port of the guide's barrier_example: three threads print a line, wait
 * at a barrier for three, and print another, so every "before" line
 * comes ahead of every "after" line.  Arc<Barrier> becomes a
 * pthread_barrier_t on main's stack that main destroys once it has joined
 * the threads.  The threads share only the barrier: the program must
 * stay silent.
 */
#define _POSIX_C_SOURCE 200809L

#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define NR_THREADS 3

struct barrier_arg {
	int id;
	pthread_barrier_t *barrier;
};

/* Abort with a message when a call that the Rust code unwraps fails. */
static void check(int err, const char *what)
{
	if (err) {
		fprintf(stderr, "%s: %s\n", what, strerror(err));
		abort();
	}
}

static void *run(void *p)
{
	struct barrier_arg *arg = p;
	int err;

	printf("Thread %d before barrier\n", arg->id);
	/* One waiter gets PTHREAD_BARRIER_SERIAL_THREAD, the others 0. */
	err = pthread_barrier_wait(arg->barrier);
	if (err != PTHREAD_BARRIER_SERIAL_THREAD)
		check(err, "pthread_barrier_wait");
	printf("Thread %d after barrier\n", arg->id);
	return NULL;
}

int main(void)
{
	pthread_barrier_t barrier;
	struct barrier_arg args[NR_THREADS];
	pthread_t handles[NR_THREADS];

	check(pthread_barrier_init(&barrier, NULL, NR_THREADS),
	      "pthread_barrier_init");

	for (int i = 0; i < NR_THREADS; i++) {
		args[i].id = i;
		args[i].barrier = &barrier;
		check(pthread_create(&handles[i], NULL, run, &args[i]),
		      "pthread_create");
	}

	for (int i = 0; i < NR_THREADS; i++)
		check(pthread_join(handles[i], NULL), "pthread_join");

	check(pthread_barrier_destroy(&barrier), "pthread_barrier_destroy");
	return 0;
}

/*
 * check-name: guide: barrier, three threads
 * check-description: Three threads print, wait on a pthread_barrier_t of three and print again; main joins them and destroys the barrier.
 * check-tsan: clean
 */
