// SPDX-License-Identifier: MIT
/*
 * Rust's Mutex<Receiver<T>>, as the guide's thread pool has it: workers
 * share one receiver that sits beside its mutex in one struct, and each
 * takes the mutex only to receive.  A worker blocks in fc_recv() holding
 * the mutex, but only other workers wait for it, to do the same; the
 * sender never takes it, so nothing waits on the receive.  Silent.
 */
#include <pthread.h>
#include <stdint.h>
#include <stdio.h>

#include <fearcheck/chan.h>

struct good_jobs {
	pthread_mutex_t lock;
	fc_receiver *rx;		/* guarded by lock */
};

struct good_worker {
	struct good_jobs *jobs;
	long done;			/* this worker's own */
};

static void *good_worker(void *arg)
{
	struct good_worker *w = arg;
	struct good_jobs *jobs = w->jobs;

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
	struct good_jobs jobs = { .lock = PTHREAD_MUTEX_INITIALIZER };
	fc_sender *tx;
	struct good_worker w[4];
	pthread_t t[4];
	long sum = 0;

	if (fc_channel(&tx, &jobs.rx) != FC_OK)
		return 1;
	for (int i = 0; i < 4; i++) {
		w[i] = (struct good_worker){ .jobs = &jobs };
		pthread_create(&t[i], NULL, good_worker, &w[i]);
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
 * check-description: Stay silent: the mutex beside the receiver is taken only by other workers to receive; the sender never needs it.
 */
