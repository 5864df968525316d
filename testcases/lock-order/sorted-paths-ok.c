// SPDX-License-Identifier: MIT
/*
 * Workers follow precomputed paths through an array of mutexes, each path
 * sorted by index, and sometimes try one more lock on top, dropping it
 * again if they got it.  Every acquisition of a second element happens in
 * increasing index order (the paths' data guarantees it, no comparison in
 * the code shows it) and the trylock never waits.  Nothing is held across
 * rounds, though a path-insensitive view of the loop could think the
 * trylocked element still held at the next round's first lock.  Silent.
 */
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>

#define LOCKS 16
#define PATHS 8

static pthread_mutex_t mutexes[LOCKS];
static long counts[LOCKS];	/* counts[i] guarded by mutexes[i] */

struct path {
	int n;
	int lock[3];
	int try;		/* a lock above the path's, or -1 */
};

static struct path paths[PATHS];

static void good_take(int i)
{
	pthread_mutex_lock(&mutexes[i]);
}

static void good_drop(int i)
{
	pthread_mutex_unlock(&mutexes[i]);
}

static void good_rounds(unsigned int seed, int n)
{
	for (int r = 0; r < n; r++) {
		const struct path *ph = &paths[rand_r(&seed) % PATHS];
		int tried = 0;

		for (int k = 0; k < ph->n; k++) {
			good_take(ph->lock[k]);
			counts[ph->lock[k]]++;
		}
		if (ph->try >= 0 &&
		    pthread_mutex_trylock(&mutexes[ph->try]) == 0)
			tried = 1;
		if (tried)
			pthread_mutex_unlock(&mutexes[ph->try]);
		for (int k = ph->n - 1; k >= 0; k--)
			good_drop(ph->lock[k]);
	}
}

static void *good_worker(void *arg)
{
	good_rounds((unsigned int)(long)arg, 1000);
	return NULL;
}

int main(void)
{
	pthread_t t[4];
	long total = 0;

	for (int i = 0; i < LOCKS; i++)
		pthread_mutex_init(&mutexes[i], NULL);
	for (int p = 0; p < PATHS; p++) {
		paths[p].n = 3;
		for (int k = 0; k < 3; k++)
			paths[p].lock[k] = (p + 4 * k) % 12;
		/* sorted */
		for (int a = 0; a < 3; a++)
			for (int b = a + 1; b < 3; b++)
				if (paths[p].lock[b] < paths[p].lock[a]) {
					int x = paths[p].lock[a];

					paths[p].lock[a] = paths[p].lock[b];
					paths[p].lock[b] = x;
				}
		paths[p].try = p % 2 ? 12 + p % 4 : -1;
	}
	for (long i = 0; i < 4; i++)
		pthread_create(&t[i], NULL, good_worker, (void *)(i + 1));
	for (int i = 0; i < 4; i++)
		pthread_join(t[i], NULL);
	for (int i = 0; i < LOCKS; i++)
		total += counts[i];
	printf("%ld\n", total);
	return 0;
}

/*
 * check-name: lock-order: sorted paths through a lock array, a trylock on top
 * check-description: Elements of mutexes[] taken along paths sorted by index, one more only tried: stay silent.
 * check-tsan: clean
 */
