// SPDX-License-Identifier: MIT
/*
 * Stress: four threads at once, each 20,000 times following one of 64
 * random code paths, each of which takes up to four of 32 locks -
 * mutexes, rwlocks (read or write) and spin locks - in increasing index
 * order, some with a trylock on top; meanwhile another thread keeps
 * creating and joining short-lived threads that do the same.  One global
 * order: no report, no hang, no crash.
 */
#include <pthread.h>
#include <stdlib.h>

#define THREADS 4
#define ROUNDS 20000
#define LOCKS 32
#define SHORT_LIVED 16
#define PATHS 64

enum { MUTEX, RWLOCK, SPIN };

static pthread_mutex_t mutexes[LOCKS];
static pthread_rwlock_t rwlocks[LOCKS];
static pthread_spinlock_t spins[LOCKS];
static long counts[LOCKS];	/* counts[i] guarded by lock i (written) */

struct path {
	int n;			/* locks taken */
	int lock[4];
	int write[4];		/* rwlocks: write-locked */
	int try;		/* trylock on top, or -1 */
};

static struct path paths[PATHS];

static int kind_of(int i)
{
	return i % 3;
}

static void take(int i, int write)
{
	switch (kind_of(i)) {
	case MUTEX:
		pthread_mutex_lock(&mutexes[i]);
		break;
	case RWLOCK:
		if (write)
			pthread_rwlock_wrlock(&rwlocks[i]);
		else
			pthread_rwlock_rdlock(&rwlocks[i]);
		break;
	default:
		pthread_spin_lock(&spins[i]);
		break;
	}
}

static void drop(int i)
{
	switch (kind_of(i)) {
	case MUTEX:
		pthread_mutex_unlock(&mutexes[i]);
		break;
	case RWLOCK:
		pthread_rwlock_unlock(&rwlocks[i]);
		break;
	default:
		pthread_spin_unlock(&spins[i]);
		break;
	}
}

static void make_paths(void)
{
	unsigned int seed = 42;

	for (int p = 0; p < PATHS; p++) {
		struct path *ph = &paths[p];
		int next = rand_r(&seed) % LOCKS;

		ph->n = 0;
		while (next < LOCKS && ph->n < 4) {
			ph->lock[ph->n] = next;
			ph->write[ph->n] = kind_of(next) != RWLOCK ||
					   rand_r(&seed) % 2;
			ph->n++;
			next += 1 + rand_r(&seed) % 12;
		}
		ph->try = next < LOCKS && kind_of(next) == MUTEX ? next : -1;
	}
}

static void rounds(unsigned int seed, int n)
{
	for (int r = 0; r < n; r++) {
		const struct path *ph = &paths[rand_r(&seed) % PATHS];
		int tried = 0;

		for (int k = 0; k < ph->n; k++) {
			take(ph->lock[k], ph->write[k]);
			if (ph->write[k] && kind_of(ph->lock[k]) != SPIN)
				counts[ph->lock[k]]++;
		}
		if (ph->try >= 0 &&
		    pthread_mutex_trylock(&mutexes[ph->try]) == 0)
			tried = 1;
		if (tried)
			pthread_mutex_unlock(&mutexes[ph->try]);
		for (int k = ph->n - 1; k >= 0; k--)
			drop(ph->lock[k]);
	}
}

static void *worker(void *arg)
{
	rounds((unsigned int)(long)arg, ROUNDS);
	return NULL;
}

static void *spawner(void *arg)
{
	(void)arg;
	for (long i = 0; i < SHORT_LIVED; i++) {
		pthread_t t;

		if (pthread_create(&t, NULL, worker, (void *)(1000 + i)) != 0)
			abort();
		pthread_join(t, NULL);
	}
	return NULL;
}

int main(void)
{
	pthread_t t[THREADS], s;

	make_paths();
	for (int i = 0; i < LOCKS; i++) {
		pthread_mutex_init(&mutexes[i], NULL);
		pthread_rwlock_init(&rwlocks[i], NULL);
		pthread_spin_init(&spins[i], PTHREAD_PROCESS_PRIVATE);
	}
	if (pthread_create(&s, NULL, spawner, NULL) != 0)
		abort();
	for (long i = 0; i < THREADS; i++)
		if (pthread_create(&t[i], NULL, worker, (void *)(i + 1)) != 0)
			abort();
	for (int i = 0; i < THREADS; i++)
		pthread_join(t[i], NULL);
	pthread_join(s, NULL);
	for (int i = 0; i < LOCKS; i++) {
		pthread_mutex_destroy(&mutexes[i]);
		pthread_rwlock_destroy(&rwlocks[i]);
		pthread_spin_destroy(&spins[i]);
	}
	return 0;
}

/*
 * check-name: stress: many threads, locks and kinds in one order
 * check-command: fc-rt-run $file
 * check-exit-value: 0
 */
