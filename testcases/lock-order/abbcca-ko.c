// SPDX-License-Identifier: MIT
/*
 * Three locks, three threads, each pair consistent but the three orders
 * together form the cycle a -> b -> c -> a: each thread can hold one lock
 * and wait for the next.
 */
#include <pthread.h>
#include <stdio.h>

static pthread_mutex_t a = PTHREAD_MUTEX_INITIALIZER;
static pthread_mutex_t b = PTHREAD_MUTEX_INITIALIZER;
static pthread_mutex_t c = PTHREAD_MUTEX_INITIALIZER;
static int ab, bc, ca;

static void *warn_ab(void *arg)
{
	(void)arg;
	pthread_mutex_lock(&a);
	pthread_mutex_lock(&b);
	ab++;
	pthread_mutex_unlock(&b);
	pthread_mutex_unlock(&a);
	return NULL;
}

static void *warn_bc(void *arg)
{
	(void)arg;
	pthread_mutex_lock(&b);
	pthread_mutex_lock(&c);
	bc++;
	pthread_mutex_unlock(&c);
	pthread_mutex_unlock(&b);
	return NULL;
}

static void *warn_ca(void *arg)
{
	(void)arg;
	pthread_mutex_lock(&c);
	pthread_mutex_lock(&a);
	ca++;
	pthread_mutex_unlock(&a);
	pthread_mutex_unlock(&c);
	return NULL;
}

int main(void)
{
	pthread_t t[3];

	pthread_create(&t[0], NULL, warn_ab, NULL);
	pthread_create(&t[1], NULL, warn_bc, NULL);
	pthread_create(&t[2], NULL, warn_ca, NULL);
	for (int i = 0; i < 3; i++)
		pthread_join(t[i], NULL);
	printf("%d %d %d\n", ab, bc, ca);
	return 0;
}

/*
 * check-name: lock-order: a 3-lock cycle across three threads (ABBCCA)
 * check-description: No two threads invert a pair, yet a -> b -> c -> a is a cycle; report it once with all three edges.
 * check-exit-value: 1
 *
 * check-error-start
lock-order/abbcca-ko.c:19:2: warning: lock order cycle: 'a' -> 'b' -> 'c' -> 'a' [lock-order]
lock-order/abbcca-ko.c:18:2: note: thread 'warn_ab' acquires 'a' here
lock-order/abbcca-ko.c:19:2: note: then 'b' here, while holding 'a'
lock-order/abbcca-ko.c:52:2: note: thread 'warn_ab' created here by thread 'main'
lock-order/abbcca-ko.c:29:2: note: thread 'warn_bc' acquires 'b' here
lock-order/abbcca-ko.c:30:2: note: then 'c' here, while holding 'b'
lock-order/abbcca-ko.c:53:2: note: thread 'warn_bc' created here by thread 'main'
lock-order/abbcca-ko.c:40:2: note: thread 'warn_ca' acquires 'c' here
lock-order/abbcca-ko.c:41:2: note: then 'a' here, while holding 'c'
lock-order/abbcca-ko.c:54:2: note: thread 'warn_ca' created here by thread 'main'
 * check-error-end
 */
