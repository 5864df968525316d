// SPDX-License-Identifier: MIT
/*
 * Stress: 8 producers x 10,000 heap-allocated messages into one receiver,
 * over an unbounded channel and over a bounded one of 16 slots where the
 * producers keep blocking on a full queue.  Each message is written by
 * its producer before fc_send() and read and freed by main after
 * fc_recv(): ownership moves with the pointer, and TSan checks that the
 * channel orders those accesses.  Counts and per-producer order must be
 * exact.
 */
#include "chan-test.h"

#define NR_PRODUCERS	8
#define PER_PRODUCER	10000

struct msg {
	int producer;
	int seq;
};

struct producer {
	fc_sender *tx;
	int id;
};

static void *produce(void *arg)
{
	struct producer *p = arg;

	for (int seq = 0; seq < PER_PRODUCER; seq++) {
		struct msg *m = malloc(sizeof(*m));

		CHECK(m != NULL);
		m->producer = p->id;
		m->seq = seq;
		CHECK_RC(fc_send(p->tx, m), FC_OK);
	}
	fc_sender_drop(p->tx);
	return NULL;
}

static void run(int bounded)
{
	struct producer prod[NR_PRODUCERS];
	pthread_t threads[NR_PRODUCERS];
	int next[NR_PRODUCERS] = { 0 };
	fc_sender *tx;
	fc_receiver *rx;
	void *p;
	long total = 0;

	if (bounded)
		CHECK_RC(fc_sync_channel(16, &tx, &rx), FC_OK);
	else
		CHECK_RC(fc_channel(&tx, &rx), FC_OK);
	for (int i = 0; i < NR_PRODUCERS; i++) {
		prod[i].id = i;
		prod[i].tx = fc_sender_clone(tx);
		CHECK(prod[i].tx != NULL);
		threads[i] = spawn(produce, &prod[i]);
	}
	fc_sender_drop(tx);

	while (fc_recv(rx, &p) == FC_OK) {
		struct msg *m = p;

		CHECK(m->producer >= 0 && m->producer < NR_PRODUCERS);
		CHECK(m->seq == next[m->producer]);
		next[m->producer]++;
		total++;
		free(m);
	}
	for (int i = 0; i < NR_PRODUCERS; i++) {
		join(threads[i]);
		CHECK(next[i] == PER_PRODUCER);
	}
	CHECK(total == (long)NR_PRODUCERS * PER_PRODUCER);
	fc_receiver_drop(rx);
}

int main(void)
{
	run(0);
	run(1);
	return 0;
}

/*
 * check-name: chan: stress, 8 producers x 10,000 messages
 * check-description: Unbounded and bounded(16) channels carry 80,000 heap messages each from 8 producers; exact counts, per-producer order, ownership handed over race-free.
 * check-tsan: clean
 */
