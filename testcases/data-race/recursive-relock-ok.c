// SPDX-License-Identifier: MIT
/*
 * A recursive mutex taken twice and released once is still held: the
 * write after the first unlock is protected in both threads.
 */
#define _GNU_SOURCE
#include <pthread.h>
#include <stdio.h>

static pthread_mutex_t mu;
static int value;

static void good_update(int v)
{
	pthread_mutex_lock(&mu);
	pthread_mutex_lock(&mu);
	pthread_mutex_unlock(&mu);
	value = v;
	pthread_mutex_unlock(&mu);
}

static void *good_thread(void *arg)
{
	(void)arg;
	good_update(1);
	return NULL;
}

int main(void)
{
	pthread_mutexattr_t attr;
	pthread_t t;

	pthread_mutexattr_init(&attr);
	pthread_mutexattr_settype(&attr, PTHREAD_MUTEX_RECURSIVE);
	pthread_mutex_init(&mu, &attr);
	pthread_create(&t, NULL, good_thread, NULL);
	good_update(2);
	pthread_join(t, NULL);
	printf("%d\n", value);
	return 0;
}

/*
 * check-name: data-race: a recursive mutex taken twice, released once
 * check-description: The lock count is kept: after one unlock of two locks the mutex is still held, so the write is protected.
 * check-tsan: clean
 */
