// SPDX-License-Identifier: MIT
/*
 * A gate lock: both threads take a and b in opposite orders, but always
 * while holding gate, so only one of them can be between its two
 * acquisitions at a time and the cycle a -> b -> a can never close.  The
 * threads run at once, many times.  Silent.
 */
#include <pthread.h>
#include <stdlib.h>

#define ROUNDS 10000

static pthread_mutex_t gate = PTHREAD_MUTEX_INITIALIZER;
static pthread_mutex_t a = PTHREAD_MUTEX_INITIALIZER;
static pthread_mutex_t b = PTHREAD_MUTEX_INITIALIZER;
static long shared;		/* guarded by a and b */

static void *a_then_b(void *arg)
{
	(void)arg;
	for (int i = 0; i < ROUNDS; i++) {
		pthread_mutex_lock(&gate);
		pthread_mutex_lock(&a);
		pthread_mutex_lock(&b);
		shared++;
		pthread_mutex_unlock(&b);
		pthread_mutex_unlock(&a);
		pthread_mutex_unlock(&gate);
	}
	return NULL;
}

static void *b_then_a(void *arg)
{
	(void)arg;
	for (int i = 0; i < ROUNDS; i++) {
		pthread_mutex_lock(&gate);
		pthread_mutex_lock(&b);
		pthread_mutex_lock(&a);
		shared--;
		pthread_mutex_unlock(&a);
		pthread_mutex_unlock(&b);
		pthread_mutex_unlock(&gate);
	}
	return NULL;
}

int main(void)
{
	pthread_t t1, t2;

	if (pthread_create(&t1, NULL, a_then_b, NULL) != 0 ||
	    pthread_create(&t2, NULL, b_then_a, NULL) != 0)
		abort();
	pthread_join(t1, NULL);
	pthread_join(t2, NULL);
	return shared != 0;
}

/*
 * check-name: a gate lock held on every edge makes the cycle harmless
 * check-command: fc-rt-run $file
 * check-exit-value: 0
 */
