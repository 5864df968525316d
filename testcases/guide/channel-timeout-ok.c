// SPDX-License-Identifier: MIT
/*
 * Port of the guide's channel_with_timeout example: a spawned thread that
 * owns the sender sleeps, then sends a static string; main meanwhile
 * waits for a message with a timeout five times shorter than that sleep,
 * and prints what it got, normally "Timeout!".  The guide's 500 ms and
 * 100 ms are 50 ms and 10 ms here.  The string is static, like Rust's
 * &'static str, so nobody frees it.
 *
 * In the guide main returns while the thread still sleeps, and the
 * process ends with it.  The port joins the thread: its send then
 * succeeds, into a channel nobody reads any more, and main drops the
 * receiver, with the message still queued, only after the join.  The
 * only shared state is the channel: the program must stay silent.
 */
#define _POSIX_C_SOURCE 200809L

#include <errno.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <fearcheck/chan.h>

#define SEND_DELAY_MS 50
#define RECV_TIMEOUT_MS 10

static char delayed_message[] = "delayed message";

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

/* Owns the sender it is given and drops it when done. */
static void *send_late(void *arg)
{
	fc_sender *tx = arg;

	sleep_ms(SEND_DELAY_MS);
	check_chan(fc_send(tx, delayed_message), "fc_send");
	fc_sender_drop(tx);
	return NULL;
}

int main(void)
{
	fc_sender *tx;
	fc_receiver *rx;
	pthread_t handle;
	void *msg;
	int err;

	check_chan(fc_channel(&tx, &rx), "fc_channel");

	check(pthread_create(&handle, NULL, send_late, tx), "pthread_create");
	tx = NULL;		/* moved into the thread */

	/* Try to receive with timeout. */
	err = fc_recv_timeout(rx, &msg, RECV_TIMEOUT_MS);
	switch (err) {
	case FC_OK:
		printf("Got: %s\n", (const char *)msg);
		break;
	case FC_TIMEOUT:
		printf("Timeout!\n");
		break;
	case FC_DISCONNECTED:
		printf("Channel disconnected!\n");
		break;
	default:
		check_chan(err, "fc_recv_timeout");
		break;
	}

	check(pthread_join(handle, NULL), "pthread_join");
	fc_receiver_drop(rx);
	return 0;
}

/*
 * check-name: guide: channel receive with a timeout
 * check-description: Main waits 10 ms for a message that a thread owning the sender sends after 50 ms, and prints Timeout!; the thread is joined before the receiver is dropped.
 * check-tsan: clean
 */
