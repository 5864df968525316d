// SPDX-License-Identifier: MIT
/*
 * Dining philosophers: five threads, five forks in an array; philosopher
 * i takes fork i, then fork (i + 1) % 5.  Each holds one fork and waits
 * for its neighbour's: all five can end up waiting in a ring.
 */
#include <pthread.h>
#include <stdio.h>

#define NR_PHILOSOPHERS 5

static pthread_mutex_t forks[NR_PHILOSOPHERS];
static int meals[NR_PHILOSOPHERS];	/* meals[i]: philosopher i's own */

static void *warn_philosopher(void *arg)
{
	long i = (long)arg;

	for (int k = 0; k < 100; k++) {
		pthread_mutex_lock(&forks[i]);
		pthread_mutex_lock(&forks[(i + 1) % NR_PHILOSOPHERS]);
		meals[i]++;
		pthread_mutex_unlock(&forks[(i + 1) % NR_PHILOSOPHERS]);
		pthread_mutex_unlock(&forks[i]);
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
		pthread_create(&t[i], NULL, warn_philosopher, (void *)i);
	for (int i = 0; i < NR_PHILOSOPHERS; i++) {
		pthread_join(t[i], NULL);
		total += meals[i];
	}
	printf("%d\n", total);
	return 0;
}

/*
 * check-name: lock-order: dining philosophers, left fork then right
 * check-description: Elements of forks[] taken nested by index i then (i + 1) % N in five instances of one thread: a cycle of five.
 * check-exit-value: 1
 *
 * check-error-start
lock-order/philosophers-ko.c:21:3: warning: 'forks[]' acquired while holding another 'forks[]': instances of one lock taken nested in no fixed order can deadlock [lock-order]
lock-order/philosophers-ko.c:20:3: note: thread 'warn_philosopher' acquires one 'forks[]' here
lock-order/philosophers-ko.c:21:3: note: then another here, while holding it; nothing orders the two (take them by index or address, e.g. the lower first)
lock-order/philosophers-ko.c:37:3: note: thread 'warn_philosopher' (many instances) created here by thread 'main'
 * check-error-end
 */
