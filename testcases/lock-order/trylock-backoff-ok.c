// SPDX-License-Identifier: MIT
/*
 * The second thread takes b, then only tries a; when a is busy it backs
 * off (releases b) and retries.  A trylock never waits, so the b -> a
 * order cannot deadlock.
 */
#include <pthread.h>
#include <sched.h>
#include <stdio.h>

static pthread_mutex_t a = PTHREAD_MUTEX_INITIALIZER;
static pthread_mutex_t b = PTHREAD_MUTEX_INITIALIZER;
static int moved;

static void *good_ab(void *arg)
{
	(void)arg;
	pthread_mutex_lock(&a);
	pthread_mutex_lock(&b);
	moved++;
	pthread_mutex_unlock(&b);
	pthread_mutex_unlock(&a);
	return NULL;
}

static void *good_ba_backoff(void *arg)
{
	(void)arg;
	for (;;) {
		pthread_mutex_lock(&b);
		if (pthread_mutex_trylock(&a) == 0)
			break;
		pthread_mutex_unlock(&b);
		sched_yield();
	}
	moved--;
	pthread_mutex_unlock(&a);
	pthread_mutex_unlock(&b);
	return NULL;
}

int main(void)
{
	pthread_t t1, t2;

	pthread_create(&t1, NULL, good_ab, NULL);
	pthread_create(&t2, NULL, good_ba_backoff, NULL);
	pthread_join(t1, NULL);
	pthread_join(t2, NULL);
	printf("%d\n", moved);
	return 0;
}

/*
 * check-name: lock-order: trylock back-off in the reverse order
 * check-description: The b -> a edge comes from a trylock that backs off; it cannot wait, so there is no cycle to report.
 */
