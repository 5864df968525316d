// SPDX-License-Identifier: MIT
/*
 * FIFO order on one sender: a producer thread sends 0..N-1 over an
 * unbounded channel and main must receive exactly that sequence, then
 * FC_DISCONNECTED once the producer has dropped its sender.  A second,
 * single-threaded round sends in bursts while receiving fewer, so the
 * ring wraps around while it grows past its first 16 slots and past the
 * size it shrinks back to, and order must still hold.
 */
#include "chan-test.h"

#define N 20000

static void *producer(void *arg)
{
	fc_sender *tx = arg;

	for (uintptr_t i = 0; i < N; i++)
		CHECK_RC(fc_send(tx, MSG(i)), FC_OK);
	fc_sender_drop(tx);
	return NULL;
}

static void across_threads(void)
{
	fc_sender *tx;
	fc_receiver *rx;
	pthread_t t;
	void *m;

	CHECK_RC(fc_channel(&tx, &rx), FC_OK);
	t = spawn(producer, tx);
	for (uintptr_t i = 0; i < N; i++) {
		CHECK_RC(fc_recv(rx, &m), FC_OK);
		CHECK(VAL(m) == i);
	}
	CHECK_RC(fc_recv(rx, &m), FC_DISCONNECTED);
	join(t);
	fc_receiver_drop(rx);
}

static void wrapping_growth(void)
{
	fc_sender *tx;
	fc_receiver *rx;
	uintptr_t sent = 0, got = 0;
	void *m;

	CHECK_RC(fc_channel(&tx, &rx), FC_OK);
	/* Net +3 per round: 1,500 queued at the end, the head always moving. */
	for (int round = 0; round < 500; round++) {
		for (int k = 0; k < 7; k++)
			CHECK_RC(fc_send(tx, MSG(sent++)), FC_OK);
		for (int k = 0; k < 4; k++) {
			CHECK_RC(fc_recv(rx, &m), FC_OK);
			CHECK(VAL(m) == got++);
		}
	}
	fc_sender_drop(tx);
	while (fc_recv(rx, &m) == FC_OK)
		CHECK(VAL(m) == got++);
	CHECK(got == sent);
	fc_receiver_drop(rx);
}

int main(void)
{
	across_threads();
	wrapping_growth();
	return 0;
}

/*
 * check-name: chan: FIFO order on one sender
 * check-description: One producer's 20,000 messages arrive in order across threads, and in order while the ring wraps and grows; then FC_DISCONNECTED.
 * check-tsan: clean
 */
