// SPDX-License-Identifier: MIT
/*
 * Several threads receiving on one receiver with no mutex around it, the
 * shape docs/channels.md recommends for a worker pool instead of the
 * guide's Mutex<Receiver>: every idle worker sleeps in fc_recv on the
 * channel itself and each send wakes one.  Two producers send 3,000
 * messages each over an unbounded and a bounded(4) channel; every message
 * is received by exactly one of four workers, and every worker ends on
 * FC_DISCONNECTED.  Then four receivers asleep on an empty channel each
 * take one message of a burst of four: none may be left asleep.
 */
#include "chan-test.h"

#define NR_WORKERS	4
#define NR_PRODUCERS	2
#define PER_PRODUCER	3000
#define TOTAL		(NR_PRODUCERS * PER_PRODUCER)

struct worker {
	fc_receiver *rx;
	int seen[TOTAL];	/* this worker's receipts, merged after join */
	int count;
};

struct producer {
	fc_sender *tx;
	uintptr_t first;
};

static void *work(void *arg)
{
	struct worker *w = arg;
	void *m;

	while (fc_recv(w->rx, &m) == FC_OK) {
		CHECK(VAL(m) < TOTAL);
		w->seen[VAL(m)]++;
		w->count++;
	}
	return NULL;
}

static void *produce(void *arg)
{
	struct producer *p = arg;

	for (uintptr_t i = 0; i < PER_PRODUCER; i++)
		CHECK_RC(fc_send(p->tx, MSG(p->first + i)), FC_OK);
	fc_sender_drop(p->tx);
	return NULL;
}

static void run(int bounded)
{
	static struct worker workers[NR_WORKERS];
	struct producer prod[NR_PRODUCERS];
	pthread_t wt[NR_WORKERS], pt[NR_PRODUCERS];
	fc_sender *tx;
	fc_receiver *rx;
	int total = 0;

	if (bounded)
		CHECK_RC(fc_sync_channel(4, &tx, &rx), FC_OK);
	else
		CHECK_RC(fc_channel(&tx, &rx), FC_OK);
	memset(workers, 0, sizeof(workers));
	for (int i = 0; i < NR_WORKERS; i++) {
		workers[i].rx = rx;
		wt[i] = spawn(work, &workers[i]);
	}
	for (int i = 0; i < NR_PRODUCERS; i++) {
		prod[i].tx = fc_sender_clone(tx);
		CHECK(prod[i].tx != NULL);
		prod[i].first = (uintptr_t)i * PER_PRODUCER;
		pt[i] = spawn(produce, &prod[i]);
	}
	fc_sender_drop(tx);
	for (int i = 0; i < NR_PRODUCERS; i++)
		join(pt[i]);
	for (int i = 0; i < NR_WORKERS; i++) {
		join(wt[i]);
		total += workers[i].count;
	}
	CHECK(total == TOTAL);
	for (int m = 0; m < TOTAL; m++) {
		int times = 0;

		for (int i = 0; i < NR_WORKERS; i++)
			times += workers[i].seen[m];
		CHECK(times == 1);
	}
	fc_receiver_drop(rx);
}

static atomic_int took_one;

static void *take_one(void *arg)
{
	void *m;

	CHECK_RC(fc_recv(arg, &m), FC_OK);
	atomic_fetch_add(&took_one, 1);
	return m;
}

/*
 * Each sleeping receiver takes exactly one message and leaves: the burst
 * must wake all of them, though a send wakes a receiver only when it
 * makes the queue non-empty and the receivers pass the wake-up on.
 */
static void one_each(void)
{
	pthread_t wt[NR_WORKERS];
	uintptr_t sum = 0;
	fc_sender *tx;
	fc_receiver *rx;

	CHECK_RC(fc_channel(&tx, &rx), FC_OK);
	for (int i = 0; i < NR_WORKERS; i++)
		wt[i] = spawn(take_one, rx);
	sleep_ms(50);
	for (uintptr_t i = 1; i <= NR_WORKERS; i++)
		CHECK_RC(fc_send(tx, MSG(i)), FC_OK);
	/* A lost wake-up leaves a receiver asleep with its message queued. */
	for (int ms = 0; atomic_load(&took_one) < NR_WORKERS; ms++) {
		CHECK(ms < 10000);
		sleep_ms(1);
	}
	for (int i = 0; i < NR_WORKERS; i++)
		sum += VAL(join(wt[i]));
	CHECK(sum == NR_WORKERS * (NR_WORKERS + 1) / 2);
	fc_sender_drop(tx);
	fc_receiver_drop(rx);
}

int main(void)
{
	run(0);
	run(1);
	one_each();
	return 0;
}

/*
 * check-name: chan: several receivers share one receiver handle
 * check-description: Four workers call fc_recv on one receiver without a mutex; 6,000 messages from two producers each reach exactly one worker, unbounded and bounded, and all workers end on FC_DISCONNECTED; a burst of four wakes four sleeping one-shot receivers.
 * check-tsan: clean
 */
