// SPDX-License-Identifier: MIT
/*
 * Waits that keep a lock: the dispatcher receives from a channel with the
 * route table locked, so senders that update routes wait until a message
 * arrives; and the waiter waits on a condition variable with the outer
 * lock still held: the wait gives back only its own mutex, and the
 * signaller needs the outer lock first (a nested-monitor deadlock).
 */
#include <pthread.h>
#include <stdint.h>
#include <stdio.h>

#include <fearcheck/chan.h>

static pthread_mutex_t routes_lock = PTHREAD_MUTEX_INITIALIZER;
static int routes;			/* guarded by routes_lock */
static fc_receiver *rx;
static fc_sender *tx;

static pthread_mutex_t outer = PTHREAD_MUTEX_INITIALIZER;
static pthread_mutex_t inner = PTHREAD_MUTEX_INITIALIZER;
static pthread_cond_t ready = PTHREAD_COND_INITIALIZER;
static int is_ready;			/* guarded by inner */

static void *warn_dispatcher(void *arg)
{
	void *msg;

	(void)arg;
	pthread_mutex_lock(&routes_lock);
	if (fc_recv(rx, &msg) == FC_OK)
		routes += (int)(intptr_t)msg;
	pthread_mutex_unlock(&routes_lock);
	return NULL;
}

static void *warn_waiter(void *arg)
{
	(void)arg;
	pthread_mutex_lock(&outer);
	pthread_mutex_lock(&inner);
	while (!is_ready)
		pthread_cond_wait(&ready, &inner);	/* outer stays held */
	pthread_mutex_unlock(&inner);
	pthread_mutex_unlock(&outer);
	return NULL;
}

static void *updater(void *arg)
{
	(void)arg;
	pthread_mutex_lock(&routes_lock);
	routes++;
	pthread_mutex_unlock(&routes_lock);
	fc_send(tx, (void *)(intptr_t)1);
	pthread_mutex_lock(&outer);
	pthread_mutex_lock(&inner);
	is_ready = 1;
	pthread_cond_signal(&ready);
	pthread_mutex_unlock(&inner);
	pthread_mutex_unlock(&outer);
	return NULL;
}

int main(void)
{
	pthread_t a, b, c;

	if (fc_channel(&tx, &rx) != FC_OK)
		return 1;
	pthread_create(&a, NULL, warn_dispatcher, NULL);
	pthread_create(&b, NULL, warn_waiter, NULL);
	pthread_create(&c, NULL, updater, NULL);
	pthread_join(a, NULL);
	pthread_join(b, NULL);
	pthread_join(c, NULL);
	fc_sender_drop(tx);
	fc_receiver_drop(rx);
	printf("%d\n", routes);
	return 0;
}

/*
 * check-name: blocking-under-lock: a channel receive and a condition wait that keep another lock
 * check-description: Report fc_recv in warn_dispatcher with routes_lock held, and the pthread_cond_wait in warn_waiter, which releases inner but keeps outer, which updater needs.
 * check-exit-value: 1
 *
 * check-error-start
blocking-under-lock/channel-wait-ko.c:31:6: warning: blocking call to 'fc_recv' while holding 'routes_lock' [blocking-under-lock]
blocking-under-lock/channel-wait-ko.c:30:2: note: 'routes_lock' acquired here
blocking-under-lock/channel-wait-ko.c:52:2: note: thread 'updater' waits for it here
blocking-under-lock/channel-wait-ko.c:71:2: note: thread 'warn_dispatcher' created here by thread 'main'
blocking-under-lock/channel-wait-ko.c:43:3: warning: waiting on 'ready' while holding 'outer': the wait releases only 'inner' [blocking-under-lock]
blocking-under-lock/channel-wait-ko.c:40:2: note: 'outer' acquired here
blocking-under-lock/channel-wait-ko.c:56:2: note: thread 'updater' waits for it here
blocking-under-lock/channel-wait-ko.c:72:2: note: thread 'warn_waiter' created here by thread 'main'
 * check-error-end
 */
