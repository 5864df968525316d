// SPDX-License-Identifier: MIT
/*
 * discipline.c - the lock discipline checks, part 1: double-lock,
 * destroy-held and unlock-not-held, and what all the discipline checks
 * share (discipline_wait.c: cond-wait and blocking-under-lock;
 * discipline_leak.c: lock-leak and lock-by-value).
 *
 * Pass: checks.  Input: a linked program's function summaries and threads.
 * Output: findings.  Each check judges "hosts" (struct dhost): a
 * function's summary, whose locksets are relative to its entry, or a
 * thread's records, complete for everything the thread runs.
 *
 * DESIGN
 * A lock held for sure at an event (a must-lockset) is what the summaries
 * give.  Two things make that set say more than the code does, and each
 * check undoes them: a callee that returns holding a lock on some paths
 * only (a conditional acquire such as a trylock wrapper) is trusted by its
 * callers to have taken it -- discipline_trusted() finds such locks, which
 * are then not "held for sure"; and a lock named by its class (a struct
 * field through an unknown pointer, an array element, a heap allocation
 * site, or a lock picked by an index: EVF_INDEXED) stands for many
 * objects, so taking it twice is taking two of them (discipline_one_lock()).
 *
 * double-lock and destroy-held judge every function that handles a lock
 * and every thread: a function where the problem is visible from its own
 * entry reports it (a lock named after a parameter is one object there),
 * and the callers that import the same event (the same site reached the
 * same way below them) stay silent.  unlock-not-held is judged only at the
 * roots (threads, and functions nothing calls), since an unlock wrapper
 * releases its caller's lock: only a root knows that nobody holds it.
 *
 * Locks are compared by path (discipline_same_path(), whatever type-based
 * fallback a copy carries) where one set of records is judged, and by the
 * looser discipline_may_alias() (same struct field, an unnamed lock)
 * wherever a match makes a finding go away rather than appear.
 */
#include <stdlib.h>
#include <string.h>

#include "checks.h"
#include "diag.h"
#include "link.h"

/* ------------------------------------------------------------------ keys */

bool discipline_key_has(const struct dkeys *k, const char *key)
{
	if (!k->cap)
		return false;
	size_t j = fc_hash_ptr(key) & (k->cap - 1);
	while (k->slot[j]) {
		if (k->slot[j] == key)
			return true;
		j = (j + 1) & (k->cap - 1);
	}
	return false;
}

void discipline_key_add(struct dkeys *k, const char *key)
{
	if (discipline_key_has(k, key))
		return;
	if (k->n * 2 >= k->cap) {
		size_t ncap = k->cap ? k->cap * 2 : 64;
		const char **ns = xcalloc(ncap, sizeof(*ns));
		for (size_t i = 0; i < k->cap; i++) {
			if (!k->slot[i])
				continue;
			size_t j = fc_hash_ptr(k->slot[i]) & (ncap - 1);
			while (ns[j])
				j = (j + 1) & (ncap - 1);
			ns[j] = k->slot[i];
		}
		free(k->slot);
		k->slot = ns;
		k->cap = ncap;
	}
	size_t j = fc_hash_ptr(key) & (k->cap - 1);
	while (k->slot[j])
		j = (j + 1) & (k->cap - 1);
	k->slot[j] = key;
	k->n++;
}

void discipline_keys_free(struct dkeys *k)
{
	free(k->slot);
	memset(k, 0, sizeof(*k));
}

unsigned discipline_chain_len(const struct chain *ch)
{
	unsigned n = 0;
	for (; ch; ch = ch->next)
		n++;
	return n;
}

const char *discipline_site_key(struct pos pos, const struct chain *ch,
				unsigned skip)
{
	struct sb b = { 0 };
	sb_printf(&b, "%s:%u:%u", pos.file ? pos.file : "", pos.line, pos.col);
	for (unsigned i = 0; ch; ch = ch->next, i++)
		if (i >= skip)
			sb_printf(&b, "<%s:%u:%u",
				  ch->pos.file ? ch->pos.file : "",
				  ch->pos.line, ch->pos.col);
	const char *r = intern(sb_str(&b));
	sb_free(&b);
	return r;
}

int discipline_pos_cmp(struct pos a, struct pos b)
{
	int c = strcmp(a.file ? a.file : "", b.file ? b.file : "");
	if (c)
		return c;
	if (a.line != b.line)
		return a.line < b.line ? -1 : 1;
	if (a.col != b.col)
		return a.col < b.col ? -1 : 1;
	return 0;
}

static bool pos_eq(struct pos a, struct pos b)
{
	return a.file == b.file && a.line == b.line && a.col == b.col;
}

/* ----------------------------------------------------------------- hosts */

/*
 * Which functions something in the program calls, spawns, or takes the
 * address of (a callback may be called from anywhere).  Caller frees.
 */
