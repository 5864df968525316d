// SPDX-License-Identifier: MIT
/*
 * The consumer of join-ko.c, joined the right way round: the creator
 * drops its sender first, the consumer sees the channel disconnect and
 * returns, and the join returns.  A second consumer stops at a count, so
 * joining it with the sender alive is fine too.  Stay silent.
 */
#include <pthread.h>
#include <stdint.h>
#include <stdio.h>

#include <fearcheck/chan.h>

struct sink {
	fc_receiver *rx;	/* owned by the consumer */
	long total;
};

static void *consumer(void *arg)
{
	struct sink *s = arg;
	void *v;

	while (fc_recv(s->rx, &v) == FC_OK)
		s->total += (intptr_t)v;
	fc_receiver_drop(s->rx);
	return NULL;
}

static void *counter(void *arg)
{
	struct sink *s = arg;
	void *v;

	for (int i = 0; i < 10; i++) {
		if (fc_recv(s->rx, &v) != FC_OK)
			break;
		s->total += (intptr_t)v;
	}
	fc_receiver_drop(s->rx);
	return NULL;
}

int main(void)
{
	struct sink s = { 0 }, c = { 0 };
	fc_sender *tx, *ctx;
	pthread_t t, u;

	if (fc_channel(&tx, &s.rx) != FC_OK)
		return 1;
	if (fc_channel(&ctx, &c.rx) != FC_OK)
		return 1;
	if (pthread_create(&t, NULL, consumer, &s))
		return 1;
	if (pthread_create(&u, NULL, counter, &c))
		return 1;
	for (int i = 0; i < 10; i++) {
		fc_send(tx, (void *)(intptr_t)i);
		fc_send(ctx, (void *)(intptr_t)i);
	}
	fc_sender_drop(tx);
	pthread_join(t, NULL);
	pthread_join(u, NULL);
	fc_sender_drop(ctx);
	printf("%ld %ld\n", s.total, c.total);
	return 0;
}

/*
 * check-name: chan-recv-never-ends: joining consumers that end
 * check-description: The sender dropped before joining the consumer that waits for disconnection, and a counting consumer joined while its sender lives: stay silent.
 * check-tsan: clean
 */
