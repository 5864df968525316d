// SPDX-License-Identifier: MIT
/*
 * A message whose send failed is still the sender's: fc_send() returns
 * FC_DISCONNECTED (or FC_NOMEM) without queueing it, as Rust's send()
 * hands the value back in SendError.  Every use of the message below
 * happens only where the send is known to have failed, or before it, or
 * through a fresh message: the checker must stay silent.
 */
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>

#include <fearcheck/chan.h>

struct job {
	int id;
	int attempts;
};

/* The failure branch keeps the job: retry it, then free it. */
static int good_submit(fc_sender *tx, int id)
{
	struct job *j = malloc(sizeof(*j));
	int err;

	if (!j)
		return FC_NOMEM;
	j->id = id;
	j->attempts = 1;
	err = fc_send(tx, j);
	if (err != FC_OK) {
		j->attempts++;
		fprintf(stderr, "job %d not queued (%d attempts): %s\n", j->id,
			j->attempts, fc_strerror(err));
		free(j);
	}
	return err;
}

/* A comparison with the failure code itself. */
static void good_submit_or_drop(fc_sender *tx, int id)
{
	struct job *j = malloc(sizeof(*j));

	if (!j)
		return;
	j->id = id;
	j->attempts = 1;
	if (fc_send(tx, j) == FC_DISCONNECTED)
		free(j);
}

/* The result in a variable, tested twice: the branches agree. */
static void good_twice_tested(fc_sender *tx, int id)
{
	struct job *j = malloc(sizeof(*j));
	int err;

	if (!j)
		return;
	j->id = id;
	j->attempts = 1;
	err = fc_send(tx, j);
	if (err == FC_OK)
		printf("queued job %d\n", id);
	if (err != FC_OK)
		free(j);
}

/* Copy out what is needed before the send. */
static void good_copy_first(fc_sender *tx, int id)
{
	struct job *j = malloc(sizeof(*j));
	int saved;

	if (!j)
		return;
	j->id = id;
	j->attempts = 1;
	saved = j->id;
	if (fc_send(tx, j) != FC_OK) {
		free(j);
		return;
	}
	printf("queued job %d\n", saved);
}

int main(void)
{
	fc_sender *tx;
	fc_receiver *rx;
	void *v;

	if (fc_channel(&tx, &rx) != FC_OK)
		return 1;
	good_submit(tx, 1);
	good_submit_or_drop(tx, 2);
	good_twice_tested(tx, 3);
	good_copy_first(tx, 4);
	fc_sender_drop(tx);
	while (fc_recv(rx, &v) == FC_OK) {
		struct job *j = v;

		printf("job %d\n", j->id);
		free(j);
	}
	fc_receiver_drop(rx);
	return 0;
}

/*
 * check-name: chan-use-after-send: the message is used only where its send failed
 * check-description: Failure branches (!= FC_OK, == FC_DISCONNECTED, a result tested twice) keep the message; values copied before the send are fine. Stay silent.
 * check-tsan: clean
 */
