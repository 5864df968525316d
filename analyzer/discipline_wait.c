// SPDX-License-Identifier: MIT
/*
 * discipline_wait.c - the lock discipline checks, part 2: cond-wait and
 * blocking-under-lock.
 *
 * Pass: checks.  Input: the roots of a linked program (discipline_hosts):
 * its threads, whose records are complete for everything they run, and in
 * a program with a main the functions nothing calls.  Output: findings.
 *
 * Both checks need a root's view: whether a wait is in a loop depends on
 * its callers (a wait in a helper called in a loop is in that loop), and
 * which locks are held at a call depends on every caller up to the root.
 * A root entered with unknown locks held (a library entry point, or a
 * function nothing calls) is judged only on what it does itself: a wait
 * on a mutex it never takes is a helper for a caller that holds it.
 */
#include <stdlib.h>
#include <string.h>

#include "checks.h"
#include "diag.h"
#include "link.h"

/* ------------------------------------------------------------- cond-wait */

/* A condvar's name, or what it is when we could not name it. */
static const char *cond_name(const struct sblock *b)
{
	return b->path ? internf("'%s'", apath_render(b->path))
		       : intern("a condition variable");
}

static void report_unheld_wait(struct program *p, const struct dhost *h,
			       const struct sblock *b)
{
	const char *cv = cond_name(b);
	const char *mu = apath_render(b->path2);
	struct finding_builder fb;
	if (discipline_may_hold(b->may, b->path2))
		diag_begin(&fb, "cond-wait", b->pos,
			   "waiting on %s with its mutex '%s' not held on "
			   "every path", cv, mu);
	else
		diag_begin(&fb, "cond-wait", b->pos,
			   "waiting on %s without holding its mutex '%s'",
			   cv, mu);
	checks_note_chain(&fb, b->chain);
	if (b->locks->n)
		diag_note(&fb, b->pos, "the thread is %s here",
			  discipline_locks_text(b->locks));
	if (h->t)
		checks_note_thread(&fb, p, h->t);
	diag_fingerprint(&fb, "unheld|%s|%s|%s", cv, mu, h->name);
	diag_end(&fb, internf("cond-wait|unheld|%s",
			      discipline_site_key(b->pos, b->chain, 0)));
}

static void report_no_loop(struct program *p, const struct dhost *h,
			   const struct sblock *b)
{
	const char *cv = cond_name(b);
	struct finding_builder fb;
	diag_begin(&fb, "cond-wait", b->pos,
		   "waiting on %s outside a loop: the predicate is not "
		   "checked again after a spurious wakeup", cv);
	checks_note_chain(&fb, b->chain);
	if (h->t)
		checks_note_thread(&fb, p, h->t);
	diag_fingerprint(&fb, "loop|%s|%s", cv, h->name);
	diag_end(&fb, internf("cond-wait|loop|%s",
			      discipline_site_key(b->pos, b->chain, 0)));
}

void check_cond_wait(struct program *p)
{
	size_t nh;
	struct dhost *hs = discipline_hosts(p, false, &nh);
	for (size_t i = 0; i < nh; i++) {
		const struct dhost *h = &hs[i];
		for (size_t k = 0; k < h->nblk; k++) {
			const struct sblock *b = &h->blk[k];
			if (b->kind != EV_CONDWAIT || !b->path2 ||
			    b->path2->kind == ROOT_RET)
				continue;
			/* A helper waiting for a caller holding the mutex. */
			if (h->open && !discipline_host_acquires(h, b->path2))
				continue;
			if (!discipline_may_hold(b->locks, b->path2) &&
			    !discipline_blind_call(p, h, b->chain))
				report_unheld_wait(p, h, b);
			if (!(b->flags & EVF_IN_LOOP))
				report_no_loop(p, h, b);
		}
	}
	free(hs);
}

/* --------------------------------------------------- blocking-under-lock */

/* One lock by name: the same path, or the same struct field class. */
static bool same_lock(const struct apath *a, const struct apath *b)
{
	if (a == b)
		return true;
	const struct apath *ca = a->kind == ROOT_TYPE ? a : a->fallback;
	const struct apath *cb = b->kind == ROOT_TYPE ? b : b->fallback;
	return ca && ca == cb;
}

