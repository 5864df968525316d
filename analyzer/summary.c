// SPDX-License-Identifier: MIT
/*
 * summary.c - bottom-up function summaries by dataflow over each CFG.
 *
 * Pass: link.  A function's summary lists, relative to its entry, every
 * access, acquisition, spawn and blocking call made by it or its callees,
 * each with the locks held for sure at that point (its must-lockset), the
 * threads it started and has not joined, and the call chain that reaches
 * it; plus its net effect for callers: locks held at every exit, locks held
 * at some exit, entry locks it released, threads still running, handles
 * joined.  A callee's summary is imported at each call with its parameters
 * replaced by the call's arguments, so locks a caller holds cover its
 * callees and `transfer(a, b)` names the caller's objects.
 *
 * DESIGN
 * The state at a point is (must, may, spawned, joined, released, curr),
 * all interned idsets.  Merging takes the intersection of `must` and the
 * union of the rest.  The threads running at a point are those spawned whose
 * handle has not been joined; `joined` is a may-set so that a join loop
 * after a spawn loop joins them, although the path that skips the loop
 * would not.  `curr` holds the spawns of the current loop iteration (a
 * loop's back edge drops the spawns made inside it): an object handed to
 * each instance in a loop (&jobs[i]) is only shared with the instance made
 * in the same iteration.  An edge conditional on a tested lock call (trylock, or a
 * checked pthread_mutex_lock) adds the lock only on its success edge.  The
 * fixpoint is computed first without recording anything; a second pass
 * records the events with the final states, so a summary never holds an
 * intermediate lockset.  Recursion is cut: a call into a function whose
 * summary is being computed has no effect.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "link.h"

#define FC_MAX_TARGETS 8
#define FC_MAX_SUMMARY 200000	/* entries per list before we stop adding */
#define FC_MAX_DEPTH 400	/* nested summary computations */

struct state {
	bool reached;
	const struct idset *must, *may, *running, *released, *joined, *curr;
	const struct idset *deep;	/* held more than once (recursive) */
	const struct idset *mjoined;	/* handles joined on every path */
	/*
	 * Locks this function itself took and may hold (not those a callee
	 * may return holding): the orders the lock-order check trusts.
	 */
	const struct idset *lmay;
	/* Held for sure, trusting callees only for what they hold always. */
	const struct idset *smust;
	/* Branch conditions known here: test id << 1 | holds. */
	const struct idset *facts;
};

/* A block's incoming states, kept apart by what their tests know. */
#define FC_PARTS 4
struct slot {
	uint8_t n;
	struct state s[FC_PARTS];
};

/* Run-wide: every spawn record's handle, and its enclosing loops, by id. */
static VEC(const struct apath *) spawn_handle;
static VEC(const struct idset *) spawn_loops;
static uint32_t next_loop_id = 1;

/* A dedup table of 64-bit hashes. */
struct hset {
	uint64_t *slot;
	size_t cap, n;
};

static bool hset_add(struct hset *h, uint64_t k)
{
	if (!k)
		k = 1;
	if (h->n * 2 >= h->cap) {
		size_t ncap = h->cap ? h->cap * 2 : 256;
		uint64_t *ns = xcalloc(ncap, sizeof(*ns));
		for (size_t i = 0; i < h->cap; i++) {
			if (!h->slot[i])
				continue;
			size_t j = h->slot[i] & (ncap - 1);
			while (ns[j])
				j = (j + 1) & (ncap - 1);
			ns[j] = h->slot[i];
		}
		free(h->slot);
		h->slot = ns;
		h->cap = ncap;
	}
	size_t j = k & (h->cap - 1);
	while (h->slot[j]) {
		if (h->slot[j] == k)
			return false;
		j = (j + 1) & (h->cap - 1);
	}
	h->slot[j] = k;
	h->n++;
	return true;
}

/* Per-function build context. */
struct ctx {
	struct program *p;
	int32_t fi;
	const struct function *fn;
	struct event *ev;	/* fn's events, call results resolved */
	struct summary *s;
	bool record;
	struct hset seen;
	/* (event, target, callee spawn index) -> our spawn id */
	VEC(uint64_t) spawn_keys;
	VEC(uint32_t) spawn_ids;
	uint32_t *loop_of;	/* block -> innermost loop header + 1, or 0 */
	const struct idset **loops_of;	/* block -> ids of enclosing loops */
	uint32_t loop_base;	/* run-wide loop id of block 0's loop */
	bool *back;		/* per edge, flattened: a loop's back edge */
	uint32_t *edge_base;	/* block -> index of its first edge in back */
	int depth;
};

static int depth_now;

/*
 * The run-wide id of a spawn record, by what it creates: records of one
 * function that start the same entry with the same argument and handle,
 * along different call paths, share one id (they are one thread to the
 * checks, which ask whether any of them runs).
 */
static uint32_t spawn_id(struct ctx *c, const struct sspawn *n,
			 const struct idset *loops)
{
	uint64_t key = fc_hash_mix((uint64_t)(uint32_t)n->entry_fn,
				   fc_hash_ptr(n->entry.pointee));
	key = fc_hash_mix(key, fc_hash_ptr(n->entry.func));
	key = fc_hash_mix(key, ((uint64_t)n->arg.kind << 8) |
			       ((uint64_t)n->arg.varies << 4) |
			       (uint64_t)n->arg.is_const);
	key = fc_hash_mix(key, fc_hash_ptr(n->arg.pointee) ^
			       fc_hash_ptr(n->arg.func) ^
			       (uint64_t)n->arg.cval);
	key = fc_hash_mix(key, fc_hash_ptr(n->handle) ^ loops->id);
	for (size_t i = 0; i < c->spawn_keys.n; i++)
		if (c->spawn_keys.a[i] == key)
			return c->spawn_ids.a[i];
	uint32_t id = (uint32_t)spawn_handle.n;
	vec_push(&spawn_handle, n->handle);
	vec_push(&spawn_loops, loops);
	vec_push(&c->spawn_keys, key);
	vec_push(&c->spawn_ids, id);
	return id;
}

static const struct chain *cons(struct program *p, struct pos pos,
				const char *caller, const char *callee,
				const struct chain *next)
{
	struct chain *ch = arena_alloc(&p->mem, sizeof(*ch));
	ch->next = next;
	ch->pos = pos;
	ch->caller = caller;
	ch->callee = callee;
	return ch;
}

static uint64_t pos_hash(struct pos p)
{
	return fc_hash_mix(fc_hash_ptr(p.file), ((uint64_t)p.line << 20) ^ p.col);
}