static bool *called_functions(struct program *p)
{
	bool *called = xcalloc(p->funcs.n + 1, sizeof(bool));
	for (size_t i = 0; i < p->funcs.n; i++) {
		const struct function *f = p->funcs.a[i].fn;
		uint32_t tu = p->funcs.a[i].tu;
		for (uint32_t k = 0; k < f->nev; k++) {
			const struct event *e = &f->ev[k];
			int32_t tg[8];
			uint32_t nt = 0;
			if (e->kind == EV_CALL && e->callee) {
				int32_t t = link_resolve(p, e->callee, tu);
				if (t >= 0)
					tg[nt++] = t;
			} else if (e->kind == EV_CALL || e->kind == EV_SPAWN) {
				nt = link_targets(p, &e->val, tu, tg, 8);
			}
			if ((e->kind == EV_SPAWN || e->kind == EV_PTSTORE) &&
			    e->val.kind == VAL_FUNC && nt < 8) {
				int32_t t = link_resolve(p, e->val.func, tu);
				if (t >= 0)
					tg[nt++] = t;
			}
			for (uint32_t a = 0;
			     e->kind == EV_CALL && a < e->nargs && nt < 8;
			     a++) {
				if (e->args[a].kind != VAL_FUNC)
					continue;
				int32_t t = link_resolve(p, e->args[a].func,
							 tu);
				if (t >= 0)
					tg[nt++] = t;
			}
			for (uint32_t q = 0; q < nt; q++)
				if ((size_t)tg[q] != i)
					called[tg[q]] = true;
		}
	}
	return called;
}

static void host_of_summary(struct program *p, int32_t fi, bool open,
			    struct dhost *h)
{
	const struct summary *s = summary_get(p, fi);
	memset(h, 0, sizeof(*h));
	h->name = p->funcs.a[fi].fn->name;
	h->fi = fi;
	h->tu = p->funcs.a[fi].tu;
	h->open = open;
	if (!s)
		return;
	h->acq = s->acq.a;
	h->nacq = s->acq.n;
	h->blk = s->blocks.a;
	h->nblk = s->blocks.n;
	h->acc = s->acc.a;
	h->nacc = s->acc.n;
}

/*
 * Which functions take, release, initialise or destroy a lock, themselves
 * (*direct) or through the functions they call (by their facts, before
 * any summary): only those need a summary of their own.  Caller frees
 * both arrays.
 */
static bool *lock_functions(struct program *p, bool **direct)
{
	size_t n = p->funcs.n;
	bool *touch = xcalloc(n + 1, sizeof(bool));
	for (size_t i = 0; i < n; i++) {
		const struct function *f = p->funcs.a[i].fn;
		for (uint32_t k = 0; k < f->nev && !touch[i]; k++)
			touch[i] = f->ev[k].kind == EV_ACQUIRE ||
				   f->ev[k].kind == EV_RELEASE ||
				   f->ev[k].kind == EV_LOCKINIT ||
				   f->ev[k].kind == EV_LOCKDESTROY;
	}
	*direct = xmalloc(n + 1);
	memcpy(*direct, touch, n);
	for (bool changed = true; changed;) {
		changed = false;
		for (size_t i = 0; i < n; i++) {
			const struct function *f = p->funcs.a[i].fn;
			uint32_t tu = p->funcs.a[i].tu;
			for (uint32_t k = 0; k < f->nev && !touch[i]; k++) {
				const struct event *e = &f->ev[k];
				int32_t tg[8];
				uint32_t nt = 0;
				if (e->kind != EV_CALL)
					continue;
				if (e->callee) {
					int32_t t = link_resolve(p, e->callee,
								 tu);
					if (t >= 0)
						tg[nt++] = t;
				} else {
					nt = link_targets(p, &e->val, tu, tg,
							  8);
				}
				for (uint32_t q = 0; q < nt && !touch[i]; q++)
					if (touch[tg[q]])
						touch[i] = changed = true;
			}
		}
	}
	return touch;
}

