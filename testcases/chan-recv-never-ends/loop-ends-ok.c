// SPDX-License-Identifier: MIT
/*
 * Receive loops that do end: the original sender dropped once the
 * producers have their clones (the guide's fix); a loop that stops at a
 * quit message while its own sender is alive; a counted loop; a loop
 * that drops its own sender when it has seen enough; a loop that drains
 * until the queue is idle (any failure, a timeout included, ends it); a
 * try_recv loop, which ends as soon as the queue is empty.  Stay silent.
 */
#include <pthread.h>
#include <stdint.h>
#include <stdio.h>

#include <fearcheck/chan.h>

#define QUIT ((void *)(intptr_t)-1)

static void *producer(void *arg)
{
	fc_sender *tx = arg;

	for (int i = 1; i <= 3; i++)
		fc_send(tx, (void *)(intptr_t)i);
	fc_sender_drop(tx);
	return NULL;
}

static int good_dropped_first(void)
{
	fc_sender *tx;
	fc_receiver *rx;
	pthread_t t[2];
	int n = 0, sum = 0;
	void *v;

	if (fc_channel(&tx, &rx) != FC_OK)
		return -1;
	for (int i = 0; i < 2; i++) {
		fc_sender *mine = fc_sender_clone(tx);

		if (!mine)
			break;
		if (pthread_create(&t[n], NULL, producer, mine)) {
			fc_sender_drop(mine);
			break;
		}
		n++;
	}
	fc_sender_drop(tx);	/* only the producers' clones are left */
	while (fc_recv(rx, &v) == FC_OK)
		sum += (int)(intptr_t)v;
	for (int i = 0; i < n; i++)
		pthread_join(t[i], NULL);
	fc_receiver_drop(rx);
	return sum;
}

static int good_quit_message(void)
{
	fc_sender *tx;
	fc_receiver *rx;
	int sum = 0;
	void *v;

	if (fc_channel(&tx, &rx) != FC_OK)
		return -1;
	fc_send(tx, (void *)(intptr_t)5);
	fc_send(tx, QUIT);
	while (fc_recv(rx, &v) == FC_OK) {
		if (v == QUIT)
			break;
		sum += (int)(intptr_t)v;
	}
	fc_sender_drop(tx);
	fc_receiver_drop(rx);
	return sum;
}

static int good_counted(void)
{
	fc_sender *tx;
	fc_receiver *rx;
	int sum = 0;
	void *v;

	if (fc_channel(&tx, &rx) != FC_OK)
		return -1;
	for (int i = 0; i < 3; i++)
		fc_send(tx, (void *)(intptr_t)i);
	for (int i = 0; i < 3; i++) {
		if (fc_recv(rx, &v) != FC_OK)
			break;
		sum += (int)(intptr_t)v;
	}
	fc_sender_drop(tx);
	fc_receiver_drop(rx);
	return sum;
}

static int good_drop_inside(void)
{
	fc_sender *tx;
	fc_receiver *rx;
	int sum = 0;
	void *v;

	if (fc_channel(&tx, &rx) != FC_OK)
		return -1;
	fc_send(tx, (void *)(intptr_t)3);
	while (fc_recv(rx, &v) == FC_OK) {
		sum += (int)(intptr_t)v;
		if (tx && sum >= 3) {
			fc_sender_drop(tx);	/* no more: let it end */
			tx = NULL;
		}
	}
	fc_receiver_drop(rx);
	return sum;
}

static int good_until_idle(void)
{
	fc_sender *tx;
	fc_receiver *rx;
	int sum = 0;
	void *v;

	if (fc_channel(&tx, &rx) != FC_OK)
		return -1;
	fc_send(tx, (void *)(intptr_t)4);
	while (fc_recv_timeout(rx, &v, 20) == FC_OK)
		sum += (int)(intptr_t)v;
	while (fc_try_recv(rx, &v) == FC_OK)
		sum += (int)(intptr_t)v;
	fc_sender_drop(tx);
	fc_receiver_drop(rx);
	return sum;
}

int main(void)
{
	printf("%d %d %d %d %d\n", good_dropped_first(), good_quit_message(),
	       good_counted(), good_drop_inside(), good_until_idle());
	return 0;
}

/*
 * check-name: chan-recv-never-ends: receive loops that end
 * check-description: The original sender dropped before the loop, a quit message, a counted loop, a drop inside the loop, a drain until idle and a try_recv loop all end: stay silent.
 * check-tsan: clean
 */
