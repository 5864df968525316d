// SPDX-License-Identifier: MIT
/*
 * Send after the receiver is dropped: fc_send returns FC_DISCONNECTED
 * and the message stays the caller's.  Here the message is heap memory
 * the caller frees afterwards, so a library that freed or queued it
 * would show up as a double free under ASan or valgrind, and the
 * destructor (which would free it too) must not have seen it.  A clone
 * made after the drop is a valid handle that reports the same.
 */
#include "chan-test.h"

static int dtor_calls;

static void count_dtor(void *msg, void *arg)
{
	dtor_calls++;
	free(msg);
}

int main(void)
{
	fc_sender *tx, *tx2;
	fc_receiver *rx;
	int *msg;

	CHECK_RC(fc_channel(&tx, &rx), FC_OK);
	fc_channel_set_dtor(rx, count_dtor, NULL);
	fc_receiver_drop(rx);

	msg = malloc(sizeof(*msg));
	CHECK(msg != NULL);
	*msg = 42;
	CHECK_RC(fc_send(tx, msg), FC_DISCONNECTED);
	CHECK(*msg == 42);		/* still ours */
	CHECK_RC(fc_send(tx, msg), FC_DISCONNECTED);

	tx2 = fc_sender_clone(tx);
	CHECK(tx2 != NULL);
	CHECK_RC(fc_send(tx2, msg), FC_DISCONNECTED);
	fc_sender_drop(tx);
	CHECK_RC(fc_send(tx2, msg), FC_DISCONNECTED);
	fc_sender_drop(tx2);

	CHECK(dtor_calls == 0);
	free(msg);
	return 0;
}

/*
 * check-name: chan: send after the receiver is dropped
 * check-description: fc_send through the original and a later clone returns FC_DISCONNECTED; the heap message stays the caller's and the destructor never sees it.
 * check-tsan: clean
 */
