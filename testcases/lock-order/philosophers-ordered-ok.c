// SPDX-License-Identifier: MIT
/*
 * Dining philosophers, the ordered fix: philosopher i takes the lower
 * numbered of its two forks first, so the last one takes fork 0 before
 * fork 4 and the ring of waits cannot close.
 */
#include <pthread.h>
#include <stdio.h>

#define NR_PHILOSOPHERS 5

static pthread_mutex_t forks[NR_PHILOSOPHERS];
static int meals[NR_PHILOSOPHERS];	/* meals[i]: philosopher i's own */

static void *good_philosopher(void *arg)
{
	long i = (long)arg;

	for (int k = 0; k < 100; k++) {
		long left = i, right = (i + 1) % NR_PHILOSOPHERS;
		long first = left < right ? left : right;
		long second = left < right ? right : left;

		pthread_mutex_lock(&forks[first]);
		pthread_mutex_lock(&forks[second]);
		meals[i]++;
		pthread_mutex_unlock(&forks[second]);
		pthread_mutex_unlock(&forks[first]);
	}
	return NULL;
}

int main(void)
{
	pthread_t t[NR_PHILOSOPHERS];
	int total = 0;

	for (int i = 0; i < NR_PHILOSOPHERS; i++)
		pthread_mutex_init(&forks[i], NULL);
	for (long i = 0; i < NR_PHILOSOPHERS; i++)
		pthread_create(&t[i], NULL, good_philosopher, (void *)i);
	for (int i = 0; i < NR_PHILOSOPHERS; i++) {
		pthread_join(t[i], NULL);
		total += meals[i];
	}
	printf("%d\n", total);
	return 0;
}

/*
 * check-name: lock-order: dining philosophers, lower fork first
 * check-description: Each philosopher takes min(left, right) then max(left, right): one order over all forks; stay silent.
 * check-tsan: clean
 */
