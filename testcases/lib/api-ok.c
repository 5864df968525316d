// SPDX-License-Identifier: MIT
/*
 * The API's edges.  fc_strerror names every code distinctly and never
 * returns NULL, also for unknown values.  NULL handles and output
 * pointers give -EINVAL (with output pointers cleared where there are
 * any), fc_sender_clone(NULL) gives NULL, and dropping NULL does nothing,
 * like free(NULL).  A NULL message is a message like any other.
 */
#include "chan-test.h"

int main(void)
{
	const int codes[] = { FC_OK, FC_DISCONNECTED, FC_EMPTY, FC_TIMEOUT,
			      FC_NOMEM, -EINVAL };
	const int n = sizeof(codes) / sizeof(codes[0]);
	fc_sender *tx;
	fc_receiver *rx;
	void *m = MSG(1);

	CHECK(FC_OK == 0);
	for (int i = 0; i < n; i++) {
		CHECK(fc_strerror(codes[i]) != NULL);
		for (int j = 0; j < i; j++)
			CHECK(strcmp(fc_strerror(codes[i]),
				      fc_strerror(codes[j])) != 0);
	}
	CHECK(fc_strerror(12345) != NULL);
	CHECK(fc_strerror(-12345) != NULL);

	rx = (fc_receiver *)&m;
	CHECK_RC(fc_channel(NULL, &rx), -EINVAL);
	CHECK(rx == NULL);
	tx = (fc_sender *)&m;
	CHECK_RC(fc_sync_channel(1, &tx, NULL), -EINVAL);
	CHECK(tx == NULL);
	CHECK(fc_sender_clone(NULL) == NULL);
	CHECK_RC(fc_send(NULL, m), -EINVAL);
	CHECK_RC(fc_recv(NULL, &m), -EINVAL);
	CHECK(m == NULL);
	CHECK_RC(fc_try_recv(NULL, &m), -EINVAL);
	CHECK_RC(fc_recv_timeout(NULL, &m, 10), -EINVAL);
	fc_sender_drop(NULL);
	fc_receiver_drop(NULL);
	fc_channel_set_dtor(NULL, NULL, NULL);

	CHECK_RC(fc_channel(&tx, &rx), FC_OK);
	CHECK_RC(fc_recv(rx, NULL), -EINVAL);
	CHECK_RC(fc_send(tx, NULL), FC_OK);
	m = MSG(1);
	CHECK_RC(fc_recv(rx, &m), FC_OK);
	CHECK(m == NULL);
	fc_sender_drop(tx);
	fc_receiver_drop(rx);
	return 0;
}

/*
 * check-name: chan: API edges (fc_strerror, NULL arguments)
 * check-description: fc_strerror gives distinct non-NULL names; NULL handles give -EINVAL and cleared outputs; dropping NULL is a no-op; NULL is a valid message.
 * check-tsan: clean
 */
