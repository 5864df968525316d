// SPDX-License-Identifier: MIT
/*
 * Sends under a lock that delay nobody: the logger of bounded-send-ko.c
 * with an unbounded channel (fc_send never blocks on fc_channel()'s
 * channels: the queue grows), and several feeders that share one sender
 * of a bounded channel behind a mutex of its own, Rust's
 * Mutex<Sender<T>>: only the feeders take that mutex, so a feeder waiting
 * for room makes only the other feeders wait to send in turn, and the
 * receiver needs no lock.  Stay silent.
 */
#include <pthread.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>

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

static void good_log(struct log *l, int v)
{
	pthread_mutex_lock(&stats_lock);
	nr_logged++;
	fc_send(l->tx, (void *)(intptr_t)v);	/* never waits */
	pthread_mutex_unlock(&stats_lock);
}

struct shared_sender {
	pthread_mutex_t lock;
	fc_sender *tx;		/* guarded by lock */
};

static void *feeder(void *arg)
{
	struct shared_sender *s = arg;

	for (int i = 0; i < 10; i++) {
		pthread_mutex_lock(&s->lock);
		fc_send(s->tx, (void *)(intptr_t)i);	/* may wait for room */
		pthread_mutex_unlock(&s->lock);
	}
	return NULL;
}

static long good_feed(void)
{
	struct shared_sender s = { PTHREAD_MUTEX_INITIALIZER, NULL };
	fc_receiver *rx;
	pthread_t t[3];
	long sum = 0;
	void *v;

	if (fc_sync_channel(2, &s.tx, &rx) != FC_OK)
		return -1;
	for (int i = 0; i < 3; i++)
		if (pthread_create(&t[i], NULL, feeder, &s))
			abort();
	for (int i = 0; i < 30; i++)
		if (fc_recv(rx, &v) == FC_OK)
			sum += (intptr_t)v;
	for (int i = 0; i < 3; i++)
		pthread_join(t[i], NULL);
	fc_sender_drop(s.tx);
	fc_receiver_drop(rx);
	return sum;
}

int main(void)
{
	struct log l;
	pthread_t t;

	if (fc_channel(&l.tx, &l.rx) != FC_OK)
		return 1;
	if (pthread_create(&t, NULL, writer, &l))
		return 1;
	for (int i = 0; i < 100; i++)
		good_log(&l, i);
	fc_sender_drop(l.tx);
	pthread_join(t, NULL);
	fc_receiver_drop(l.rx);
	printf("%ld\n", good_feed());
	return 0;
}

/*
 * check-name: blocking-under-lock: sends under a lock that delay nobody
 * check-description: fc_send on fc_channel()'s unbounded channel cannot block, and a bounded channel's sender behind a mutex only its feeders take (Mutex<Sender>) makes only them wait: stay silent.
 * check-tsan: clean
 */
