// SPDX-License-Identifier: MIT
/*
 * The service of restart-ok.c without the restart: a post after the stop
 * sends through the sender service_stop() dropped, and log_event() after
 * log_close() through the global sender log_close() dropped.  A second
 * log_close() drops the global receiver again.
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
	fc_receiver_drop(log_rx);
	fc_sender_drop(log_tx);
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
	service_stop(&s);
	service_post(&s, 1);	/* stopped */
	log_close();
	log_event(1);		/* closed */
	log_close();		/* closed twice */
	return 0;
}

/*
 * check-name: chan-send-after-drop: a stopped service, a closed global log
 * check-description: Report service_post() after service_stop() dropped s.tx and log_event() after log_close() dropped the global log_tx (and, as chan-double-drop, the second log_close()).
 * check-exit-value: 1
 *
 * check-error-start
chan-send-after-drop/restart-ko.c:60:2: warning: 'service_post' uses sender 's.tx' after it was dropped [chan-send-after-drop]
chan-send-after-drop/restart-ko.c:59:2: note: 's.tx' dropped by 'service_stop' here
chan-send-after-drop/restart-ko.c:28:2: note: 'service_stop' drops it here
chan-send-after-drop/restart-ko.c:34:9: note: 'service_post' uses it here
chan-send-after-drop/restart-ko.c:62:2: warning: 'log_event' uses sender 'log_tx' after it was dropped [chan-send-after-drop]
chan-send-after-drop/restart-ko.c:61:2: note: 'log_tx' dropped by 'log_close' here
chan-send-after-drop/restart-ko.c:45:2: note: 'log_close' drops it here
chan-send-after-drop/restart-ko.c:50:2: note: 'log_event' uses it here
chan-send-after-drop/restart-ko.c:63:2: warning: 'log_close' drops receiver 'log_rx', which was already dropped [chan-double-drop]
chan-send-after-drop/restart-ko.c:61:2: note: 'log_rx' dropped by 'log_close' here
chan-send-after-drop/restart-ko.c:44:2: note: 'log_close' drops it here
chan-send-after-drop/restart-ko.c:63:2: warning: 'log_close' drops sender 'log_tx', which was already dropped [chan-double-drop]
chan-send-after-drop/restart-ko.c:61:2: note: 'log_tx' dropped by 'log_close' here
chan-send-after-drop/restart-ko.c:45:2: note: 'log_close' drops it here
 * check-error-end
 */
