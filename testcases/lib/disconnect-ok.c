// SPDX-License-Identifier: MIT
/*
 * Disconnect on the last sender's drop.  Messages queued before the drop
 * are still delivered, in order; only then does every receive report
 * FC_DISCONNECTED (fc_recv, fc_try_recv, and fc_recv_timeout at once
 * rather than after its timeout).  A receiver already blocked in fc_recv
 * stays blocked while one of two clones is dropped and wakes with
 * FC_DISCONNECTED when the second one goes.
 */
#include "chan-test.h"

static atomic_int woke;

static void *blocked_receiver(void *arg)
{
	fc_receiver *rx = arg;
	void *m = MSG(1);

	CHECK_RC(fc_recv(rx, &m), FC_DISCONNECTED);
	CHECK(m == NULL);
	atomic_store(&woke, 1);
	return NULL;
}

static void drains_first(void)
{
	fc_sender *tx;
	fc_receiver *rx;
	long long t0;
	void *m;

	CHECK_RC(fc_channel(&tx, &rx), FC_OK);
	for (uintptr_t i = 1; i <= 3; i++)
		CHECK_RC(fc_send(tx, MSG(i)), FC_OK);
	fc_sender_drop(tx);
	for (uintptr_t i = 1; i <= 3; i++) {
		CHECK_RC(fc_recv(rx, &m), FC_OK);
		CHECK(VAL(m) == i);
	}
	CHECK_RC(fc_recv(rx, &m), FC_DISCONNECTED);
	CHECK_RC(fc_recv(rx, &m), FC_DISCONNECTED);
	CHECK_RC(fc_try_recv(rx, &m), FC_DISCONNECTED);
	t0 = now_ms();
	CHECK_RC(fc_recv_timeout(rx, &m, 10000), FC_DISCONNECTED);
	CHECK(now_ms() - t0 < 1000);
	fc_receiver_drop(rx);
}

static void wakes_blocked_receiver(void)
{
	fc_sender *tx, *tx2;
	fc_receiver *rx;
	pthread_t t;

	CHECK_RC(fc_channel(&tx, &rx), FC_OK);
	tx2 = fc_sender_clone(tx);
	CHECK(tx2 != NULL);
	t = spawn(blocked_receiver, rx);
	fc_sender_drop(tx);
	sleep_ms(50);
	CHECK(atomic_load(&woke) == 0);	/* tx2 still keeps it connected */
	fc_sender_drop(tx2);
	join(t);
	CHECK(atomic_load(&woke) == 1);
	fc_receiver_drop(rx);
}

int main(void)
{
	drains_first();
	wakes_blocked_receiver();
	return 0;
}

/*
 * check-name: chan: disconnect on the last sender's drop
 * check-description: Queued messages drain before FC_DISCONNECTED from every receive call; a blocked fc_recv wakes only when the last of two senders is dropped.
 * check-tsan: clean
 */
