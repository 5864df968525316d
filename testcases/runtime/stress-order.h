// SPDX-License-Identifier: MIT
/*
 * stress-order.h - the body of the runtime tracker's scale stress test
 * (issue 7, item 6), shared by stress-order-ok.c and stress-order-ko.c,
 * which define STRESS_INVERT to 0 or 1 before including it.
 *
 * 64 threads and 10,000 locks: a pool of 9,998 (one in ten a rwlock, read-
 * or write-locked at random) and two mutexes, pair_a and pair_b.  A fixed
 * random permutation of the pool is the global lock order, and pair_a
 * then pair_b come after every pool lock.  Each round a thread picks two
 * to four distinct pool locks at random, sometimes adds pair_a or pair_b
 * (never both), takes them nested in the global order, bumps a counter
 * under the innermost one and releases them in reverse.  Random subsets of
 * 10,000 locks almost never repeat, so nearly every round is a chain the
 * tracker has not seen: it takes its slow path (stack capture, graph lock,
 * new edges, the topological order) far more often than any real program
 * would, with a graph that grows to hundreds of thousands of edges.
 *
 * Before its rounds T1 takes pair_a then pair_b.  Halfway through, every
 * thread meets at a barrier; then T2 takes pair_a and pair_b again - in
 * the same order with STRESS_INVERT 0, in the opposite order with 1, the
 * one inconsistent pair.  The barrier (barriers are not locks to the
 * tracker) separates the two acquisitions in time, and no other thread
 * ever holds both, so the run cannot really deadlock; the tracker must
 * still report the potential deadlock, exactly once, and keep working
 * for the second half of the run with a cycle in its graph.
 *
 * The pair sits at the top of the order, so the only path from pair_a to
 * pair_b is their own edge: whatever the random rounds did, the inversion
 * closes exactly one cycle, and the report (made from first sightings,
 * with locks initialised by main) is the same on every run.
 *
 * The run is bounded twice: ROUNDS rounds per thread, which also bounds
 * the edges well below the tracker's FC_MAX_EDGES, and STRESS_SECONDS per
 * half, checked every 8 rounds, so a slow machine only does less work.
 * An alarm ends a hung run with SIGALRM instead of leaving it to ctest's
 * timeout.  With argument "time" it prints rounds and wall time on
 * stdout (for docs/runtime.md's numbers; the tests do not use it).
 */
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#define THREADS		64
#define POOL		9998		/* and the pair: 10,000 */
#define RWLOCKS		1000		/* pool locks 0 to 999 */
#define ROUNDS		4000		/* per thread, both halves */
#define STRESS_SECONDS	6		/* per half, at most */
#define STRESS_ALARM	90		/* a hang ends the run here */
#define MAX_TAKE	5		/* four pool locks, one of the pair */

static pthread_mutex_t mutexes[POOL - RWLOCKS];
static pthread_rwlock_t rwlocks[RWLOCKS];
static pthread_mutex_t pair_a, pair_b;
static long counts[POOL];		/* [i] guarded by pool lock i */
static long pair_counts[2];		/* [0] by pair_a, [1] by pair_b */

static int order[POOL];			/* order[rank] = pool lock */
static pthread_barrier_t halfway;
static struct timespec start;
static long rounds_done[THREADS];

struct take {
	int lock;		/* pool lock, or -1 pair_a, -2 pair_b */
	int write;
};

static void take(const struct take *t)
{
	if (t->lock == -1)
		pthread_mutex_lock(&pair_a);
	else if (t->lock == -2)
		pthread_mutex_lock(&pair_b);
	else if (t->lock >= RWLOCKS)
		pthread_mutex_lock(&mutexes[t->lock - RWLOCKS]);
	else if (t->write)
		pthread_rwlock_wrlock(&rwlocks[t->lock]);
	else
		pthread_rwlock_rdlock(&rwlocks[t->lock]);
}

static void drop(const struct take *t)
{
	if (t->lock == -1)
		pthread_mutex_unlock(&pair_a);
	else if (t->lock == -2)
		pthread_mutex_unlock(&pair_b);
	else if (t->lock >= RWLOCKS)
		pthread_mutex_unlock(&mutexes[t->lock - RWLOCKS]);
	else
		pthread_rwlock_unlock(&rwlocks[t->lock]);
}

static int by_rank(const void *a, const void *b)
{
	return *(const int *)a - *(const int *)b;
}

