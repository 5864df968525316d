// SPDX-License-Identifier: MIT
/*
 * main takes a then b during set-up, before it creates the thread that
 * takes b then a; and the second thread is created only after the first
 * one is joined.  None of these sections can overlap.
 */
#include <pthread.h>
#include <stdio.h>

static pthread_mutex_t a = PTHREAD_MUTEX_INITIALIZER;
static pthread_mutex_t b = PTHREAD_MUTEX_INITIALIZER;
static int v;

static void *good_b_then_a(void *arg)
{
	(void)arg;
	pthread_mutex_lock(&b);
	pthread_mutex_lock(&a);
	v++;
	pthread_mutex_unlock(&a);
	pthread_mutex_unlock(&b);
	return NULL;
}

static void *good_a_then_b(void *arg)
{
	(void)arg;
	pthread_mutex_lock(&a);
	pthread_mutex_lock(&b);
	v--;
	pthread_mutex_unlock(&b);
	pthread_mutex_unlock(&a);
	return NULL;
}

int main(void)
{
	pthread_t t;

	pthread_mutex_lock(&a);
	pthread_mutex_lock(&b);
	v = 1;
	pthread_mutex_unlock(&b);
	pthread_mutex_unlock(&a);

	pthread_create(&t, NULL, good_b_then_a, NULL);
	pthread_join(t, NULL);
	pthread_create(&t, NULL, good_a_then_b, NULL);
	pthread_join(t, NULL);
	printf("%d\n", v);
	return 0;
}

/*
 * check-name: lock-order: opposite orders that never overlap in time
 * check-description: main's a -> b comes before any thread exists, and the two threads run one after the other (create, join, create); stay silent.
 */
