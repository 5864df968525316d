// SPDX-License-Identifier: MIT
/*
 * The guide's multiple_producers example as written, with its bug: main
 * clones the channel's sender for two producer threads, which send four
 * heap strings each and drop their clones, but main never drops the
 * original `tx` before it receives.  The channel therefore stays
 * connected after both producers are done, and the guide's
 * `for received in rx` loop, a blocking receive until disconnection,
 * never ends.  Rust compiles this; it is a liveness bug, not a race.
 *
 * So that the test ends, the loop here receives with a timeout, far
 * longer than any gap between two messages, and when the timeout fires
 * it reports the hang the blocking loop would have been and stops.  Then
 * main joins the producers, frees any message that arrived after the
 * timeout, and at last drops `tx` and the receiver, so every handle is
 * still dropped once.  Nothing is shared outside the channel, so
 * ThreadSanitizer has nothing to say: the finding is the static
 * checker's, a receive loop waiting for a disconnection that its own
 * thread's live sender prevents.
 */
#define _POSIX_C_SOURCE 200809L

#include <errno.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <fearcheck/chan.h>

#define NR_MESSAGES 4
#define HANG_MS 200		/* no message for this long: we are stuck */

struct producer {
	fc_sender *tx;		/* owned: the thread drops it */
	const char *const *messages;
	unsigned int delay_ms;
};

static const char *const first_messages[NR_MESSAGES] = {
	"hi", "from", "the", "thread",
};

static const char *const second_messages[NR_MESSAGES] = {
	"more", "messages", "for", "you",
};

/* Abort with a message when a call that the Rust code unwraps fails. */
static void check(int err, const char *what)
{
	if (err) {
		fprintf(stderr, "%s: %s\n", what, strerror(err));
		abort();
	}
}

/* The same for the channel calls, whose errors are FC_* codes. */
static void check_chan(int err, const char *what)
{
	if (err != FC_OK) {
		fprintf(stderr, "%s: %s\n", what, fc_strerror(err));
		abort();
	}
}

static void sleep_ms(unsigned int ms)
{
	struct timespec ts = { ms / 1000, (ms % 1000) * 1000000L };

	while (nanosleep(&ts, &ts) == -1 && errno == EINTR)
		;
}

static fc_sender *clone_sender(fc_sender *tx)
{
	fc_sender *clone = fc_sender_clone(tx);

	if (!clone) {
		fprintf(stderr, "fc_sender_clone: out of memory\n");
		abort();
	}
	return clone;
}

/* Sends copies of its messages, then drops its sender. */
static void *produce(void *arg)
{
	struct producer *p = arg;

	for (int i = 0; i < NR_MESSAGES; i++) {
		char *msg = strdup(p->messages[i]);

		if (!msg) {
			fprintf(stderr, "out of memory\n");
			abort();
		}
		check_chan(fc_send(p->tx, msg), "fc_send");
		sleep_ms(p->delay_ms);
	}
	fc_sender_drop(p->tx);
	return NULL;
}

int main(void)
{
	struct producer producers[2];
	pthread_t handles[2];
	fc_sender *tx;
	fc_receiver *rx;
	void *msg;
	int err;

	check_chan(fc_channel(&tx, &rx), "fc_channel");

	/* Clone the transmitter for multiple producers... */
	producers[0] = (struct producer){
		.tx = clone_sender(tx),
		.messages = first_messages,
		.delay_ms = 10,
	};
	producers[1] = (struct producer){
		.tx = clone_sender(tx),
		.messages = second_messages,
		.delay_ms = 15,
	};
	/* ...but keep the original tx alive: the guide's bug. */

	for (int i = 0; i < 2; i++)
		check(pthread_create(&handles[i], NULL, produce, &producers[i]),
		      "pthread_create");

	/*
	 * Receive all messages.  With fc_recv() this loop would block for
	 * ever once the producers are done, since tx is still connected.
	 */
	for (;;) {
		err = fc_recv_timeout(rx, &msg, HANG_MS);
		if (err == FC_TIMEOUT) {
			printf("No message for %d ms, yet main's own tx keeps the channel connected:\n",
			       HANG_MS);
			printf("a blocking receive loop would hang here.\n");
			break;
		}
		if (err == FC_DISCONNECTED)	/* cannot happen: tx is alive */
			break;
		check_chan(err, "fc_recv_timeout");
		printf("Got: %s\n", (char *)msg);
		free(msg);
	}

	for (int i = 0; i < 2; i++)
		check(pthread_join(handles[i], NULL), "pthread_join");

	/* Free whatever a slow producer sent after the timeout. */
	while (fc_try_recv(rx, &msg) == FC_OK) {
		printf("Got late: %s\n", (char *)msg);
		free(msg);
	}
	fc_sender_drop(tx);	/* the drop the loop needed, too late */
	fc_receiver_drop(rx);
	return 0;
}

/*
 * check-name: guide: multiple producers, original sender never dropped
 * check-description: Main keeps the original sender alive while it loops receiving until disconnection, so the loop can never end; it is bounded by a timeout here and reports the hang.
 * check-tsan: clean
 * check-exit-value: 1
 *
 * check-error-start
guide/multiple-producers-ko.c:138:9: warning: this loop receives from receiver 'rx' until every sender is dropped, but sender 'tx' stays alive: the loop can only end by timing out [chan-recv-never-ends]
guide/multiple-producers-ko.c:114:13: note: 'tx' created here
guide/multiple-producers-ko.c:160:2: note: 'tx' is dropped only here, after the loop
 * check-error-end
 */
