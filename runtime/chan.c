// SPDX-License-Identifier: MIT
/*
 * runtime/chan.c - the channel library, a C port of Rust's std::sync::mpsc
 * (public API and contract in include/fearcheck/chan.h, user docs in
 * docs/channels.md).
 *
 * Senders and the receiver are small handles pointing at one shared
 * struct fc__chan.  Every operation on the channel takes its mutex, so
 * the queue, the handle counts and the waiter counts are all plain data
 * guarded by it; the mutex also gives the happens-before edge from a send
 * to the receive of that message, which is what makes handing a pointer
 * over race-free under ThreadSanitizer.
 *
 * DESIGN
 *
 * Queue.  A ring of void * slots, its capacity a power of two, grown by
 * doubling with realloc() when full and shrunk back to FC__CHAN_KEEP_SLOTS
 * when it drains.  Bounded channels grow the same way and just refuse to
 * queue more than their bound, so fc_sync_channel(1000000, ...) costs no
 * more than an unbounded channel until it fills.  FC_NOMEM from a send
 * means the ring could not grow; the message was not queued.
 *
 * Waiting.  Receivers wait on recv_cv for a message or the last sender's
 * drop; senders wait on send_cv for room (bounded), for their message to
 * be taken (rendezvous), or for the receiver's drop.  recv_waiting and
 * send_waiting count the threads inside a wait, so the fast paths signal
 * only when somebody actually sleeps.  A send wakes a receiver only when
 * it makes the queue non-empty; a take that leaves messages behind wakes
 * the next receiver.  So with several receivers sleeping, a burst costs
 * the sender one wake-up and the receivers pass the others along, rather
 * than the sender paying a futex wake per message (bench/chan's pool
 * rows).  Every take leaves the queue empty, or wakes one more receiver,
 * so no message waits while a receiver sleeps.  A take frees one slot, so
 * it signals one bounded sender; on a rendezvous channel it broadcasts,
 * because only the sender whose message was taken may return.  Both
 * condition variables run on CLOCK_MONOTONIC for fc_recv_timeout().
 *
 * Rendezvous.  A bound of 0 queues the message at once and then waits
 * until the count of taken messages passes the message's sequence number
 * (taken + its position in the queue).  The queue thus only ever holds
 * messages whose senders are still blocked in fc_send(), which is what
 * fc_try_recv() on a rendezvous channel must see.  Dropping the receiver
 * empties the queue without calling the destructor: those messages go
 * back to their senders with FC_DISCONNECTED.
 *
 * Lifetime.  The channel counts its sender handles (nsenders) and whether
 * its receiver is alive; whoever drops the last of them frees it, after
 * unlocking.  A thread blocked in the channel always holds a live handle,
 * so the channel cannot be freed under it.  fc_receiver_drop() detaches
 * the queued messages under the lock and runs the destructor on them after
 * unlocking, so a destructor may drop senders of the same channel (and so
 * free it) without deadlock or use after free.
 *
 * Cancellation.  The waits are cancellation points.  A cleanup handler
 * undoes the waiter count and unlocks; a rendezvous sender cancelled
 * before its message was taken overwrites its slot with FC__TOMBSTONE,
 * which receivers skip, so a cancelled send never delivers.
 */
#include <errno.h>
#include <pthread.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "fearcheck/chan.h"
#include "chan_int.h"

/* Marks the public API; the shared object hides everything else. */
#define FC__API __attribute__((visibility("default")))

#define FC__CHAN_MIN_SLOTS	16	/* ring slots allocated up front */
#define FC__CHAN_KEEP_SLOTS	1024	/* shrink a drained ring to this */

enum fc__chan_kind {
	FC__UNBOUNDED,
	FC__BOUNDED,		/* at most bound messages queued */
	FC__RENDEZVOUS,		/* bound 0: send waits for its take */
};