struct dhost *discipline_hosts(struct program *p, bool all_functions,
			       size_t *n)
{
	VEC(struct dhost) v = { 0 };
	bool *called = called_functions(p);
	bool *direct;
	bool *touch = lock_functions(p, &direct);
	for (size_t i = 0; i < p->funcs.n; i++) {
		const struct function *f = p->funcs.a[i].fn;
		if (f->is_global_init)
			continue;
		if (!all_functions &&
		    (p->main_fn < 0 || called[i] || (int32_t)i == p->main_fn))
			continue;
		/*
		 * A function that touches no lock has no finding to make; one
		 * no thread runs is judged only if it handles a lock itself
		 * (its summary would cost the callees' too).
		 */
		if (!touch[i] || (!p->funcs.a[i].sum && !direct[i]))
			continue;
		struct dhost h;
		host_of_summary(p, (int32_t)i, !called[i] && (int32_t)i !=
						     p->main_fn, &h);
		vec_push(&v, h);
	}
	free(called);
	free(touch);
	free(direct);
	for (size_t i = 0; i < p->threads.n; i++) {
		const struct thread *t = &p->threads.a[i];
		if (t->fn < 0)
			continue;
		struct dhost h = {
			.name = t->name, .t = t, .fi = t->fn,
			.tu = p->funcs.a[t->fn].tu,
			.open = !t->spawn && !t->is_main,
			.acq = t->acq.a, .nacq = t->acq.n,
			.blk = t->blocks.a, .nblk = t->blocks.n,
			.acc = t->acc.a, .nacc = t->acc.n,
		};
		vec_push(&v, h);
	}
	*n = v.n;
	return v.a;
}

/* ----------------------------------------------------------- lock naming */

bool discipline_same_path(const struct apath *a, const struct apath *b)
{
	return a == b ||
	       (a && b && a->kind == b->kind && a->root == b->root &&
		a->sel == b->sel && a->owner == b->owner &&
		a->param == b->param);
}

bool discipline_lock_in(const struct idset *s, const struct apath *lock)
{
	if (idset_has(s, LOCK_KEY(lock, LK_MUTEX)) ||
	    idset_has(s, LOCK_KEY(lock, LK_READ)))
		return true;
	for (uint32_t i = 0; i < s->n; i++)
		if (discipline_same_path(LOCK_PATH(s->v[i]), lock))
			return true;
	return false;
}

bool discipline_one_object(const struct dhost *h, const struct apath *l)
{
	if (!l || strstr(l->sel, "[]"))
		return false;
	if (l->kind != ROOT_GLOBAL && l->kind != ROOT_LOCAL &&
	    l->kind != ROOT_PARAM)
		return false;
	/*
	 * A pointer on the way (cur in cur->mu) that the code assigns may
	 * point to another object the second time.
	 */
	for (const char *s = strchr(l->sel, '*'); s; s = strchr(s + 1, '*')) {
		size_t len = (size_t)(s - l->sel);
		for (size_t i = 0; i < h->nacc; i++) {
			const struct apath *a = h->acc[i].path;
			if ((h->acc[i].flags & EVF_WRITE) && a &&
			    a->kind == l->kind && a->root == l->root &&
			    a->owner == l->owner && strlen(a->sel) == len &&
			    !strncmp(a->sel, l->sel, len))
				return false;
		}
	}
	return true;
}

bool discipline_one_lock(const struct dhost *h, const struct apath *l,
			 uint16_t flags)
{
	if ((flags & EVF_INDEXED) || !discipline_one_object(h, l))
		return false;
	for (size_t i = 0; i < h->nacq; i++)
		if (discipline_same_path(h->acq[i].lock, l) &&
		    (h->acq[i].flags & EVF_INDEXED))
			return false;
	for (size_t i = 0; i < h->nblk; i++)
		if (discipline_same_path(h->blk[i].path, l) &&
		    (h->blk[i].flags & EVF_INDEXED) &&
		    (h->blk[i].kind == EV_RELEASE ||
		     h->blk[i].kind == EV_LOCKDESTROY))
			return false;
	return true;
}

/* The struct-type name of a lock path, if it has one. */
static const struct apath *lock_class(const struct apath *a)
{
	return a->kind == ROOT_TYPE ? a : a->fallback;
}

static const char *last_field(const struct apath *a)
{
	const char *d = strrchr(a->sel, '.');
	return d ? d : NULL;
}

bool discipline_may_alias(const struct apath *a, const struct apath *b)
{
	if (a == b)
		return true;
	if (!a || !b)
		return false;
	if (a->kind == ROOT_RET || b->kind == ROOT_RET)
		return true;	/* a lock we could not name */
	/* A lock reached through a stored pointer of no known type (a
	 * void *hold_lock) may be any lock. */
	size_t la = strlen(a->sel), lb = strlen(b->sel);
	if ((la && a->sel[la - 1] == '*' && !lock_class(a)) ||
	    (lb && b->sel[lb - 1] == '*' && !lock_class(b)))
		return true;
	const struct apath *ca = lock_class(a), *cb = lock_class(b);
	if (ca && ca == cb)
		return true;
	/* struct s.mu may be g.mu, of a global struct s g. */
	if (a->kind == ROOT_TYPE || b->kind == ROOT_TYPE ||
	    a->kind == ROOT_ALLOC || b->kind == ROOT_ALLOC) {
		const char *fa = last_field(a), *fb = last_field(b);
		return fa && fb && !strcmp(fa, fb);
	}
	return false;
}

/* ------------------------------------------------ conditional acquisition */

