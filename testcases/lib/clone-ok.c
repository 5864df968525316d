// SPDX-License-Identifier: MIT
/*
 * Clones are independent handles, each dropped exactly once.  The
 * channel stays connected while any of them is alive, whichever was
 * dropped first (the original included), and a clone of a clone counts
 * the same.  Sixteen threads cloning the same handle at once, each
 * sending through its clone and dropping it, leave the count exact: main
 * receives all 16 x 100 messages and then FC_DISCONNECTED.
 */
#include "chan-test.h"

#define NR_THREADS	16
#define PER_THREAD	100

static void *clone_send_drop(void *arg)
{
	fc_sender *mine = fc_sender_clone(arg);

	CHECK(mine != NULL);
	for (int i = 0; i < PER_THREAD; i++)
		CHECK_RC(fc_send(mine, MSG(1)), FC_OK);
	fc_sender_drop(mine);
	return NULL;
}

static void any_handle_keeps_it(void)
{
	fc_sender *tx, *a, *b;
	fc_receiver *rx;
	void *m;

	CHECK_RC(fc_channel(&tx, &rx), FC_OK);
	a = fc_sender_clone(tx);
	CHECK(a != NULL && a != tx);
	b = fc_sender_clone(a);
	CHECK(b != NULL && b != a && b != tx);
	fc_sender_drop(tx);
	CHECK_RC(fc_send(a, MSG(1)), FC_OK);
	fc_sender_drop(a);
	CHECK_RC(fc_send(b, MSG(2)), FC_OK);
	CHECK_RC(fc_recv(rx, &m), FC_OK);
	CHECK(VAL(m) == 1);
	CHECK_RC(fc_recv(rx, &m), FC_OK);
	CHECK(VAL(m) == 2);
	CHECK_RC(fc_try_recv(rx, &m), FC_EMPTY);	/* b is alive */
	fc_sender_drop(b);
	CHECK_RC(fc_try_recv(rx, &m), FC_DISCONNECTED);
	fc_receiver_drop(rx);
}

static void concurrent_clones(void)
{
	pthread_t t[NR_THREADS];
	fc_sender *tx;
	fc_receiver *rx;
	void *m;
	int n = 0;

	CHECK_RC(fc_channel(&tx, &rx), FC_OK);
	for (int i = 0; i < NR_THREADS; i++)
		t[i] = spawn(clone_send_drop, tx);
	for (int i = 0; i < NR_THREADS; i++)
		join(t[i]);
	fc_sender_drop(tx);	/* after the joins: the threads cloned it */
	while (fc_recv(rx, &m) == FC_OK)
		n++;
	CHECK(n == NR_THREADS * PER_THREAD);
	fc_receiver_drop(rx);
}

int main(void)
{
	any_handle_keeps_it();
	concurrent_clones();
	return 0;
}

/*
 * check-name: chan: clones keep the channel connected
 * check-description: The channel stays connected while any clone (or clone of a clone) lives, in any drop order; 16 threads cloning one handle at once leave exact counts.
 * check-tsan: clean
 */