struct fc__chan {
	pthread_mutex_t lock;	/* guards every field below */
	pthread_cond_t recv_cv;	/* a message came or the last sender left */
	pthread_cond_t send_cv;	/* room, a take, or the receiver left */
	void **buf;		/* ring; NULL once the receiver is dropped */
	size_t cap;		/* slots in buf, a power of two */
	size_t head;		/* slot of the oldest message */
	size_t len;		/* messages queued */
	uint64_t taken;		/* messages ever taken: seq of the head */
	size_t bound;		/* FC__BOUNDED: most messages queued */
	enum fc__chan_kind kind;
	size_t nsenders;	/* live sender handles */
	bool rx_alive;		/* the receiver handle is not yet dropped */
	unsigned recv_waiting;	/* threads waiting on recv_cv */
	unsigned send_waiting;	/* threads waiting on send_cv */
	fc_msg_dtor dtor;	/* for messages left when rx is dropped */
	void *dtor_arg;
};

struct fc_sender {
	struct fc__chan *chan;
};

struct fc_receiver {
	struct fc__chan *chan;
};

/* What a blocked thread's cancellation cleanup must undo. */
struct fc__waiter {
	struct fc__chan *chan;
	pthread_cond_t *cv;	/* what it waits on */
	unsigned *count;	/* and the count of waiters there */
	bool offered;		/* rendezvous: our message is queued as seq */
	uint64_t seq;
};

/* Left in a cancelled rendezvous send's slot; no user pointer equals it. */
static char fc__tombstone;
#define FC__TOMBSTONE ((void *)&fc__tombstone)

void *(*fc__chan_malloc)(size_t size) = malloc;
void *(*fc__chan_realloc)(void *ptr, size_t size) = realloc;

/*
 * pthread calls on a valid, initialised mutex or condition variable fail
 * only in an incorrect program (a freed or corrupted channel), where
 * carrying on would make things worse.
 */
static void chan_lock(struct fc__chan *c)
{
	if (pthread_mutex_lock(&c->lock))
		abort();
}

static void chan_unlock(struct fc__chan *c)
{
	if (pthread_mutex_unlock(&c->lock))
		abort();
}

static void wait_cancelled(void *arg)
{
	struct fc__waiter *w = arg;
	struct fc__chan *c = w->chan;

	/* We may have taken the wake-up meant for another waiter: pass it. */
	if (--*w->count)
		pthread_cond_signal(w->cv);
	if (w->offered && c->rx_alive && c->taken <= w->seq)
		c->buf[(c->head + (w->seq - c->taken)) & (c->cap - 1)] =
			FC__TOMBSTONE;
	chan_unlock(c);
}

/*
 * Wait once on w->cv, until @deadline (CLOCK_MONOTONIC) if not NULL.  Call
 * with the lock held and *w->count already raised.  Returns 0 or
 * ETIMEDOUT.
 */
static int chan_wait(struct fc__chan *c, struct fc__waiter *w,
		     const struct timespec *deadline)
{
	int rc;

	pthread_cleanup_push(wait_cancelled, w);
	if (deadline)
		rc = pthread_cond_timedwait(w->cv, &c->lock, deadline);
	else
		rc = pthread_cond_wait(w->cv, &c->lock);
	pthread_cleanup_pop(0);
	if (rc && rc != ETIMEDOUT)
		abort();
	return rc;
}

/* Double the ring, keeping message order.  Call with the lock held. */
static int chan_grow(struct fc__chan *c)
{
	size_t ncap = c->cap * 2;
	void **nbuf;

	if (ncap < c->cap || ncap > SIZE_MAX / sizeof(*nbuf))
		return FC_NOMEM;
	nbuf = fc__chan_realloc(c->buf, ncap * sizeof(*nbuf));
	if (!nbuf)
		return FC_NOMEM;
	/* The ring was full: the slots before head wrap past the old end. */
	memcpy(nbuf + c->cap, nbuf, c->head * sizeof(*nbuf));
	c->buf = nbuf;
	c->cap = ncap;
	return FC_OK;
}

/* Queue @msg and wake a receiver.  Call with the lock held, rx alive. */
static int chan_push(struct fc__chan *c, void *msg)
{
	if (c->len == c->cap && chan_grow(c))
		return FC_NOMEM;
	c->buf[(c->head + c->len) & (c->cap - 1)] = msg;
	/* A receiver already woken for a non-empty queue wakes the next. */
	if (!c->len++ && c->recv_waiting)
		pthread_cond_signal(&c->recv_cv);
	return FC_OK;
}

