// SPDX-License-Identifier: MIT
/*
 * discipline_leak.c - the lock discipline checks, part 3: lock-leak and
 * lock-by-value.
 *
 * Pass: checks.  Input: a linked program's function summaries (their own
 * returns, with the locks held there and the value returned), its threads,
 * and every function's lock copies (EV_LOCKCOPY, from the front end).
 * Output: findings.
 *
 * DESIGN
 * lock-leak compares a function's returns.  A summary's locksets start
 * empty at the entry, so a lock held at a return was taken by the function
 * (or its callees).  A lock held for sure at one return and on no path to
 * another leaks at the first -- unless the function is a conditional
 * acquire, which returns the lock held or not and tells its caller which:
 * a trylock wrapper, a lookup that returns its object locked or NULL, a
 * begin() whose caller pairs it with an end().  The returned values decide
 * it: a void function, or one returning the same constant both ways,
 * cannot tell its caller, and an error code (a negative constant, or a
 * variable's value where the other return gives a constant) returned with
 * the lock held is the classic leak on an error path; anything else is
 * taken for a conditional acquire.  A spawned thread that exits holding a
 * lock leaks it for good, whatever its returns say.
 *
 * lock-by-value reports every copy the front end saw, in every function:
 * whether the code runs is no excuse for copying a lock.
 */
#include <stdlib.h>
#include <string.h>

#include "checks.h"
#include "diag.h"
#include "link.h"

/* -------------------------------------------------------------- lock-leak */

static bool no_value(const struct aval *v)
{
	return v->kind == VAL_UNKNOWN && !v->is_const && !v->src &&
	       !v->pointee;
}

/* Own returns of a function's summary: not a callee's pthread_exit. */
static bool own_return(const struct sblock *b)
{
	return b->kind == EV_RETURN && !b->chain && !(b->flags & EVF_THREXIT);
}

enum verdict { V_SKIP, V_LEAK };

/*
 * Does returning r (lock held) and r2 (lock not held) look like a leak on
 * r's path, or like a conditional acquire telling its caller which case?
 */
static enum verdict judge_values(const struct sblock *r,
				 const struct sblock *r2, bool all_void)
{
	const struct aval *h = &r->val, *f = &r2->val;
	if (all_void)
		return V_LEAK;	/* nothing tells the caller */
	if (h->is_const && f->is_const && h->cval == f->cval)
		return V_LEAK;
	if (h->kind == VAL_NULL && f->kind == VAL_NULL)
		return V_LEAK;
	if (f->kind == VAL_NULL || h->kind == VAL_NULL ||
	    h->kind == VAL_PTR || f->kind == VAL_PTR)
		return V_SKIP;	/* an object locked, or NULL */
	if (h->is_const && h->cval < 0 && f->is_const)
		return V_LEAK;	/* return -EINVAL with the lock held */
	if (!h->is_const && h->kind == VAL_SCALAR && f->is_const)
		return V_LEAK;	/* return err with the lock held */
	return V_SKIP;
}

/* Does chain ch go through a call of function `name`? */
static bool through(const struct chain *ch, const char *name)
{
	for (; ch; ch = ch->next)
		if (ch->callee == name)
			return true;
	return false;
}

/*
 * Does caller summary s release `lock`, taken only through calls of
 * `name`, outside them?  Then the release pairs with that acquisition.
 */
static bool releases_for(const struct summary *s, const struct apath *lock,
			 const char *name)
{
	for (size_t i = 0; i < s->acq.n; i++) {
		const struct sacq *a = &s->acq.a[i];
		if (discipline_same_path(a->lock, lock) &&
		    !discipline_lock_in(a->held, lock) &&
		    !through(a->chain, name))
			return false;	/* it takes the lock itself too */
	}
	for (size_t k = 0; k < s->blocks.n; k++) {
		const struct sblock *b = &s->blocks.a[k];
		if (b->kind == EV_RELEASE &&
		    discipline_same_path(b->path, lock) &&
		    !through(b->chain, name))
			return true;
	}
	return false;
}

/*
 * Does a caller of the function release the lock it acquires at `at`,
 * outside the function (a conditional acquire, or a begin/end pair)?
 */
static bool caller_releases(struct program *p, int32_t fi, struct pos at)
{
	const char *name = p->funcs.a[fi].fn->name;
	for (size_t g = 0; g < p->funcs.n; g++) {
		if ((int32_t)g == fi || p->funcs.a[g].fn->is_global_init)
			continue;
		const struct summary *s = p->funcs.a[g].sum;
		if (!s)
			continue;	/* only those computed: callers were */
		for (size_t i = 0; i < s->acq.n; i++) {
			const struct sacq *a = &s->acq.a[i];
			if (a->pos.file == at.file && a->pos.line == at.line &&
			    a->pos.col == at.col && through(a->chain, name) &&
			    releases_for(s, a->lock, name))
				return true;
		}
	}
	return false;
}

