// SPDX-License-Identifier: MIT
/*
 * Condition waits without their mutex: the waiter forgets to lock before
 * waiting (undefined behaviour, and the wakeup can be lost between the
 * check and the wait), and the notifier waits with the wrong mutex held:
 * it holds state_lock but waits with done_lock, which it never took.
 */
#include <pthread.h>
#include <stdio.h>

static pthread_mutex_t done_lock = PTHREAD_MUTEX_INITIALIZER;
static pthread_mutex_t state_lock = PTHREAD_MUTEX_INITIALIZER;
static pthread_cond_t done_cond = PTHREAD_COND_INITIALIZER;
static int done;			/* guarded by done_lock */
static int state;			/* guarded by state_lock */

static void *warn_waiter(void *arg)
{
	(void)arg;
	while (!__atomic_load_n(&done, __ATOMIC_ACQUIRE))
		pthread_cond_wait(&done_cond, &done_lock);
	return NULL;
}

static void *warn_wrong_mutex(void *arg)
{
	(void)arg;
	pthread_mutex_lock(&state_lock);
	while (state == 0)
		pthread_cond_wait(&done_cond, &done_lock);
	pthread_mutex_unlock(&state_lock);
	return NULL;
}

int main(void)
{
	pthread_t a, b;

	pthread_create(&a, NULL, warn_waiter, NULL);
	pthread_create(&b, NULL, warn_wrong_mutex, NULL);
	pthread_mutex_lock(&done_lock);
	__atomic_store_n(&done, 1, __ATOMIC_RELEASE);
	pthread_cond_broadcast(&done_cond);
	pthread_mutex_unlock(&done_lock);
	pthread_mutex_lock(&state_lock);
	state = 1;
	pthread_mutex_unlock(&state_lock);
	pthread_join(a, NULL);
	pthread_join(b, NULL);
	printf("%d\n", state);
	return 0;
}

/*
 * check-name: cond-wait: waiting without holding the wait's mutex
 * check-description: Report the pthread_cond_wait in warn_waiter, which holds no lock, and the one in warn_wrong_mutex, which holds state_lock but passes done_lock.
 * check-exit-value: 1
 *
 * check-error-start
cond-wait/unlocked-ko.c:21:3: warning: waiting on 'done_cond' without holding its mutex 'done_lock' [cond-wait]
cond-wait/unlocked-ko.c:39:2: note: thread 'warn_waiter' created here by thread 'main'
cond-wait/unlocked-ko.c:30:3: warning: waiting on 'done_cond' without holding its mutex 'done_lock' [cond-wait]
cond-wait/unlocked-ko.c:30:3: note: the thread is holding 'state_lock' here
cond-wait/unlocked-ko.c:40:2: note: thread 'warn_wrong_mutex' created here by thread 'main'
 * check-error-end
 */
