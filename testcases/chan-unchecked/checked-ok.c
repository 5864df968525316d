// SPDX-License-Identifier: MIT
/*
 * Receives whose result decides what happens to the message: a branch on
 * it, a variable switched on later, a checking function that aborts on
 * failure, a NULL test of the message itself (a failed receive leaves it
 * NULL), a receive done only to discard whatever is there, and a result
 * returned to the caller.  Stay silent.
 */
#include <stdio.h>
#include <stdlib.h>

#include <fearcheck/chan.h>

static void check_chan(int err, const char *what)
{
	if (err != FC_OK) {
		fprintf(stderr, "%s: %s\n", what, fc_strerror(err));
		abort();
	}
}

static void good_branch(fc_receiver *rx)
{
	void *v;

	if (fc_recv(rx, &v) == FC_OK)
		free(v);
}

static void good_switch(fc_receiver *rx)
{
	void *v;
	int err = fc_recv_timeout(rx, &v, 5);

	switch (err) {
	case FC_OK:
		free(v);
		break;
	case FC_TIMEOUT:
		puts("timeout");
		break;
	default:
		puts("disconnected");
		break;
	}
}

static void good_checked_call(fc_receiver *rx)
{
	void *v;

	check_chan(fc_recv(rx, &v), "fc_recv");
	free(v);
}

static void good_null_test(fc_receiver *rx)
{
	void *v = NULL;

	fc_try_recv(rx, &v);
	if (v)
		free(v);
}

static void good_discard(fc_receiver *rx)
{
	void *v;

	fc_try_recv(rx, &v);	/* only to make room */
}

static int good_pass_on(fc_receiver *rx, void **out)
{
	return fc_recv(rx, out);
}

int main(void)
{
	fc_sender *tx;
	fc_receiver *rx;
	void *v;

	if (fc_channel(&tx, &rx) != FC_OK)
		return 1;
	for (int i = 0; i < 4; i++)
		if (fc_send(tx, malloc(8)) != FC_OK)
			return 1;
	good_branch(rx);
	good_switch(rx);
	good_checked_call(rx);
	good_null_test(rx);
	good_discard(rx);
	fc_sender_drop(tx);
	if (good_pass_on(rx, &v) == FC_OK)
		free(v);
	fc_receiver_drop(rx);
	return 0;
}

/*
 * check-name: chan-unchecked: results that are looked at
 * check-description: A branch, a switch, a checking call, a NULL test of the message, a discarded message and a result returned: stay silent.
 * check-tsan: clean
 */