static void report_leak(struct program *p, const struct dhost *h,
			const struct sblock *r, const struct apath *lk,
			const struct sblock *r2)
{
	const char *lock = apath_render(lk);
	struct finding_builder fb;
	diag_begin(&fb, "lock-leak", r->pos, "'%s' returns with '%s' held "
		   "here, but not on every path", h->name, lock);
	const struct sacq *f = discipline_acquired_at(h, lk, r->pos,
								     r->chain);
	if (f) {
		diag_note(&fb, f->pos, "'%s' acquired here", lock);
		checks_note_chain(&fb, f->chain);
	}
	if (r2->pos.file == r->pos.file && r2->pos.line == r->pos.line &&
	    r2->pos.col == r->pos.col)
		diag_note(&fb, r2->pos, "on other paths to this return, '%s' "
			  "does not hold '%s'", h->name, lock);
	else
		diag_note(&fb, r2->pos, "'%s' returns here without '%s'",
			  h->name, lock);
	diag_fingerprint(&fb, "%s|%s", h->name, lock);
	diag_end(&fb, internf("lock-leak|%s:%u:%u|%s", r->pos.file ?
			      r->pos.file : "", r->pos.line, r->pos.col, lock));
}

/* Function f's returns: held on some, on no path at others. */
static void leak_in_function(struct program *p, const struct dhost *h,
			     const struct dkeys *thread_exits,
			     const struct idset *rec)
{
	size_t nret = 0;
	bool all_void = true;
	for (size_t k = 0; k < h->nblk; k++)
		if (own_return(&h->blk[k])) {
			nret++;
			all_void &= no_value(&h->blk[k].val);
		}
	if (nret < 2)
		return;
	/* Its caller's locks, dropped and taken back, are not its own. */
	const struct summary *fs = summary_get(p, h->fi);
	const struct idset *callers = fs ? fs->released : idset_empty();
	for (size_t k = 0; k < h->nblk; k++) {
		const struct sblock *r = &h->blk[k];
		if (!own_return(r) || !r->locks->n)
			continue;
		for (uint32_t i = 0; i < r->locks->n; i++) {
			const struct apath *lk = LOCK_PATH(r->locks->v[i]);
			if (discipline_lock_in(callers, lk))
				continue;
			if (discipline_key_has(thread_exits, internf(
				"%s:%u:%u", r->pos.file ? r->pos.file : "",
				r->pos.line, r->pos.col)))
				continue;
			const struct sacq *f = discipline_acquired_at(h, lk,
								      r->pos,
								      r->chain);
			if ((f && (f->flags & (EVF_TRY | EVF_TESTED))) ||
			    discipline_trusted(p, h, lk) ||
			    discipline_relocked(h, lk, rec))
				continue;	/* a conditional acquire */
			const struct sblock *free_ret = NULL;
			bool skip = false;
			for (size_t j = 0; j < h->nblk && !skip; j++) {
				const struct sblock *r2 = &h->blk[j];
				if (!own_return(r2) ||
				    discipline_lock_in(r2->may, lk))
					continue;
				if (judge_values(r, r2, all_void) == V_SKIP)
					skip = true;
				else if (!free_ret)
					free_ret = r2;
			}
			if (skip || !free_ret ||
			    (f && caller_releases(p, h->fi, f->pos)))
				continue;
			report_leak(p, h, r, lk, free_ret);
		}
	}
}

