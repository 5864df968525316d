// SPDX-License-Identifier: MIT
/*
 * Handles that leave the function that made them in someone's care: kept
 * in a struct that a shutdown function empties, returned to the caller by
 * a constructor, moved into a thread that drops it, passed to a helper
 * that drops it, sent through another channel to a thread that drops it,
 * or never made (a failed clone, a failed fc_channel).  Stay silent.
 */
#include <pthread.h>
#include <stdint.h>
#include <stdlib.h>

#include <fearcheck/chan.h>

struct service {
	fc_sender *tx;
	fc_receiver *rx;
	pthread_t thread;
};

static void *service_main(void *arg)
{
	fc_receiver *rx = arg;
	void *v;

	while (fc_recv(rx, &v) == FC_OK) {
		fc_sender *reply = v;	/* a handle sent as a message */

		fc_send(reply, (void *)(intptr_t)42);
		fc_sender_drop(reply);
	}
	fc_receiver_drop(rx);
	return NULL;
}

static int good_service_start(struct service *s)
{
	fc_receiver *rx;

	if (fc_channel(&s->tx, &rx) != FC_OK)
		return -1;
	if (pthread_create(&s->thread, NULL, service_main, rx)) {
		fc_sender_drop(s->tx);
		fc_receiver_drop(rx);
		return -1;
	}
	return 0;
}

static void good_service_stop(struct service *s)
{
	fc_sender_drop(s->tx);
	pthread_join(s->thread, NULL);
}

/* Returns a new sender for the caller to drop, or NULL. */
static fc_sender *good_connect(struct service *s)
{
	fc_sender *c = fc_sender_clone(s->tx);

	if (!c)
		return NULL;
	return c;
}

static void finish(fc_sender *tx)
{
	fc_sender_drop(tx);
}

static int good_ask(struct service *s)
{
	fc_sender *reply_tx;
	fc_receiver *reply_rx;
	void *v = NULL;

	if (fc_channel(&reply_tx, &reply_rx) != FC_OK)
		return -1;
	if (fc_send(s->tx, reply_tx) != FC_OK) {	/* moves reply_tx */
		finish(reply_tx);
		fc_receiver_drop(reply_rx);
		return -1;
	}
	if (fc_recv(reply_rx, &v) != FC_OK)
		v = NULL;
	fc_receiver_drop(reply_rx);
	return (int)(intptr_t)v;
}

int main(void)
{
	struct service s;
	fc_sender *c;

	if (good_service_start(&s))
		return 1;
	c = good_connect(&s);
	if (c)
		finish(c);
	good_ask(&s);
	good_service_stop(&s);
	return 0;
}

/*
 * check-name: chan-leak: handles in someone's care
 * check-description: A struct a shutdown empties, a returned clone, a thread, a dropping helper, a handle sent as a message, and failed creations: stay silent.
 * check-tsan: clean
 */
