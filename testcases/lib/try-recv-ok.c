// SPDX-License-Identifier: MIT
/*
 * fc_try_recv never blocks: FC_EMPTY on an empty channel with a live
 * sender, the message once one is queued, FC_EMPTY again after it, and
 * FC_DISCONNECTED once the sender is gone and the queue drained.  On a
 * rendezvous channel a message is there only while its sender waits in
 * fc_send: FC_EMPTY with nobody sending, the message once a sender
 * blocks, and that sender then returns FC_OK.
 */
#include "chan-test.h"

static void *send_one(void *arg)
{
	CHECK_RC(fc_send(arg, MSG(7)), FC_OK);
	return NULL;
}

static void unbounded(void)
{
	fc_sender *tx;
	fc_receiver *rx;
	void *m = MSG(1);

	CHECK_RC(fc_channel(&tx, &rx), FC_OK);
	CHECK_RC(fc_try_recv(rx, &m), FC_EMPTY);
	CHECK(m == NULL);
	CHECK_RC(fc_send(tx, MSG(5)), FC_OK);
	CHECK_RC(fc_send(tx, MSG(6)), FC_OK);
	CHECK_RC(fc_try_recv(rx, &m), FC_OK);
	CHECK(VAL(m) == 5);
	CHECK_RC(fc_try_recv(rx, &m), FC_OK);
	CHECK(VAL(m) == 6);
	CHECK_RC(fc_try_recv(rx, &m), FC_EMPTY);
	CHECK_RC(fc_send(tx, MSG(8)), FC_OK);
	fc_sender_drop(tx);
	CHECK_RC(fc_try_recv(rx, &m), FC_OK);
	CHECK(VAL(m) == 8);
	CHECK_RC(fc_try_recv(rx, &m), FC_DISCONNECTED);
	fc_receiver_drop(rx);
}

static void rendezvous(void)
{
	fc_sender *tx;
	fc_receiver *rx;
	pthread_t t;
	void *m;
	int rc;

	CHECK_RC(fc_sync_channel(0, &tx, &rx), FC_OK);
	CHECK_RC(fc_try_recv(rx, &m), FC_EMPTY);
	t = spawn(send_one, tx);
	while ((rc = fc_try_recv(rx, &m)) == FC_EMPTY)
		sleep_ms(1);
	CHECK_RC(rc, FC_OK);
	CHECK(VAL(m) == 7);
	join(t);
	CHECK_RC(fc_try_recv(rx, &m), FC_EMPTY);
	fc_sender_drop(tx);
	CHECK_RC(fc_try_recv(rx, &m), FC_DISCONNECTED);
	fc_receiver_drop(rx);
}

int main(void)
{
	unbounded();
	rendezvous();
	return 0;
}

/*
 * check-name: chan: fc_try_recv and FC_EMPTY
 * check-description: fc_try_recv reports FC_EMPTY, a message, FC_EMPTY, then FC_DISCONNECTED; on a rendezvous channel it takes the message of a sender blocked in fc_send.
 * check-tsan: clean
 */