static size_t nrec_acc, nrec_acq, nrec_blk;

static void rec_acc(struct ctx *c, const struct sacc *a)
{
	if (c->s->acc.n >= FC_MAX_SUMMARY)
		return;
	uint64_t h = fc_hash_mix(fc_hash_ptr(a->path), pos_hash(a->pos));
	h = fc_hash_mix(h, ((uint64_t)a->flags << 32) | a->idx_taint);
	h = fc_hash_mix(h, ((uint64_t)a->locks->id << 32) | a->running->id);
	h = fc_hash_mix(h, a->private_inst ? 0x51 : 0x17);
	h = fc_hash_mix(h, ((uint64_t)a->curr->id << 32) ^ a->loops->id);
	if (hset_add(&c->seen, h)) {
		vec_push(&c->s->acc, *a);
		nrec_acc++;
	}
}

static void rec_acq(struct ctx *c, const struct sacq *q)
{
	if (c->s->acq.n >= FC_MAX_SUMMARY)
		return;
	uint64_t h = fc_hash_mix(fc_hash_ptr(q->lock), pos_hash(q->pos));
	h = fc_hash_mix(h, ((uint64_t)q->held->id << 32) | q->may_held->id);
	h = fc_hash_mix(h, 0xacc0ULL | q->mode | ((uint64_t)q->running->id << 8));
	if (hset_add(&c->seen, h)) {
		vec_push(&c->s->acq, *q);
		nrec_acq++;
	}
}

static void rec_block(struct ctx *c, const struct sblock *b)
{
	if (c->s->blocks.n >= FC_MAX_SUMMARY)
		return;
	uint64_t h = fc_hash_mix(fc_hash_ptr(b->what), pos_hash(b->pos));
	h = fc_hash_mix(h, ((uint64_t)b->locks->id << 32) | b->kind);
	h = fc_hash_mix(h, fc_hash_ptr(b->path) ^ fc_hash_ptr(b->path2));
	h = fc_hash_mix(h, ((uint64_t)b->flags << 16) ^ b->may->id);
	h = fc_hash_mix(h, b->running ? b->running->id : 0x7fffffffu);
	h = fc_hash_mix(h, 0xb10cULL);
	if (hset_add(&c->seen, h)) {
		vec_push(&c->s->blocks, *b);
		nrec_blk++;
	}
}

/* --------------------------------------------------------------- locksets */

static const struct idset *lock_del(const struct idset *s,
				    const struct apath *lock)
{
	s = idset_del(s, LOCK_KEY(lock, LK_MUTEX));
	return idset_del(s, LOCK_KEY(lock, LK_READ));
}

static bool lock_in(const struct idset *s, const struct apath *lock)
{
	return idset_has(s, LOCK_KEY(lock, LK_MUTEX)) ||
	       idset_has(s, LOCK_KEY(lock, LK_READ));
}

/* Substitutes a callee's lockset into the caller's terms. */
static const struct idset *subst_locks(struct ctx *c, const struct subst *sb,
				       const struct idset *s, struct pos at)
{
	if (!s->n)
		return s;
	uint32_t buf[64], n = 0;
	for (uint32_t i = 0; i < s->n && n < 64; i++) {
		const struct apath *l = LOCK_PATH(s->v[i]);
		const struct apath *r = subst_path(sb, l, NULL);
		if (!r) {
			/* A lock we cannot name here: unique to this call. */
			const char *key = internf("(%s via %s:%u:%u)",
						  apath_render(l),
						  at.file ? at.file : "?",
						  at.line, at.col);
			r = apath_get(ROOT_RET, 0, key, key, intern(""), NULL,
				      NULL);
		}
		buf[n++] = LOCK_KEY(r, LOCK_MODE(s->v[i]));
	}
	(void)c;
	return idset_make(buf, n);
}

static const struct idset *subst_handles(const struct subst *sb,
					 const struct idset *s)
{
	if (!s || !s->n)
		return idset_empty();
	uint32_t buf[64], n = 0;
	for (uint32_t i = 0; i < s->n && n < 64; i++) {
		const struct apath *r = subst_path(sb, apath_by_id(s->v[i]),
						   NULL);
		if (r)
			buf[n++] = r->id;
	}
	return idset_make(buf, n);
}

/* Removes from `running` the threads whose handle is in `handles`. */
static const struct idset *join_handles(const struct idset *running,
					const struct idset *handles)
{
	if (!handles->n || !running->n)
		return running;
	const struct idset *r = running;
	for (uint32_t i = 0; i < running->n; i++) {
		const struct apath *h = spawn_handle.a[running->v[i]];
		if (h && idset_has(handles, h->id))
			r = idset_del(r, running->v[i]);
	}
	return r;
}

/* ----------------------------------------------------------------- events */

static void merge(struct state *into, const struct state *s, bool *changed)
{
	if (!s->reached)
		return;
	if (!into->reached) {
		*into = *s;
		*changed = true;
		return;
	}
	struct state n = {
		.reached = true,
		.must = idset_inter(into->must, s->must),
		.may = idset_union(into->may, s->may),
		.running = idset_union(into->running, s->running),
		.released = idset_union(into->released, s->released),
		.joined = idset_union(into->joined, s->joined),
		.curr = idset_union(into->curr, s->curr),
		.deep = idset_inter(into->deep, s->deep),
		.mjoined = idset_inter(into->mjoined, s->mjoined),
		.lmay = idset_union(into->lmay, s->lmay),
		.smust = idset_inter(into->smust, s->smust),
		.facts = idset_inter(into->facts, s->facts),
	};
	if (n.must != into->must || n.may != into->may ||
	    n.running != into->running || n.released != into->released ||
	    n.joined != into->joined || n.curr != into->curr ||
	    n.deep != into->deep || n.mjoined != into->mjoined ||
	    n.lmay != into->lmay || n.smust != into->smust ||
	    n.facts != into->facts) {
		*into = n;
		*changed = true;
	}
}

/*
 * Adds state s to a block's slot: into the partition that knows the same
 * conditions, else a new one; when all are taken, into the first, which
 * then knows only what both knew.
 */
