// SPDX-License-Identifier: MIT
/*
 * Port of the guide's multiple_producers example: main clones the
 * channel's sender twice and moves one clone into each of two producer
 * threads; each sends its four heap strings, sleeping between sends, and
 * drops its clone when done.  Main receives until the channel is
 * disconnected, printing and freeing every string.  Sleeps are a tenth
 * of the guide's.
 *
 * The guide never drops the original `tx`, so its `for received in rx`
 * loop never ends: the channel stays connected after both producers are
 * done.  This port drops it right after cloning, the fix the guide
 * needed, so the loop ends once both producers have dropped their
 * clones.  multiple-producers-ko.c keeps the guide's bug.  The producers
 * share only the channel: the program must stay silent.
 *
 * The guide detaches both producers; the port joins them.
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

	/* Clone the transmitter for multiple producers. */
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
	/* Not in the guide: without this the loop below never ends. */
	fc_sender_drop(tx);
	tx = NULL;

	for (int i = 0; i < 2; i++)
		check(pthread_create(&handles[i], NULL, produce, &producers[i]),
		      "pthread_create");

	/* Receive all messages, until both producers have hung up. */
	while ((err = fc_recv(rx, &msg)) == FC_OK) {
		printf("Got: %s\n", (char *)msg);
		free(msg);
	}
	if (err != FC_DISCONNECTED)
		check_chan(err, "fc_recv");

	for (int i = 0; i < 2; i++)
		check(pthread_join(handles[i], NULL), "pthread_join");
	fc_receiver_drop(rx);
	return 0;
}

/*
 * check-name: guide: multiple producers on one channel
 * check-description: Two threads each own a clone of the sender, send four heap strings and drop it; main dropped the original, so its receive loop ends on disconnection.
 * check-tsan: clean
 */
