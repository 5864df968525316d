// SPDX-License-Identifier: MIT
/*
 * A producer fills a heap message, sends it and then keeps touching it:
 * it bumps a field after the send succeeded, and on the last round frees
 * the message it no longer owns.  A successful fc_send() moves the
 * message to the receiver, as tx.send(msg) moves it in Rust: the sender
 * writing it races with the receiver reading it, and freeing it frees
 * memory the receiver is about to use.
 */
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>

#include <fearcheck/chan.h>

struct msg {
	int seq;
	int retries;
};

static void *warn_producer(void *arg)
{
	fc_sender *tx = arg;

	for (int i = 0; i < 3; i++) {
		struct msg *m = malloc(sizeof(*m));

		if (!m)
			break;
		m->seq = i;
		m->retries = 0;
		if (fc_send(tx, m) != FC_OK) {
			free(m);
			break;
		}
		m->retries++;		/* the receiver owns it now */
		if (i == 2)
			free(m);	/* and frees it itself */
	}
	fc_sender_drop(tx);
	return NULL;
}

int main(void)
{
	fc_sender *tx;
	fc_receiver *rx;
	pthread_t t;
	void *v;

	if (fc_channel(&tx, &rx) != FC_OK)
		return 1;
	if (pthread_create(&t, NULL, warn_producer, tx))
		return 1;
	while (fc_recv(rx, &v) == FC_OK) {
		struct msg *m = v;

		printf("%d %d\n", m->seq, m->retries);
		free(m);
	}
	pthread_join(t, NULL);
	fc_receiver_drop(rx);
	return 0;
}

/*
 * check-name: chan-use-after-send: a message written and freed after its send
 * check-description: Report the write of m->retries after the successful send (the free on the same path is the same misuse, reported once per send).
 * check-exit-value: 1
 *
 * check-error-start
chan-use-after-send/basic-ko.c:36:6: warning: 'm->retries' written after 'm' was sent: the receiver owns it now [chan-use-after-send]
chan-use-after-send/basic-ko.c:32:7: note: 'm' sent here through 'tx'
 * check-error-end
 */
