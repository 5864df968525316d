// SPDX-License-Identifier: MIT
/*
 * A clone made by a wrapper (clone_or_die(), which returns a new sender
 * or aborts) is the caller's to drop, like one from fc_sender_clone():
 * notify() sends one message through a fresh clone and forgets it, and
 * each call leaves one more sender keeping the channel connected.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>

#include <fearcheck/chan.h>

static fc_sender *clone_or_die(fc_sender *tx)
{
	fc_sender *c = fc_sender_clone(tx);

	if (!c) {
		fprintf(stderr, "out of memory\n");
		abort();
	}
	return c;
}

static void warn_notify(fc_sender *tx, int v)
{
	fc_sender *c = clone_or_die(tx);

	fc_send(c, (void *)(intptr_t)v);
}

int main(void)
{
	fc_sender *tx;
	fc_receiver *rx;

	if (fc_channel(&tx, &rx) != FC_OK)
		return 1;
	warn_notify(tx, 1);
	fc_sender_drop(tx);
	fc_receiver_drop(rx);
	return 0;
}

/*
 * check-name: chan-leak: a clone from a wrapper, forgotten
 * check-description: Report the sender warn_notify() gets from clone_or_die(), which returns a new handle on every path that returns, and never drops.
 * check-exit-value: 1
 *
 * check-error-start
chan-leak/wrapper-ko.c:27:17: warning: sender 'c' is never dropped [chan-leak]
chan-leak/wrapper-ko.c:30:1: note: still held when 'warn_notify' ends here
chan-leak/wrapper-ko.c:27:17: note: 'clone_or_die' returns a new handle for its caller to drop
 * check-error-end
 */