/*
 * Another thread (or another instance of the host's) that waits for lock
 * lk: its blocking acquisition, or NULL.  A lock nobody else takes makes
 * nobody wait.
 */
static const struct sacq *contender(const struct program *p,
				    const struct dhost *h,
				    const struct apath *lk,
				    const struct thread **who)
{
	for (size_t i = 0; i < p->threads.n; i++) {
		const struct thread *t = &p->threads.a[i];
		if (t == h->t && !t->multi)
			continue;
		for (size_t k = 0; k < t->acq.n; k++) {
			const struct sacq *q = &t->acq.a[k];
			if (!(q->flags & EVF_TRY) && q->lock &&
			    same_lock(q->lock, lk)) {
				*who = t;
				return q;
			}
		}
	}
	return NULL;
}

/*
 * The locks held for sure at b that matter: a condvar wait releases its
 * own mutex, a lock held only because a conditional acquire was trusted is
 * not held for sure, and a lock no other thread takes delays nobody.
 */
static const struct idset *held_across(struct program *p,
				       const struct dhost *h,
				       const struct sblock *b,
				       const struct idset *rec)
{
	const struct idset *l = b->locks;
	for (uint32_t i = 0; i < b->locks->n; i++) {
		const struct apath *lk = LOCK_PATH(b->locks->v[i]);
		const struct thread *who;
		if ((b->kind == EV_CONDWAIT && b->path2 &&
		     discipline_may_alias(lk, b->path2)) ||
		    !contender(p, h, lk, &who) ||
		    discipline_trusted(p, h, lk) ||
		    discipline_relocked(h, lk, rec))
			l = idset_del(l, b->locks->v[i]);
	}
	return l;
}

/* A blocking acquisition by thread j or its descendants of a lock in l. */
static const struct sacq *takes_one(const struct program *p,
				    const struct thread *j,
				    const struct idset *l,
				    const struct thread **who)
{
	for (size_t i = 0; i < p->threads.n; i++) {
		const struct thread *d = &p->threads.a[i];
		int32_t a = (int32_t)d->id;
		while (a >= 0 && a != (int32_t)j->id)
			a = p->threads.a[a].parent;
		if (a < 0)
			continue;
		for (size_t k = 0; k < d->acq.n; k++) {
			const struct sacq *q = &d->acq.a[k];
			if ((q->flags & EVF_TRY) || !q->lock)
				continue;
			for (uint32_t m = 0; m < l->n; m++)
				if (same_lock(q->lock, LOCK_PATH(l->v[m]))) {
					*who = d;
					return q;
				}
		}
	}
	return NULL;
}

/*
 * A join waits for the threads its host created with that handle.  Joining
 * one that takes a lock the joiner holds is a deadlock; joining one that
 * takes none of them only makes the lock's other users wait (a helper run
 * inside a critical section), which is no finding.  *known is false when
 * the joined threads are not known.
 */
static const struct sacq *join_deadlock(const struct program *p,
					const struct dhost *h,
					const struct sblock *b,
					const struct idset *l, bool *known,
					const struct thread **who)
{
	*known = false;
	if (!h->t || !b->path)
		return NULL;
	/* Any thread created with that handle: a child, or one a child made. */
	for (size_t i = 0; i < p->threads.n; i++) {
		const struct thread *j = &p->threads.a[i];
		if (j == h->t)
			continue;
		bool mine = false;
		for (size_t k = 0; k < j->spawns.n && !mine; k++)
			mine = discipline_same_path(
				j->spawns.a[k]->handle, b->path);
		if (!mine)
			continue;
		*known = true;
		const struct sacq *q = takes_one(p, j, l, who);
		if (q)
			return q;
	}
	return NULL;
}