/* A spawned thread that exits (returns or pthread_exit) holding a lock. */
static void leak_at_exit(struct program *p, const struct dhost *h,
			 struct dkeys *exits, const struct idset *rec)
{
	for (size_t k = 0; k < h->nblk; k++) {
		const struct sblock *r = &h->blk[k];
		if (r->kind != EV_RETURN || !r->locks->n ||
		    (r->chain && !(r->flags & EVF_THREXIT)))
			continue;
		for (uint32_t i = 0; i < r->locks->n; i++) {
			const struct apath *lk = LOCK_PATH(r->locks->v[i]);
			if (discipline_trusted(p, h, lk) ||
			    discipline_relocked(h, lk, rec))
				continue;
			/* Released under another name somewhere: unsure. */
			bool other = false;
			for (size_t j = 0; j < h->nblk && !other; j++) {
				const struct sblock *b = &h->blk[j];
				other = b->kind == EV_RELEASE && b->path &&
					!discipline_same_path(b->path, lk) &&
					discipline_may_alias(b->path, lk);
			}
			if (other)
				continue;
			const char *lock = apath_render(lk);
			struct finding_builder fb;
			diag_begin(&fb, "lock-leak", r->pos,
				   "thread '%s' %s holding '%s'", h->name,
				   (r->flags & EVF_THREXIT) ? "exits"
							    : "returns",
				   lock);
			checks_note_chain(&fb, r->chain);
			const struct sacq *f = discipline_acquired_at(h, lk,
								      r->pos,
								      r->chain);
			if (f) {
				diag_note(&fb, f->pos, "'%s' acquired here",
					  lock);
				checks_note_chain(&fb, f->chain);
			}
			checks_note_thread(&fb, p, h->t);
			diag_fingerprint(&fb, "exit|%s|%s", h->name, lock);
			const char *at = internf("%s:%u:%u", r->pos.file ?
						 r->pos.file : "", r->pos.line,
						 r->pos.col);
			discipline_key_add(exits, at);
			diag_end(&fb, internf("lock-leak|exit|%s|%s", at,
					      lock));
		}
	}
}

void check_lock_leak(struct program *p)
{
	size_t nh;
	struct dhost *hs = discipline_hosts(p, true, &nh);
	const struct idset *rec = discipline_recursive(p, hs, nh);
	struct dkeys exits = { 0 };
	for (size_t i = 0; i < nh; i++)
		if (hs[i].t && hs[i].t->spawn)
			leak_at_exit(p, &hs[i], &exits, rec);
	/* main's returns end the process, and its locks with it. */
	for (size_t i = 0; i < nh; i++)
		if (!hs[i].t && hs[i].fi != p->main_fn)
			leak_in_function(p, &hs[i], &exits, rec);
	discipline_keys_free(&exits);
	free(hs);
}

/* ---------------------------------------------------------- lock-by-value */

static const char *copied_what(const struct event *e)
{
	const char *lt = e->callee ? e->callee : "lock";
	if (!e->path2)
		return internf("a '%s'", lt);
	return internf("'%s', which holds the '%s' '%s'", e->path2->name, lt,
		       e->path2->sel[0] == '.' ? e->path2->sel + 1
					       : e->path2->sel);
}

static void report_copy(const struct function *fn, const struct event *e)
{
	const char *what = copied_what(e);
	const char *name = e->path ? apath_render(e->path) : NULL;
	struct finding_builder fb;
	switch ((enum lockcopy_kind)e->mode) {
	case LC_ASSIGN:
		diag_begin(&fb, "lock-by-value", e->pos,
			   "assignment to '%s' copies %s", name ? name : "?",
			   what);
		break;
	case LC_INIT:
		diag_begin(&fb, "lock-by-value", e->pos,
			   "initializing '%s' copies %s", name ? name : "?",
			   what);
		break;
	case LC_ARG:
		if (name)
			diag_begin(&fb, "lock-by-value", e->pos,
				   "passing '%s' by value copies %s", name,
				   what);
		else
			diag_begin(&fb, "lock-by-value", e->pos,
				   "passing an argument by value copies %s",
				   what);
		break;
	case LC_PARAM:
		diag_begin(&fb, "lock-by-value", e->pos,
			   "by-value parameter '%s' of '%s' copies %s",
			   name ? name : "?", fn->name, what);
		break;
	case LC_RETURN:
		diag_begin(&fb, "lock-by-value", e->pos,
			   "returning by value from '%s' copies %s", fn->name,
			   what);
		break;
	case LC_MEMCPY:
	default:
		diag_begin(&fb, "lock-by-value", e->pos,
			   "memory copy into '%s' copies %s", name ? name : "?",
			   what);
		break;
	}
	diag_note(&fb, e->pos, "a copy of a '%s' is a different object: "
		  "threads using the copy and the original do not synchronize",
		  e->callee ? e->callee : "lock");
	diag_fingerprint(&fb, "%s|%u|%s|%s", fn->name, e->mode, what,
			 name ? name : "");
	diag_end(&fb, internf("lock-by-value|%s:%u:%u", e->pos.file ?
			      e->pos.file : "", e->pos.line, e->pos.col));
}

void check_lock_by_value(struct program *p)
{
	for (size_t i = 0; i < p->funcs.n; i++) {
		const struct function *fn = p->funcs.a[i].fn;
		for (uint32_t k = 0; k < fn->nev; k++)
			if (fn->ev[k].kind == EV_LOCKCOPY)
				report_copy(fn, &fn->ev[k]);
	}
}
