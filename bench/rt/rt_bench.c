// SPDX-License-Identifier: MIT
/*
 * rt_bench.c - lock/unlock pairs per second, for comparing the runtime
 * lock-order tracker (libfearcheck-rt.so under LD_PRELOAD) with plain
 * runs, ThreadSanitizer and Helgrind (bench/rt/run.sh does that).
 *
 *   rt_bench SCENARIO ITERATIONS
 *
 * Scenarios, each timed from a start barrier to the last thread's end
 * with CLOCK_MONOTONIC, so tool start-up costs do not count:
 *
 *   uncontended  one thread locks and unlocks one mutex
 *   nested       one thread takes a then b, releases b then a (one pair
 *                counts as the two acquisitions)
 *   own2         two threads, each on its own mutex
 *   shared2      two threads on one mutex
 *
 * Prints one line: "SCENARIO PAIRS_PER_SECOND" (pairs of all threads).
 */
#define _GNU_SOURCE
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

struct job {
	pthread_mutex_t *a, *b;	/* b is NULL except for nested */
	long iterations;
	pthread_barrier_t *start;
};

static void *loop(void *arg)
{
	struct job *j = arg;
	pthread_mutex_t *a = j->a, *b = j->b;

	pthread_barrier_wait(j->start);
	if (b) {
		for (long i = 0; i < j->iterations; i++) {
			pthread_mutex_lock(a);
			pthread_mutex_lock(b);
			pthread_mutex_unlock(b);
			pthread_mutex_unlock(a);
		}
	} else {
		for (long i = 0; i < j->iterations; i++) {
			pthread_mutex_lock(a);
			pthread_mutex_unlock(a);
		}
	}
	return NULL;
}

static double now(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec + ts.tv_nsec / 1e9;
}

int main(int argc, char **argv)
{
	static pthread_mutex_t m[4] = {
		PTHREAD_MUTEX_INITIALIZER, PTHREAD_MUTEX_INITIALIZER,
		PTHREAD_MUTEX_INITIALIZER, PTHREAD_MUTEX_INITIALIZER,
	};
	struct job jobs[2];
	pthread_barrier_t start;
	pthread_t t[2];
	int nthreads = 1;
	long iterations, pairs;
	double t0, t1;
	const char *s;

	if (argc != 3) {
		fprintf(stderr, "usage: rt_bench uncontended|nested|own2|shared2 ITERATIONS\n");
		return 2;
	}
	s = argv[1];
	iterations = atol(argv[2]);
	if (iterations <= 0) {
		fprintf(stderr, "rt_bench: bad iteration count '%s'\n", argv[2]);
		return 2;
	}
	memset(jobs, 0, sizeof(jobs));
	jobs[0].a = &m[0];
	jobs[1].a = &m[1];
	if (!strcmp(s, "nested")) {
		jobs[0].b = &m[1];
	} else if (!strcmp(s, "own2")) {
		nthreads = 2;
	} else if (!strcmp(s, "shared2")) {
		nthreads = 2;
		jobs[1].a = &m[0];
	} else if (strcmp(s, "uncontended")) {
		fprintf(stderr, "rt_bench: unknown scenario '%s'\n", s);
		return 2;
	}
	pthread_barrier_init(&start, NULL, nthreads + 1);
	for (int i = 0; i < nthreads; i++) {
		jobs[i].iterations = iterations;
		jobs[i].start = &start;
		if (pthread_create(&t[i], NULL, loop, &jobs[i]) != 0)
			return 2;
	}
	pthread_barrier_wait(&start);
	t0 = now();
	for (int i = 0; i < nthreads; i++)
		pthread_join(t[i], NULL);
	t1 = now();
	pairs = iterations * nthreads * (jobs[0].b ? 2 : 1);
	printf("%s %.0f\n", s, pairs / (t1 - t0));
	return 0;
}
