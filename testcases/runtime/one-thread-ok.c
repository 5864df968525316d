// SPDX-License-Identifier: MIT
/*
 * One thread takes a then b, and later b then a; no other thread ever
 * takes them.  A thread cannot wait for itself across time, so this cycle
 * is no deadlock and the tracker stays silent by default (one-thread-ko.c
 * turns on single_thread=1, which reports it).
 */
#include <pthread.h>
#include <stdlib.h>

static pthread_mutex_t a = PTHREAD_MUTEX_INITIALIZER;
static pthread_mutex_t b = PTHREAD_MUTEX_INITIALIZER;

static void *only_user(void *arg)
{
	(void)arg;
	pthread_mutex_lock(&a);
	pthread_mutex_lock(&b);
	pthread_mutex_unlock(&b);
	pthread_mutex_unlock(&a);

	pthread_mutex_lock(&b);
	pthread_mutex_lock(&a);
	pthread_mutex_unlock(&a);
	pthread_mutex_unlock(&b);
	return NULL;
}

int main(void)
{
	pthread_t t;

	if (pthread_create(&t, NULL, only_user, NULL) != 0)
		abort();
	pthread_join(t, NULL);
	return 0;
}

/*
 * check-name: a cycle made by one thread alone is no deadlock
 * check-command: fc-rt-run $file
 * check-exit-value: 0
 */
