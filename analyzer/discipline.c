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
 * site) stands for many objects, so taking it twice is taking two of them
 * (discipline_one_object()).
 *
 * double-lock and destroy-held judge every function and every thread: a
 * function where the problem is visible from its own entry reports it,
 * and the callers that import the same event (the same site reached the
 * same way below them) stay silent.  unlock-not-held is judged only at the
 * roots (threads, and functions nothing calls), since an unlock wrapper
 * releases its caller's lock: only a root knows that nobody holds it.
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

struct dhost *discipline_hosts(struct program *p, bool all_functions,
			       size_t *n)
{
	VEC(struct dhost) v = { 0 };
	bool *called = called_functions(p);
	for (size_t i = 0; i < p->funcs.n; i++) {
		const struct function *f = p->funcs.a[i].fn;
		if (f->is_global_init)
			continue;
		if (!all_functions &&
		    (p->main_fn < 0 || called[i] || (int32_t)i == p->main_fn))
			continue;
		struct dhost h;
		host_of_summary(p, (int32_t)i, !called[i] && (int32_t)i !=
						     p->main_fn, &h);
		vec_push(&v, h);
	}
	free(called);
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

bool discipline_lock_in(const struct idset *s, const struct apath *lock)
{
	return idset_has(s, LOCK_KEY(lock, LK_MUTEX)) ||
	       idset_has(s, LOCK_KEY(lock, LK_READ));
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
		if (h->acq[i].lock == l && (h->acq[i].flags & EVF_INDEXED))
			return false;
	for (size_t i = 0; i < h->nblk; i++)
		if (h->blk[i].path == l && (h->blk[i].flags & EVF_INDEXED) &&
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
		if (f->lock != lock || !f->chain ||
		    discipline_lock_in(f->held, lock))
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

/* Does function fi call through a pointer that resolves to nothing? */
static bool has_blind_call(struct program *p, int32_t fi)
{
	const struct function *f = p->funcs.a[fi].fn;
	for (uint32_t k = 0; k < f->nev; k++) {
		const struct event *e = &f->ev[k];
		int32_t tg[1];
		if (e->kind == EV_CALL && !e->callee &&
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
		if (f->lock != lock || discipline_lock_in(f->held, lock))
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
	qsort(cs.a, cs.n, sizeof(*cs.a), cmp_cand);
	struct dkeys done = { 0 };
	for (size_t i = 0; i < cs.n; i++) {
		const struct cand *c = &cs.a[i];
		const struct sacq *q = c->rec;
		if (reported_below(&done, c))
			continue;
		/* Judged here, for good: callers reach it the same way. */
		const char *key = discipline_site_key(c->pos, c->chain, 0);
		discipline_key_add(&done, key);
		if (!discipline_trusted(p, c->h, q->lock))
			report_double(p, c, key);
	}
	discipline_keys_free(&done);
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
	diag_begin(&fb, "destroy-held", b->pos,
		   "destroying '%s' while it is held", lock);
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
	qsort(cs.a, cs.n, sizeof(*cs.a), cmp_cand);
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

/* An earlier release of the lock in the host, for a note. */
static const struct sblock *released_before(const struct dhost *h,
					    const struct sblock *b)
{
	const struct sblock *best = NULL;
	for (size_t i = 0; i < h->nblk; i++) {
		const struct sblock *r = &h->blk[i];
		/* Only one that is earlier in the same file reads right. */
		if (r->kind != EV_RELEASE || r->path != b->path ||
		    (r->flags & EVF_UNUSED) || r->pos.file != b->pos.file ||
		    discipline_pos_cmp(r->pos, b->pos) >= 0)
			continue;
		if (!best || discipline_pos_cmp(r->pos, best->pos) > 0)
			best = r;
	}
	return best;
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
			if (discipline_blind_call(p, h, b->chain))
				continue;
			const char *lock = apath_render(b->path);
			struct finding_builder fb;
			diag_begin(&fb, "unlock-not-held", b->pos,
				   "releasing '%s' that is not held", lock);
			checks_note_chain(&fb, b->chain);
			const struct sblock *r = released_before(h, b);
			if (r) {
				diag_note(&fb, r->pos, "'%s' released here "
					  "before", lock);
				checks_note_chain(&fb, r->chain);
			}
			if (h->t)
				checks_note_thread(&fb, p, h->t);
			diag_fingerprint(&fb, "%s|%s", lock, h->name);
			const char *key = discipline_site_key(b->pos, b->chain,
							      0);
			diag_end(&fb, internf("unlock-not-held|%s", key));
		}
	}
	free(hs);
}
