// SPDX-License-Identifier: MIT
/*
 * Threads that end while holding a lock: the consumer breaks out of its
 * loop on the stop flag with the queue locked and returns; the watcher
 * calls a helper that ends the thread with pthread_exit() with the
 * status lock held.  A mutex held by a thread that is gone is never
 * unlocked: everyone else waiting for it waits forever.
 */
#include <pthread.h>
#include <stdio.h>

static pthread_mutex_t queue_lock = PTHREAD_MUTEX_INITIALIZER;
static int queue_len = 100;		/* guarded by queue_lock */
static int stop;			/* guarded by queue_lock */

static pthread_mutex_t status_lock = PTHREAD_MUTEX_INITIALIZER;
static int status;			/* guarded by status_lock */

static void *warn_consumer(void *arg)
{
	(void)arg;
	for (;;) {
		pthread_mutex_lock(&queue_lock);
		if (stop || queue_len == 0)
			break;
		queue_len--;
		pthread_mutex_unlock(&queue_lock);
	}
	return NULL;			/* queue_lock still held */
}

static void quit_if_failed(void)
{
	if (status < 0)
		pthread_exit(NULL);
}

static void *warn_watcher(void *arg)
{
	(void)arg;
	pthread_mutex_lock(&status_lock);
	status = -1;
	quit_if_failed();		/* exits with status_lock held */
	pthread_mutex_unlock(&status_lock);
	return NULL;
}

int main(void)
{
	pthread_t a, b;

	pthread_create(&a, NULL, warn_consumer, NULL);
	pthread_create(&b, NULL, warn_watcher, NULL);
	pthread_join(a, NULL);
	pthread_join(b, NULL);
	printf("done\n");
	return 0;
}

/*
 * check-name: lock-leak: a thread returns or exits holding a lock
 * check-description: Report warn_consumer's return, reached only through the break with queue_lock held, and the pthread_exit in quit_if_failed, called by warn_watcher with status_lock held.
 * check-exit-value: 1
 *
 * check-error-start
lock-leak/thread-exit-ko.c:29:2: warning: thread 'warn_consumer' returns holding 'queue_lock' [lock-leak]
lock-leak/thread-exit-ko.c:23:3: note: 'queue_lock' acquired here
lock-leak/thread-exit-ko.c:52:2: note: thread 'warn_consumer' created here by thread 'main'
lock-leak/thread-exit-ko.c:35:3: warning: thread 'warn_watcher' exits holding 'status_lock' [lock-leak]
lock-leak/thread-exit-ko.c:43:2: note: 'warn_watcher' calls 'quit_if_failed' here
lock-leak/thread-exit-ko.c:41:2: note: 'status_lock' acquired here
lock-leak/thread-exit-ko.c:53:2: note: thread 'warn_watcher' created here by thread 'main'
 * check-error-end
 */
