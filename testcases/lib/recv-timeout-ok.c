// SPDX-License-Identifier: MIT
/*
 * fc_recv_timeout, the guide's channel_with_timeout shape: the sender
 * sleeps longer than the receiver waits, so the first receive returns
 * FC_TIMEOUT after at least its timeout (measured on CLOCK_MONOTONIC)
 * and the delayed message still arrives on a later, longer receive,
 * well before that one's limit.  A timeout of 0 only looks: FC_TIMEOUT
 * on an empty queue, the message on a full one.
 */
#include "chan-test.h"

static void *delayed_send(void *arg)
{
	fc_sender *tx = arg;

	sleep_ms(300);
	CHECK_RC(fc_send(tx, MSG(99)), FC_OK);
	fc_sender_drop(tx);
	return NULL;
}

int main(void)
{
	fc_sender *tx;
	fc_receiver *rx;
	long long t0, waited;
	pthread_t t;
	void *m = MSG(1);

	CHECK_RC(fc_channel(&tx, &rx), FC_OK);

	t0 = now_ms();
	CHECK_RC(fc_recv_timeout(rx, &m, 0), FC_TIMEOUT);
	CHECK(m == NULL);
	CHECK(now_ms() - t0 < 100);
	CHECK_RC(fc_send(tx, MSG(3)), FC_OK);
	CHECK_RC(fc_recv_timeout(rx, &m, 0), FC_OK);
	CHECK(VAL(m) == 3);

	t = spawn(delayed_send, tx);
	t0 = now_ms();
	CHECK_RC(fc_recv_timeout(rx, &m, 30), FC_TIMEOUT);
	waited = now_ms() - t0;
	CHECK(waited >= 29);	/* now_ms() truncates to whole ms */

	t0 = now_ms();
	CHECK_RC(fc_recv_timeout(rx, &m, 10000), FC_OK);
	CHECK(VAL(m) == 99);
	CHECK(now_ms() - t0 < 5000);

	CHECK_RC(fc_recv_timeout(rx, &m, 10000), FC_DISCONNECTED);
	join(t);
	fc_receiver_drop(rx);
	return 0;
}

/*
 * check-name: chan: fc_recv_timeout
 * check-description: A 30 ms receive times out before a 300 ms delayed send; a longer one gets the message early; timeout 0 only looks; then FC_DISCONNECTED, not FC_TIMEOUT.
 * check-tsan: clean
 */
