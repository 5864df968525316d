// SPDX-License-Identifier: MIT
/*
 * Holding a lock across a blocking call hurts only the threads that wait
 * for that lock.  main joins a helper thread inside its critical section,
 * but the helper never takes the lock (it runs inside main's critical
 * section); a thread sleeps holding its private lock, which no other
 * thread takes; and a conditional-acquire helper that failed leaves
 * nothing held for the sleep that follows.  Silent.
 */
#include <pthread.h>
#include <stdio.h>
#include <unistd.h>

static pthread_mutex_t shared = PTHREAD_MUTEX_INITIALIZER;
static int total;			/* guarded by shared */
static pthread_mutex_t mine = PTHREAD_MUTEX_INITIALIZER;
static int my_ticks;			/* guarded by mine */

/* Returns 1 with shared held, 0 without it. */
static int try_shared(void)
{
	return pthread_mutex_trylock(&shared) == 0;
}

static int helper_runs;			/* the helper's, then main's */

static void *good_helper(void *arg)
{
	(void)arg;
	helper_runs++;
	return NULL;
}

static void *good_ticker(void *arg)
{
	(void)arg;
	pthread_mutex_lock(&mine);
	my_ticks++;
	usleep(100);			/* nobody else takes mine */
	pthread_mutex_unlock(&mine);
	if (!try_shared()) {
		usleep(100);		/* try_shared() failed: nothing held */
		return NULL;
	}
	total++;
	pthread_mutex_unlock(&shared);
	return NULL;
}

int main(void)
{
	pthread_t h, t;

	pthread_create(&t, NULL, good_ticker, NULL);
	pthread_mutex_lock(&shared);
	pthread_create(&h, NULL, good_helper, NULL);
	pthread_join(h, NULL);		/* good_helper never takes shared */
	total++;
	pthread_mutex_unlock(&shared);
	pthread_join(t, NULL);
	printf("%d %d\n", total, helper_runs);
	return 0;
}

/*
 * check-name: blocking-under-lock: blocking with a lock nobody waits for
 * check-description: Stay silent: main joins a thread that never takes shared, good_ticker sleeps holding mine, which no other thread takes, and sleeps after try_shared() failed.
 */
