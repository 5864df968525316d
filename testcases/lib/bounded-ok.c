// SPDX-License-Identifier: MIT
/*
 * Bounded channel, fc_sync_channel(2, ...): two sends complete with no
 * receiver at all, the third blocks (still blocked 50 ms later) until one
 * receive makes room, and FIFO order holds across the wait.  Then a
 * bound-1 channel carries 5,000 messages between two threads, the
 * producer blocking on nearly every send, and a huge bound costs nothing
 * until it is used.
 */
#include "chan-test.h"

static atomic_int third_sent;

static void *send_third(void *arg)
{
	CHECK_RC(fc_send(arg, MSG(3)), FC_OK);
	atomic_store(&third_sent, 1);
	return NULL;
}

static void *produce(void *arg)
{
	fc_sender *tx = arg;

	for (uintptr_t i = 0; i < 5000; i++)
		CHECK_RC(fc_send(tx, MSG(i)), FC_OK);
	fc_sender_drop(tx);
	return NULL;
}

static void blocks_when_full(void)
{
	fc_sender *tx;
	fc_receiver *rx;
	pthread_t t;
	void *m;

	CHECK_RC(fc_sync_channel(2, &tx, &rx), FC_OK);
	CHECK_RC(fc_send(tx, MSG(1)), FC_OK);
	CHECK_RC(fc_send(tx, MSG(2)), FC_OK);
	t = spawn(send_third, tx);
	sleep_ms(50);
	CHECK(atomic_load(&third_sent) == 0);
	CHECK_RC(fc_recv(rx, &m), FC_OK);
	CHECK(VAL(m) == 1);
	join(t);
	CHECK(atomic_load(&third_sent) == 1);
	CHECK_RC(fc_recv(rx, &m), FC_OK);
	CHECK(VAL(m) == 2);
	CHECK_RC(fc_recv(rx, &m), FC_OK);
	CHECK(VAL(m) == 3);
	CHECK_RC(fc_try_recv(rx, &m), FC_EMPTY);
	fc_sender_drop(tx);
	CHECK_RC(fc_recv(rx, &m), FC_DISCONNECTED);
	fc_receiver_drop(rx);
}

static void bound_one(void)
{
	fc_sender *tx;
	fc_receiver *rx;
	pthread_t t;
	uintptr_t n = 0;
	void *m;

	CHECK_RC(fc_sync_channel(1, &tx, &rx), FC_OK);
	t = spawn(produce, tx);
	while (fc_recv(rx, &m) == FC_OK)
		CHECK(VAL(m) == n++);
	CHECK(n == 5000);
	join(t);
	fc_receiver_drop(rx);
}

static void huge_bound(void)
{
	fc_sender *tx;
	fc_receiver *rx;
	void *m;

	CHECK_RC(fc_sync_channel(SIZE_MAX, &tx, &rx), FC_OK);
	for (uintptr_t i = 0; i < 100; i++)
		CHECK_RC(fc_send(tx, MSG(i)), FC_OK);
	for (uintptr_t i = 0; i < 100; i++) {
		CHECK_RC(fc_recv(rx, &m), FC_OK);
		CHECK(VAL(m) == i);
	}
	fc_sender_drop(tx);
	fc_receiver_drop(rx);
}

int main(void)
{
	blocks_when_full();
	bound_one();
	huge_bound();
	return 0;
}

/*
 * check-name: chan: bounded channel blocks while full
 * check-description: With bound 2 the third send blocks until a receive makes room, keeping FIFO order; bound 1 carries 5,000 messages between threads; a SIZE_MAX bound allocates lazily.
 * check-tsan: clean
 */
