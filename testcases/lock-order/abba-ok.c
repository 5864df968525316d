// SPDX-License-Identifier: MIT
/*
 * Both threads take a before b: one consistent order, no deadlock.
 */
#include <pthread.h>
#include <stdio.h>

static pthread_mutex_t a = PTHREAD_MUTEX_INITIALIZER;
static pthread_mutex_t b = PTHREAD_MUTEX_INITIALIZER;
static int total;

static void *good_inc(void *arg)
{
	(void)arg;
	pthread_mutex_lock(&a);
	pthread_mutex_lock(&b);
	total++;
	pthread_mutex_unlock(&b);
	pthread_mutex_unlock(&a);
	return NULL;
}

static void *good_dec(void *arg)
{
	(void)arg;
	pthread_mutex_lock(&a);
	pthread_mutex_lock(&b);
	total--;
	pthread_mutex_unlock(&b);
	pthread_mutex_unlock(&a);
	return NULL;
}

int main(void)
{
	pthread_t t1, t2;

	pthread_create(&t1, NULL, good_inc, NULL);
	pthread_create(&t2, NULL, good_dec, NULL);
	pthread_join(t1, NULL);
	pthread_join(t2, NULL);
	printf("%d\n", total);
	return 0;
}

/*
 * check-name: lock-order: two threads, one order
 * check-description: Both threads nest b inside a; the graph has no cycle and the checker stays silent.
 */
