/* SPDX-License-Identifier: MIT */
/*
 * <fearcheck/chan.h> - channels for C threads, a port of Rust's
 * std::sync::mpsc.
 *
 * A channel carries void * messages from any number of sender handles to
 * one receiver handle, in FIFO order per sender.  fc_channel() makes an
 * unbounded channel; fc_sync_channel() makes a bounded one whose senders
 * block while it is full, and with a bound of 0 a rendezvous channel whose
 * every send waits until a receiver has taken the message.  The channel
 * disconnects when the last sender or the receiver is dropped: fc_recv()
 * then drains what is queued and returns FC_DISCONNECTED, and fc_send()
 * returns FC_DISCONNECTED at once.
 *
 * Ownership: a successful fc_send() moves the message to the receiver;
 * the sender must not touch it (or anything it owns) again.  A failed
 * fc_send() leaves it with the caller.  Everything the sending thread
 * wrote before fc_send() is visible to the thread that receives the
 * message.  Each handle (the two from a constructor and each clone) is
 * dropped exactly once, and not while another thread is still using it.
 *
 * Return codes: the FC_* values below, or -EINVAL for a NULL handle or
 * output pointer.  fc_strerror() names them.  See docs/channels.md.
 */
#ifndef FEARCHECK_CHAN_H
#define FEARCHECK_CHAN_H

#include <stddef.h>

#ifdef __cplusplus
extern "C" {
#endif

/* A sending handle; clone it with fc_sender_clone(), one per producer. */
typedef struct fc_sender fc_sender;
/* The single receiving handle of a channel. */
typedef struct fc_receiver fc_receiver;

enum {
	FC_OK = 0,		/* success */
	FC_DISCONNECTED,	/* the other side is gone (and queue empty) */
	FC_EMPTY,		/* fc_try_recv: nothing queued right now */
	FC_TIMEOUT,		/* fc_recv_timeout: nothing within the time */
	FC_NOMEM,		/* an allocation failed; nothing changed */
};

/*
 * Destructor for messages still queued when the receiver is dropped,
 * called as dtor(msg, arg); see fc_channel_set_dtor().
 */
typedef void (*fc_msg_dtor)(void *msg, void *arg);

/*
 * fc_channel - create an unbounded channel.
 * On FC_OK, *tx and *rx are the channel's first sender and its receiver;
 * the caller owns both and drops each exactly once.  fc_send() on it
 * never blocks.  Returns FC_NOMEM (with *tx and *rx set to NULL) when an
 * allocation fails, -EINVAL when tx or rx is NULL.
 */
int fc_channel(fc_sender **tx, fc_receiver **rx);

/*
 * fc_sync_channel - create a bounded channel holding at most @bound
 * queued messages.  fc_send() blocks while @bound messages are queued.
 * A @bound of 0 makes a rendezvous channel: each fc_send() blocks until
 * a receiver has taken that very message.  Ownership and return values
 * as for fc_channel().  Room is allocated as the queue grows, not up
 * front, so a large @bound costs nothing until it is used.
 */
int fc_sync_channel(size_t bound, fc_sender **tx, fc_receiver **rx);

/*
 * fc_sender_clone - make another sender for @tx's channel.
 * Returns a new handle the caller owns and must drop with
 * fc_sender_drop(), or NULL when memory is short (or @tx is NULL).  The
 * channel stays connected while any sender handle is alive.  Safe to
 * call from any thread, also concurrently on the same handle.
 */
fc_sender *fc_sender_clone(fc_sender *tx);

/*
 * fc_send - queue @msg for the receiver.
 * Returns FC_OK once the message is queued (bounded: after waiting for
 * room; rendezvous: after a receiver took it); ownership of @msg has then
 * moved to the receiver.  Returns FC_DISCONNECTED if the receiver has
 * been dropped, also while this call was blocked, and FC_NOMEM if the
 * queue could not grow; in both cases @msg stays the caller's and
 * nothing was queued.  @msg may be any pointer, NULL included.  Safe to
 * call from several threads at once, on one handle or on clones.  A
 * cancellation point while it blocks; a cancelled send has not queued
 * its message.
 */
int fc_send(fc_sender *tx, void *msg);

/*
 * fc_recv - take the oldest queued message, blocking until there is one.
 * Returns FC_OK with the message in *msg, which the caller now owns, or
 * FC_DISCONNECTED (with *msg set to NULL) once every sender has been
 * dropped and the queue is empty.  Messages sent before the last sender
 * was dropped are always delivered first.  Several threads may receive
 * on one receiver at once (each message goes to exactly one of them); see
 * docs/channels.md for why that beats wrapping fc_recv() in a mutex.
 * A cancellation point while it blocks.
 */
int fc_recv(fc_receiver *rx, void **msg);

/*
 * fc_try_recv - fc_recv() without blocking.
 * Returns FC_OK with the message in *msg, FC_EMPTY if nothing is queued
 * but a sender is alive, FC_DISCONNECTED if nothing is queued and every
 * sender is gone.  On a rendezvous channel a message is there only while
 * its sender is blocked in fc_send().
 */
int fc_try_recv(fc_receiver *rx, void **msg);

/*
 * fc_recv_timeout - fc_recv() giving up after @timeout_ms milliseconds.
 * Returns FC_OK, FC_DISCONNECTED, or FC_TIMEOUT (with *msg set to NULL)
 * if no message arrived in time; a @timeout_ms of 0 only looks.  The
 * timeout is measured on CLOCK_MONOTONIC, so setting the wall clock does
 * not shorten or stretch it.
 */
int fc_recv_timeout(fc_receiver *rx, void **msg, unsigned timeout_ms);

/*
 * fc_sender_drop - release a sender handle; NULL is ignored.
 * Dropping the last sender disconnects the channel: blocked and future
 * receives return FC_DISCONNECTED after draining the queue.  @tx must not
 * be used again, nor be in use by another thread.  Frees the channel if
 * the receiver is already gone.
 */
void fc_sender_drop(fc_sender *tx);

/*
 * fc_receiver_drop - release the receiver handle; NULL is ignored.
 * Sends blocked on the channel wake and return FC_DISCONNECTED, and so do
 * all later sends.  Messages still queued are passed to the destructor
 * set with fc_channel_set_dtor(), in FIFO order, in the calling thread and
 * without any channel lock held; with no destructor they are forgotten.
 * @rx must not be used again, nor be in use by another thread.  Frees the
 * channel if no sender is left.
 */
void fc_receiver_drop(fc_receiver *rx);

/*
 * fc_channel_set_dtor - set the destructor for messages the receiver
 * never took.  fc_receiver_drop() calls @dtor(msg, @arg) once for each
 * message still queued, so a channel of malloc'd messages can pass
 * free-like cleanup and leak nothing, as Rust drops them.  @dtor may call
 * any fc_* function, including dropping senders of this same channel
 * (messages may carry senders).  It is not called for messages a blocked
 * rendezvous or bounded fc_send() still holds: those return
 * FC_DISCONNECTED and stay their sender's.  A NULL @dtor removes it.  The
 * previous setting is replaced; safe to call at any time.
 */
void fc_channel_set_dtor(fc_receiver *rx, fc_msg_dtor dtor, void *arg);

/*
 * fc_strerror - a static, never NULL, English description of @err: an
 * FC_* code or -EINVAL; anything else is "unknown channel error".
 */
const char *fc_strerror(int err);

#ifdef __cplusplus
}
#endif

#endif /* FEARCHECK_CHAN_H */