/* The record of callee summary s that a caller's record came from. */
static const struct sacq *origin(const struct summary *s, struct pos pos,
				 const struct chain *ch)
{
	for (size_t i = 0; i < s->acq.n; i++)
		if (s->acq.a[i].chain == ch && pos_eq(s->acq.a[i].pos, pos))
			return &s->acq.a[i];
	return NULL;
}

bool discipline_trusted(struct program *p, const struct dhost *h,
			const struct apath *lock)
{
	for (size_t i = 0; i < h->nacq; i++) {
		const struct sacq *f = &h->acq[i];
		/* Only an acquisition that takes it makes it held. */
		if (!discipline_same_path(f->lock, lock) ||
		    discipline_lock_in(f->held, lock))
			continue;
		/*
		 * A trylock whose result is not branched on here (`return
		 * pthread_mutex_trylock(m) == 0;`) is held whatever it did.
		 */
		if ((f->flags & EVF_TRY) && !(f->flags & EVF_TESTED))
			return true;
		if (!f->chain)
			continue;
		uint32_t tu = h->tu;
		for (const struct chain *ch = f->chain; ch; ch = ch->next) {
			int32_t g = link_resolve(p, ch->callee, tu);
			const struct summary *gs = g >= 0 ? summary_get(p, g)
							  : NULL;
			const struct sacq *r = gs ? origin(gs, f->pos, ch->next)
						  : NULL;
			if (!r)
				break;
			bool may = discipline_lock_in(gs->exit_may, r->lock);
			if (may && !discipline_lock_in(gs->exit_must, r->lock))
				return true;
			if (!may)
				break;	/* released before it returns */
			tu = p->funcs.a[g].tu;
		}
	}
	return false;
}

/*
 * Does function fi call through a pointer that resolves to nothing, or
 * call setjmp (whose second return, from a longjmp, the CFG lacks)?
 */
static bool has_blind_call(struct program *p, int32_t fi)
{
	const struct function *f = p->funcs.a[fi].fn;
	for (uint32_t k = 0; k < f->nev; k++) {
		const struct event *e = &f->ev[k];
		int32_t tg[1];
		if (e->kind != EV_CALL)
			continue;
		if (e->callee && strstr(e->callee, "setjmp"))
			return true;
		if (!e->callee &&
		    !link_targets(p, &e->val, p->funcs.a[fi].tu, tg, 1))
			return true;
	}
	return false;
}

bool discipline_blind_call(struct program *p, const struct dhost *h,
			   const struct chain *ch)
{
	if (has_blind_call(p, h->fi))
		return true;
	uint32_t tu = h->tu;
	for (; ch; ch = ch->next) {
		int32_t g = link_resolve(p, ch->callee, tu);
		if (g < 0)
			return false;
		if (has_blind_call(p, g))
			return true;
		tu = p->funcs.a[g].tu;
	}
	return false;
}

/* Where a record shows in its host's own code: its first call, or itself. */
static struct pos host_pos(struct pos pos, const struct chain *ch)
{
	return ch ? ch->pos : pos;
}

const struct sacq *discipline_acquired_at(const struct dhost *h,
					  const struct apath *lock,
					  struct pos pos,
					  const struct chain *chain)
{
	const struct sacq *best = NULL;
	int best_rank = 0;
	struct pos at = host_pos(pos, chain);
	for (size_t i = 0; i < h->nacq; i++) {
		const struct sacq *f = &h->acq[i];
		if (!discipline_same_path(f->lock, lock) ||
		    discipline_lock_in(f->held, lock))
			continue;
		/*
		 * Elsewhere before it in the host's code (the closest), then
		 * elsewhere after it (a loop), then the event's own site.
		 */
		struct pos fp = host_pos(f->pos, f->chain);
		int rank = pos_eq(f->pos, pos) ? 2 :
			   (fp.file == at.file &&
			    discipline_pos_cmp(fp, at) < 0) ? 0 : 1;
		int c = best ? discipline_pos_cmp(fp, host_pos(best->pos,
							       best->chain))
			     : 0;
		if (!best || rank < best_rank ||
		    (rank == best_rank && (rank == 0 ? c > 0 : c < 0))) {
			best = f;
			best_rank = rank;
		}
	}
	return best;
}

const char *discipline_locks_text(const struct idset *l)
{
	struct sb b = { 0 };
	sb_puts(&b, "holding ");
	for (uint32_t i = 0; i < l->n; i++) {
		if (i)
			sb_puts(&b, i + 1 == l->n ? " and " : ", ");
		sb_printf(&b, "'%s'", apath_render(LOCK_PATH(l->v[i])));
		if (LOCK_MODE(l->v[i]) == LK_READ)
			sb_puts(&b, " (for reading)");
	}
	const char *r = intern(sb_str(&b));
	sb_free(&b);
	return r;
}

