// SPDX-License-Identifier: MIT
/*
 * A send under a lock that delays nobody: the logger of bounded-send-ko.c
 * with an unbounded channel (fc_send never blocks on fc_channel()'s
 * channels: the queue grows).  Stay silent.
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

static void good_log(struct log *l, int v)
{
	pthread_mutex_lock(&stats_lock);
	nr_logged++;
	fc_send(l->tx, (void *)(intptr_t)v);	/* never waits */
	pthread_mutex_unlock(&stats_lock);
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
	return 0;
}

/*
 * check-name: blocking-under-lock: a send under a lock that delays nobody
 * check-description: fc_send on fc_channel()'s unbounded channel cannot block: stay silent.
 * check-tsan: clean
 */
