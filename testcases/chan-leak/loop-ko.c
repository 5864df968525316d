// SPDX-License-Identifier: MIT
/*
 * A clone made on every round of a loop and never dropped: each round
 * replaces the previous round's handle, which is lost for good, and every
 * lost sender keeps the channel connected.
 */
#include <stdint.h>

#include <fearcheck/chan.h>

static void warn_fan_out(fc_sender *tx, int n)
{
	for (int i = 0; i < n; i++) {
		fc_sender *c = fc_sender_clone(tx);

		fc_send(c, (void *)(intptr_t)i);
	}
}

int main(void)
{
	fc_sender *tx;
	fc_receiver *rx;

	if (fc_channel(&tx, &rx) != FC_OK)
		return 1;
	warn_fan_out(tx, 3);
	fc_sender_drop(tx);
	fc_receiver_drop(rx);
	return 0;
}

/*
 * check-name: chan-leak: a clone per round, never dropped
 * check-description: Report the clone in the loop: the next round's clone replaces it without a drop.
 * check-exit-value: 1
 *
 * check-error-start
chan-leak/loop-ko.c:14:18: warning: sender 'c' is not dropped before it is created again [chan-leak]
chan-leak/loop-ko.c:14:18: note: created again here, in the next iteration
 * check-error-end
 */
