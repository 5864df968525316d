// SPDX-License-Identifier: MIT
/*
 * One worker function, started four times in a loop, takes the two locks
 * in an order that depends on its argument: two instances with different
 * arguments can deadlock.
 */
#include <pthread.h>
#include <stdio.h>

static pthread_mutex_t a = PTHREAD_MUTEX_INITIALIZER;
static pthread_mutex_t b = PTHREAD_MUTEX_INITIALIZER;
static int moves;

static void *warn_worker(void *arg)
{
	long id = (long)arg;

	if (id % 2) {
		pthread_mutex_lock(&a);
		pthread_mutex_lock(&b);
	} else {
		pthread_mutex_lock(&b);
		pthread_mutex_lock(&a);
	}
	moves++;
	pthread_mutex_unlock(&a);
	pthread_mutex_unlock(&b);
	return NULL;
}

int main(void)
{
	pthread_t t[4];

	for (long i = 0; i < 4; i++)
		pthread_create(&t[i], NULL, warn_worker, (void *)i);
	for (int i = 0; i < 4; i++)
		pthread_join(t[i], NULL);
	printf("%d\n", moves);
	return 0;
}

/*
 * check-name: lock-order: one function, many instances, both orders
 * check-description: Both edges come from warn_worker, but it runs as four threads at once; two of them can deadlock.
 * check-exit-value: 1
 *
 * check-error-start
lock-order/same-fn-many-ko.c:20:3: warning: lock order inversion: 'b' acquired while holding 'a', elsewhere 'a' while holding 'b' [lock-order]
lock-order/same-fn-many-ko.c:19:3: note: thread 'warn_worker' acquires 'a' here
lock-order/same-fn-many-ko.c:20:3: note: then 'b' here, while holding 'a'
lock-order/same-fn-many-ko.c:36:3: note: thread 'warn_worker' (many instances) created here by thread 'main'
lock-order/same-fn-many-ko.c:22:3: note: thread 'warn_worker' acquires 'b' here
lock-order/same-fn-many-ko.c:23:3: note: then 'a' here, while holding 'b'
lock-order/same-fn-many-ko.c:36:3: note: thread 'warn_worker' (many instances) created here by thread 'main'
 * check-error-end
 */