static void slot_merge(struct slot *sl, const struct state *s, bool *changed)
{
	if (!s->reached)
		return;
	for (uint8_t i = 0; i < sl->n; i++)
		if (sl->s[i].facts == s->facts) {
			merge(&sl->s[i], s, changed);
			return;
		}
	/*
	 * Keep states apart only where the locks differ: what a test knew
	 * matters when it decides a later lock or unlock.
	 */
	for (uint8_t i = 0; i < sl->n; i++) {
		const struct state *o = &sl->s[i];
		if (o->must == s->must && o->may == s->may &&
		    o->lmay == s->lmay && o->smust == s->smust &&
		    o->deep == s->deep) {
			merge(&sl->s[i], s, changed);
			return;
		}
	}
	if (sl->n < FC_PARTS) {
		sl->s[sl->n++] = *s;
		*changed = true;
		return;
	}
	merge(&sl->s[0], s, changed);
}

/* Test ids: each condition key gets a small run-wide number. */
static VEC(const char *) test_keys;
static VEC(const struct apath *) test_paths;

static uint32_t test_id(const char *key, const struct apath *path)
{
	for (size_t i = 0; i < test_keys.n; i++)
		if (test_keys.a[i] == key && test_paths.a[i] == path)
			return (uint32_t)i;
	vec_push(&test_keys, key);
	vec_push(&test_paths, path);
	return (uint32_t)test_keys.n - 1;
}

/* Forgets what tests knew about `path` (written), or about all but
 * private locals (a call may write anything else). */
static const struct idset *forget(const struct idset *facts,
				  const struct apath *path)
{
	if (!facts->n)
		return facts;
	const struct idset *r = facts;
	for (uint32_t i = 0; i < facts->n; i++) {
		const struct apath *tp = test_paths.a[facts->v[i] >> 1];
		bool drop = path ? tp->root == path->root &&
					   !strncmp(tp->sel, path->sel,
						    strlen(path->sel))
				 : tp->kind != ROOT_LOCAL;
		if (drop)
			r = idset_del(r, facts->v[i]);
	}
	return r;
}

/* Forgets what tests knew about locations the callee writes. */
static const struct idset *forget_written(const struct idset *facts,
					  const struct summary *cs,
					  const struct subst *sb)
{
	if (!facts->n)
		return facts;
	const struct idset *r = facts;
	for (size_t i = 0; i < cs->acc.n && r->n; i++) {
		const struct sacc *a = &cs->acc.a[i];
		if (!(a->flags & EVF_WRITE))
			continue;
		const struct apath *w = subst_path(sb, a->path, NULL);
		if (w)
			r = forget(r, w);
	}
	return r;
}

/* The run-wide id of block's innermost loop, or 0. */
static uint32_t loop_id(struct ctx *c, uint32_t block)
{
	uint32_t h = c->loop_of[block];
	return h ? c->loop_base + h - 1 : 0;
}

/* The threads running in state st: spawned, and not joined since. */
static const struct idset *running_now(const struct state *st)
{
	return join_handles(st->running, st->joined);
}

/* A memo of set -> set translations, for one call's import. */
struct memo {
	const struct idset **key, **val;
	size_t cap, n;
};

static const struct idset **memo_slot(struct memo *m, const struct idset *k)
{
	if (m->n * 2 >= m->cap) {
		size_t ncap = m->cap ? m->cap * 2 : 64;
		const struct idset **nk = xcalloc(ncap, sizeof(*nk));
		const struct idset **nv = xcalloc(ncap, sizeof(*nv));
		for (size_t i = 0; i < m->cap; i++) {
			if (!m->key[i])
				continue;
			size_t j = m->key[i]->id & (ncap - 1);
			while (nk[j])
				j = (j + 1) & (ncap - 1);
			nk[j] = m->key[i];
			nv[j] = m->val[i];
		}
		free(m->key);
		free(m->val);
		m->key = nk;
		m->val = nv;
		m->cap = ncap;
	}
	size_t j = k->id & (m->cap - 1);
	while (m->key[j] && m->key[j] != k)
		j = (j + 1) & (m->cap - 1);
	if (!m->key[j]) {
		m->key[j] = k;
		m->val[j] = NULL;
		m->n++;
	}
	return &m->val[j];
}

static void memo_free(struct memo *m)
{
	free(m->key);
	free(m->val);
}

/*
 * struct xlate - how one call translates its callee's summary: callee spawn
 * ids to ours (sorted pairs), and memoized translations of spawn sets and
 * locksets, which repeat across a callee's many records.
 */
struct xlate {
	struct ctx *c;
	const struct summary *cs;
	const struct subst *sb;
	struct pos at;
	uint32_t *from, *to;
	size_t n;
	struct memo spawns, locks;
};

static int cmp_pair(const void *a, const void *b)
{
	const uint32_t *x = a, *y = b;
	return (x[0] > y[0]) - (x[0] < y[0]);
}

static void xlate_init(struct xlate *x, struct ctx *c, const struct summary *cs,
		       const struct subst *sb, struct pos at,
		       const uint32_t *idmap)
{
	memset(x, 0, sizeof(*x));
	x->c = c;
	x->cs = cs;
	x->sb = sb;
	x->at = at;
	x->n = cs->spawns.n;
	uint32_t *pairs = xmalloc(sizeof(uint32_t) * 2 * (x->n + 1));
	for (size_t k = 0; k < x->n; k++) {
		pairs[2 * k] = cs->spawns.a[k].id;
		pairs[2 * k + 1] = idmap[k];
	}
	fc_sort(pairs, x->n, 2 * sizeof(uint32_t), cmp_pair);
	x->from = xmalloc(sizeof(uint32_t) * (x->n + 1));
	x->to = xmalloc(sizeof(uint32_t) * (x->n + 1));
	for (size_t k = 0; k < x->n; k++) {
		x->from[k] = pairs[2 * k];
		x->to[k] = pairs[2 * k + 1];
	}
	free(pairs);
}

static void xlate_free(struct xlate *x)
{
	free(x->from);
	free(x->to);
	memo_free(&x->spawns);
	memo_free(&x->locks);
}

/* The callee's spawn set s in our ids, joined with `into`. */
static const struct idset *map_spawns(struct xlate *x, const struct idset *s,
				      const struct idset *into)
{
	if (!s->n)
		return into;
	const struct idset **slot = memo_slot(&x->spawns, s);
	if (!*slot) {
		uint32_t *buf = xmalloc(sizeof(uint32_t) * s->n);
		uint32_t k = 0;
		for (uint32_t q = 0; q < s->n; q++) {
			size_t lo = 0, hi = x->n;
			while (lo < hi) {
				size_t mid = (lo + hi) / 2;
				if (x->from[mid] < s->v[q])
					lo = mid + 1;
				else
					hi = mid;
			}
			if (lo < x->n && x->from[lo] == s->v[q])
				buf[k++] = x->to[lo];
		}
		*slot = idset_make(buf, k);
		free(buf);
	}
	return idset_union(into, *slot);
}

