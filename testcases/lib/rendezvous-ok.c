// SPDX-License-Identifier: MIT
/*
 * Rendezvous, fc_sync_channel(0, ...): fc_send returns only after a
 * receiver has taken that message.  A sender with nobody receiving is
 * still blocked 50 ms later, and done once main receives; a sender that
 * finds a receiver already waiting goes straight through.  Three
 * senders at once each get their own message taken before they return,
 * in order per sender, and the ping-pong of a reply channel shows the
 * two threads strictly alternating.
 */
#include "chan-test.h"

#define NR_SENDERS	3
#define PER_SENDER	200

static atomic_int sent;

static void *send_then_mark(void *arg)
{
	CHECK_RC(fc_send(arg, MSG(11)), FC_OK);
	atomic_store(&sent, 1);
	return NULL;
}

static void *recv_one(void *arg)
{
	void *m;

	CHECK_RC(fc_recv(arg, &m), FC_OK);
	return m;
}

struct sender {
	fc_sender *tx;
	uintptr_t id;
};

static void *send_many(void *arg)
{
	struct sender *s = arg;

	for (uintptr_t i = 0; i < PER_SENDER; i++)
		CHECK_RC(fc_send(s->tx, MSG(s->id * PER_SENDER + i)), FC_OK);
	fc_sender_drop(s->tx);
	return NULL;
}

static void send_waits_for_take(void)
{
	fc_sender *tx;
	fc_receiver *rx;
	pthread_t t;
	void *m;

	CHECK_RC(fc_sync_channel(0, &tx, &rx), FC_OK);
	t = spawn(send_then_mark, tx);
	sleep_ms(50);
	CHECK(atomic_load(&sent) == 0);
	CHECK_RC(fc_recv(rx, &m), FC_OK);
	CHECK(VAL(m) == 11);
	join(t);
	CHECK(atomic_load(&sent) == 1);

	/* Receiver first: the send meets it and returns. */
	t = spawn(recv_one, rx);
	sleep_ms(10);
	CHECK_RC(fc_send(tx, MSG(12)), FC_OK);
	CHECK(VAL(join(t)) == 12);
	fc_sender_drop(tx);
	fc_receiver_drop(rx);
}

static void many_senders(void)
{
	struct sender s[NR_SENDERS];
	pthread_t t[NR_SENDERS];
	uintptr_t next[NR_SENDERS] = { 0 };
	fc_sender *tx;
	fc_receiver *rx;
	void *m;

	CHECK_RC(fc_sync_channel(0, &tx, &rx), FC_OK);
	for (int i = 0; i < NR_SENDERS; i++) {
		s[i].id = i;
		s[i].tx = fc_sender_clone(tx);
		CHECK(s[i].tx != NULL);
		t[i] = spawn(send_many, &s[i]);
	}
	fc_sender_drop(tx);
	while (fc_recv(rx, &m) == FC_OK) {
		uintptr_t id = VAL(m) / PER_SENDER;

		CHECK(id < NR_SENDERS);
		CHECK(VAL(m) % PER_SENDER == next[id]);
		next[id]++;
	}
	for (int i = 0; i < NR_SENDERS; i++) {
		join(t[i]);
		CHECK(next[i] == PER_SENDER);
	}
	fc_receiver_drop(rx);
}

struct pingpong {
	fc_receiver *rx;
	fc_sender *reply;
	atomic_int turn;	/* who may run: 0 main, 1 echo thread */
};

static void *echo(void *arg)
{
	struct pingpong *pp = arg;
	void *m;

	while (fc_recv(pp->rx, &m) == FC_OK) {
		/* main handed over and is now blocked in its own fc_recv */
		CHECK(atomic_exchange(&pp->turn, 0) == 1);
		CHECK_RC(fc_send(pp->reply, m), FC_OK);
	}
	fc_sender_drop(pp->reply);
	return NULL;
}

static void ping_pong(void)
{
	struct pingpong pp;
	fc_sender *tx;
	fc_receiver *reply_rx;
	pthread_t t;
	void *m;

	CHECK_RC(fc_sync_channel(0, &tx, &pp.rx), FC_OK);
	CHECK_RC(fc_sync_channel(0, &pp.reply, &reply_rx), FC_OK);
	atomic_init(&pp.turn, 0);
	t = spawn(echo, &pp);
	for (uintptr_t i = 0; i < 500; i++) {
		CHECK(atomic_exchange(&pp.turn, 1) == 0);
		CHECK_RC(fc_send(tx, MSG(i)), FC_OK);
		CHECK_RC(fc_recv(reply_rx, &m), FC_OK);
		CHECK(VAL(m) == i);
	}
	fc_sender_drop(tx);
	CHECK_RC(fc_recv(reply_rx, &m), FC_DISCONNECTED);
	join(t);
	fc_receiver_drop(pp.rx);
	fc_receiver_drop(reply_rx);
}

int main(void)
{
	send_waits_for_take();
	many_senders();
	ping_pong();
	return 0;
}

/*
 * check-name: chan: rendezvous (bound 0)
 * check-description: fc_send on a zero-bound channel blocks until its message is taken; concurrent senders keep per-sender order; a ping-pong over two rendezvous channels strictly alternates.
 * check-tsan: clean
 */
