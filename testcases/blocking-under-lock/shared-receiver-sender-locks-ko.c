// SPDX-License-Identifier: MIT
/*
 * A queue with its mutex, its sender and its receiver in one struct, and
 * a producer that takes the mutex to send (to count what it queued).  The
 * consumer receives holding the mutex: while the queue is empty it waits
 * for a message that the producer can only send once it has the mutex.
 * With a rendezvous channel the two wait for each other for good.
 */
#include <pthread.h>
#include <stdint.h>
#include <stdio.h>

#include <fearcheck/chan.h>

struct warn_queue {
	pthread_mutex_t lock;
	fc_sender *tx;
	fc_receiver *rx;
	int queued;			/* guarded by lock */
};

static void *warn_consumer(void *arg)
{
	struct warn_queue *q = arg;
	void *msg;
	int err;

	pthread_mutex_lock(&q->lock);
	err = fc_recv(q->rx, &msg);
	if (err == FC_OK)
		q->queued--;
	pthread_mutex_unlock(&q->lock);
	return NULL;
}

static void *producer(void *arg)
{
	struct warn_queue *q = arg;

	pthread_mutex_lock(&q->lock);
	q->queued++;
	fc_send(q->tx, (void *)(intptr_t)1);
	pthread_mutex_unlock(&q->lock);
	return NULL;
}

int main(void)
{
	struct warn_queue q = { .lock = PTHREAD_MUTEX_INITIALIZER };
	pthread_t c, p;

	if (fc_sync_channel(0, &q.tx, &q.rx) != FC_OK)
		return 1;
	pthread_create(&c, NULL, warn_consumer, &q);
	pthread_create(&p, NULL, producer, &q);
	pthread_join(c, NULL);
	pthread_join(p, NULL);
	fc_sender_drop(q.tx);
	fc_receiver_drop(q.rx);
	printf("%d\n", q.queued);
	return 0;
}

/*
 * check-name: blocking-under-lock: a receive holding the mutex its sender needs
 * check-description: Report fc_recv in warn_consumer: the mutex beside the receiver is also what producer takes before it sends.
 * check-exit-value: 1
 *
 * check-error-start
blocking-under-lock/shared-receiver-sender-locks-ko.c:29:8: warning: blocking call to 'fc_recv' while holding 'q.lock' [blocking-under-lock]
blocking-under-lock/shared-receiver-sender-locks-ko.c:28:2: note: 'q.lock' acquired here
blocking-under-lock/shared-receiver-sender-locks-ko.c:40:2: note: thread 'producer' waits for it here
blocking-under-lock/shared-receiver-sender-locks-ko.c:54:2: note: thread 'warn_consumer' created here by thread 'main'
blocking-under-lock/shared-receiver-sender-locks-ko.c:42:2: warning: blocking send through 'q.tx', of a bounded channel, while holding 'q.lock' [blocking-under-lock]
blocking-under-lock/shared-receiver-sender-locks-ko.c:52:6: note: the channel is created bounded here: a send waits until there is room (with bound 0, a receiver)
blocking-under-lock/shared-receiver-sender-locks-ko.c:40:2: note: 'q.lock' acquired here
blocking-under-lock/shared-receiver-sender-locks-ko.c:28:2: note: thread 'warn_consumer' waits for it here
blocking-under-lock/shared-receiver-sender-locks-ko.c:55:2: note: thread 'producer' created here by thread 'main'
 * check-error-end
 */