/*
 * Take the oldest message into *msg and wake the senders that were
 * waiting for it.  Call with the lock held.  Returns false if none.
 */
static bool chan_pop(struct fc__chan *c, void **msg)
{
	bool got = false;
	void *m;

	while (c->len && !got) {
		m = c->buf[c->head];
		c->head = (c->head + 1) & (c->cap - 1);
		c->len--;
		c->taken++;
		if (m != FC__TOMBSTONE) {
			*msg = m;
			got = true;
		}
	}
	if (!c->len) {
		c->head = 0;
		if (c->cap > FC__CHAN_KEEP_SLOTS) {
			void **nbuf = fc__chan_realloc(c->buf,
				FC__CHAN_KEEP_SLOTS * sizeof(*nbuf));

			if (nbuf) {
				c->buf = nbuf;
				c->cap = FC__CHAN_KEEP_SLOTS;
			}
		}
	}
	if (c->len && c->recv_waiting)
		pthread_cond_signal(&c->recv_cv);
	if (got && c->send_waiting) {
		if (c->kind == FC__RENDEZVOUS)
			pthread_cond_broadcast(&c->send_cv);
		else
			pthread_cond_signal(&c->send_cv);
	}
	return got;
}

static void chan_free(struct fc__chan *c)
{
	pthread_cond_destroy(&c->send_cv);
	pthread_cond_destroy(&c->recv_cv);
	pthread_mutex_destroy(&c->lock);
	free(c->buf);
	free(c);
}

static int chan_init_sync(struct fc__chan *c)
{
	pthread_condattr_t attr;

	if (pthread_condattr_init(&attr))
		return FC_NOMEM;
	if (pthread_condattr_setclock(&attr, CLOCK_MONOTONIC))
		abort();
	if (pthread_cond_init(&c->recv_cv, &attr))
		goto err_attr;
	if (pthread_cond_init(&c->send_cv, &attr))
		goto err_recv_cv;
	if (pthread_mutex_init(&c->lock, NULL))
		goto err_send_cv;
	pthread_condattr_destroy(&attr);
	return FC_OK;

err_send_cv:
	pthread_cond_destroy(&c->send_cv);
err_recv_cv:
	pthread_cond_destroy(&c->recv_cv);
err_attr:
	pthread_condattr_destroy(&attr);
	return FC_NOMEM;
}

static int chan_new(enum fc__chan_kind kind, size_t bound, fc_sender **tx,
		    fc_receiver **rx)
{
	struct fc__chan *c;
	fc_sender *s;
	fc_receiver *r;

	if (tx)
		*tx = NULL;
	if (rx)
		*rx = NULL;
	if (!tx || !rx)
		return -EINVAL;
	c = fc__chan_malloc(sizeof(*c));
	if (!c)
		return FC_NOMEM;
	memset(c, 0, sizeof(*c));
	s = fc__chan_malloc(sizeof(*s));
	r = fc__chan_malloc(sizeof(*r));
	if (!s || !r)
		goto err;
	c->cap = FC__CHAN_MIN_SLOTS;
	c->buf = fc__chan_malloc(c->cap * sizeof(*c->buf));
	if (!c->buf)
		goto err;
	if (chan_init_sync(c))
		goto err;
	c->kind = kind;
	c->bound = bound;
	c->nsenders = 1;
	c->rx_alive = true;
	s->chan = c;
	r->chan = c;
	*tx = s;
	*rx = r;
	return FC_OK;

err:
	free(c->buf);
	free(c);
	free(s);
	free(r);
	return FC_NOMEM;
}

/*
 * Create an unbounded channel; returns FC_OK, FC_NOMEM or -EINVAL.  The
 * caller owns *tx and *rx.  Takes no lock: nothing else sees it yet.
 */
