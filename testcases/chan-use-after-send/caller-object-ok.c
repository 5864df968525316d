// SPDX-License-Identifier: MIT
/*
 * A request that lives on the sender's stack, or in a global, is lent
 * rather than given: the client sends a pointer to its own struct
 * request over a rendezvous channel, waits for the reply on a channel of
 * its own, and reads the answer from the struct the server filled in.
 * fearcheck follows the ownership of heap messages (and of pointers a
 * function is given or gets from a call); a pointer to the sender's own
 * object is this lending, which the reply orders: stay silent.
 */
#include <pthread.h>
#include <stdio.h>

#include <fearcheck/chan.h>

struct request {
	int question;
	int answer;
};

struct server {
	fc_receiver *requests;	/* owned */
	fc_sender *replies;	/* owned */
};

static void *server_main(void *arg)
{
	struct server *s = arg;
	void *v;

	while (fc_recv(s->requests, &v) == FC_OK) {
		struct request *r = v;

		r->answer = r->question * 2;
		if (fc_send(s->replies, r) != FC_OK)
			break;
	}
	fc_receiver_drop(s->requests);
	fc_sender_drop(s->replies);
	return NULL;
}

static struct request global_req = { 21, 0 };

int main(void)
{
	struct server s;
	fc_sender *req_tx;
	fc_receiver *rep_rx;
	struct request local_req = { 4, 0 };
	pthread_t t;
	void *v;

	if (fc_sync_channel(0, &req_tx, &s.requests) != FC_OK)
		return 1;
	if (fc_sync_channel(0, &s.replies, &rep_rx) != FC_OK)
		return 1;
	if (pthread_create(&t, NULL, server_main, &s))
		return 1;
	if (fc_send(req_tx, &local_req) == FC_OK &&
	    fc_recv(rep_rx, &v) == FC_OK)
		printf("%d\n", local_req.answer);
	if (fc_send(req_tx, &global_req) == FC_OK &&
	    fc_recv(rep_rx, &v) == FC_OK)
		printf("%d\n", global_req.answer);
	fc_sender_drop(req_tx);
	pthread_join(t, NULL);
	fc_receiver_drop(rep_rx);
	return 0;
}

/*
 * check-name: chan-use-after-send: a request lent by pointer, answered by a reply
 * check-description: Pointers to the sender's own stack or global objects are lent, not moved; the reply channel orders the server's write before the client's read. Stay silent.
 * check-tsan: clean
 */