/*
 * Is lock lk of the host a non-recursive lock that it takes again while
 * holding it?  That is a double-lock, after which the thread never gets
 * to a return; and the lockset counts it as held once too often.  Or one
 * it destroys?  Either is reported by its own check.
 */
bool discipline_relocked(const struct dhost *h, const struct apath *lk,
			 const struct idset *rec)
{
	/* Destroyed while held (destroy-held): it is gone, not leaked. */
	for (size_t i = 0; i < h->nblk; i++)
		if (h->blk[i].kind == EV_LOCKDESTROY &&
		    discipline_same_path(h->blk[i].path, lk))
			return true;
	if (discipline_is_recursive(rec, lk))
		return false;
	for (size_t i = 0; i < h->nacq; i++)
		if (discipline_same_path(h->acq[i].lock, lk) &&
		    !(h->acq[i].flags & EVF_TRY) &&
		    discipline_lock_in(h->acq[i].held, lk))
			return true;
	return false;
}

/* ----------------------------------------------------------- candidates */

/*
 * An event found wrong in a host.  Candidates of every host are sorted by
 * the length of their call chain, so that the function where the problem
 * shows first reports it; a caller that reaches the same event the same way
 * (a suffix of its chain already reported) is a duplicate.
 */
struct cand {
	const struct dhost *h;
	struct pos pos;
	const struct chain *chain;
	const void *rec;	/* struct sacq or struct sblock */
	unsigned depth;
};

static int cmp_cand(const void *a, const void *b)
{
	const struct cand *x = a, *y = b;
	if (x->depth != y->depth)
		return x->depth < y->depth ? -1 : 1;
	if ((x->h->t != NULL) != (y->h->t != NULL))
		return x->h->t ? 1 : -1;	/* functions first */
	int c = discipline_pos_cmp(x->pos, y->pos);
	if (c)
		return c;
	return (x > y) - (x < y);
}

/* Already judged in a callee, reached the same way below it? */
static bool reported_below(const struct dkeys *done, const struct cand *c)
{
	for (unsigned skip = 0; skip <= c->depth; skip++)
		if (discipline_key_has(done, discipline_site_key(c->pos,
								  c->chain,
								  skip)))
			return true;
	return false;
}

/* ----------------------------------------------------------- double-lock */

static const struct idset *add_recursive(const struct idset *r,
					 const struct apath *l)
{
	if (!l)
		return r;
	r = idset_add(r, l->id);
	return lock_class(l) ? idset_add(r, lock_class(l)->id) : r;
}

const struct idset *discipline_recursive(struct program *p,
					 const struct dhost *hs, size_t n)
{
	const struct idset *r = idset_empty();
	for (size_t i = 0; i < n; i++)
		for (size_t k = 0; k < hs[i].nblk; k++) {
			const struct sblock *b = &hs[i].blk[k];
			if (b->kind == EV_LOCKINIT &&
			    (b->flags & EVF_RECURSIVE))
				r = add_recursive(r, b->path);
		}
	/* Static initializers are no function's: read them as they are. */
	for (size_t i = 0; i < p->funcs.n; i++) {
		const struct function *f = p->funcs.a[i].fn;
		for (uint32_t k = 0; f->is_global_init && k < f->nev; k++)
			if (f->ev[k].kind == EV_LOCKINIT &&
			    (f->ev[k].flags & EVF_RECURSIVE))
				r = add_recursive(r, f->ev[k].path);
	}
	return r;
}

bool discipline_is_recursive(const struct idset *rec, const struct apath *l)
{
	return idset_has(rec, l->id) ||
	       (lock_class(l) && idset_has(rec, lock_class(l)->id));
}

/* The held key that q conflicts with, or UINT32_MAX. */
static uint32_t double_key(const struct sacq *q)
{
	uint32_t w = LOCK_KEY(q->lock, LK_MUTEX);
	uint32_t r = LOCK_KEY(q->lock, LK_READ);
	if (idset_has(q->held, w))
		return w;
	if (q->mode == LK_MUTEX && idset_has(q->held, r))
		return r;
	return UINT32_MAX;
}