static const struct idset *map_locks(struct xlate *x, const struct idset *s)
{
	if (!s->n)
		return s;
	const struct idset **slot = memo_slot(&x->locks, s);
	if (!*slot)
		*slot = subst_locks(x->c, x->sb, s, x->at);
	return *slot;
}

/*
 * A spawn's handle seen from the caller.  A callee that returns the handle
 * it created (pthread_t spawn(...) { pthread_create(&t, ...); return t; })
 * hands it to wherever the caller stores the result.
 */
static const struct apath *callee_handle(const struct subst *sb,
					 const struct summary *cs,
					 const struct apath *h,
					 const struct event *call)
{
	if (h && cs->ret_src == h && call->path2)
		return call->path2;
	return subst_path(sb, h, NULL);
}

/* A callee's spawn record seen through call e (no id or state yet). */
static void callee_spawn(struct ctx *c, const struct subst *sb,
			 const struct summary *cs, const struct sspawn *sp,
			 const struct event *e, uint32_t bi, struct sspawn *n)
{
	*n = *sp;
	n->entry = subst_val(sb, &sp->entry);
	if (n->entry_fn < 0 && n->entry.kind == VAL_FUNC)
		n->entry_fn = link_resolve(c->p, n->entry.func,
					   c->p->funcs.a[c->fi].tu);
	n->arg = subst_val(sb, &sp->arg);
	n->handle = callee_handle(sb, cs, sp->handle, e);
	n->multi = sp->multi || (e->flags & EVF_IN_LOOP);
	n->loop = sp->loop ? sp->loop : loop_id(c, bi);
}

/*
 * The locks held at a callee's record, in our terms: ours at the call,
 * less the ones the callee released before the record (an unlock-relock
 * of our lock inside it), and the ones it holds itself.
 */
static const struct idset *held_at(struct xlate *x, const struct idset *ours,
				   const struct idset *theirs,
				   const struct idset *released)
{
	if (released && released->n)
		ours = idset_minus(ours, map_locks(x, released));
	return idset_union(ours, map_locks(x, theirs));
}

static const struct idset *released_at(struct xlate *x, const struct state *st,
				       const struct idset *released)
{
	if (!released || !released->n)
		return st->released;
	return idset_union(st->released, idset_minus(map_locks(x, released),
						     st->may));
}

/*
 * The threads running at a callee's record, in our ids: ours at the call,
 * less those the callee joined before the record, and those it started.
 */
static const struct idset *callee_running(struct xlate *x,
					  const struct idset *running,
					  const struct idset *joined,
					  const struct idset *ours)
{
	if (joined && joined->n)
		ours = join_handles(ours, subst_handles(x->sb, joined));
	return map_spawns(x, running, ours);
}

static void import(struct xlate *x, const struct event *e, uint32_t bi,
		   const char *callee, const struct state *st)
{
	struct ctx *c = x->c;
	const struct summary *cs = x->cs;
	const struct subst *sb = x->sb;
	struct program *p = c->p;
	const struct idset *run = running_now(st);
	const struct idset *bl = c->loops_of[bi];
	for (size_t i = 0; i < cs->acc.n; i++) {
		const struct sacc *a = &cs->acc.a[i];
		struct sacc n = *a;
		n.path = subst_path(sb, a->path, NULL);
		if (!n.path)
			continue;
		n.idx_taint = subst_taint(sb, a->idx_taint);
		n.locks = held_at(x, st->must, a->locks, a->released);
		n.released = released_at(x, st, a->released);
		n.running = callee_running(x, a->running, a->joined, run);
		n.joined = idset_union(st->joined,
				       subst_handles(x->sb, a->joined));
		n.curr = map_spawns(x, a->curr, st->curr);
		n.loops = idset_union(a->loops, bl);
		n.chain = cons(p, e->pos, c->fn->name, callee, a->chain);
		rec_acc(c, &n);
	}
	for (size_t i = 0; i < cs->acq.n; i++) {
		const struct sacq *q = &cs->acq.a[i];
		struct sacq n = *q;
		n.lock = subst_path(sb, q->lock, NULL);
		if (!n.lock) {
			const struct idset *one = idset_add(idset_empty(),
						LOCK_KEY(q->lock, LK_MUTEX));
			n.lock = LOCK_PATH(map_locks(x, one)->v[0]);
		}
		n.held = held_at(x, st->must, q->held, q->released);
		n.released = released_at(x, st, q->released);
		n.may_held = held_at(x, idset_union(st->smust, st->lmay),
				     q->may_held, q->released);
		n.running = callee_running(x, q->running, q->joined, run);
		n.joined = idset_union(st->joined,
				       subst_handles(x->sb, q->joined));
		n.chain = cons(p, e->pos, c->fn->name, callee, q->chain);
		rec_acq(c, &n);
	}
	for (size_t i = 0; i < cs->blocks.n; i++) {
		const struct sblock *b = &cs->blocks.a[i];
		if (b->kind == EV_RETURN && !(b->flags & EVF_THREXIT))
			continue;	/* the callee's returns are not ours */
		struct sblock n = *b;
		n.path = subst_path(sb, b->path, NULL);
		n.path2 = subst_path(sb, b->path2, NULL);
		n.val = subst_val(sb, &b->val);
		n.locks = held_at(x, st->must, b->locks, b->released);
		n.may = held_at(x, st->may, b->may, b->released);
		n.released = released_at(x, st, b->released);
		if (b->running)
			n.running = callee_running(x, b->running, b->joined,
						   join_handles(st->running,
								st->mjoined));
		n.joined = idset_union(st->joined,
				       subst_handles(x->sb, b->joined));
		if (e->flags & EVF_IN_LOOP)
			n.flags |= EVF_IN_LOOP;
		/* A release the callee could not match, matched here. */
		if (b->kind == EV_RELEASE && (b->flags & EVF_UNUSED) && n.path &&
		    lock_in(st->may, n.path))
			n.flags &= (uint16_t)~EVF_UNUSED;
		n.chain = cons(p, e->pos, c->fn->name, callee, b->chain);
		rec_block(c, &n);
	}
	for (size_t k = 0; k < cs->spawns.n; k++) {
		const struct sspawn *sp = &cs->spawns.a[k];
		struct sspawn n;
		callee_spawn(c, sb, cs, sp, e, bi, &n);
		n.id = map_spawns(x, idset_add(idset_empty(), sp->id),
				  idset_empty())->v[0];
		n.running = callee_running(x, sp->running, sp->joined, run);
		n.joined = idset_union(st->joined,
				       subst_handles(x->sb, sp->joined));
		n.locks = held_at(x, st->must, sp->locks, NULL);
		n.chain = cons(p, e->pos, c->fn->name, callee, sp->chain);
		if (c->s->spawns.n < FC_MAX_SUMMARY)
			vec_push(&c->s->spawns, n);
	}
}

