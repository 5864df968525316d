// SPDX-License-Identifier: MIT
/*
 * main locks only when asked to, then tests the same flag again before the
 * write and the unlock: on every path, the write is made holding the lock.
 */
#include <pthread.h>
#include <stdio.h>

static pthread_mutex_t mu = PTHREAD_MUTEX_INITIALIZER;
static int total;

static void *good_locked(void *arg)
{
	(void)arg;
	pthread_mutex_lock(&mu);
	total++;
	pthread_mutex_unlock(&mu);
	return NULL;
}

int main(int argc, char **argv)
{
	pthread_t t;
	int shared = argc > 0;

	(void)argv;
	pthread_create(&t, NULL, good_locked, NULL);
	if (shared)
		pthread_mutex_lock(&mu);
	printf("working\n");
	if (shared)
		total += 2;
	if (shared)
		pthread_mutex_unlock(&mu);
	pthread_join(t, NULL);
	printf("%d\n", total);
	return 0;
}

/*
 * check-name: data-race: lock, write and unlock under one repeated condition
 * check-description: The three branches test the same unchanged flag, so the write never happens without the lock: stay silent.
 * check-tsan: clean
 */