static void report_double(struct program *p, const struct cand *c,
			  const char *key)
{
	const struct sacq *q = c->rec;
	const char *lock = apath_render(q->lock);
	uint32_t hk = double_key(q);
	struct finding_builder fb;
	if (LOCK_MODE(hk) == LK_READ)
		diag_begin(&fb, "double-lock", q->pos,
			   "write-locking '%s' that this thread already holds "
			   "for reading: self-deadlock", lock);
	else if (q->mode == LK_READ)
		diag_begin(&fb, "double-lock", q->pos,
			   "read-locking '%s' that this thread already holds "
			   "for writing: self-deadlock", lock);
	else if (q->flags & EVF_TIMED)
		diag_begin(&fb, "double-lock", q->pos,
			   "acquiring '%s' that is already held: the timed "
			   "lock can only time out", lock);
	else
		diag_begin(&fb, "double-lock", q->pos,
			   "acquiring '%s' that is already held: self-deadlock",
			   lock);
	checks_note_chain(&fb, q->chain);
	const struct sacq *f = discipline_acquired_at(c->h, q->lock, q->pos,
						     q->chain);
	if (f && pos_eq(f->pos, q->pos) && f->chain == q->chain)
		diag_note(&fb, f->pos, "'%s' acquired here in an earlier "
			  "iteration, and not released since", lock);
	else if (f)
		diag_note(&fb, f->pos, "'%s' first acquired here", lock);
	if (f)
		checks_note_chain(&fb, f->chain);
	if (c->h->t)
		checks_note_thread(&fb, p, c->h->t);
	diag_fingerprint(&fb, "%s|%s", lock, c->h->name);
	diag_end(&fb, internf("double-lock|%s", key));
}

void check_double_lock(struct program *p)
{
	size_t nh;
	struct dhost *hs = discipline_hosts(p, true, &nh);
	const struct idset *rec = discipline_recursive(p, hs, nh);
	VEC(struct cand) cs = { 0 };
	for (size_t i = 0; i < nh; i++) {
		const struct dhost *h = &hs[i];
		for (size_t k = 0; k < h->nacq; k++) {
			const struct sacq *q = &h->acq[k];
			/* A trylock fails at once; a timed lock times out. */
			if ((q->flags & (EVF_TRY | EVF_TIMED)) == EVF_TRY ||
			    !q->lock ||
			    double_key(q) == UINT32_MAX ||
			    !discipline_one_lock(h, q->lock, q->flags) ||
			    discipline_is_recursive(rec, q->lock))
				continue;
			struct cand c = { h, q->pos, q->chain, q,
					  discipline_chain_len(q->chain) };
			vec_push(&cs, c);
		}
	}
	/* Sites that take a recursive lock in some caller's terms. */
	struct dkeys rec_sites = { 0 };
	for (size_t i = 0; i < nh; i++)
		for (size_t k = 0; k < hs[i].nacq; k++)
			if (hs[i].acq[k].lock &&
			    discipline_is_recursive(rec, hs[i].acq[k].lock))
				discipline_key_add(&rec_sites,
						   discipline_site_key(
							   hs[i].acq[k].pos,
							   NULL, 0));
	fc_sort(cs.a, cs.n, sizeof(*cs.a), cmp_cand);
	struct dkeys done = { 0 };
	for (size_t i = 0; i < cs.n; i++) {
		const struct cand *c = &cs.a[i];
		const struct sacq *q = c->rec;
		if (reported_below(&done, c))
			continue;
		/*
		 * A lock named after a parameter is whatever the callers pass:
		 * when some caller passes a recursive one, the callers judge.
		 */
		if (q->lock->kind == ROOT_PARAM &&
		    discipline_key_has(&rec_sites,
				       discipline_site_key(q->pos, NULL, 0)))
			continue;
		/* Judged here, for good: callers reach it the same way. */
		const char *key = discipline_site_key(c->pos, c->chain, 0);
		discipline_key_add(&done, key);
		if (!discipline_trusted(p, c->h, q->lock))
			report_double(p, c, key);
	}
	discipline_keys_free(&done);
	discipline_keys_free(&rec_sites);
	vec_free(&cs);
	free(hs);
}

/* ---------------------------------------------------------- destroy-held */

static void report_destroy(struct program *p, const struct cand *c,
			   const char *key)
{
	const struct sblock *b = c->rec;
	const char *lock = apath_render(b->path);
	struct finding_builder fb;
	bool rd = !idset_has(b->locks, LOCK_KEY(b->path, LK_MUTEX));
	diag_begin(&fb, "destroy-held", b->pos,
		   "destroying '%s' while it is held%s", lock,
		   rd ? " for reading" : "");
	checks_note_chain(&fb, b->chain);
	const struct sacq *f = discipline_acquired_at(c->h, b->path, b->pos,
						     b->chain);
	if (f) {
		diag_note(&fb, f->pos, "'%s' acquired here", lock);
		checks_note_chain(&fb, f->chain);
	}
	if (c->h->t)
		checks_note_thread(&fb, p, c->h->t);
	diag_fingerprint(&fb, "%s|%s", lock, c->h->name);
	diag_end(&fb, internf("destroy-held|%s", key));
}

