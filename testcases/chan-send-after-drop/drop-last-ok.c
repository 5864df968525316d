// SPDX-License-Identifier: MIT
/*
 * Sends that are fine although a drop is near: the drop after the last
 * send; a drop on an error path that returns at once; a handle cleared to
 * NULL when dropped and tested before the next use; a flag that decides
 * both the drop and the send the same way; a helper that only borrows the
 * sender it is given; and a sender moved into a thread and not touched by
 * its creator afterwards.  Stay silent.
 */
#include <pthread.h>
#include <stdint.h>
#include <stdio.h>

#include <fearcheck/chan.h>

struct stream {
	fc_sender *tx;		/* NULL once closed */
};

static int good_send_all(fc_sender *tx, int n)
{
	for (int i = 0; i < n; i++) {
		if (fc_send(tx, (void *)(intptr_t)i) != FC_OK) {
			fc_sender_drop(tx);
			return -1;
		}
	}
	fc_sender_drop(tx);
	return 0;
}

static void good_stream_close(struct stream *s)
{
	if (s->tx) {
		fc_sender_drop(s->tx);
		s->tx = NULL;
	}
}

static void good_stream_put(struct stream *s, int v)
{
	good_stream_close(s);
	if (s->tx)		/* closed: nothing is sent */
		fc_send(s->tx, (void *)(intptr_t)v);
}

static void good_last(fc_sender *tx, int last)
{
	if (last)
		fc_sender_drop(tx);
	if (!last)
		fc_send(tx, (void *)(intptr_t)1);
}

/* Borrows tx: sends through it, never drops it. */
static void good_ping(fc_sender *tx)
{
	fc_send(tx, (void *)(intptr_t)2);
}

static void *good_worker(void *arg)
{
	fc_sender *tx = arg;

	good_ping(tx);
	fc_sender_drop(tx);
	return NULL;
}

int main(void)
{
	fc_sender *tx, *c;
	fc_receiver *rx;
	struct stream s;
	pthread_t t;
	void *v;

	if (fc_channel(&tx, &rx) != FC_OK)
		return 1;
	c = fc_sender_clone(tx);
	if (c)
		good_send_all(c, 3);
	s.tx = fc_sender_clone(tx);
	good_stream_put(&s, 4);
	c = fc_sender_clone(tx);
	if (c) {
		good_last(c, 0);
		good_last(c, 1);
	}
	good_ping(tx);
	if (pthread_create(&t, NULL, good_worker, tx))
		return 1;
	tx = NULL;		/* moved into the worker */
	while (fc_recv(rx, &v) == FC_OK)
		printf("%d\n", (int)(intptr_t)v);
	pthread_join(t, NULL);
	fc_receiver_drop(rx);
	return 0;
}

/*
 * check-name: chan-send-after-drop: drops after the last use
 * check-description: A drop after the last send, on an error path that returns, cleared and tested, decided by the same flag as the send, a borrowing helper, a sender moved into a thread: stay silent.
 * check-tsan: clean
 */