/* Pick the locks of one round, in the global order. */
static int pick(unsigned int *seed, struct take *out)
{
	int rank[4], n = 2 + rand_r(seed) % 3, k = 0, extra;

	while (k < n) {
		int r = rand_r(seed) % POOL, dup = 0;

		for (int i = 0; i < k; i++)
			dup |= rank[i] == r;
		if (!dup)
			rank[k++] = r;
	}
	qsort(rank, n, sizeof(rank[0]), by_rank);
	for (k = 0; k < n; k++) {
		out[k].lock = order[rank[k]];
		out[k].write = out[k].lock >= RWLOCKS || rand_r(seed) % 2;
	}
	/* one round in sixteen ends with pair_a, one with pair_b */
	extra = rand_r(seed) % 16;
	if (extra < 2) {
		out[n].lock = extra ? -2 : -1;
		out[n].write = 1;
		n++;
	}
	return n;
}

static double elapsed(void)
{
	struct timespec now;

	clock_gettime(CLOCK_MONOTONIC, &now);
	return (now.tv_sec - start.tv_sec) +
	       (now.tv_nsec - start.tv_nsec) / 1e9;
}

/* n rounds, or fewer once the half's time is up; returns the rounds done. */
static long rounds(unsigned int *seed, long n, double until)
{
	struct take t[MAX_TAKE];
	long r;

	for (r = 0; r < n; r++) {
		int k = pick(seed, t), top = k - 1;

		if (r % 8 == 7 && elapsed() > until)
			break;
		for (int i = 0; i < k; i++)
			take(&t[i]);
		if (t[top].lock < 0)
			pair_counts[-t[top].lock - 1]++;
		else if (t[top].write)
			counts[t[top].lock]++;
		for (int i = top; i >= 0; i--)
			drop(&t[i]);
	}
	return r;
}

/* T1: the consistent order, before anything else happens. */
static void pair_in_order(void)
{
	pthread_mutex_lock(&pair_a);
	pthread_mutex_lock(&pair_b);
	pair_counts[1]++;
	pthread_mutex_unlock(&pair_b);
	pthread_mutex_unlock(&pair_a);
}

/* T2, after the barrier: the same order, or the injected inversion. */
static void pair_again(void)
{
#if STRESS_INVERT
	pthread_mutex_lock(&pair_b);
	pthread_mutex_lock(&pair_a);
	pair_counts[0]++;
	pthread_mutex_unlock(&pair_a);
	pthread_mutex_unlock(&pair_b);
#else
	pair_in_order();
#endif
}

static void *worker(void *arg)
{
	long id = (long)arg;
	unsigned int seed = 1000 + id;

	if (id == 0)
		pair_in_order();
	rounds_done[id] = rounds(&seed, ROUNDS / 2, STRESS_SECONDS);
	pthread_barrier_wait(&halfway);
	if (id == 1)
		pair_again();
	rounds_done[id] += rounds(&seed, ROUNDS / 2, 2.0 * STRESS_SECONDS);
	return NULL;
}

int main(int argc, char **argv)
{
	pthread_t t[THREADS];
	unsigned int seed = 7;
	long total = 0;

	alarm(STRESS_ALARM);
	for (int i = 0; i < RWLOCKS; i++)
		pthread_rwlock_init(&rwlocks[i], NULL);
	for (int i = 0; i < POOL - RWLOCKS; i++)
		pthread_mutex_init(&mutexes[i], NULL);
	pthread_mutex_init(&pair_a, NULL);
	pthread_mutex_init(&pair_b, NULL);
	/* the global order: a fixed random permutation (Fisher-Yates) */
	for (int i = 0; i < POOL; i++)
		order[i] = i;
	for (int i = POOL - 1; i > 0; i--) {
		int j = rand_r(&seed) % (i + 1), tmp = order[i];

		order[i] = order[j];
		order[j] = tmp;
	}
	pthread_barrier_init(&halfway, NULL, THREADS);
	clock_gettime(CLOCK_MONOTONIC, &start);
	for (long i = 0; i < THREADS; i++)
		if (pthread_create(&t[i], NULL, worker, (void *)i) != 0)
			abort();
	for (int i = 0; i < THREADS; i++) {
		pthread_join(t[i], NULL);
		total += rounds_done[i];
	}
	if (argc > 1 && !strcmp(argv[1], "time"))
		printf("%ld rounds in %.2f s\n", total, elapsed());
	pthread_barrier_destroy(&halfway);
	for (int i = 0; i < RWLOCKS; i++)
		pthread_rwlock_destroy(&rwlocks[i]);
	for (int i = 0; i < POOL - RWLOCKS; i++)
		pthread_mutex_destroy(&mutexes[i]);
	pthread_mutex_destroy(&pair_a);
	pthread_mutex_destroy(&pair_b);
	return 0;
}
