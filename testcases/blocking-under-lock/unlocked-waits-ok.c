// SPDX-License-Identifier: MIT
/*
 * Blocking calls made the right way: the lock is dropped before sleeping
 * or reading, a condition wait releases the only lock held, a
 * non-blocking poll (timeout 0) and a MSG_DONTWAIT receive run under the
 * lock, a try-receive from a channel does not block, and the sleep after
 * a failed trylock holds nothing.  Silent.
 */
#define _GNU_SOURCE

#include <poll.h>
#include <pthread.h>
#include <stdio.h>
#include <sys/socket.h>
#include <unistd.h>

#include <fearcheck/chan.h>

static pthread_mutex_t lock = PTHREAD_MUTEX_INITIALIZER;
static pthread_cond_t cond = PTHREAD_COND_INITIALIZER;
static int pending;			/* guarded by lock */
static int sv[2];
static fc_sender *tx;
static fc_receiver *rx;

static void *good_poller(void *arg)
{
	struct pollfd pfd = { .fd = sv[0], .events = POLLIN };
	char c;

	(void)arg;
	pthread_mutex_lock(&lock);
	if (poll(&pfd, 1, 0) > 0 &&
	    recv(sv[0], &c, 1, MSG_DONTWAIT) == 1)
		pending++;
	pthread_mutex_unlock(&lock);
	usleep(100);			/* after the unlock */
	return NULL;
}

static void *good_waiter(void *arg)
{
	void *msg;

	(void)arg;
	pthread_mutex_lock(&lock);
	while (pending == 0)
		pthread_cond_wait(&cond, &lock);
	if (fc_try_recv(rx, &msg) == FC_OK)
		pending--;
	pthread_mutex_unlock(&lock);
	return NULL;
}

static void *good_backoff(void *arg)
{
	(void)arg;
	while (pthread_mutex_trylock(&lock) != 0)
		usleep(10);		/* not holding it */
	pending++;
	pthread_cond_signal(&cond);
	pthread_mutex_unlock(&lock);
	return NULL;
}

int main(void)
{
	pthread_t a, b, c;

	if (socketpair(AF_UNIX, SOCK_STREAM, 0, sv))
		return 1;
	if (fc_channel(&tx, &rx) != FC_OK)
		return 1;
	pthread_create(&a, NULL, good_poller, NULL);
	pthread_create(&b, NULL, good_waiter, NULL);
	pthread_create(&c, NULL, good_backoff, NULL);
	pthread_join(a, NULL);
	pthread_join(b, NULL);
	pthread_join(c, NULL);
	fc_sender_drop(tx);
	fc_receiver_drop(rx);
	printf("%d\n", pending);
	return 0;
}

/*
 * check-name: blocking-under-lock: blocking only with no lock held
 * check-description: Stay silent: poll with timeout 0, recv with MSG_DONTWAIT and fc_try_recv do not block; the sleeps hold no lock; the condition wait releases the only lock held.
 */
