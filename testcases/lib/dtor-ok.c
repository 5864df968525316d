// SPDX-License-Identifier: MIT
/*
 * The destructor of undelivered messages, fc_channel_set_dtor.  Messages
 * received are the receiver's and never reach it; those still queued when
 * the receiver is dropped are passed to it once each, in FIFO order, with
 * the registered argument.  Without a destructor they are forgotten;
 * setting NULL removes one.  Messages may carry senders of their own
 * channel (Rust allows a Sender to travel through its channel): the
 * destructor drops them, the last of those drops frees the channel from
 * inside fc_receiver_drop, and ASan/valgrind see no leak and no use after
 * free.
 */
#include "chan-test.h"

struct log {
	int calls;
	int order[8];
};

static void log_and_free(void *msg, void *arg)
{
	struct log *log = arg;

	CHECK(log->calls < 8);
	log->order[log->calls++] = *(int *)msg;
	free(msg);
}

static void must_not_run(void *msg, void *arg)
{
	CHECK(!"destructor removed with NULL must not run");
}

static void drop_sender(void *msg, void *arg)
{
	(*(int *)arg)++;
	fc_sender_drop(msg);
}

static void fifo_once_each(void)
{
	struct log log = { 0 };
	fc_sender *tx;
	fc_receiver *rx;
	void *m;

	CHECK_RC(fc_channel(&tx, &rx), FC_OK);
	fc_channel_set_dtor(rx, log_and_free, &log);
	for (int i = 1; i <= 5; i++) {
		int *p = malloc(sizeof(*p));

		CHECK(p != NULL);
		*p = i;
		CHECK_RC(fc_send(tx, p), FC_OK);
	}
	for (int i = 1; i <= 2; i++) {
		CHECK_RC(fc_recv(rx, &m), FC_OK);
		CHECK(*(int *)m == i);
		free(m);
	}
	fc_receiver_drop(rx);
	CHECK(log.calls == 3);
	CHECK(log.order[0] == 3 && log.order[1] == 4 && log.order[2] == 5);
	fc_sender_drop(tx);
	CHECK(log.calls == 3);
}

static void none_or_removed(void)
{
	static int statics[2];
	fc_sender *tx;
	fc_receiver *rx;

	/* No destructor: the (static) messages are simply forgotten. */
	CHECK_RC(fc_channel(&tx, &rx), FC_OK);
	CHECK_RC(fc_send(tx, &statics[0]), FC_OK);
	fc_receiver_drop(rx);
	fc_sender_drop(tx);

	CHECK_RC(fc_sync_channel(4, &tx, &rx), FC_OK);
	fc_channel_set_dtor(rx, must_not_run, NULL);
	fc_channel_set_dtor(rx, NULL, NULL);
	CHECK_RC(fc_send(tx, &statics[1]), FC_OK);
	fc_sender_drop(tx);
	fc_receiver_drop(rx);
}

static void senders_in_flight(void)
{
	fc_sender *tx;
	fc_receiver *rx;
	int dropped = 0;

	CHECK_RC(fc_channel(&tx, &rx), FC_OK);
	fc_channel_set_dtor(rx, drop_sender, &dropped);
	for (int i = 0; i < 3; i++) {
		fc_sender *clone = fc_sender_clone(tx);

		CHECK(clone != NULL);
		CHECK_RC(fc_send(tx, clone), FC_OK);
	}
	fc_sender_drop(tx);
	/* Only the three clones in the queue keep the channel alive now. */
	fc_receiver_drop(rx);
	CHECK(dropped == 3);
}

int main(void)
{
	fifo_once_each();
	none_or_removed();
	senders_in_flight();
	return 0;
}

/*
 * check-name: chan: destructor of undelivered messages
 * check-description: fc_receiver_drop passes each still-queued message to the destructor once, in FIFO order, with its argument; none or a removed one does nothing; a destructor dropping senders carried in the queue frees the channel safely.
 * check-tsan: clean
 */
