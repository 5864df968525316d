// SPDX-License-Identifier: MIT
/*
 * Handles dropped twice: an error path that drops the sender and falls
 * through to the common cleanup that drops it again (a missing return),
 * and a receiver dropped by a helper and then by its caller.  The second
 * drop frees the channel's memory a second time, or drops another
 * thread's reference to it.
 */
#include <stdint.h>
#include <stdio.h>

#include <fearcheck/chan.h>

static int warn_publish(fc_sender *tx, int n)
{
	int err = 0;

	for (int i = 0; i < n; i++) {
		err = fc_send(tx, (void *)(intptr_t)i);
		if (err != FC_OK) {
			fprintf(stderr, "publish: %s\n", fc_strerror(err));
			fc_sender_drop(tx);
			break;		/* should have returned */
		}
	}
	fc_sender_drop(tx);
	return err;
}

static void close_inbox(fc_receiver *rx)
{
	fc_receiver_drop(rx);
}

int main(void)
{
	fc_sender *tx;
	fc_receiver *rx;

	if (fc_channel(&tx, &rx) != FC_OK)
		return 1;
	warn_publish(tx, 2);
	close_inbox(rx);
	fc_receiver_drop(rx);
	return 0;
}

/*
 * check-name: chan-double-drop: an error path's drop, and a helper's
 * check-description: Report the second drop of tx after the error path dropped it (on some paths), and main's drop of rx after close_inbox() dropped it.
 * check-exit-value: 1
 *
 * check-error-start
chan-double-drop/basic-ko.c:26:2: warning: dropping sender 'tx', which may already be dropped (on some paths) [chan-double-drop]
chan-double-drop/basic-ko.c:22:4: note: 'tx' dropped here
chan-double-drop/basic-ko.c:44:2: warning: dropping receiver 'rx', which was already dropped [chan-double-drop]
chan-double-drop/basic-ko.c:43:2: note: 'rx' dropped by 'close_inbox' here
chan-double-drop/basic-ko.c:32:2: note: 'close_inbox' drops it here
 * check-error-end
 */
