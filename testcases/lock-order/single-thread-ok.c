// SPDX-License-Identifier: MIT
/*
 * One worker thread takes a then b, and later b then a; nothing else ever
 * takes them.  A thread cannot wait for itself across two sections it runs
 * one after the other, so there is no deadlock.
 */
#include <pthread.h>
#include <stdio.h>

static pthread_mutex_t a = PTHREAD_MUTEX_INITIALIZER;
static pthread_mutex_t b = PTHREAD_MUTEX_INITIALIZER;
static int n;

static void *good_both_orders(void *arg)
{
	(void)arg;
	pthread_mutex_lock(&a);
	pthread_mutex_lock(&b);
	n++;
	pthread_mutex_unlock(&b);
	pthread_mutex_unlock(&a);

	pthread_mutex_lock(&b);
	pthread_mutex_lock(&a);
	n++;
	pthread_mutex_unlock(&a);
	pthread_mutex_unlock(&b);
	return NULL;
}

int main(void)
{
	pthread_t t;

	pthread_create(&t, NULL, good_both_orders, NULL);
	pthread_join(t, NULL);
	printf("%d\n", n);
	return 0;
}

/*
 * check-name: lock-order: both orders, one thread that runs alone
 * check-description: Every edge comes from one single-instance thread, and main never takes the locks; no deadlock is possible.
 */
