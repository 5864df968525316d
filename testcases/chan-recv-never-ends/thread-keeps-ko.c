// SPDX-License-Identifier: MIT
/*
 * A producer thread that sends through the sender it was given but never
 * drops it, as if it were borrowed: the consumer loop in main, which
 * receives until every sender is gone, waits for ever once the producer
 * returns.  In Rust the thread's closure would drop it on return.  The
 * second loop receives with a timeout and breaks on FC_DISCONNECTED,
 * which can never come while main's own sender is alive: it ends only by
 * timing out.  (Checked statically only: the program would hang.)
 */
#include <pthread.h>
#include <stdint.h>
#include <stdio.h>

#include <fearcheck/chan.h>

static void *forgetful_producer(void *arg)
{
	fc_sender *tx = arg;

	for (int i = 0; i < 4; i++)
		fc_send(tx, (void *)(intptr_t)i);
	return NULL;		/* no fc_sender_drop(tx) */
}

static int warn_timeout_loop(void)
{
	fc_sender *tx2;
	fc_receiver *rx2;
	void *v;
	int err;

	if (fc_channel(&tx2, &rx2) != FC_OK)
		return -1;
	fc_send(tx2, (void *)(intptr_t)1);
	for (;;) {
		err = fc_recv_timeout(rx2, &v, 100);
		if (err == FC_DISCONNECTED)
			break;
		if (err == FC_TIMEOUT) {
			fprintf(stderr, "stuck\n");
			break;
		}
		printf("%d\n", (int)(intptr_t)v);
	}
	fc_sender_drop(tx2);
	fc_receiver_drop(rx2);
	return 0;
}

int main(void)
{
	fc_sender *tx;
	fc_receiver *rx;
	pthread_t t;
	void *v;

	if (warn_timeout_loop())
		return 1;
	if (fc_channel(&tx, &rx) != FC_OK)
		return 1;
	if (pthread_create(&t, NULL, forgetful_producer, tx))
		return 1;
	while (fc_recv(rx, &v) == FC_OK)
		printf("%d\n", (int)(intptr_t)v);
	pthread_join(t, NULL);
	fc_receiver_drop(rx);
	return 0;
}

/*
 * check-name: chan-recv-never-ends: a thread keeps its sender, a timeout hides the hang
 * check-description: Report the loop on rx (the producer thread uses tx and never drops it) and the loop on rx2, which waits for FC_DISCONNECTED while main's own tx2 is alive and can only time out.
 * check-exit-value: 1
 *
 * check-error-start
chan-recv-never-ends/thread-keeps-ko.c:37:9: warning: this loop receives from receiver 'rx2' until every sender is dropped, but sender 'tx2' stays alive: the loop can only end by timing out [chan-recv-never-ends]
chan-recv-never-ends/thread-keeps-ko.c:33:6: note: 'tx2' created here
chan-recv-never-ends/thread-keeps-ko.c:46:2: note: 'tx2' is dropped only here, after the loop
chan-recv-never-ends/thread-keeps-ko.c:64:9: warning: this loop receives from receiver 'rx' until every sender is dropped, but sender 'tx' stays alive: the loop never ends [chan-recv-never-ends]
chan-recv-never-ends/thread-keeps-ko.c:60:6: note: 'tx' created here
chan-recv-never-ends/thread-keeps-ko.c:62:6: note: handed here to thread 'forgetful_producer', which never drops it
 * check-error-end
 */
