// SPDX-License-Identifier: MIT
/*
 * main creates a helper thread and joins it while it holds the lock the
 * other thread takes: the helper runs entirely inside main's critical
 * section, so its unlocked write cannot overlap the locked one.
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

static void *good_inside(void *arg)
{
	(void)arg;
	total += 10;
	return NULL;
}

int main(void)
{
	pthread_t t1, t2;

	pthread_create(&t1, NULL, good_locked, NULL);
	pthread_mutex_lock(&mu);
	pthread_create(&t2, NULL, good_inside, NULL);
	pthread_join(t2, NULL);
	pthread_mutex_unlock(&mu);
	pthread_join(t1, NULL);
	printf("%d\n", total);
	return 0;
}

/*
 * check-name: data-race: a thread created and joined under its creator's lock
 * check-description: good_inside lives entirely while main holds mu, which good_locked takes: stay silent.
 * check-tsan: clean
 */
