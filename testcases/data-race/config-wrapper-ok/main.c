// SPDX-License-Identifier: MIT
/*
 * The locking API comes from a library outside the tree, so fearcheck
 * cannot see that lock_region() takes a lock; the configuration says so,
 * and the two threads' updates are then seen to be protected.
 */
#include <pthread.h>
#include <stdio.h>

struct region;
extern struct region *region_open(const char *name);
extern void lock_region(struct region *r);
extern void unlock_region(struct region *r);

static struct region *reg;
static long bytes;

static void *good_writer(void *arg)
{
	(void)arg;
	lock_region(reg);
	bytes += 512;
	unlock_region(reg);
	return NULL;
}

int main(void)
{
	pthread_t t[2];

	reg = region_open("pool");
	for (int i = 0; i < 2; i++)
		pthread_create(&t[i], NULL, good_writer, NULL);
	for (int i = 0; i < 2; i++)
		pthread_join(t[i], NULL);
	printf("%ld\n", bytes);
	return 0;
}

/*
 * check-name: data-race: lock wrappers named in .fearcheck
 * check-command: fearcheck $dir
 * check-description: lock-acquire = lock_region(1) and lock-release = unlock_region(1) make the writes protected: stay silent.
 */
