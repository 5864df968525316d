// SPDX-License-Identifier: MIT
/*
 * A blocked sender is woken by the receiver's drop.  On a full bounded
 * channel the sender waits for room; on a rendezvous channel it waits for
 * its message to be taken.  When main drops the receiver instead, both
 * return FC_DISCONNECTED and the message is still theirs: the sender
 * thread frees its heap message itself, and the destructor sees only the
 * message that was really queued (the bounded one's first), never the
 * blocked sender's.
 */
#include "chan-test.h"

struct blocked {
	fc_sender *tx;
	atomic_int done;
};

static int dtor_calls;
static int dtor_value;

static void take_dtor(void *msg, void *arg)
{
	dtor_calls++;
	dtor_value = *(int *)msg;
	free(msg);
}

static int *new_int(int v)
{
	int *p = malloc(sizeof(*p));

	CHECK(p != NULL);
	*p = v;
	return p;
}

static void *send_blocks(void *arg)
{
	struct blocked *b = arg;
	int *msg = new_int(2);

	CHECK_RC(fc_send(b->tx, msg), FC_DISCONNECTED);
	CHECK(*msg == 2);	/* ours again */
	free(msg);
	atomic_store(&b->done, 1);
	return NULL;
}

static void woken(size_t bound)
{
	struct blocked b;
	fc_receiver *rx;
	pthread_t t;

	dtor_calls = 0;
	CHECK_RC(fc_sync_channel(bound, &b.tx, &rx), FC_OK);
	fc_channel_set_dtor(rx, take_dtor, NULL);
	atomic_init(&b.done, 0);
	if (bound)
		CHECK_RC(fc_send(b.tx, new_int(1)), FC_OK);	/* now full */
	t = spawn(send_blocks, &b);
	sleep_ms(50);
	CHECK(atomic_load(&b.done) == 0);
	fc_receiver_drop(rx);
	join(t);
	CHECK(atomic_load(&b.done) == 1);
	CHECK(dtor_calls == (bound ? 1 : 0));
	if (bound)
		CHECK(dtor_value == 1);
	CHECK_RC(fc_send(b.tx, MSG(0)), FC_DISCONNECTED);
	fc_sender_drop(b.tx);
}

int main(void)
{
	woken(1);
	woken(0);
	return 0;
}

/*
 * check-name: chan: blocked sender woken by the receiver's drop
 * check-description: A sender blocked on a full bounded channel, and one blocked in a rendezvous, return FC_DISCONNECTED when the receiver is dropped; their messages stay theirs and only the queued one reaches the destructor.
 * check-tsan: clean
 */
