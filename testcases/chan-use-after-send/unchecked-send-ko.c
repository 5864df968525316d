// SPDX-License-Identifier: MIT
/*
 * Three ways to keep using a message after handing it over: the send's
 * result is ignored and the message freed right after (whenever the send
 * worked, the receiver frees it too); a helper that sends its parameter
 * and then logs a field of it; and a message sent twice.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <fearcheck/chan.h>

struct note {
	int id;
	char text[32];
};

static void warn_send_and_free(fc_sender *tx, const char *s)
{
	struct note *n = calloc(1, sizeof(*n));

	if (!n)
		return;
	strncpy(n->text, s, sizeof(n->text) - 1);
	fc_send(tx, n);
	free(n);		/* double free once the receiver frees it */
}

static int warn_forward(fc_sender *tx, struct note *n)
{
	int err = fc_send(tx, n);

	if (err == FC_OK)
		printf("forwarded note %d\n", n->id);
	return err;
}

static void warn_send_twice(fc_sender *tx)
{
	struct note *n = calloc(1, sizeof(*n));

	if (!n)
		return;
	if (fc_send(tx, n) != FC_OK) {
		free(n);
		return;
	}
	if (fc_send(tx, n) != FC_OK)	/* the receiver gets it twice */
		return;
}

int main(void)
{
	fc_sender *tx;
	fc_receiver *rx;
	struct note *n = calloc(1, sizeof(*n));
	void *v;

	if (!n || fc_channel(&tx, &rx) != FC_OK)
		return 1;
	warn_send_and_free(tx, "hello");
	n->id = 7;
	warn_forward(tx, n);
	warn_send_twice(tx);
	fc_sender_drop(tx);
	while (fc_recv(rx, &v) == FC_OK)
		free(v);
	fc_receiver_drop(rx);
	return 0;
}

/*
 * check-name: chan-use-after-send: unchecked send, a helper's parameter, a second send
 * check-description: Report the free after a send whose result is ignored, the read of n->id after the helper sent its parameter, and the second send of one message.
 * check-exit-value: 1
 *
 * check-error-start
chan-use-after-send/unchecked-send-ko.c:27:2: warning: 'n' passed to 'free' after it was sent: the receiver owns it now [chan-use-after-send]
chan-use-after-send/unchecked-send-ko.c:26:2: note: 'n' sent here through 'tx'
chan-use-after-send/unchecked-send-ko.c:26:2: note: the result of 'fc_send' is not checked: the message is the receiver's whenever the send succeeds
chan-use-after-send/unchecked-send-ko.c:35:36: warning: 'n->id' read after 'n' was sent: the receiver owns it now [chan-use-after-send]
chan-use-after-send/unchecked-send-ko.c:32:12: note: 'n' sent here through 'tx'
chan-use-after-send/unchecked-send-ko.c:49:6: warning: 'n' sent again after it was sent: the receiver owns it now [chan-use-after-send]
chan-use-after-send/unchecked-send-ko.c:45:6: note: 'n' sent here through 'tx'
 * check-error-end
 */
