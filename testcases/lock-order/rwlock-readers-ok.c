// SPDX-License-Identifier: MIT
/*
 * Two readers take read locks of two rwlocks in opposite orders.  With
 * glibc's default (reader-preferring) rwlocks, a reader never waits for
 * another reader, so this cannot deadlock.
 */
#include <pthread.h>
#include <stdio.h>

static pthread_rwlock_t a = PTHREAD_RWLOCK_INITIALIZER;
static pthread_rwlock_t b = PTHREAD_RWLOCK_INITIALIZER;
static int ta = 1, tb = 2;

static void *good_read_ab(void *arg)
{
	int *out = arg;

	pthread_rwlock_rdlock(&a);
	pthread_rwlock_rdlock(&b);
	*out = ta + tb;
	pthread_rwlock_unlock(&b);
	pthread_rwlock_unlock(&a);
	return NULL;
}

static void *good_read_ba(void *arg)
{
	int *out = arg;

	pthread_rwlock_rdlock(&b);
	pthread_rwlock_rdlock(&a);
	*out = ta * tb;
	pthread_rwlock_unlock(&a);
	pthread_rwlock_unlock(&b);
	return NULL;
}

int main(void)
{
	pthread_t t1, t2;
	int r1, r2;

	pthread_create(&t1, NULL, good_read_ab, &r1);
	pthread_create(&t2, NULL, good_read_ba, &r2);
	pthread_join(t1, NULL);
	pthread_join(t2, NULL);
	printf("%d %d\n", r1, r2);
	return 0;
}

/*
 * check-name: lock-order: readers of two rwlocks in opposite orders
 * check-description: Every edge holds and takes read locks of reader-preferring rwlocks; readers do not wait for readers, so stay silent.
 */
