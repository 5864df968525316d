// SPDX-License-Identifier: MIT
/*
 * Blocking calls are cancellation points that leave the channel sound.
 * A thread cancelled in fc_recv, one cancelled in a send on a full
 * bounded channel, and one cancelled in a rendezvous send all unblock;
 * afterwards the channels still work from main, the waiter counts are
 * right (a later waiter is still woken), and the cancelled rendezvous
 * send's message is never delivered: cancelling it withdrew the offer.
 */
#include "chan-test.h"

static void *recv_forever(void *arg)
{
	void *m;

	CHECK_RC(fc_recv(arg, &m), FC_OK);
	CHECK(!"fc_recv returned in a cancelled thread");
	return NULL;
}

static void *send_forever(void *arg)
{
	CHECK_RC(fc_send(arg, MSG(66)), FC_OK);
	CHECK(!"fc_send returned in a cancelled thread");
	return NULL;
}

static void *recv_one(void *arg)
{
	void *m;

	CHECK_RC(fc_recv(arg, &m), FC_OK);
	return m;
}

static void cancel(pthread_t t)
{
	sleep_ms(30);		/* let it block (not required for the test) */
	CHECK(pthread_cancel(t) == 0);
	CHECK(join(t) == PTHREAD_CANCELED);
}

static void cancelled_receiver(void)
{
	fc_sender *tx;
	fc_receiver *rx;
	pthread_t t;

	CHECK_RC(fc_channel(&tx, &rx), FC_OK);
	cancel(spawn(recv_forever, rx));
	/* A new receiver still gets woken by a send. */
	t = spawn(recv_one, rx);
	sleep_ms(10);
	CHECK_RC(fc_send(tx, MSG(5)), FC_OK);
	CHECK(VAL(join(t)) == 5);
	fc_sender_drop(tx);
	fc_receiver_drop(rx);
}

static void cancelled_bounded_sender(void)
{
	fc_sender *tx;
	fc_receiver *rx;
	void *m;

	CHECK_RC(fc_sync_channel(1, &tx, &rx), FC_OK);
	CHECK_RC(fc_send(tx, MSG(1)), FC_OK);
	cancel(spawn(send_forever, tx));
	CHECK_RC(fc_recv(rx, &m), FC_OK);
	CHECK(VAL(m) == 1);
	CHECK_RC(fc_try_recv(rx, &m), FC_EMPTY);
	CHECK_RC(fc_send(tx, MSG(2)), FC_OK);
	CHECK_RC(fc_recv(rx, &m), FC_OK);
	CHECK(VAL(m) == 2);
	fc_sender_drop(tx);
	fc_receiver_drop(rx);
}

static void cancelled_rendezvous_sender(void)
{
	fc_sender *tx;
	fc_receiver *rx;
	pthread_t t;
	void *m;

	CHECK_RC(fc_sync_channel(0, &tx, &rx), FC_OK);
	cancel(spawn(send_forever, tx));
	CHECK_RC(fc_try_recv(rx, &m), FC_EMPTY);	/* offer withdrawn */
	t = spawn(recv_one, rx);
	sleep_ms(10);
	CHECK_RC(fc_send(tx, MSG(7)), FC_OK);
	CHECK(VAL(join(t)) == 7);
	fc_sender_drop(tx);
	CHECK_RC(fc_recv(rx, &m), FC_DISCONNECTED);
	fc_receiver_drop(rx);
}

int main(void)
{
	cancelled_receiver();
	cancelled_bounded_sender();
	cancelled_rendezvous_sender();
	return 0;
}

/*
 * check-name: chan: cancelling a blocked thread
 * check-description: Threads cancelled in fc_recv, in a full bounded fc_send and in a rendezvous fc_send unblock; the channels keep working and the withdrawn rendezvous message is never delivered.
 * check-tsan: clean
 */