static void report_join(struct program *p, const struct dhost *h,
			const struct sblock *b, const struct sacq *q,
			const struct thread *who)
{
	const char *lock = apath_render(q->lock);
	struct finding_builder fb;
	diag_begin(&fb, "blocking-under-lock", b->pos,
		   "joining thread '%s' while holding '%s', which it "
		   "acquires: deadlock", who->name, lock);
	checks_note_chain(&fb, b->chain);
	const struct sacq *f = discipline_acquired_at(h, q->lock, b->pos,
						      b->chain);
	if (f) {
		diag_note(&fb, f->pos, "'%s' acquired here", lock);
		checks_note_chain(&fb, f->chain);
	}
	diag_note(&fb, q->pos, "thread '%s' acquires '%s' here", who->name,
		  lock);
	checks_note_chain(&fb, q->chain);
	checks_note_thread(&fb, p, who);
	diag_fingerprint(&fb, "join|%s|%s|%s", who->name, lock, h->name);
	diag_end(&fb, internf("blocking-under-lock|%s:%u:%u|join|%s",
			      b->pos.file ? b->pos.file : "", b->pos.line,
			      b->pos.col, lock));
}

static void report_blocking(struct program *p, const struct dhost *h,
			    const struct sblock *b, const struct idset *l)
{
	const char *held = discipline_locks_text(l);
	struct finding_builder fb;
	if (b->kind == EV_CONDWAIT)
		diag_begin(&fb, "blocking-under-lock", b->pos,
			   "waiting on %s while %s: the wait releases only "
			   "'%s'", cond_name(b), held,
			   apath_render(b->path2));
	else
		diag_begin(&fb, "blocking-under-lock", b->pos,
			   "blocking call to '%s' while %s",
			   b->what ? b->what : "?", held);
	checks_note_chain(&fb, b->chain);
	for (uint32_t i = 0; i < l->n && i < 4; i++) {
		const struct apath *lk = LOCK_PATH(l->v[i]);
		const struct sacq *f = discipline_acquired_at(h, lk, b->pos,
								     b->chain);
		if (f) {
			diag_note(&fb, f->pos, "'%s' acquired here",
				  apath_render(lk));
			checks_note_chain(&fb, f->chain);
		}
		const struct thread *who = NULL;
		const struct sacq *q = contender(p, h, lk, &who);
		if (q) {
			diag_note(&fb, q->pos, "thread '%s'%s waits for it "
				  "here", thread_describe(p, who),
				  who == h->t ? " (another instance)" : "");
			checks_note_chain(&fb, q->chain);
		}
	}
	if (h->t)
		checks_note_thread(&fb, p, h->t);
	diag_fingerprint(&fb, "%s|%s|%s", b->what ? b->what : "wait", held,
			 h->name);
	diag_end(&fb, internf("blocking-under-lock|%s:%u:%u|%s",
			      b->pos.file ? b->pos.file : "", b->pos.line,
			      b->pos.col, held));
}

void check_blocking_under_lock(struct program *p)
{
	size_t nh;
	struct dhost *hs = discipline_hosts(p, false, &nh);
	const struct idset *rec = discipline_recursive(p, hs, nh);
	for (size_t i = 0; i < nh; i++) {
		const struct dhost *h = &hs[i];
		for (size_t k = 0; k < h->nblk; k++) {
			const struct sblock *b = &h->blk[k];
			if ((b->kind != EV_BLOCK && b->kind != EV_CONDWAIT) ||
			    !b->locks->n)
				continue;
			/* A wait without its own mutex is cond-wait's. */
			if (b->kind == EV_CONDWAIT &&
			    (!b->path2 || !discipline_may_hold(b->locks,
							       b->path2)))
				continue;
			const struct idset *l = held_across(p, h, b, rec);
			if (!l->n)
				continue;
			if (b->kind == EV_BLOCK && b->what &&
			    (!strcmp(b->what, "pthread_join") ||
			     !strcmp(b->what, "thrd_join"))) {
				bool known;
				const struct thread *who = NULL;
				const struct sacq *q = join_deadlock(p, h, b, l,
								     &known,
								     &who);
				if (q)
					report_join(p, h, b, q, who);
				if (q || known)
					continue;
			}
			report_blocking(p, h, b, l);
		}
	}
	free(hs);
	/* Bounded channel sends are judged by the channel rules. */
	check_chan_bounded_sends(p);
}
