// SPDX-License-Identifier: MIT
/*
 * The guide's way of cloning: a wrapper that returns a new sender (or
 * aborts), whose result goes straight into a producer's struct, and
 * producer threads that drop the sender they find there; and a clone
 * from the same wrapper kept in a variable and dropped after use.
 * Stay silent.
 */
#include <pthread.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>

#include <fearcheck/chan.h>

struct producer {
	fc_sender *tx;		/* owned: the thread drops it */
	int base;
};

static fc_sender *clone_or_die(fc_sender *tx)
{
	fc_sender *c = fc_sender_clone(tx);

	if (!c) {
		fprintf(stderr, "out of memory\n");
		abort();
	}
	return c;
}

static void *produce(void *arg)
{
	struct producer *p = arg;

	for (int i = 0; i < 3; i++)
		fc_send(p->tx, (void *)(intptr_t)(p->base + i));
	fc_sender_drop(p->tx);
	return NULL;
}

static void good_notify(fc_sender *tx, int v)
{
	fc_sender *c = clone_or_die(tx);

	fc_send(c, (void *)(intptr_t)v);
	fc_sender_drop(c);
}

int main(void)
{
	struct producer producers[2];
	pthread_t t[2];
	fc_sender *tx;
	fc_receiver *rx;
	void *v;

	if (fc_channel(&tx, &rx) != FC_OK)
		return 1;
	good_notify(tx, 100);
	producers[0] = (struct producer){ .tx = clone_or_die(tx), .base = 0 };
	producers[1] = (struct producer){ .tx = clone_or_die(tx), .base = 10 };
	fc_sender_drop(tx);
	for (int i = 0; i < 2; i++)
		if (pthread_create(&t[i], NULL, produce, &producers[i]))
			return 1;
	while (fc_recv(rx, &v) == FC_OK)
		printf("%d\n", (int)(intptr_t)v);
	for (int i = 0; i < 2; i++)
		pthread_join(t[i], NULL);
	fc_receiver_drop(rx);
	return 0;
}

/*
 * check-name: chan-leak: clones from a wrapper, stored and dropped
 * check-description: Clones from a wrapper stored into the producers' structs, which their threads drop, and a wrapper clone dropped after use: stay silent.
 * check-tsan: clean
 */