void check_destroy_held(struct program *p)
{
	size_t nh;
	struct dhost *hs = discipline_hosts(p, true, &nh);
	VEC(struct cand) cs = { 0 };
	for (size_t i = 0; i < nh; i++) {
		const struct dhost *h = &hs[i];
		for (size_t k = 0; k < h->nblk; k++) {
			const struct sblock *b = &h->blk[k];
			if (b->kind != EV_LOCKDESTROY || !b->path ||
			    !discipline_lock_in(b->locks, b->path) ||
			    !discipline_one_lock(h, b->path, b->flags))
				continue;
			struct cand c = { h, b->pos, b->chain, b,
					  discipline_chain_len(b->chain) };
			vec_push(&cs, c);
		}
	}
	fc_sort(cs.a, cs.n, sizeof(*cs.a), cmp_cand);
	struct dkeys done = { 0 };
	for (size_t i = 0; i < cs.n; i++) {
		const struct cand *c = &cs.a[i];
		const struct sblock *b = c->rec;
		if (reported_below(&done, c))
			continue;
		const char *key = discipline_site_key(c->pos, c->chain, 0);
		discipline_key_add(&done, key);
		if (!discipline_trusted(p, c->h, b->path))
			report_destroy(p, c, key);
	}
	discipline_keys_free(&done);
	vec_free(&cs);
	free(hs);
}

/* ------------------------------------------------------- unlock-not-held */

bool discipline_host_acquires(const struct dhost *h, const struct apath *lock)
{
	for (size_t i = 0; i < h->nacq; i++)
		if (discipline_may_alias(h->acq[i].lock, lock))
			return true;
	return false;
}

bool discipline_may_hold(const struct idset *s, const struct apath *lock)
{
	for (uint32_t i = 0; i < s->n; i++)
		if (discipline_may_alias(LOCK_PATH(s->v[i]), lock))
			return true;
	return false;
}

/* The function that contains an event reached through chain ch. */
static int32_t innermost(struct program *p, const struct dhost *h,
			 const struct chain *ch)
{
	int32_t f = h->fi;
	for (; ch && f >= 0; ch = ch->next)
		f = link_resolve(p, ch->callee, p->funcs.a[f].tu);
	return f;
}

/*
 * The release of the same lock that the unlock at `at` follows on some
 * path of its function, found by walking the function's CFG backwards:
 * "released here before" is then the truth, not a guess.
 */
static struct pos released_before(struct program *p, const struct dhost *h,
				  const struct sblock *b)
{
	struct pos none = { 0 };
	int32_t fi = innermost(p, h, b->chain);
	if (fi < 0)
		return none;
	const struct function *fn = p->funcs.a[fi].fn;
	uint32_t start = UINT32_MAX, sblk = 0;
	for (uint32_t bi = 0; bi < fn->nblk && start == UINT32_MAX; bi++)
		for (uint32_t k = 0; k < fn->blk[bi].nev; k++) {
			const struct event *e =
				&fn->ev[fn->blk[bi].first_ev + k];
			if (e->kind == EV_RELEASE && pos_eq(e->pos, b->pos)) {
				start = fn->blk[bi].first_ev + k;
				sblk = bi;
				break;
			}
		}
	if (start == UINT32_MAX)
		return none;
	const struct apath *lock = fn->ev[start].path;
	bool *seen = xcalloc(fn->nblk + 1, sizeof(bool));
	uint32_t *work = xmalloc(sizeof(uint32_t) * (fn->nblk + 1));
	uint32_t n = 0;
	struct pos found = none;
	/* Scan block bi backwards from event `from` (exclusive). */
	uint32_t bi = sblk, from = start;
	for (;;) {
		bool stop = false;
		for (uint32_t e = from; e-- > fn->blk[bi].first_ev;) {
			const struct event *ev = &fn->ev[e];
			if ((ev->kind == EV_RELEASE ||
			     ev->kind == EV_ACQUIRE) &&
			    discipline_same_path(ev->path, lock)) {
				if (ev->kind == EV_RELEASE &&
				    (!found.file ||
				     discipline_pos_cmp(ev->pos, found) > 0))
					found = ev->pos;
				stop = true;
				break;
			}
		}
		if (!stop)
			for (uint32_t q = 0; q < fn->nblk; q++)
				for (uint32_t k = 0; k < fn->blk[q].nsucc; k++)
					if (fn->blk[q].succ[k].to == bi &&
					    !seen[q]) {
						seen[q] = true;
						work[n++] = q;
					}
		if (!n)
			break;
		bi = work[--n];
		from = fn->blk[bi].first_ev + fn->blk[bi].nev;
	}
	free(seen);
	free(work);
	return found;
}

/*
 * Does the function release `lock` on some paths only: can it return
 * without passing a release of it?  Its callers' locksets then drop a
 * lock they may still hold.
 */
