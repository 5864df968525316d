// SPDX-License-Identifier: MIT
/*
 * Two threads push free page numbers onto a small stack and pop them
 * back, each operation under a pthread spinlock.  The spinlock is
 * initialised by main before the spawns and destroyed after the joins.
 * Every access to the stack holds the lock, so nothing races.
 */
#define _POSIX_C_SOURCE 200809L

#include <pthread.h>
#include <stdio.h>

#define STACK_SIZE 64

static pthread_spinlock_t free_lock;
static int free_pages[STACK_SIZE];      /* guarded by free_lock */
static int nr_free;                     /* guarded by free_lock */

static void *good_worker(void *arg)
{
	long id = (long)arg;

	for (int i = 0; i < 100; i++) {
		pthread_spin_lock(&free_lock);
		if (nr_free < STACK_SIZE)
			free_pages[nr_free++] = (int)id * 1000 + i;
		pthread_spin_unlock(&free_lock);

		pthread_spin_lock(&free_lock);
		if (nr_free > 0)
			nr_free--;
		pthread_spin_unlock(&free_lock);
	}
	return NULL;
}

int main(void)
{
	pthread_t a, b;

	pthread_spin_init(&free_lock, PTHREAD_PROCESS_PRIVATE);
	pthread_create(&a, NULL, good_worker, (void *)1L);
	pthread_create(&b, NULL, good_worker, (void *)2L);
	pthread_join(a, NULL);
	pthread_join(b, NULL);
	pthread_spin_destroy(&free_lock);
	printf("%d pages free\n", nr_free);
	return 0;
}

/*
 * check-name: data-race: a stack guarded by a pthread spinlock
 * check-description: Stay silent: every access to free_pages and nr_free by a worker holds free_lock, taken with pthread_spin_lock.
 * check-tsan: clean
 */