static void do_call(struct ctx *c, uint32_t ei, uint32_t bi,
		    const struct event *e, struct state *st)
{
	int32_t tg[FC_MAX_TARGETS];
	uint32_t nt = 0;
	struct program *p = c->p;
	uint32_t tu = p->funcs.a[c->fi].tu;
	bool callbacks = false;
	if (e->callee) {
		int32_t f = link_resolve(p, e->callee, tu);
		if (f >= 0)
			tg[nt++] = f;
	} else if (e->val.kind == VAL_PTR && e->val.pointee &&
		   e->val.pointee->kind == ROOT_PARAM &&
		   !strcmp(e->val.pointee->sel, "*")) {
		/* Through a function pointer parameter: what callers pass. */
		nt = link_param_targets(p, c->fi,
					(uint32_t)e->val.pointee->param, tg,
					FC_MAX_TARGETS);
	} else {
		nt = link_targets(p, &e->val, tu, tg, FC_MAX_TARGETS);
	}
	if (!nt && e->callee) {
		/*
		 * A function outside the program that is handed functions
		 * (qsort, atexit, a framework's registration) may call them,
		 * here, in this thread.
		 */
		for (uint32_t a = 0; a < e->nargs && nt < FC_MAX_TARGETS; a++)
			if (e->args[a].kind == VAL_FUNC) {
				int32_t f = link_resolve(p, e->args[a].func, tu);
				if (f >= 0)
					tg[nt++] = f;
			}
		callbacks = nt > 0;
	}
	/*
	 * pthread_once(&once, init) and call_once run init once, under a
	 * lock of their own: as if `once` were held around the call.
	 */
	struct state guarded = *st;
	const struct state *ist = st;
	if (callbacks && (!strcmp(e->callee, "pthread_once") ||
			  !strcmp(e->callee, "call_once")) &&
	    e->nargs >= 1 && e->args[0].kind == VAL_PTR && e->args[0].pointee) {
		uint32_t k = LOCK_KEY(e->args[0].pointee, LK_MUTEX);
		guarded.must = idset_add(guarded.must, k);
		guarded.may = idset_add(guarded.may, k);
		ist = &guarded;
	}
	struct state out = { 0 };
	bool any = false, changed = false;
	struct subst sb = { .args = callbacks ? NULL : e->args,
			    .nargs = callbacks ? 0 : e->nargs };
	for (uint32_t t = 0; t < nt; t++) {
		const struct summary *cs = summary_get(p, tg[t]);
		if (!cs)
			continue;
		any = true;
		/* Each callee spawn, seen through this call, is ours. */
		size_t nsp = cs->spawns.n;
		uint32_t *idmap = xmalloc(sizeof(uint32_t) * (nsp + 1));
		for (size_t k = 0; k < nsp; k++) {
			const struct sspawn *sp = &cs->spawns.a[k];
			struct sspawn n;
			callee_spawn(c, &sb, cs, sp, e, bi, &n);
			idmap[k] = spawn_id(c, &n,
					    idset_union(spawn_loops.a[sp->id],
							c->loops_of[bi]));
		}
		struct xlate x;
		xlate_init(&x, c, cs, &sb, e->pos, idmap);
		free(idmap);
		if (c->record)
			import(&x, e, bi, p->funcs.a[tg[t]].fn->name, ist);
		/* The call's effect on our state. */
		const struct idset *rel = map_locks(&x, cs->released);
		struct state r = *st;
		/*
		 * A callee that returns holding a lock on some paths only
		 * (lru_pull_tail() returns its item locked when it found
		 * one) is trusted: its caller checks which case it is in.
		 */
		r.must = idset_union(idset_minus(st->must, rel),
				     map_locks(&x, cs->exit_may));
		r.may = idset_union(idset_minus(st->may, rel),
				    map_locks(&x, cs->exit_may));
		r.lmay = idset_minus(st->lmay, rel);
		r.smust = idset_union(idset_minus(st->smust, rel),
				      map_locks(&x, cs->exit_must));
		r.released = idset_union(st->released, idset_minus(rel, st->may));
		const struct idset *started = map_spawns(&x, cs->exit_running,
							 idset_empty());
		r.joined = idset_union(st->joined, subst_handles(&sb, cs->joined));
		for (uint32_t q = 0; q < started->n; q++) {
			const struct apath *h = spawn_handle.a[started->v[q]];
			if (h) {
				r.joined = idset_del(r.joined, h->id);
				r.mjoined = idset_del(r.mjoined, h->id);
			}
		}
		r.running = idset_union(st->running, started);
		r.curr = idset_union(st->curr, started);
		r.facts = forget_written(st->facts, cs, &sb);
		merge(&out, &r, &changed);
		xlate_free(&x);
	}
	if (any)
		*st = out;
}

