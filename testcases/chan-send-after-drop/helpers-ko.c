// SPDX-License-Identifier: MIT
/*
 * A drop that a helper makes: logger_close() hands back the logger's
 * sender, and the caller logs once more; a thread given the sender,
 * which drops it when done, while the creator keeps sending through the
 * same handle (the handle was moved into the thread, as Rust's `move`
 * closure takes it); and a helper that sends through a sender its caller
 * already closed.
 */
#include <pthread.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>

#include <fearcheck/chan.h>

struct logger {
	fc_sender *tx;
	fc_receiver *rx;
};

static void logger_close(struct logger *l)
{
	fc_sender_drop(l->tx);
}

static void logger_log(struct logger *l, int what)
{
	fc_send(l->tx, (void *)(intptr_t)what);
}

static void warn_log_after_close(struct logger *l)
{
	logger_log(l, 1);
	logger_close(l);
	logger_log(l, 2);	/* through the sender logger_close dropped */
}

static void *ticker(void *arg)
{
	fc_sender *tx = arg;

	fc_send(tx, (void *)(intptr_t)1);
	fc_sender_drop(tx);
	return NULL;
}

int main(void)
{
	struct logger l;
	fc_sender *tx;
	fc_receiver *rx;
	pthread_t t;

	if (fc_channel(&l.tx, &l.rx) != FC_OK)
		return 1;
	warn_log_after_close(&l);
	fc_receiver_drop(l.rx);

	if (fc_channel(&tx, &rx) != FC_OK)
		return 1;
	if (pthread_create(&t, NULL, ticker, tx))
		return 1;
	fc_send(tx, (void *)(intptr_t)2);	/* ticker may have dropped it */
	pthread_join(t, NULL);
	fc_receiver_drop(rx);
	return 0;
}

/*
 * check-name: chan-send-after-drop: across calls and threads
 * check-description: Report logger_log() after logger_close() dropped l->tx (with both helpers' lines as evidence), and main's send through the sender it moved into a thread that drops it.
 * check-exit-value: 1
 *
 * check-error-start
chan-send-after-drop/helpers-ko.c:36:2: warning: 'logger_log' uses sender 'l->tx' after it was dropped [chan-send-after-drop]
chan-send-after-drop/helpers-ko.c:35:2: note: 'l->tx' dropped by 'logger_close' here
chan-send-after-drop/helpers-ko.c:24:2: note: 'logger_close' drops it here
chan-send-after-drop/helpers-ko.c:29:2: note: 'logger_log' uses it here
chan-send-after-drop/helpers-ko.c:64:2: warning: sending through sender 'tx' after handing it to thread 'ticker', which drops it [chan-send-after-drop]
chan-send-after-drop/helpers-ko.c:62:6: note: 'tx' handed here to thread 'ticker', which drops it
chan-send-after-drop/helpers-ko.c:44:2: note: 'ticker' drops it here
 * check-error-end
 */
