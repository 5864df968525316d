// SPDX-License-Identifier: MIT
/*
 * Trylock back-off: one thread takes first then second; the other holds
 * second and only *tries* first, and when that fails it releases second
 * and starts over.  The two threads really run at once, many times, and
 * can never deadlock: the second thread never waits for first while it
 * holds second.  So the tracker adds no edge into a lock taken by trylock
 * and stays silent.
 */
#include <errno.h>
#include <pthread.h>
#include <sched.h>
#include <stdlib.h>

#define ROUNDS 20000

static pthread_mutex_t first = PTHREAD_MUTEX_INITIALIZER;
static pthread_mutex_t second = PTHREAD_MUTEX_INITIALIZER;
static long moved;		/* guarded by first and second */

static void *in_order(void *arg)
{
	(void)arg;
	for (int i = 0; i < ROUNDS; i++) {
		pthread_mutex_lock(&first);
		pthread_mutex_lock(&second);
		moved++;
		pthread_mutex_unlock(&second);
		pthread_mutex_unlock(&first);
	}
	return NULL;
}

static void *backing_off(void *arg)
{
	(void)arg;
	for (int i = 0; i < ROUNDS; i++) {
		for (;;) {
			pthread_mutex_lock(&second);
			if (pthread_mutex_trylock(&first) == 0)
				break;
			pthread_mutex_unlock(&second);
			sched_yield();
		}
		moved--;
		pthread_mutex_unlock(&first);
		pthread_mutex_unlock(&second);
	}
	return NULL;
}

int main(void)
{
	pthread_t t1, t2;

	if (pthread_create(&t1, NULL, in_order, NULL) != 0 ||
	    pthread_create(&t2, NULL, backing_off, NULL) != 0)
		abort();
	pthread_join(t1, NULL);
	pthread_join(t2, NULL);
	return moved != 0;
}

/*
 * check-name: trylock back-off: no edge into a lock taken by trylock
 * check-command: fc-rt-run $file
 * check-exit-value: 0
 */