static void transfer(struct ctx *c, uint32_t bi, struct state *st)
{
	const struct function *fn = c->fn;
	const struct block *b = &fn->blk[bi];
	for (uint32_t k = 0; k < b->nev; k++) {
		uint32_t ei = b->first_ev + k;
		const struct event *e = &c->ev[ei];
		switch (e->kind) {
		case EV_ACCESS:
			if ((e->flags & EVF_WRITE) && e->path)
				st->facts = forget(st->facts, e->path);
			if (c->record && e->path) {
				struct sacc a = { .path = e->path, .pos = e->pos,
						  .flags = e->flags &
							   (EVF_WRITE | EVF_ATOMIC),
						  .idx_taint = e->idx_taint,
						  .locks = st->must,
						  .running = running_now(st),
						  .joined = st->joined,
						  .released = st->released,
						  .curr = st->curr,
						  .loops = c->loops_of[bi] };
				rec_acc(c, &a);
			}
			break;
		case EV_ACQUIRE:
			if (!e->path)
				break;
			if (c->record) {
				struct sacq q = { .lock = e->path, .mode = e->mode,
						  .family = e->family,
						  .flags = e->flags, .pos = e->pos,
						  .held = st->must,
						  .may_held = idset_union(st->smust,
									  st->lmay),
						  .running = running_now(st),
						  .joined = st->joined,
						  .released = st->released };
				rec_acq(c, &q);
			}
			if (!(e->flags & EVF_TESTED)) {
				uint32_t key = LOCK_KEY(e->path, e->mode);
				/* Taken again (a recursive mutex): count it. */
				if (idset_has(st->must, key))
					st->deep = idset_add(st->deep, key);
				st->must = idset_add(st->must, key);
				st->may = idset_add(st->may, key);
				st->lmay = idset_add(st->lmay, key);
				st->smust = idset_add(st->smust, key);
			}
			break;
		case EV_RELEASE:
			if (!e->path)
				break;
			if (c->record) {
				struct sblock r = { .kind = EV_RELEASE,
						    .flags = e->flags,
						    .mode = e->mode,
						    .family = e->family,
						    .what = e->callee,
						    .path = e->path,
						    .pos = e->pos,
						    .locks = st->must,
						    .may = st->may,
						    .running = join_handles(
							    st->running,
							    st->mjoined),
						    .joined = st->mjoined,
						    .released = st->released };
				if (!lock_in(st->may, e->path))
					r.flags |= EVF_UNUSED;	/* not held here */
				rec_block(c, &r);
			}
			if (!lock_in(st->may, e->path)) {
				st->released = idset_add(st->released,
					LOCK_KEY(e->path, LK_MUTEX));
				st->released = idset_add(st->released,
					LOCK_KEY(e->path, LK_READ));
			}
			if (lock_in(st->deep, e->path)) {
				/* One of two holds released: still held. */
				st->deep = lock_del(st->deep, e->path);
				break;
			}
			st->must = lock_del(st->must, e->path);
			st->may = lock_del(st->may, e->path);
			st->lmay = lock_del(st->lmay, e->path);
			st->smust = lock_del(st->smust, e->path);
			break;
		case EV_CALL:
			do_call(c, ei, bi, e, st);
			break;
		case EV_SPAWN: {
			int32_t ef = -1;
			if (e->val.kind == VAL_FUNC)
				ef = link_resolve(c->p, e->val.func,
						  c->p->funcs.a[c->fi].tu);
			struct sspawn key = { .entry = e->val, .entry_fn = ef,
					      .arg = e->arg, .handle = e->path };
			uint32_t id = spawn_id(c, &key, c->loops_of[bi]);
			if (c->record && c->s->spawns.n < FC_MAX_SUMMARY) {
				struct sspawn sp = { .id = id, .entry = e->val,
						     .entry_fn = ef,
						     .arg = e->arg,
						     .handle = e->path,
						     .multi = e->flags & EVF_IN_LOOP,
						     .loop = loop_id(c, bi),
						     .pos = e->pos,
						     .in_fn = fn->name,
						     .running = running_now(st),
						     .joined = st->joined,
						     .locks = st->must };
				vec_push(&c->s->spawns, sp);
			}
			st->running = idset_add(st->running, id);
			st->curr = idset_add(st->curr, id);
			if (e->path) {
				st->joined = idset_del(st->joined, e->path->id);
				st->mjoined = idset_del(st->mjoined, e->path->id);
			}
			break;
		}
		case EV_JOIN:
			if (e->path) {
				st->joined = idset_add(st->joined, e->path->id);
				st->mjoined = idset_add(st->mjoined, e->path->id);
			}
			break;
		case EV_CONDWAIT:
		case EV_BLOCK:
		case EV_LOCKINIT:
		case EV_LOCKDESTROY:
		case EV_LOCKCOPY:
		case EV_CHAN:
		case EV_RETURN:
			if (c->record) {
				struct sblock r = { .kind = e->kind,
						    .flags = e->flags,
						    .mode = e->mode,
						    .family = e->family,
						    .what = e->callee,
						    .path = e->path,
						    .path2 = e->path2,
						    .val = e->val,
						    .pos = e->pos,
						    .locks = st->must,
						    .may = st->may,
						    .released = st->released };
				rec_block(c, &r);
			}
			break;
		default:
			break;
		}
	}
}

static struct state edge_state(struct ctx *c, uint32_t bi, uint32_t k,
			       const struct state *out)
{
	const struct edge *ed = &c->fn->blk[bi].succ[k];
	struct state s = *out;
	if (c->back[c->edge_base[bi] + k] && s.curr->n) {
		/* A new iteration: its loop's spawns are not made yet. */
		uint32_t lid = c->loop_base + ed->to;
		const struct idset *cur = s.curr;
		for (uint32_t q = 0; q < cur->n; q++)
			if (idset_has(spawn_loops.a[cur->v[q]], lid))
				s.curr = idset_del(s.curr, cur->v[q]);
	}
	if (ed->cond_ev >= 0 && c->ev[ed->cond_ev].kind == EV_TEST &&
	    c->ev[ed->cond_ev].path) {
		const struct event *t = &c->ev[ed->cond_ev];
		uint32_t id = test_id(t->callee, t->path);
		uint32_t yes = id << 1 | 1u, no = id << 1;
		uint32_t have = ed->on_success ? yes : no;
		uint32_t other = ed->on_success ? no : yes;
		if (idset_has(s.facts, other))
			s.reached = false;	/* decided the other way */
		else
			s.facts = idset_add(s.facts, have);
		return s;
	}
	if (ed->cond_ev < 0 || !ed->on_success)
		return s;
	const struct event *e = &c->ev[ed->cond_ev];
	if (e->kind == EV_ACQUIRE && e->path && (e->flags & EVF_TESTED)) {
		uint32_t key = LOCK_KEY(e->path, e->mode);
		s.must = idset_add(s.must, key);
		s.may = idset_add(s.may, key);
		s.lmay = idset_add(s.lmay, key);
		s.smust = idset_add(s.smust, key);
	}
	return s;
}

/*
 * Natural loops: back edges are found by a depth-first search from the
 * entry (an edge to a block on the search stack); a loop's body is what
 * reaches the back edge's source without passing its header.  Each block
 * gets its innermost loop's header.
 */
