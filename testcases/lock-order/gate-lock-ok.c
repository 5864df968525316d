// SPDX-License-Identifier: MIT
/*
 * Both threads take a and b in opposite orders, but only ever while
 * holding the gate lock g: the two nested sections never run at once.
 */
#include <pthread.h>
#include <stdio.h>

static pthread_mutex_t g = PTHREAD_MUTEX_INITIALIZER;
static pthread_mutex_t a = PTHREAD_MUTEX_INITIALIZER;
static pthread_mutex_t b = PTHREAD_MUTEX_INITIALIZER;
static int x, y;

static void *good_ab(void *arg)
{
	(void)arg;
	pthread_mutex_lock(&g);
	pthread_mutex_lock(&a);
	pthread_mutex_lock(&b);
	x++;
	pthread_mutex_unlock(&b);
	pthread_mutex_unlock(&a);
	pthread_mutex_unlock(&g);
	return NULL;
}

static void *good_ba(void *arg)
{
	(void)arg;
	pthread_mutex_lock(&g);
	pthread_mutex_lock(&b);
	pthread_mutex_lock(&a);
	y++;
	pthread_mutex_unlock(&a);
	pthread_mutex_unlock(&b);
	pthread_mutex_unlock(&g);
	return NULL;
}

int main(void)
{
	pthread_t t1, t2;

	pthread_create(&t1, NULL, good_ab, NULL);
	pthread_create(&t2, NULL, good_ba, NULL);
	pthread_join(t1, NULL);
	pthread_join(t2, NULL);
	printf("%d %d\n", x, y);
	return 0;
}

/*
 * check-name: lock-order: opposite orders under a common gate lock
 * check-description: Every edge of the a/b cycle is taken while holding g, so no two can interleave; stay silent.
 */
