// SPDX-License-Identifier: MIT
/*
 * The guide's multiple-producers bug with a plain blocking receive: main
 * clones its sender for each producer, each producer drops its clone when
 * done, but main keeps the original tx alive while it receives until the
 * channel disconnects.  The channel never disconnects, so the loop never
 * ends (this program hangs; it is checked statically only).  The second
 * function has the same bug with a bounded channel and a helper that
 * borrows the sender to send a greeting first.
 */
#include <pthread.h>
#include <stdint.h>
#include <stdio.h>

#include <fearcheck/chan.h>

static void *producer(void *arg)
{
	fc_sender *tx = arg;

	for (int i = 0; i < 4; i++)
		fc_send(tx, (void *)(intptr_t)i);
	fc_sender_drop(tx);
	return NULL;
}

static void greet(fc_sender *tx)
{
	fc_send(tx, (void *)(intptr_t)-1);
}

static int warn_collect(int bounded)
{
	fc_sender *tx;
	fc_receiver *rx;
	pthread_t t[2];
	int n = 0, sum = 0;
	void *v;

	if ((bounded ? fc_sync_channel(8, &tx, &rx) : fc_channel(&tx, &rx)) !=
	    FC_OK)
		return -1;
	greet(tx);
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
	/* fc_sender_drop(tx) belongs here */
	while (fc_recv(rx, &v) == FC_OK)
		sum += (int)(intptr_t)v;
	for (int i = 0; i < n; i++)
		pthread_join(t[i], NULL);
	fc_sender_drop(tx);
	fc_receiver_drop(rx);
	return sum;
}

int main(void)
{
	printf("%d\n", warn_collect(0));
	return 0;
}

/*
 * check-name: chan-recv-never-ends: the original sender kept while receiving
 * check-description: Report the receive loop: it ends only when every sender is dropped, and tx, created here and dropped only after the loop, keeps the channel connected.
 * check-exit-value: 1
 *
 * check-error-start
chan-recv-never-ends/original-kept-ko.c:56:9: warning: this loop receives from receiver 'rx' until every sender is dropped, but sender 'tx' stays alive: the loop never ends [chan-recv-never-ends]
chan-recv-never-ends/original-kept-ko.c:40:17: note: 'tx' created here
chan-recv-never-ends/original-kept-ko.c:60:2: note: 'tx' is dropped only here, after the loop
 * check-error-end
 */
