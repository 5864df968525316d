/* SPDX-License-Identifier: MIT */
/*
 * checks.h - the checks, each reading a linked program and filing findings.
 */
#ifndef FC_CHECKS_H
#define FC_CHECKS_H

#include "diag.h"
#include "link.h"

/* lockset.c */
void check_data_race(struct program *p);

/* lockorder.c; --graph FILE writes the lock-order graph there. */
extern const char *checks_graph_file;
void check_lock_order(struct program *p);
int checks_graph_finish(void);

/* discipline.c, discipline_wait.c, discipline_leak.c: lock discipline. */
void check_double_lock(struct program *p);
void check_unlock_not_held(struct program *p);
void check_lock_leak(struct program *p);
void check_destroy_held(struct program *p);
void check_cond_wait(struct program *p);
void check_blocking_under_lock(struct program *p);
void check_lock_by_value(struct program *p);

/*
 * chanrules*.c: the channel checks.  They run together, once per program,
 * whichever is called first, and file the findings of those enabled (and
 * the bounded sends of blocking-under-lock, when it is).
 */
void check_chan_use_after_send(struct program *p);
void check_chan_send_after_drop(struct program *p);
void check_chan_double_drop(struct program *p);
void check_chan_recv_never_ends(struct program *p);
void check_chan_unchecked(struct program *p);
void check_chan_leak(struct program *p);
/*
 * The bounded-channel sends of blocking-under-lock (fc_send on a channel
 * of fc_sync_channel with a lock held that another thread takes).  The
 * channel checks call it, and check_blocking_under_lock() may: it runs
 * once per program, and only while blocking-under-lock is enabled.
 */
void check_chan_bounded_sends(struct program *p);

/*
 * struct dhost - a set of records the discipline checks judge together: a
 * function's summary (relative to its entry) or a thread's records (in
 * its own terms).  `open` when the code is entered with locks we cannot
 * know: a library entry point, or a function nothing in the program calls.
 */
struct dhost {
	const char *name;	/* the function, or the thread's entry */
	const struct thread *t;	/* NULL for a function */
	int32_t fi;		/* the function, or the thread's entry */
	uint32_t tu;
	bool open;
	const struct sacq *acq;
	size_t nacq;
	const struct sblock *blk;
	size_t nblk;
	const struct sacc *acc;
	size_t nacc;
};

/*
 * discipline_hosts - the summaries of the functions that handle a lock
 * (all_functions: those a thread runs that touch a lock through their
 * calls, and the others that take, release, initialise or destroy one
 * themselves), followed by every thread; or only the roots: every thread,
 * and in a program with a main the lock-handling functions that nothing
 * calls.  Returns a malloc'd array (caller frees) and its length in *n.
 */
struct dhost *discipline_hosts(struct program *p, bool all_functions,
			       size_t *n);

/* A set of interned keys: the findings a check already made. */
struct dkeys {
	const char **slot;
	size_t cap, n;
};
bool discipline_key_has(const struct dkeys *k, const char *key);
void discipline_key_add(struct dkeys *k, const char *key);
void discipline_keys_free(struct dkeys *k);

/* "file:line:col" of pos, then "<file:line:col" for each call of the chain
 * from the `skip`-th on: identifies one event reached one way.  Interned. */
const char *discipline_site_key(struct pos pos, const struct chain *ch,
				unsigned skip);
unsigned discipline_chain_len(const struct chain *ch);

/* One path, whatever type-based fallback each copy carries. */
bool discipline_same_path(const struct apath *a, const struct apath *b);
/* Is lock (in either mode) in lockset s? */
bool discipline_lock_in(const struct idset *s, const struct apath *lock);
/* Does lock path l denote one object (not a class of locks)? */
bool discipline_one_object(const struct dhost *h, const struct apath *l);
/* ... and is it picked as one object at every use in the host (not by an
 * index: EVF_INDEXED in flags or at another acquisition or release)? */
bool discipline_one_lock(const struct dhost *h, const struct apath *l,
			 uint16_t flags);
/* May a and b be one lock, as far as the naming of locks can tell? */
bool discipline_may_alias(const struct apath *a, const struct apath *b);
/* Does the host acquire a lock that may be `lock`? */
bool discipline_host_acquires(const struct dhost *h, const struct apath *lock);
/* Does lockset s hold a lock that may be `lock`? */
bool discipline_may_hold(const struct idset *s, const struct apath *lock);
/* Is `lock` held in the host only because a callee that returns holding it
 * on some paths (a conditional acquire) was trusted to have taken it? */
bool discipline_trusted(struct program *p, const struct dhost *h,
			const struct apath *lock);
/* Does a function on the way to an event call through a pointer that
 * resolves to nothing (where a lock may be taken or released unseen)? */
bool discipline_blind_call(struct program *p, const struct dhost *h,
			   const struct chain *ch);
/* The acquisition of `lock` in the host that an event at pos (reached
 * through chain) most likely came after: one that takes it, preferably
 * the closest before the event in the host's code.  NULL if none. */
const struct sacq *discipline_acquired_at(const struct dhost *h,
					  const struct apath *lock,
					  struct pos pos,
					  const struct chain *chain);
/* The locks made recursive somewhere in the program (their paths and
 * struct-field classes), and whether lock l is one of them. */
const struct idset *discipline_recursive(struct program *p,
					 const struct dhost *hs, size_t n);
bool discipline_is_recursive(const struct idset *rec, const struct apath *l);
/* Does the host take non-recursive lock lk again while holding it (a
 * double-lock), or destroy it?  What follows is then that check's. */
bool discipline_relocked(const struct dhost *h, const struct apath *lk,
			 const struct idset *rec);
/* "holding 'a' and 'b'" for a lockset. */
const char *discipline_locks_text(const struct idset *l);
int discipline_pos_cmp(struct pos a, struct pos b);

/* Shared evidence notes. */
void checks_note_chain(struct finding_builder *fb, const struct chain *ch);
void checks_note_thread(struct finding_builder *fb, const struct program *p,
			const struct thread *t);

#endif
