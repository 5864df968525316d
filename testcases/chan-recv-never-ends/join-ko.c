// SPDX-License-Identifier: MIT
/*
 * A consumer thread that receives until its channel disconnects, and a
 * creator that joins it before dropping the sender: the consumer waits
 * for the drop, the creator waits for the consumer, and neither ever
 * moves (checked statically only).  The consumer's loop is in a helper
 * it calls, on the receiver it was handed in a struct.
 */
#include <pthread.h>
#include <stdint.h>
#include <stdio.h>

#include <fearcheck/chan.h>

struct sink {
	fc_receiver *rx;	/* owned by the consumer */
	long total;
};

static void drain(struct sink *s)
{
	void *v;

	while (fc_recv(s->rx, &v) == FC_OK)
		s->total += (intptr_t)v;
}

static void *consumer(void *arg)
{
	struct sink *s = arg;

	drain(s);
	fc_receiver_drop(s->rx);
	return NULL;
}

int main(void)
{
	struct sink s = { 0 };
	fc_sender *tx;
	pthread_t t;

	if (fc_channel(&tx, &s.rx) != FC_OK)
		return 1;
	if (pthread_create(&t, NULL, consumer, &s))
		return 1;
	for (int i = 0; i < 10; i++)
		fc_send(tx, (void *)(intptr_t)i);
	pthread_join(t, NULL);		/* drop tx first */
	fc_sender_drop(tx);
	printf("%ld\n", s.total);
	return 0;
}

/*
 * check-name: chan-recv-never-ends: joining a consumer while its sender lives
 * check-description: Report the join: the consumer thread receives from s.rx until every sender is dropped, and main drops tx only after the join.
 * check-exit-value: 1
 *
 * check-error-start
chan-recv-never-ends/join-ko.c:49:2: warning: joining thread 'consumer', which receives from receiver 's.rx' until every sender is dropped, while sender 'tx' is alive: the join never returns [chan-recv-never-ends]
chan-recv-never-ends/join-ko.c:45:6: note: thread 'consumer' created here
chan-recv-never-ends/join-ko.c:24:9: note: 'drain' receives until disconnection here
chan-recv-never-ends/join-ko.c:43:6: note: 'tx' created here
chan-recv-never-ends/join-ko.c:50:2: note: 'tx' is dropped only here, after the join
 * check-error-end
 */