static void find_loops(struct ctx *c)
{
	const struct function *fn = c->fn;
	uint32_t n = fn->nblk, ne = 0;
	c->edge_base = xmalloc(sizeof(uint32_t) * (n + 1));
	for (uint32_t b = 0; b < n; b++) {
		c->edge_base[b] = ne;
		ne += fn->blk[b].nsucc;
	}
	c->back = xcalloc(ne + 1, sizeof(bool));
	c->loop_of = xcalloc(n, sizeof(uint32_t));
	c->loops_of = xmalloc(sizeof(*c->loops_of) * n);
	c->loop_base = next_loop_id;
	next_loop_id += n;
	for (uint32_t b = 0; b < n; b++)
		c->loops_of[b] = idset_empty();
	uint8_t *color = xcalloc(n, 1);	/* 0 new, 1 on stack, 2 done */
	uint32_t *stk = xmalloc(sizeof(uint32_t) * (n + 1));
	uint32_t *next = xcalloc(n, sizeof(uint32_t));
	uint32_t sp = 0;
	stk[sp++] = FC_ENTRY_BLOCK;
	color[FC_ENTRY_BLOCK] = 1;
	VEC(uint32_t) bsrc = { 0 }, bdst = { 0 };
	while (sp) {
		uint32_t b = stk[sp - 1];
		if (next[b] < fn->blk[b].nsucc) {
			uint32_t k = next[b]++;
			uint32_t to = fn->blk[b].succ[k].to;
			if (color[to] == 1) {
				c->back[c->edge_base[b] + k] = true;
				vec_push(&bsrc, b);
				vec_push(&bdst, to);
			} else if (color[to] == 0) {
				color[to] = 1;
				stk[sp++] = to;
			}
		} else {
			color[b] = 2;
			sp--;
		}
	}
	if (bsrc.n) {
		/* Predecessors, for the backward walks. */
		uint32_t *pc = xcalloc(n + 1, sizeof(uint32_t));
		for (uint32_t b = 0; b < n; b++)
			for (uint32_t k = 0; k < fn->blk[b].nsucc; k++)
				pc[fn->blk[b].succ[k].to + 1]++;
		for (uint32_t b = 0; b < n; b++)
			pc[b + 1] += pc[b];
		uint32_t *pl = xmalloc(sizeof(uint32_t) * (pc[n] + 1));
		uint32_t *fill = xcalloc(n, sizeof(uint32_t));
		for (uint32_t b = 0; b < n; b++)
			for (uint32_t k = 0; k < fn->blk[b].nsucc; k++) {
				uint32_t to = fn->blk[b].succ[k].to;
				pl[pc[to] + fill[to]++] = b;
			}
		uint32_t *size = xcalloc(n, sizeof(uint32_t));
		uint8_t *in = xcalloc(n, 1);
		/* Bigger loops first, so inner ones overwrite them. */
		for (int pass = 0; pass < 2; pass++) {
			for (size_t i = 0; i < bsrc.n; i++) {
				uint32_t h = bdst.a[i];
				memset(in, 0, n);
				in[h] = 1;
				uint32_t cnt = 1, top = 0;
				if (!in[bsrc.a[i]]) {
					in[bsrc.a[i]] = 1;
					stk[top++] = bsrc.a[i];
					cnt++;
				}
				while (top) {
					uint32_t b = stk[--top];
					for (uint32_t q = pc[b]; q < pc[b + 1]; q++)
						if (!in[pl[q]] && color[pl[q]]) {
							in[pl[q]] = 1;
							stk[top++] = pl[q];
							cnt++;
						}
				}
				if (pass == 0) {
					size[h] = FC_MAX(size[h], cnt);
					continue;
				}
				for (uint32_t b = 0; b < n; b++) {
					if (!in[b])
						continue;
					c->loops_of[b] = idset_add(c->loops_of[b],
								   c->loop_base + h);
					uint32_t cur = c->loop_of[b];
					if (!cur || size[cur - 1] >= size[h])
						c->loop_of[b] = h + 1;
				}
			}
		}
		free(pc);
		free(pl);
		free(fill);
		free(size);
		free(in);
	}
	vec_free(&bsrc);
	vec_free(&bdst);
	free(color);
	free(stk);
	free(next);
}

/*
 * What a call returned (ROOT_RET "f@site"): fresh memory when f is an
 * allocation wrapper -- then it is an allocation site of its own -- else
 * some object of the program, named by its type.
 */
static const struct apath *resolve_ret(struct ctx *c, const struct apath *p)
{
	if (!p || p->kind != ROOT_RET)
		return p;
	const char *at = strchr(p->root, '@');
	if (!at)
		return p;	/* an unnamed lock: keep it */
	const char *callee = intern_n(p->root, (size_t)(at - p->root));
	int32_t f = link_resolve(c->p, callee, c->p->funcs.a[c->fi].tu);
	const struct summary *cs = f >= 0 ? summary_get(c->p, f) : NULL;
	if (cs && cs->returns_fresh)
		return apath_get(ROOT_ALLOC, 0, p->root, p->name, p->sel, NULL,
				 NULL);
	return p->fallback;
}

static void resolve_ret_val(struct ctx *c, struct aval *v)
{
	if (v->kind != VAL_PTR)
		return;
	v->pointee = resolve_ret(c, v->pointee);
	if (!v->pointee)
		v->kind = VAL_UNKNOWN;
	v->src = resolve_ret(c, v->src);
}

/* A private copy of the function's events with call results resolved. */
static void resolve_events(struct ctx *c)
{
	const struct function *fn = c->fn;
	c->ev = xmalloc(sizeof(struct event) * (fn->nev + 1));
	memcpy(c->ev, fn->ev, sizeof(struct event) * fn->nev);
	for (uint32_t i = 0; i < fn->nev; i++) {
		struct event *e = &c->ev[i];
		e->path = resolve_ret(c, e->path);
		e->path2 = resolve_ret(c, e->path2);
		resolve_ret_val(c, &e->val);
		resolve_ret_val(c, &e->arg);
		if (e->nargs) {
			struct aval *a = arena_alloc(&c->p->mem,
						     sizeof(*a) * e->nargs);
			memcpy(a, e->args, sizeof(*a) * e->nargs);
			for (uint32_t k = 0; k < e->nargs; k++)
				resolve_ret_val(c, &a[k]);
			e->args = a;
		}
		if (e->kind == EV_SPAWN && (e->flags & EVF_ARG_FRESH) &&
		    e->arg.kind == VAL_PTR && e->arg.pointee &&
		    e->arg.pointee->kind == ROOT_ALLOC)
			e->arg.varies = true;	/* a new object each call */
	}
}

/* Every return hands back fresh memory (or NULL): an allocator. */
static bool returns_fresh(struct ctx *c, const struct slot *in)
{
	bool any = false;
	for (uint32_t bi = 0; bi < c->fn->nblk; bi++) {
		if (!in[bi].n)
			continue;
		const struct block *b = &c->fn->blk[bi];
		for (uint32_t k = 0; k < b->nev; k++) {
			const struct event *e = &c->ev[b->first_ev + k];
			if (e->kind != EV_RETURN || (e->flags & EVF_THREXIT))
				continue;
			if (e->val.kind == VAL_NULL)
				continue;
			if (e->val.kind != VAL_PTR || !e->val.pointee ||
			    e->val.pointee->kind != ROOT_ALLOC ||
			    e->val.pointee->sel[0])
				return false;
			any = true;
		}
	}
	return any;
}