static bool releases_sometimes(const struct function *fn,
			       const struct apath *lock)
{
	bool *seen = xcalloc(fn->nblk + 1, sizeof(bool));
	uint32_t *work = xmalloc(sizeof(uint32_t) * (fn->nblk + 1));
	uint32_t n = 0;
	bool out = false;
	work[n++] = FC_ENTRY_BLOCK;
	seen[FC_ENTRY_BLOCK] = true;
	while (n && !out) {
		uint32_t bi = work[--n];
		bool stop = false;
		for (uint32_t k = 0; k < fn->blk[bi].nev && !stop; k++) {
			const struct event *e =
				&fn->ev[fn->blk[bi].first_ev + k];
			if (e->kind == EV_RELEASE &&
			    discipline_same_path(e->path, lock))
				stop = true;
			else if (e->kind == EV_RETURN)
				out = true;
		}
		if (stop || out)
			continue;
		for (uint32_t k = 0; k < fn->blk[bi].nsucc; k++) {
			uint32_t to = fn->blk[bi].succ[k].to;
			if (!seen[to]) {
				seen[to] = true;
				work[n++] = to;
			}
		}
	}
	free(seen);
	free(work);
	return out;
}

/* Does a callee in the host release the lock on some of its paths only? */
static bool released_conditionally(struct program *p, const struct dhost *h,
				   const struct apath *lock)
{
	for (size_t i = 0; i < h->nblk; i++) {
		const struct sblock *r = &h->blk[i];
		if (r->kind != EV_RELEASE || !r->chain || !r->path ||
		    !discipline_may_alias(r->path, lock))
			continue;
		int32_t fi = innermost(p, h, r->chain);
		const struct summary *s = fi >= 0 ? summary_get(p, fi) : NULL;
		if (!s)
			continue;
		/* Only a release of its caller's lock (unmatched in it). */
		bool callers = false;
		for (size_t k = 0; k < s->blocks.n && !callers; k++)
			callers = s->blocks.a[k].kind == EV_RELEASE &&
				  !s->blocks.a[k].chain &&
				  (s->blocks.a[k].flags & EVF_UNUSED) &&
				  pos_eq(s->blocks.a[k].pos, r->pos);
		if (!callers)
			continue;
		const struct function *fn = p->funcs.a[fi].fn;
		for (uint32_t k = 0; k < fn->nev; k++)
			if (fn->ev[k].kind == EV_RELEASE &&
			    pos_eq(fn->ev[k].pos, r->pos) &&
			    releases_sometimes(fn, fn->ev[k].path))
				return true;
	}
	return false;
}

void check_unlock_not_held(struct program *p)
{
	size_t nh;
	struct dhost *hs = discipline_hosts(p, false, &nh);
	const struct idset *rec = discipline_recursive(p, hs, nh);
	for (size_t i = 0; i < nh; i++) {
		const struct dhost *h = &hs[i];
		for (size_t k = 0; k < h->nblk; k++) {
			const struct sblock *b = &h->blk[k];
			/* A recursive mutex is released as often as taken. */
			if (b->kind != EV_RELEASE || !(b->flags & EVF_UNUSED) ||
			    !b->path || b->path->kind == ROOT_RET ||
			    discipline_may_hold(b->may, b->path) ||
			    discipline_is_recursive(rec, b->path))
				continue;
			/*
			 * An entry point may be called with the lock held; and
			 * of many locks of one name, locking two and unlocking
			 * them leaves none held to the dataflow.
			 */
			bool one = discipline_one_lock(h, b->path, b->flags);
			bool acq = discipline_host_acquires(h, b->path);
			if (h->open ? !one || !acq : !one && acq)
				continue;
			if (discipline_blind_call(p, h, b->chain) ||
			    released_conditionally(p, h, b->path))
				continue;
			const char *lock = apath_render(b->path);
			struct finding_builder fb;
			diag_begin(&fb, "unlock-not-held", b->pos,
				   "releasing '%s' that is not held", lock);
			checks_note_chain(&fb, b->chain);
			struct pos r = released_before(p, h, b);
			if (r.file)
				diag_note(&fb, r, "'%s' released here before",
					  lock);
			/* Its creator's lock, not this thread's. */
			const struct sspawn *sp = h->t ? h->t->spawn : NULL;
			if (sp && sp->locks && h->t->parent >= 0 &&
			    discipline_lock_in(sp->locks, b->path)) {
				diag_note(&fb, sp->pos, "thread '%s' created "
					  "here by thread '%s', which "
					  "holds '%s'",
					  h->t->name, thread_describe(p,
						&p->threads.a[h->t->parent]),
					  lock);
				checks_note_chain(&fb, sp->chain);
			} else if (h->t) {
				checks_note_thread(&fb, p, h->t);
			}
			diag_fingerprint(&fb, "%s|%s", lock, h->name);
			const char *key = discipline_site_key(b->pos, b->chain,
							      0);
			diag_end(&fb, internf("unlock-not-held|%s", key));
		}
	}
	free(hs);
}