FC__API int fc_channel(fc_sender **tx, fc_receiver **rx)
{
	return chan_new(FC__UNBOUNDED, 0, tx, rx);
}

/*
 * Create a bounded channel (a rendezvous channel if @bound is 0); returns
 * and ownership as for fc_channel().
 */
FC__API int fc_sync_channel(size_t bound, fc_sender **tx, fc_receiver **rx)
{
	return chan_new(bound ? FC__BOUNDED : FC__RENDEZVOUS, bound, tx, rx);
}

/*
 * Return a new sender handle owned by the caller, or NULL if memory is
 * short.  Takes the channel lock to count the handle.
 */
FC__API fc_sender *fc_sender_clone(fc_sender *tx)
{
	fc_sender *s;

	if (!tx)
		return NULL;
	s = fc__chan_malloc(sizeof(*s));
	if (!s)
		return NULL;
	s->chan = tx->chan;
	chan_lock(s->chan);
	s->chan->nsenders++;
	chan_unlock(s->chan);
	return s;
}

/*
 * Queue @msg; returns FC_OK (ownership of @msg moved to the receiver),
 * FC_DISCONNECTED or FC_NOMEM (it stays the caller's), or -EINVAL.  Takes
 * the channel lock, and sleeps with it released while a bounded channel
 * is full or a rendezvous message waits to be taken.
 */
FC__API int fc_send(fc_sender *tx, void *msg)
{
	struct fc__chan *c;
	struct fc__waiter w;
	int err;

	if (!tx)
		return -EINVAL;
	c = tx->chan;
	w.chan = c;
	w.cv = &c->send_cv;
	w.count = &c->send_waiting;
	w.offered = false;
	chan_lock(c);
	if (c->kind == FC__BOUNDED && c->rx_alive && c->len >= c->bound) {
		c->send_waiting++;
		do
			chan_wait(c, &w, NULL);
		while (c->rx_alive && c->len >= c->bound);
		c->send_waiting--;
	}
	err = c->rx_alive ? chan_push(c, msg) : FC_DISCONNECTED;
	if (!err && c->kind == FC__RENDEZVOUS) {
		w.offered = true;
		w.seq = c->taken + c->len - 1;
		c->send_waiting++;
		while (c->rx_alive && c->taken <= w.seq)
			chan_wait(c, &w, NULL);
		c->send_waiting--;
		if (c->taken <= w.seq)
			err = FC_DISCONNECTED;
	}
	chan_unlock(c);
	return err;
}

static void deadline_after(struct timespec *ts, unsigned ms)
{
	clock_gettime(CLOCK_MONOTONIC, ts);
	ts->tv_sec += ms / 1000;
	ts->tv_nsec += (long)(ms % 1000) * 1000000L;
	if (ts->tv_nsec >= 1000000000L) {
		ts->tv_sec++;
		ts->tv_nsec -= 1000000000L;
	}
}

/*
 * The three receives.  @block: wait for a message; @deadline: give up at
 * that time, and report an empty queue as FC_TIMEOUT rather than FC_EMPTY.
 */
static int chan_recv(fc_receiver *rx, void **msg, bool block,
		     const struct timespec *deadline)
{
	struct fc__chan *c;
	struct fc__waiter w;
	int err = FC_OK;

	if (!msg)
		return -EINVAL;
	*msg = NULL;
	if (!rx)
		return -EINVAL;
	c = rx->chan;
	w.chan = c;
	w.cv = &c->recv_cv;
	w.count = &c->recv_waiting;
	w.offered = false;
	chan_lock(c);
	while (!chan_pop(c, msg)) {
		if (!c->nsenders) {
			err = FC_DISCONNECTED;
			break;
		}
		if (!block) {
			err = deadline ? FC_TIMEOUT : FC_EMPTY;
			break;
		}
		c->recv_waiting++;
		/* After a timeout, look once more: a message may have won. */
		if (chan_wait(c, &w, deadline) == ETIMEDOUT)
			block = false;
		c->recv_waiting--;
	}
	chan_unlock(c);
	return err;
}

