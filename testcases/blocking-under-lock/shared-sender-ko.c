// SPDX-License-Identifier: MIT
/*
 * Rust's Mutex<Sender<T>> on a bounded channel: feeders share one sender
 * behind a mutex of its own, and each sends holding it.  A feeder that
 * waits for room keeps the mutex, so the other feeders wait on the mutex,
 * not on the channel: none of them can time out or be woken by the
 * channel, and anything else that ever takes the mutex waits for the
 * receiver.  fearcheck reports the pattern (issue 5); sharing the sender
 * itself - fc_send is thread-safe - or a clone per feeder costs nothing.
 */
#include <pthread.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>

#include <fearcheck/chan.h>

struct shared_sender {
	pthread_mutex_t lock;
	fc_sender *tx;		/* guarded by lock */
};

static void *warn_feeder(void *arg)
{
	struct shared_sender *s = arg;

	for (int i = 0; i < 10; i++) {
		pthread_mutex_lock(&s->lock);
		fc_send(s->tx, (void *)(intptr_t)i);	/* may wait for room */
		pthread_mutex_unlock(&s->lock);
	}
	return NULL;
}

static long warn_feed(void)
{
	struct shared_sender s = { PTHREAD_MUTEX_INITIALIZER, NULL };
	fc_receiver *rx;
	pthread_t t[3];
	long sum = 0;
	void *v;

	if (fc_sync_channel(2, &s.tx, &rx) != FC_OK)
		return -1;
	for (int i = 0; i < 3; i++)
		if (pthread_create(&t[i], NULL, warn_feeder, &s))
			abort();
	for (int i = 0; i < 30; i++)
		if (fc_recv(rx, &v) == FC_OK)
			sum += (intptr_t)v;
	for (int i = 0; i < 3; i++)
		pthread_join(t[i], NULL);
	fc_sender_drop(s.tx);
	fc_receiver_drop(rx);
	return sum;
}

int main(void)
{
	printf("%ld\n", warn_feed());
	return 0;
}

/*
 * check-name: blocking-under-lock: feeders send to a bounded channel holding the sender's mutex
 * check-description: Report fc_send in warn_feeder: it may wait for room holding s->lock, which the other feeders wait for.
 * check-tsan: clean
 * check-exit-value: 1
 *
 * check-error-start
blocking-under-lock/shared-sender-ko.c:29:3: warning: blocking send through 's.tx', of a bounded channel, while holding 's.lock' [blocking-under-lock]
blocking-under-lock/shared-sender-ko.c:43:6: note: the channel is created bounded here: a send waits until there is room (with bound 0, a receiver)
blocking-under-lock/shared-sender-ko.c:28:3: note: 's.lock' acquired here
blocking-under-lock/shared-sender-ko.c:28:3: note: thread 'warn_feeder' (another instance) waits for it here
blocking-under-lock/shared-sender-ko.c:46:7: note: thread 'warn_feeder' (many instances) created here, in 'warn_feed'
blocking-under-lock/shared-sender-ko.c:60:18: note: 'main' calls 'warn_feed' here
 * check-error-end
 */
