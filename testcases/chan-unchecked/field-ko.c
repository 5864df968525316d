// SPDX-License-Identifier: MIT
/*
 * A worker that receives its next job into a field and runs it without
 * looking at the result: once the pool's sender is dropped, fc_recv()
 * returns FC_DISCONNECTED, stores NULL in w->job, and the worker calls
 * through it.  The loop should be `while (fc_recv(...) == FC_OK)`.
 */
#include <pthread.h>
#include <stdio.h>

#include <fearcheck/chan.h>

struct job {
	void (*run)(struct job *j);
};

struct worker {
	fc_receiver *rx;
	void *job;
};

static void *warn_worker(void *arg)
{
	struct worker *w = arg;

	for (int i = 0; i < 100; i++) {
		struct job *j;

		fc_recv(w->rx, &w->job);
		j = w->job;
		j->run(j);
	}
	return NULL;
}

static void hello(struct job *j)
{
	(void)j;
	puts("hello");
}

int main(void)
{
	static struct job jobs[2] = { { hello }, { hello } };
	struct worker w;
	fc_sender *tx;
	pthread_t t;

	if (fc_channel(&tx, &w.rx) != FC_OK)
		return 1;
	fc_send(tx, &jobs[0]);
	fc_send(tx, &jobs[1]);
	fc_sender_drop(tx);
	if (pthread_create(&t, NULL, warn_worker, &w))
		return 1;
	pthread_join(t, NULL);
	fc_receiver_drop(w.rx);
	return 0;
}

/*
 * check-name: chan-unchecked: a job received into a field and run unchecked
 * check-description: Report the fc_recv into w->job whose result is ignored before the worker reads w->job and calls through it.
 * check-exit-value: 1
 *
 * check-error-start
chan-unchecked/field-ko.c:29:3: warning: the result of 'fc_recv' is ignored, but the message 'arg->job' is used [chan-unchecked]
chan-unchecked/field-ko.c:30:10: note: 'arg->job' used here; when 'fc_recv' fails it holds no message
 * check-error-end
 */
