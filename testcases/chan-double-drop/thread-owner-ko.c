// SPDX-License-Identifier: MIT
/*
 * A sender moved into a thread and still dropped by its creator: the
 * thread drops the handle it was given when it is done, as the handle's
 * owner, and main drops the same handle again after joining it.  Moving a
 * handle into a thread means forgetting it (main should set tx = NULL),
 * as Rust's `move` closure makes the original unusable.
 */
#include <pthread.h>
#include <stdint.h>
#include <stdio.h>

#include <fearcheck/chan.h>

static void *sender_thread(void *arg)
{
	fc_sender *tx = arg;

	fc_send(tx, (void *)(intptr_t)1);
	fc_sender_drop(tx);
	return NULL;
}

int main(void)
{
	fc_sender *tx;
	fc_receiver *rx;
	pthread_t t;
	void *v;

	if (fc_channel(&tx, &rx) != FC_OK)
		return 1;
	if (pthread_create(&t, NULL, sender_thread, tx))
		return 1;
	while (fc_recv(rx, &v) == FC_OK)
		printf("%d\n", (int)(intptr_t)v);
	pthread_join(t, NULL);
	fc_sender_drop(tx);		/* the thread dropped it */
	fc_receiver_drop(rx);
	return 0;
}

/*
 * check-name: chan-double-drop: a handle moved into a thread, dropped by both
 * check-description: Report main's drop of tx: the thread it was handed to drops it already.
 * check-exit-value: 1
 *
 * check-error-start
chan-double-drop/thread-owner-ko.c:38:2: warning: dropping sender 'tx', which was already dropped [chan-double-drop]
chan-double-drop/thread-owner-ko.c:33:6: note: 'tx' handed here to thread 'sender_thread', which drops it
chan-double-drop/thread-owner-ko.c:20:2: note: 'sender_thread' drops it here
 * check-error-end
 */