/*
 * Loops and this-iteration spawns only matter to records compared with
 * threads their own function (or its callees) creates.  A summary that
 * creates none drops them, and the records that then coincide: a deep
 * call tree would otherwise repeat every access once per loop around
 * every call to it.
 */
static void compact(struct ctx *c)
{
	struct summary *s = c->s;
	if (s->spawns.n)
		return;
	struct hset seen = { 0 };
	size_t k = 0;
	for (size_t i = 0; i < s->acc.n; i++) {
		struct sacc *a = &s->acc.a[i];
		a->loops = idset_empty();
		a->curr = idset_empty();
		uint64_t h = fc_hash_mix(fc_hash_ptr(a->path), pos_hash(a->pos));
		h = fc_hash_mix(h, ((uint64_t)a->flags << 32) | a->idx_taint);
		h = fc_hash_mix(h, ((uint64_t)a->locks->id << 32) |
				       a->running->id);
		h = fc_hash_mix(h, (a->private_inst ? 0x51 : 0x17) ^
				       ((uint64_t)(a->released ? a->released->id
							       : 0) << 8));
		if (hset_add(&seen, h))
			s->acc.a[k++] = *a;
	}
	s->acc.n = k;
	free(seen.slot);
}

static void analyze(struct ctx *c)
{
	const struct function *fn = c->fn;
	uint32_t n = fn->nblk;
	find_loops(c);
	resolve_events(c);
	struct slot *in = xcalloc(n, sizeof(*in));
	const struct idset *E = idset_empty();
	in[FC_ENTRY_BLOCK].n = 1;
	in[FC_ENTRY_BLOCK].s[0] = (struct state){ true, E, E, E, E, E, E, E,
						  E, E, E, E };
	bool *queued = xcalloc(n, sizeof(bool));
	uint32_t *wl = xmalloc(sizeof(uint32_t) * (n + 1));
	uint32_t head = 0, tail = 0, count = 0;
	wl[tail++] = FC_ENTRY_BLOCK;
	queued[FC_ENTRY_BLOCK] = true;
	count = 1;
	uint64_t steps = 0, limit = 64ull * n * FC_PARTS + 1024;
	while (count && steps++ < limit) {
		uint32_t bi = wl[head];
		head = (head + 1) % (n + 1);
		count--;
		queued[bi] = false;
		const struct block *b = &fn->blk[bi];
		for (uint8_t pi = 0; pi < in[bi].n; pi++) {
			struct state st = in[bi].s[pi];
			transfer(c, bi, &st);
			for (uint32_t k = 0; k < b->nsucc; k++) {
				uint32_t to = b->succ[k].to;
				struct state es = edge_state(c, bi, k, &st);
				bool changed = false;
				slot_merge(&in[to], &es, &changed);
				if (changed && !queued[to]) {
					queued[to] = true;
					wl[tail] = to;
					tail = (tail + 1) % (n + 1);
					count++;
				}
			}
		}
	}
	/* Record with the final states. */
	c->record = true;
	for (uint32_t bi = 0; bi < n; bi++) {
		for (uint8_t pi = 0; pi < in[bi].n; pi++) {
			struct state st = in[bi].s[pi];
			transfer(c, bi, &st);
		}
	}
	compact(c);
	/* What it returns, when every return agrees. */
	const struct apath *rs = NULL;
	bool rs_ok = true;
	for (uint32_t bi = 0; bi < n && rs_ok; bi++) {
		if (!in[bi].n)
			continue;
		const struct block *b = &fn->blk[bi];
		for (uint32_t k = 0; k < b->nev; k++) {
			const struct event *e = &c->ev[b->first_ev + k];
			if (e->kind != EV_RETURN || (e->flags & EVF_THREXIT))
				continue;
			if (!e->val.src || (rs && rs != e->val.src))
				rs_ok = false;
			rs = e->val.src;
		}
	}
	c->s->ret_src = rs_ok ? rs : NULL;
	c->s->returns_fresh = returns_fresh(c, in);
	/* The exit, all partitions merged. */
	struct state exs = { 0 };
	bool ch = false;
	for (uint8_t pi = 0; pi < in[FC_EXIT_BLOCK].n; pi++)
		merge(&exs, &in[FC_EXIT_BLOCK].s[pi], &ch);
	struct state *ex = &exs;
	c->s->exit_must = ex->reached ? ex->must : E;
	c->s->exit_may = ex->reached ? ex->may : E;
	c->s->released = ex->reached ? ex->released : E;
	c->s->exit_running = ex->reached ? running_now(ex) : E;
	c->s->joined = ex->reached ? ex->joined : E;
	free(in);
	free(queued);
	free(wl);
	free(c->ev);
	free(c->loop_of);
	free(c->loops_of);
	free(c->back);
	free(c->edge_base);
}

/*
 * summary_get - the summary of function fi in program p, computed on first
 * use (and its callees' before it).  Returns NULL while fi's own summary is
 * being computed (a recursive call), or when calls nest too deep.  The
 * summary belongs to the program.
 */
const struct summary *summary_get(struct program *p, int32_t fi)
{
	if (fi < 0 || (size_t)fi >= p->funcs.n)
		return NULL;
	struct pfunc *pf = &p->funcs.a[fi];
	if (pf->sum)
		return pf->sum;
	if (pf->busy || depth_now >= FC_MAX_DEPTH)
		return NULL;
	pf->busy = true;
	depth_now++;
	struct ctx c = { .p = p, .fi = fi, .fn = pf->fn };
	c.s = xcalloc(1, sizeof(*c.s));
	analyze(&c);
	free(c.seen.slot);
	vec_free(&c.spawn_keys);
	vec_free(&c.spawn_ids);
	depth_now--;
	pf->busy = false;
	pf->sum = c.s;
	return pf->sum;
}

/* Counters for FEARCHECK_STATS=1. */
void summary_stats(FILE *f)
{
	fprintf(f, "fearcheck: stats: %zu spawn records, %u loop ids, "
		"%zu/%zu/%zu access/acquire/other records in summaries\n",
		spawn_handle.n, next_loop_id, nrec_acc, nrec_acq, nrec_blk);
}
