// SPDX-License-Identifier: MIT
/*
 * A service whose channel lives in a struct and is replaced as the
 * service stops and starts again: service_stop() drops both ends,
 * service_start() makes new ones in the same fields, and sending after
 * the restart goes through the new sender.  A global sender is treated
 * the same way by log_open() and log_close().  Stay silent.
 */
#include <stdint.h>
#include <stdio.h>

#include <fearcheck/chan.h>

struct service {
	fc_sender *tx;
	fc_receiver *rx;
};

static fc_sender *log_tx;
static fc_receiver *log_rx;

static int service_start(struct service *s)
{
	return fc_channel(&s->tx, &s->rx);
}

static void service_stop(struct service *s)
{
	fc_sender_drop(s->tx);
	fc_receiver_drop(s->rx);
}

static int service_post(struct service *s, int v)
{
	return fc_send(s->tx, (void *)(intptr_t)v);
}

static int log_open(void)
{
	return fc_sync_channel(16, &log_tx, &log_rx);
}

static void log_close(void)
{
	fc_sender_drop(log_tx);
	fc_receiver_drop(log_rx);
}

static void log_event(int v)
{
	fc_send(log_tx, (void *)(intptr_t)v);
}

int main(void)
{
	struct service s;

	if (service_start(&s) != FC_OK || log_open() != FC_OK)
		return 1;
	service_post(&s, 1);
	log_event(1);
	service_stop(&s);
	log_close();
	if (service_start(&s) != FC_OK || log_open() != FC_OK)
		return 1;
	service_post(&s, 2);		/* the new sender */
	log_event(2);
	service_stop(&s);
	log_close();
	return 0;
}

/*
 * check-name: chan-send-after-drop: handles replaced by a restart
 * check-description: service_start() and log_open() make new handles in the fields and globals that service_stop() and log_close() dropped; sending after the restart is fine. Stay silent.
 * check-tsan: clean
 */
