// SPDX-License-Identifier: MIT
/*
 * A blocking send under a lock: the logger appends to a bounded channel
 * while it holds the stats lock, so whenever the channel is full (the
 * writer thread is slow) every other thread that wants the stats lock
 * waits for the writer too.  And the writer itself takes the stats lock
 * before each receive: once the channel is full, the logger holds the
 * lock and waits for room, the writer waits for the lock, and neither
 * moves (checked statically only).  With an unbounded channel, fc_send
 * never blocks (see unbounded-send-ok.c).
 */
#include <pthread.h>
#include <stdint.h>
#include <stdio.h>

#include <fearcheck/chan.h>

static pthread_mutex_t stats_lock = PTHREAD_MUTEX_INITIALIZER;
static long nr_logged;		/* guarded by stats_lock */

struct log {
	fc_sender *tx;
	fc_receiver *rx;
};

static void *writer(void *arg)
{
	struct log *l = arg;
	void *v;

	for (;;) {
		pthread_mutex_lock(&stats_lock);
		nr_logged--;
		pthread_mutex_unlock(&stats_lock);
		if (fc_recv(l->rx, &v) != FC_OK)
			break;
		printf("%d\n", (int)(intptr_t)v);
	}
	return NULL;
}

static void warn_log(struct log *l, int v)
{
	pthread_mutex_lock(&stats_lock);
	nr_logged++;
	fc_send(l->tx, (void *)(intptr_t)v);	/* may wait for room */
	pthread_mutex_unlock(&stats_lock);
}

int main(void)
{
	struct log l;
	pthread_t t;

	if (fc_sync_channel(4, &l.tx, &l.rx) != FC_OK)
		return 1;
	if (pthread_create(&t, NULL, writer, &l))
		return 1;
	for (int i = 0; i < 100; i++)
		warn_log(&l, i);
	fc_sender_drop(l.tx);
	pthread_join(t, NULL);
	fc_receiver_drop(l.rx);
	return 0;
}

/*
 * check-name: blocking-under-lock: a send on a bounded channel under a lock
 * check-description: Report fc_send on the bounded channel made by fc_sync_channel while stats_lock is held, which the writer thread also takes.
 * check-exit-value: 1
 *
 * check-error-start
blocking-under-lock/bounded-send-ko.c:46:2: warning: blocking send through 'l.tx', of a bounded channel, while holding 'stats_lock' [blocking-under-lock]
blocking-under-lock/bounded-send-ko.c:60:3: note: 'main' calls 'warn_log' here
blocking-under-lock/bounded-send-ko.c:55:6: note: the channel is created bounded here: a send waits until there is room (with bound 0, a receiver)
blocking-under-lock/bounded-send-ko.c:44:2: note: 'stats_lock' acquired here
blocking-under-lock/bounded-send-ko.c:32:3: note: thread 'writer' waits for it here
 * check-error-end
 */
