// SPDX-License-Identifier: MIT
/*
 * Rust's Mutex<Receiver<T>>, as the guide's thread pool has it: workers
 * share one receiver that sits beside its mutex in one struct, and each
 * takes the mutex only to receive.  A worker blocks in fc_recv() holding
 * the mutex: the other idle workers wait on the mutex instead of the
 * channel, are handed jobs one mutex hand-off at a time, cannot time out,
 * and anything else that takes the mutex waits for the next message.
 * fearcheck reports the pattern (issue 5, docs/channels.md "Sharing the
 * receiver"); fc_recv is thread-safe, so the workers can share rx bare.
 */
#include <pthread.h>
#include <stdint.h>
#include <stdio.h>

#include <fearcheck/chan.h>

struct warn_jobs {
	pthread_mutex_t lock;
	fc_receiver *rx;		/* guarded by lock */
};

struct warn_worker {
	struct warn_jobs *jobs;
	long done;			/* this worker's own */
};

static void *warn_worker(void *arg)
{
	struct warn_worker *w = arg;
	struct warn_jobs *jobs = w->jobs;

	for (;;) {
		void *msg;
		int err;

		pthread_mutex_lock(&jobs->lock);
		err = fc_recv(jobs->rx, &msg);
		pthread_mutex_unlock(&jobs->lock);
		if (err != FC_OK)
			return NULL;
		w->done += (long)(intptr_t)msg;
	}
}

int main(void)
{
	struct warn_jobs jobs = { .lock = PTHREAD_MUTEX_INITIALIZER };
	fc_sender *tx;
	struct warn_worker w[4];
	pthread_t t[4];
	long sum = 0;

	if (fc_channel(&tx, &jobs.rx) != FC_OK)
		return 1;
	for (int i = 0; i < 4; i++) {
		w[i] = (struct warn_worker){ .jobs = &jobs };
		pthread_create(&t[i], NULL, warn_worker, &w[i]);
	}
	for (int i = 1; i <= 100; i++)
		fc_send(tx, (void *)(intptr_t)i);
	fc_sender_drop(tx);
	for (int i = 0; i < 4; i++) {
		pthread_join(t[i], NULL);
		sum += w[i].done;
	}
	fc_receiver_drop(jobs.rx);
	printf("%ld\n", sum);
	return 0;
}

/*
 * check-name: blocking-under-lock: workers share a receiver behind its own mutex
 * check-description: Report fc_recv in warn_worker: it blocks holding jobs->lock, which the other workers wait for.
 * check-exit-value: 1
 *
 * check-error-start
blocking-under-lock/shared-receiver-ko.c:38:9: warning: blocking call to 'fc_recv' while holding 'w[].jobs->lock' [blocking-under-lock]
blocking-under-lock/shared-receiver-ko.c:37:3: note: 'w[].jobs->lock' acquired here
blocking-under-lock/shared-receiver-ko.c:37:3: note: thread 'warn_worker' (another instance) waits for it here
blocking-under-lock/shared-receiver-ko.c:58:3: note: thread 'warn_worker' (many instances) created here by thread 'main'
 * check-error-end
 */
