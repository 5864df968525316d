// SPDX-License-Identifier: MIT
/*
 * Multiple producers with clones, the guide's multiple_producers shape:
 * main clones one sender per producer thread and drops the original, so
 * the receive loop ends with FC_DISCONNECTED exactly when the last
 * producer is done.  Messages of different producers interleave, but
 * each producer's own messages must arrive in the order it sent them,
 * and every one must arrive.
 */
#include "chan-test.h"

#define NR_PRODUCERS	4
#define PER_PRODUCER	2000

struct producer {
	fc_sender *tx;
	uintptr_t id;
};

static void *produce(void *arg)
{
	struct producer *p = arg;

	for (uintptr_t seq = 0; seq < PER_PRODUCER; seq++)
		CHECK_RC(fc_send(p->tx, MSG(p->id * PER_PRODUCER + seq)),
			 FC_OK);
	fc_sender_drop(p->tx);
	return NULL;
}

int main(void)
{
	struct producer prod[NR_PRODUCERS];
	pthread_t threads[NR_PRODUCERS];
	uintptr_t next[NR_PRODUCERS] = { 0 };
	fc_sender *tx;
	fc_receiver *rx;
	void *m;
	int total = 0;

	CHECK_RC(fc_channel(&tx, &rx), FC_OK);
	for (int i = 0; i < NR_PRODUCERS; i++) {
		prod[i].id = i;
		prod[i].tx = fc_sender_clone(tx);
		CHECK(prod[i].tx != NULL);
	}
	fc_sender_drop(tx);	/* else the loop below never ends */
	for (int i = 0; i < NR_PRODUCERS; i++)
		threads[i] = spawn(produce, &prod[i]);

	while (fc_recv(rx, &m) == FC_OK) {
		uintptr_t id = VAL(m) / PER_PRODUCER;

		CHECK(id < NR_PRODUCERS);
		CHECK(VAL(m) % PER_PRODUCER == next[id]);
		next[id]++;
		total++;
	}
	for (int i = 0; i < NR_PRODUCERS; i++) {
		join(threads[i]);
		CHECK(next[i] == PER_PRODUCER);
	}
	CHECK(total == NR_PRODUCERS * PER_PRODUCER);
	fc_receiver_drop(rx);
	return 0;
}

/*
 * check-name: chan: multiple producers with clones
 * check-description: Four producers, each with its own clone (the original dropped), send 2,000 messages each; all arrive, in order per producer, and the loop ends on FC_DISCONNECTED.
 * check-tsan: clean
 */
