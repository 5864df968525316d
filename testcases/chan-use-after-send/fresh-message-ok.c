// SPDX-License-Identifier: MIT
/*
 * Patterns that reuse a message variable, not a message: a loop that
 * allocates a new message on each round before filling it, a variable
 * set to NULL once its message is sent, and a relay thread that receives
 * a message and passes it on (the relay owns it between the two).  The
 * name is the same, the memory is new each time: stay silent.
 */
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <fearcheck/chan.h>

struct relay {
	fc_receiver *in;	/* owned: the relay drops them */
	fc_sender *out;
};

static void *good_producer(void *arg)
{
	fc_sender *tx = arg;
	char *line = NULL;

	for (int i = 0; i < 4; i++) {
		line = malloc(16);
		if (!line)
			break;
		snprintf(line, 16, "line %d", i);
		if (fc_send(tx, line) != FC_OK)
			break;	/* still ours: freed below */
		line = NULL;	/* the receiver's now */
	}
	free(line);		/* NULL, or a line never sent */
	fc_sender_drop(tx);
	return NULL;
}

static void *good_relay(void *arg)
{
	struct relay *r = arg;
	void *msg;

	while (fc_recv(r->in, &msg) == FC_OK) {
		strncat(msg, "!", 1);	/* ours until sent on */
		if (fc_send(r->out, msg) != FC_OK)
			free(msg);
	}
	fc_receiver_drop(r->in);
	fc_sender_drop(r->out);
	return NULL;
}

int main(void)
{
	fc_sender *tx, *mid_tx;
	fc_receiver *rx, *mid_rx;
	struct relay r;
	pthread_t p, q;
	void *v;

	if (fc_channel(&mid_tx, &mid_rx) != FC_OK)
		return 1;
	if (fc_channel(&tx, &rx) != FC_OK)
		return 1;
	r.in = mid_rx;
	r.out = tx;
	if (pthread_create(&q, NULL, good_relay, &r))
		return 1;
	if (pthread_create(&p, NULL, good_producer, mid_tx))
		return 1;
	while (fc_recv(rx, &v) == FC_OK) {
		puts(v);
		free(v);
	}
	pthread_join(p, NULL);
	pthread_join(q, NULL);
	fc_receiver_drop(rx);
	return 0;
}

/*
 * check-name: chan-use-after-send: a new message each time, a relay
 * check-description: A variable reassigned (a new allocation, NULL) after its message was sent, and a message received and sent on, are not uses of the sent message. Stay silent.
 * check-tsan: clean
 */
