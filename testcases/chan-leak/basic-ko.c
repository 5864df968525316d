// SPDX-License-Identifier: MIT
/*
 * Handles nobody drops: a request helper that makes a reply channel, and
 * on its error path returns without dropping either end; a broadcast
 * helper that clones a sender for a send and forgets the clone (each call
 * leaks one, and the channel can never disconnect); and a pool that gives
 * each worker a clone that the worker uses but never drops.
 */
#include <pthread.h>
#include <stdint.h>
#include <stdio.h>

#include <fearcheck/chan.h>

#define NR_WORKERS 2

struct request {
	int n;
	fc_sender *reply;	/* owned by the request */
};

static int warn_ask(fc_sender *server, int n)
{
	fc_sender *reply_tx;
	fc_receiver *reply_rx;
	static struct request req;
	void *v;

	if (fc_channel(&reply_tx, &reply_rx) != FC_OK)
		return -1;
	req.n = n;
	req.reply = reply_tx;
	if (fc_send(server, &req) != FC_OK)
		return -1;	/* reply_tx and reply_rx leak */
	if (fc_recv(reply_rx, &v) != FC_OK)
		v = NULL;
	fc_receiver_drop(reply_rx);
	return (int)(intptr_t)v;
}

static void warn_broadcast(fc_sender *tx, int v)
{
	fc_sender *c = fc_sender_clone(tx);

	if (!c)
		return;
	fc_send(c, (void *)(intptr_t)v);
}

static void *worker(void *arg)
{
	fc_sender *tx = arg;

	fc_send(tx, (void *)(intptr_t)1);
	return NULL;
}

static void warn_start(fc_sender *tx, pthread_t *t)
{
	for (int i = 0; i < NR_WORKERS; i++) {
		fc_sender *mine = fc_sender_clone(tx);

		if (mine)
			pthread_create(&t[i], NULL, worker, mine);
	}
}

int main(void)
{
	fc_sender *tx;
	fc_receiver *rx;
	pthread_t t[NR_WORKERS];

	if (fc_channel(&tx, &rx) != FC_OK)
		return 1;
	warn_broadcast(tx, 1);
	warn_start(tx, t);
	for (int i = 0; i < NR_WORKERS; i++)
		pthread_join(t[i], NULL);
	fc_receiver_drop(rx);
	warn_ask(tx, 2);
	fc_sender_drop(tx);
	return 0;
}

/*
 * check-name: chan-leak: an error path, a forgotten clone, workers that keep theirs
 * check-description: Report the reply channel's receiver (not dropped when the send fails; its sender went into the request), the clone warn_broadcast() never drops, and the clones warn_start() hands to workers that never drop them.
 * check-exit-value: 1
 *
 * check-error-start
chan-leak/basic-ko.c:29:6: warning: receiver 'reply_rx' is not dropped on some paths [chan-leak]
chan-leak/basic-ko.c:34:3: note: still held when 'warn_ask' returns here
chan-leak/basic-ko.c:43:17: warning: sender 'c' is never dropped [chan-leak]
chan-leak/basic-ko.c:48:1: note: still held when 'warn_broadcast' ends here
chan-leak/basic-ko.c:61:21: warning: sender 'mine' is never dropped [chan-leak]
chan-leak/basic-ko.c:66:1: note: still held when 'warn_start' ends here
chan-leak/basic-ko.c:64:4: note: handed here to thread 'worker', which uses it and never drops it
 * check-error-end
 */
