// SPDX-License-Identifier: MIT
/*
 * main() returning, or exit() anywhere, with handles still held: the
 * process ends and takes the channels with it, so there is nothing to
 * leak (the receive loop has ended, so every sender is gone anyway).
 * A helper whose clone fails returns nothing to drop.  Stay silent.
 */
#include <pthread.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>

#include <fearcheck/chan.h>

static void *producer(void *arg)
{
	fc_sender *tx = arg;

	fc_send(tx, (void *)(intptr_t)7);
	fc_sender_drop(tx);
	return NULL;
}

static fc_sender *good_clone_or_die(fc_sender *tx)
{
	fc_sender *c = fc_sender_clone(tx);

	if (c == NULL) {
		fprintf(stderr, "out of memory\n");
		exit(1);
	}
	return c;
}

int main(void)
{
	fc_sender *tx;
	fc_receiver *rx;
	pthread_t t;
	void *v;

	if (fc_channel(&tx, &rx) != FC_OK)
		return 1;
	if (pthread_create(&t, NULL, producer, good_clone_or_die(tx)))
		return 1;		/* tx and rx go with the process */
	fc_sender_drop(tx);
	while (fc_recv(rx, &v) == FC_OK)
		printf("%d\n", (int)(intptr_t)v);
	pthread_join(t, NULL);
	return 0;			/* rx too */
}

/*
 * check-name: chan-leak: handles held when the process ends
 * check-description: main's returns and exit() end the process with its channels; a clone that failed is nothing to drop. Stay silent.
 * check-tsan: clean
 */