/*
 * Take a message, waiting for one; returns FC_OK (the caller owns *msg),
 * FC_DISCONNECTED or -EINVAL.  Takes the channel lock; sleeps with it
 * released.
 */
FC__API int fc_recv(fc_receiver *rx, void **msg)
{
	return chan_recv(rx, msg, true, NULL);
}

/*
 * Take a message if one is queued; returns FC_OK (the caller owns *msg),
 * FC_EMPTY, FC_DISCONNECTED or -EINVAL.  Takes the channel lock briefly.
 */
FC__API int fc_try_recv(fc_receiver *rx, void **msg)
{
	return chan_recv(rx, msg, false, NULL);
}

/*
 * Take a message, waiting at most @timeout_ms; returns FC_OK (the caller
 * owns *msg), FC_TIMEOUT, FC_DISCONNECTED or -EINVAL.  Takes the channel
 * lock; sleeps with it released.
 */
FC__API int fc_recv_timeout(fc_receiver *rx, void **msg, unsigned timeout_ms)
{
	struct timespec deadline;

	deadline_after(&deadline, timeout_ms);
	return chan_recv(rx, msg, timeout_ms > 0, &deadline);
}

/*
 * Release a sender handle, freeing it; the last one disconnects the
 * channel and wakes its receivers.  Takes the channel lock, and frees the
 * channel after releasing it if the receiver is gone too.
 */
FC__API void fc_sender_drop(fc_sender *tx)
{
	struct fc__chan *c;
	bool last;

	if (!tx)
		return;
	c = tx->chan;
	free(tx);
	chan_lock(c);
	c->nsenders--;
	if (!c->nsenders && c->recv_waiting)
		pthread_cond_broadcast(&c->recv_cv);
	last = !c->nsenders && !c->rx_alive;
	chan_unlock(c);
	if (last)
		chan_free(c);
}

/*
 * Release the receiver handle, freeing it, waking blocked senders and
 * handing undelivered messages to the destructor.  Takes the channel lock
 * to detach the queue, runs the destructor after releasing it, and frees
 * the channel last if no sender is left.
 */
FC__API void fc_receiver_drop(fc_receiver *rx)
{
	struct fc__chan *c;
	fc_msg_dtor dtor;
	void *arg, *m, **buf;
	size_t head, len, mask, i;
	bool last;

	if (!rx)
		return;
	c = rx->chan;
	free(rx);
	chan_lock(c);
	c->rx_alive = false;
	buf = c->buf;
	head = c->head;
	len = c->len;
	mask = c->cap - 1;
	c->buf = NULL;
	c->cap = c->head = c->len = 0;
	/* Queued rendezvous messages still belong to their blocked senders. */
	dtor = c->kind == FC__RENDEZVOUS ? NULL : c->dtor;
	arg = c->dtor_arg;
	if (c->send_waiting)
		pthread_cond_broadcast(&c->send_cv);
	last = !c->nsenders;
	chan_unlock(c);

	for (i = 0; dtor && i < len; i++) {
		m = buf[(head + i) & mask];
		if (m != FC__TOMBSTONE)
			dtor(m, arg);
	}
	free(buf);
	if (last)
		chan_free(c);
}

/*
 * Set (or with NULL clear) the destructor fc_receiver_drop() applies to
 * undelivered messages.  Takes the channel lock.
 */
FC__API void fc_channel_set_dtor(fc_receiver *rx, fc_msg_dtor dtor, void *arg)
{
	if (!rx)
		return;
	chan_lock(rx->chan);
	rx->chan->dtor = dtor;
	rx->chan->dtor_arg = arg;
	chan_unlock(rx->chan);
}

/* Return a static description of @err; never NULL, takes no lock. */
FC__API const char *fc_strerror(int err)
{
	switch (err) {
	case FC_OK:
		return "success";
	case FC_DISCONNECTED:
		return "channel disconnected";
	case FC_EMPTY:
		return "channel empty";
	case FC_TIMEOUT:
		return "timed out waiting on channel";
	case FC_NOMEM:
		return "out of memory";
	case -EINVAL:
		return "invalid argument";
	default:
		return "unknown channel error";
	}
}
