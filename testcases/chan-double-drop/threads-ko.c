// SPDX-License-Identifier: MIT
/*
 * The same sender handed to every worker, each of which drops the sender
 * it is given when it is done: the first worker to finish frees it under
 * the others.  Each needs a clone of its own (fc_sender_clone(), Rust's
 * tx.clone()).  And a shutdown function called twice on one pool.
 */
#include <pthread.h>
#include <stdint.h>

#include <fearcheck/chan.h>

#define NR_WORKERS 3

struct pool {
	fc_sender *jobs;
	fc_receiver *results;
};

static void *worker(void *arg)
{
	fc_sender *tx = arg;

	fc_send(tx, (void *)(intptr_t)1);
	fc_sender_drop(tx);
	return NULL;
}

static void pool_shutdown(struct pool *p)
{
	fc_sender_drop(p->jobs);
	fc_receiver_drop(p->results);
}

int main(void)
{
	fc_sender *tx;
	fc_receiver *rx;
	pthread_t t[NR_WORKERS];
	struct pool p;
	void *v;

	if (fc_channel(&tx, &rx) != FC_OK)
		return 1;
	for (int i = 0; i < NR_WORKERS; i++)
		pthread_create(&t[i], NULL, worker, tx);
	while (fc_recv(rx, &v) == FC_OK)
		;
	for (int i = 0; i < NR_WORKERS; i++)
		pthread_join(t[i], NULL);
	fc_receiver_drop(rx);

	if (fc_channel(&p.jobs, &p.results) != FC_OK)
		return 1;
	pool_shutdown(&p);
	pool_shutdown(&p);
	return 0;
}

/*
 * check-name: chan-double-drop: one sender for every thread, a shutdown twice
 * check-description: Report the spawn in a loop handing one sender to threads that each drop it, and the second pool_shutdown() dropping both handles again.
 * check-exit-value: 1
 *
 * check-error-start
chan-double-drop/threads-ko.c:46:3: warning: each thread created here drops the same sender 'tx' [chan-double-drop]
chan-double-drop/threads-ko.c:25:2: note: 'worker' drops it here
chan-double-drop/threads-ko.c:56:2: warning: 'pool_shutdown' drops receiver 'p.results', which was already dropped [chan-double-drop]
chan-double-drop/threads-ko.c:55:2: note: 'p.results' dropped by 'pool_shutdown' here
chan-double-drop/threads-ko.c:32:2: note: 'pool_shutdown' drops it here
chan-double-drop/threads-ko.c:56:2: warning: 'pool_shutdown' drops sender 'p.jobs', which was already dropped [chan-double-drop]
chan-double-drop/threads-ko.c:55:2: note: 'p.jobs' dropped by 'pool_shutdown' here
chan-double-drop/threads-ko.c:31:2: note: 'pool_shutdown' drops it here
 * check-error-end
 */
