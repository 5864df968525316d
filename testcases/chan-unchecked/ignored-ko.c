// SPDX-License-Identifier: MIT
/*
 * Receives whose result nobody looks at, followed by a use of the message
 * anyway: when the receive fails (the channel disconnected, a try_recv
 * found it empty, a timeout expired) there is no message, and *msg is
 * NULL.  Rust's Result makes the caller say what happens then; in C the
 * result must be checked before the message is used.
 */
#include <stdio.h>
#include <stdlib.h>

#include <fearcheck/chan.h>

struct event {
	int kind;
};

static void warn_next_event(fc_receiver *rx)
{
	void *v;
	struct event *e;

	fc_recv(rx, &v);
	e = v;
	printf("event %d\n", e->kind);
	free(e);
}

static void warn_poll(fc_receiver *rx)
{
	char *line;

	(void)fc_try_recv(rx, (void **)&line);
	puts(line);
	free(line);
}

static void warn_wait_a_bit(fc_receiver *rx)
{
	void *v = NULL;

	fc_recv_timeout(rx, &v, 10);
	free(v);
}

int main(void)
{
	fc_sender *tx;
	fc_receiver *rx;
	struct event *e = malloc(sizeof(*e));
	char *s = malloc(4);

	if (!e || !s || fc_channel(&tx, &rx) != FC_OK)
		return 1;
	e->kind = 1;
	snprintf(s, 4, "hi");
	if (fc_send(tx, e) != FC_OK || fc_send(tx, s) != FC_OK)
		return 1;
	warn_next_event(rx);
	warn_poll(rx);
	warn_wait_a_bit(rx);
	fc_sender_drop(tx);
	fc_receiver_drop(rx);
	return 0;
}

/*
 * check-name: chan-unchecked: a message used after a receive whose result is ignored
 * check-description: Report fc_recv, fc_try_recv (cast to void) and fc_recv_timeout whose results are dropped while the message they may not have stored is used.
 * check-exit-value: 1
 *
 * check-error-start
chan-unchecked/ignored-ko.c:23:2: warning: the result of 'fc_recv' is ignored, but the message 'v' is used [chan-unchecked]
chan-unchecked/ignored-ko.c:24:6: note: 'v' used here; when 'fc_recv' fails it holds no message
chan-unchecked/ignored-ko.c:33:8: warning: the result of 'fc_try_recv' is ignored, but the message 'line' is used [chan-unchecked]
chan-unchecked/ignored-ko.c:34:7: note: 'line' used here; when 'fc_try_recv' fails it holds no message
chan-unchecked/ignored-ko.c:42:2: warning: the result of 'fc_recv_timeout' is ignored, but the message 'v' is used [chan-unchecked]
chan-unchecked/ignored-ko.c:43:7: note: 'v' used here; when 'fc_recv_timeout' fails it holds no message
 * check-error-end
 */
