// SPDX-License-Identifier: MIT
/*
 * Joining a thread while holding a lock that thread needs: stop() takes
 * the pool lock to flag the shutdown and joins the worker without
 * releasing it; the worker takes the pool lock on its way out, so the
 * two wait for each other forever.
 */
#include <pthread.h>
#include <stdio.h>

static pthread_mutex_t pool_lock = PTHREAD_MUTEX_INITIALIZER;
static int shutting_down;		/* guarded by pool_lock */
static int finished;			/* guarded by pool_lock */
static pthread_t worker;

static void *worker_main(void *arg)
{
	int stop = 0;

	(void)arg;
	while (!stop) {
		pthread_mutex_lock(&pool_lock);
		stop = shutting_down;
		pthread_mutex_unlock(&pool_lock);
	}
	pthread_mutex_lock(&pool_lock);
	finished++;
	pthread_mutex_unlock(&pool_lock);
	return NULL;
}

static void warn_stop(void)
{
	pthread_mutex_lock(&pool_lock);
	shutting_down = 1;
	pthread_join(worker, NULL);	/* the worker needs pool_lock */
	pthread_mutex_unlock(&pool_lock);
}

int main(void)
{
	pthread_create(&worker, NULL, worker_main, NULL);
	warn_stop();
	printf("%d\n", finished);
	return 0;
}

/*
 * check-name: blocking-under-lock: joining a thread that takes the lock the joiner holds
 * check-description: Report the pthread_join in warn_stop: main holds pool_lock while waiting for worker_main, which locks pool_lock: a deadlock.
 * check-exit-value: 1
 *
 * check-error-start
blocking-under-lock/join-deadlock-ko.c:36:2: warning: joining thread 'worker_main' while holding 'pool_lock', which it acquires: deadlock [blocking-under-lock]
blocking-under-lock/join-deadlock-ko.c:43:2: note: 'main' calls 'warn_stop' here
blocking-under-lock/join-deadlock-ko.c:34:2: note: 'pool_lock' acquired here
blocking-under-lock/join-deadlock-ko.c:43:2: note: 'main' calls 'warn_stop' here
blocking-under-lock/join-deadlock-ko.c:22:3: note: thread 'worker_main' acquires 'pool_lock' here
blocking-under-lock/join-deadlock-ko.c:42:2: note: thread 'worker_main' created here by thread 'main'
 * check-error-end
 */
