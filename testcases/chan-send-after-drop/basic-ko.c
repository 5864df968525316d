// SPDX-License-Identifier: MIT
/*
 * Handles used after they are gone: a status reporter that drops its
 * sender when it sees an error but keeps sending on that path, a sender
 * cloned after the drop, and a receiver read after it was dropped.  Each
 * is a use after free of the handle (fc_sender_drop() may free the
 * channel), what Rust's borrow checker rejects as a use of a moved value.
 */
#include <stdint.h>
#include <stdio.h>

#include <fearcheck/chan.h>

static void warn_report(fc_sender *tx, int err)
{
	if (err)
		fc_sender_drop(tx);	/* gives up on errors... */
	fc_send(tx, (void *)(intptr_t)err);	/* ...but not here */
}

static fc_sender *warn_clone_late(fc_sender *tx)
{
	fc_sender_drop(tx);
	return fc_sender_clone(tx);
}

static void warn_drain_late(fc_receiver *rx)
{
	void *m;

	fc_receiver_drop(rx);
	while (fc_try_recv(rx, &m) == FC_OK)
		printf("%p\n", m);
}

int main(void)
{
	fc_sender *tx;
	fc_receiver *rx;
	fc_sender *c;

	if (fc_channel(&tx, &rx) != FC_OK)
		return 1;
	c = fc_sender_clone(tx);
	warn_report(c, 1);
	c = warn_clone_late(tx);
	fc_sender_drop(c);
	warn_drain_late(rx);
	return 0;
}

/*
 * check-name: chan-send-after-drop: send, clone and receive through dropped handles
 * check-description: Report the send after a drop on the error path, the clone of a dropped sender and the receive from a dropped receiver.
 * check-exit-value: 1
 *
 * check-error-start
chan-send-after-drop/basic-ko.c:18:2: warning: sending through sender 'tx' after it was dropped on some paths [chan-send-after-drop]
chan-send-after-drop/basic-ko.c:17:3: note: 'tx' dropped here
chan-send-after-drop/basic-ko.c:24:9: warning: cloning sender 'tx' after it was dropped [chan-send-after-drop]
chan-send-after-drop/basic-ko.c:23:2: note: 'tx' dropped here
chan-send-after-drop/basic-ko.c:32:9: warning: receiving from receiver 'rx' after it was dropped [chan-send-after-drop]
chan-send-after-drop/basic-ko.c:31:2: note: 'rx' dropped here
 * check-error-end
 */
