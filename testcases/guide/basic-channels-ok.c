// SPDX-License-Identifier: MIT
/*
 * Port of the guide's basic_channels example: main creates a channel and
 * moves its sender into a spawned thread, which sends the heap string
 * "hello" and then, like the end of Rust's move closure, drops the
 * sender; main receives the string, prints it and frees it.  The string
 * changes hands through the channel, which orders the send before the
 * receive: the program must stay silent.
 *
 * The guide drops the thread's JoinHandle, detaching it; the port joins
 * it so that no thread is left running when main returns.
 */
#define _POSIX_C_SOURCE 200809L

#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <fearcheck/chan.h>

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

/* Owns the sender it is given and drops it when done. */
static void *send_hello(void *arg)
{
	fc_sender *tx = arg;
	char *val = strdup("hello");

	if (!val) {
		fprintf(stderr, "out of memory\n");
		abort();
	}
	check_chan(fc_send(tx, val), "fc_send");
	/* val is moved, can't use it here. */
	fc_sender_drop(tx);
	return NULL;
}

int main(void)
{
	fc_sender *tx;
	fc_receiver *rx;
	pthread_t handle;
	void *msg;
	char *received;

	check_chan(fc_channel(&tx, &rx), "fc_channel");

	check(pthread_create(&handle, NULL, send_hello, tx), "pthread_create");
	tx = NULL;		/* moved into the thread */

	check_chan(fc_recv(rx, &msg), "fc_recv");
	received = msg;
	printf("Got: %s\n", received);
	free(received);

	check(pthread_join(handle, NULL), "pthread_join");
	fc_receiver_drop(rx);
	return 0;
}

/*
 * check-name: guide: basic channel, one message
 * check-description: A thread that owns the sender sends a heap string and drops the sender; main receives it, prints it and frees it.
 * check-tsan: clean
 */
