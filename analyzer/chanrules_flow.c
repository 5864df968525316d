// SPDX-License-Identifier: MIT
/*
 * chanrules_flow.c - the channel checks, part 2: the path analysis of one
 * function.
 *
 * Pass: checks.  Input: a function's CFG and the handles, messages and
 * hand-overs chanrules.c found in it (struct fa).  Output: the candidate
 * findings of the function (a->finds), the states of its handles at its
 * returns (for its effects) and at its receives and joins (for
 * chanrules_loop.c).
 *
 * DESIGN
 * A block's input is a set of path classes (disjuncts), each a byte per
 * handle, message and unchecked receive, the event that last created or
 * dropped each handle, and the branch outcomes the class has taken.  A
 * class runs through the block's events one by one, then along each edge:
 * an edge that contradicts an outcome the class knows is not taken, and an
 * edge conditional on a channel call applies its success or failure (a
 * failed fc_channel made nothing, a failed send kept its message).  Sets
 * only grow, and past FC_CHAN_MAX_DJ classes a block's set merges into one
 * class of bit sets, so the walk ends.  Findings are only recorded in one
 * last walk over the fixpoint, so that each is judged once, on every path
 * class that reaches it.
 */
#include "chanrules.h"

#include <stdlib.h>
#include <string.h>

/* ------------------------------------------------------------- disjuncts */

/*
 * A path class: nh handle states, nm message states, nr receive states,
 * nh events (each handle's creation or drop on this path, -1), then the
 * branch outcomes: a count and a sorted array of (fact << 1 | outcome).
 */
struct layout {
	size_t nh, nm, nr;
	size_t off_m, off_r, off_ev, off_nf, off_f, size;
};

struct djset {
	VEC(uint8_t *) v;
	bool merged;
};

struct flow {
	struct fa *a;
	struct layout L;
	struct djset *in;
	struct arena mem;
	VEC(const struct apath *) test_path;	/* fact id -> test */
	VEC(const char *) test_key;
};

static int32_t *dj_ev(const struct flow *w, uint8_t *d)
{
	return (int32_t *)(void *)(d + w->L.off_ev);
}

static uint32_t *dj_facts(const struct flow *w, uint8_t *d, uint8_t **nf)
{
	*nf = d + w->L.off_nf;
	return (uint32_t *)(void *)(d + w->L.off_f);
}

static void layout_init(struct flow *w)
{
	struct layout *L = &w->L;
	L->nh = w->a->h.n;
	L->nm = w->a->m.n;
	L->nr = w->a->r.n;
	L->off_m = L->nh;
	L->off_r = L->off_m + L->nm;
	L->off_ev = (L->off_r + L->nr + 3) & ~(size_t)3;
	L->off_nf = L->off_ev + 4 * L->nh;
	L->off_f = (L->off_nf + 1 + 3) & ~(size_t)3;
	L->size = L->off_f + 4 * FC_CHAN_MAX_FACTS;
}

static uint8_t *dj_new(struct flow *w, const uint8_t *from)
{
	uint8_t *d = arena_alloc(&w->mem, w->L.size);
	if (from)
		memcpy(d, from, w->L.size);
	return d;
}

static int fact_find(const struct flow *w, uint8_t *d, uint32_t id,
		     bool *outcome)
{
	uint8_t *nf;
	uint32_t *f = dj_facts(w, d, &nf);
	for (int i = 0; i < *nf; i++)
		if (f[i] >> 1 == id) {
			*outcome = f[i] & 1u;
			return i;
		}
	return -1;
}

static void fact_del_at(const struct flow *w, uint8_t *d, int i)
{
	uint8_t *nf;
	uint32_t *f = dj_facts(w, d, &nf);
	memmove(f + i, f + i + 1, sizeof(uint32_t) * (size_t)(*nf - i - 1));
	(*nf)--;
	f[*nf] = 0;
}

static void fact_del(const struct flow *w, uint8_t *d, uint32_t id)
{
	bool o;
	int i = fact_find(w, d, id, &o);
	if (i >= 0)
		fact_del_at(w, d, i);
}

/* Records an outcome; false if the path class knows the other one. */
static bool fact_add(const struct flow *w, uint8_t *d, uint32_t id,
		     bool outcome)
{
	bool o;
	if (fact_find(w, d, id, &o) >= 0)
		return o == outcome;
	uint8_t *nf;
	uint32_t *f = dj_facts(w, d, &nf);
	if (*nf >= FC_CHAN_MAX_FACTS)
		return true;	/* forgotten: only precision is lost */
	uint32_t v = id << 1 | (uint32_t)outcome;
	int i = *nf;
	while (i > 0 && f[i - 1] > v) {
		f[i] = f[i - 1];
		i--;
	}
	f[i] = v;
	(*nf)++;
	return true;
}

/* A write to p: what tests of p (or of what p reaches) knew is void. */
static void facts_kill(struct flow *w, uint8_t *d, const struct apath *p)
{
	uint8_t *nf;
	uint32_t *f = dj_facts(w, d, &nf);
	for (int i = 0; i < *nf;) {
		uint32_t id = f[i] >> 1;
		if (!(id & FACT_CHAN) && id < w->test_path.n &&
		    chanrules_under(w->test_path.a[id], p))
			fact_del_at(w, d, i);
		else
			i++;
	}
}

static uint32_t test_id(struct flow *w, const struct event *t)
{
	const char *key = internf("%u|%s", t->path->id,
				  t->callee ? t->callee : "");
	for (size_t i = 0; i < w->test_key.n; i++)
		if (w->test_key.a[i] == key)
			return (uint32_t)i;
	vec_push(&w->test_key, key);
	vec_push(&w->test_path, t->path);
	return (uint32_t)w->test_key.n - 1;
}

/* d |= x: states and events joined, outcomes intersected. */
static void dj_merge(struct flow *w, uint8_t *d, uint8_t *x)
{
	size_t nb = w->L.nh + w->L.nm + w->L.nr;
	for (size_t i = 0; i < nb; i++)
		d[i] |= x[i];
	int32_t *de = dj_ev(w, d), *xe = dj_ev(w, x);
	for (size_t i = 0; i < w->L.nh; i++)
		if (xe[i] > de[i])
			de[i] = xe[i];
	uint8_t *nf;
	uint32_t *f = dj_facts(w, d, &nf);
	for (int i = 0; i < *nf;) {
		bool o;
		if (fact_find(w, x, f[i] >> 1, &o) < 0 || o != (f[i] & 1u))
			fact_del_at(w, d, i);
		else
			i++;
	}
}

/* Adds a path class to a block's set; true if the set changed. */
static bool djset_add(struct flow *w, struct djset *s, uint8_t *d)
{
	if (s->merged) {
		uint8_t *m = dj_new(w, s->v.a[0]);
		dj_merge(w, m, d);
		if (!memcmp(m, s->v.a[0], w->L.size))
			return false;
		s->v.a[0] = m;
		return true;
	}
	for (size_t i = 0; i < s->v.n; i++)
		if (!memcmp(s->v.a[i], d, w->L.size))
			return false;
	vec_push(&s->v, dj_new(w, d));
	if (s->v.n > FC_CHAN_MAX_DJ) {
		uint8_t *m = dj_new(w, s->v.a[0]);
		for (size_t i = 1; i < s->v.n; i++)
			dj_merge(w, m, s->v.a[i]);
		s->v.a[0] = m;
		s->v.n = 1;
		s->merged = true;
	}
	return true;
}

/* ------------------------------------------------------------- transfer */

/* Each state bit in `from` becomes `to`; the others stay. */
static uint8_t remap(uint8_t s, uint8_t from, uint8_t to)
{
	return (uint8_t)((s & ~from) | ((s & from) ? to : 0));
}

static void note_find(struct fa *a, uint8_t kind, uint32_t ei, int32_t slot,
		      int32_t prev, uint8_t state, bool bad, bool kept)
{
	if (!a->report)
		return;
	for (size_t i = 0; i < a->finds.n; i++) {
		struct cfind *f = &a->finds.a[i];
		if (f->kind == kind && f->ev == ei && f->slot == slot) {
			f->mask |= state;
			if (bad && !f->bad) {
				f->bad = true;
				f->prev = prev;
			}
			f->kept |= kept;
			return;
		}
	}
	struct cfind f = { kind, ei, slot, bad ? prev : -1, state, bad,
			   kept };
	vec_push(&a->finds, f);
}

static void note_use(struct fa *a, int32_t hi, struct pos pos,
		     const char *fn)
{
	if (a->use_pos && !a->use_pos[hi].file) {
		a->use_pos[hi] = pos;
		a->use_fn[hi] = fn;
	}
}

static void note_drop(struct fa *a, int32_t hi, struct pos pos,
		      const char *fn)
{
	if (a->drop_pos && !a->drop_pos[hi].file) {
		a->drop_pos[hi] = pos;
		a->drop_fn[hi] = fn;
	}
}

/* A handle used (sent, cloned or received through) at ei. */
static void use_handle(struct flow *w, uint8_t *d, uint32_t ei, int32_t hi,
		       struct pos pos, const char *fn)
{
	uint8_t s = d[hi];
	note_find(w->a, CF_SEND_AFTER_DROP, ei, hi, dj_ev(w, d)[hi], s,
		  s & HS_GONE, false);
	if (s & HS_ENTRY)
		note_use(w->a, hi, pos, fn);
}

/* A handle dropped at ei (how: HS_DROPPED or HS_TDROP). */
static void drop_handle(struct flow *w, uint8_t *d, uint32_t ei, int32_t hi,
			uint8_t how, struct pos pos, const char *fn)
{
	uint8_t s = d[hi];
	note_find(w->a, CF_DOUBLE_DROP, ei, hi, dj_ev(w, d)[hi], s,
		  s & HS_GONE, false);
	if (s & HS_ENTRY)
		note_drop(w->a, hi, pos, fn);
	if (s & ~HS_ABSENT) {
		d[hi] = remap(s, (uint8_t)~HS_ABSENT, how);
		dj_ev(w, d)[hi] = (int32_t)ei;
	}
}

/*
 * Did the creation at event ce surely work on this path?  Yes when its
 * result is ignored, or a branch on it went the successful way, or it is
 * passed straight to a call (check_chan(fc_channel(...)), which fails
 * loudly), or it returns the handle itself (a clone, NULL when it fails)
 * and nothing branches on it.  A result kept for later (`rc = cond ?
 * fc_channel(...) : fc_sync_channel(...)`) leaves it open.
 */
static bool created_surely(struct flow *w, uint8_t *d, int32_t ce)
{
	if (ce < 0)
		return false;
	const struct function *fn = w->a->fn;
	const struct event *c = &fn->ev[ce];
	bool ok;
	if (fact_find(w, d, FACT_CHAN | (uint32_t)ce, &ok) >= 0)
		return ok;
	if (c->kind == EV_CALL)
		return !(c->flags & EVF_TESTED);
	if (c->kind != EV_CHAN || (c->flags & EVF_TESTED))
		return false;
	if ((c->flags & EVF_UNUSED) || c->mode == CH_CLONE ||
	    (c->flags & EVF_RETVAL))
		return true;
	for (uint32_t i = (uint32_t)ce + 1; i < fn->nev; i++) {
		if (fn->ev[i].kind == EV_ACCESS)
			continue;
		return fn->ev[i].kind == EV_CALL;
	}
	return false;
}

static void create_handle(struct flow *w, uint8_t *d, uint32_t ei,
			  int32_t hi)
{
	if (hi < 0)
		return;
	const struct chandle *h = &w->a->h.a[hi];
	int32_t prev = dj_ev(w, d)[hi];
	/* The earlier one, from an earlier iteration, is lost. */
	if (h->local && !w->a->is_main && (d[hi] & (HS_LIVE | HS_KEPT)) &&
	    created_surely(w, d, prev))
		note_find(w->a, CF_LEAK, ei, hi, prev, d[hi], true,
			  d[hi] & HS_KEPT);
	d[hi] = HS_LIVE;
	dj_ev(w, d)[hi] = (int32_t)ei;
}

/* The value v (an argument, a returned or stored value) uses messages. */
static void use_value(struct flow *w, uint8_t *d, uint32_t ei,
		      const struct aval *v, int32_t except)
{
	struct fa *a = w->a;
	uint8_t *ms = d + w->L.off_m, *rs = d + w->L.off_r;
	for (size_t j = 0; j < a->m.n; j++) {
		if ((int32_t)j == except ||
		    !chanrules_val_into(v, a->m.a[j].var, a->m.a[j].obj))
			continue;
		note_find(a, CF_USE_AFTER_SEND, ei, (int32_t)j,
			  (int32_t)a->m.a[j].ev, ms[j],
			  ms[j] & (MS_PENDING | MS_SENT), false);
	}
	for (size_t j = 0; j < a->r.n; j++) {
		if (!v->src || !chanrules_same(v->src, a->r.a[j].var))
			continue;
		note_find(a, CF_UNCHECKED, ei, (int32_t)j,
			  (int32_t)a->r.a[j].ev, rs[j], rs[j] & RS_ARMED,
			  false);
		rs[j] = RS_NONE;
	}
	/* &msg given away: whatever it holds now is someone else's doing. */
	if (v->kind != VAL_PTR || !v->pointee)
		return;
	for (size_t j = 0; j < a->m.n; j++)
		if (a->m.a[j].var && chanrules_same(v->pointee, a->m.a[j].var))
			ms[j] = MS_NONE;
	for (size_t j = 0; j < a->r.n; j++)
		if (chanrules_same(v->pointee, a->r.a[j].var))
			rs[j] = RS_NONE;
}

/* For the effects: a handle held since entry given away, or kept. */
static void note_escape(struct fa *a, int32_t hi, uint8_t s, bool kept)
{
	if (!(s & HS_ENTRY))
		return;
	if (a->esc)
		a->esc[hi] = true;
	if (kept && a->kept)
		a->kept[hi] = true;
}

/* The handles event ei hands over (struct hop). */
static void do_hops(struct flow *w, uint8_t *d, uint32_t ei,
		    const struct event *e)
{
	struct fa *a = w->a;
	for (uint32_t k = a->hop_first[ei]; k < a->hop_first[ei + 1]; k++) {
		const struct hop *h = &a->hops.a[k];
		int32_t hi = h->hi;
		uint8_t s = d[hi];
		const struct ceffect *f = h->eff;
		switch (h->how) {
		case HOP_UNKNOWN:
		case HOP_STORED:
			note_escape(a, hi, s, false);
			d[hi] = remap(s, HS_LIVE, HS_HANDED);
			break;
		case HOP_UNKNOWN_PTR:
			note_escape(a, hi, s, false);
			d[hi] = remap(s, (uint8_t)~HS_ABSENT, HS_WRITTEN);
			break;
		case HOP_EFFECT:
			if (f->waits && (s & HS_ENTRY) && a->wait_pos &&
			    !a->wait_pos[hi].file) {
				a->wait_pos[hi] = f->wait_pos;
				a->wait_fn[hi] = f->wait_fn;
			}
			/* A drop after the use is the finding, if any. */
			if (f->uses && f->drop == DROP_NONE)
				use_handle(w, d, ei, hi, f->use_pos, f->use_fn);
			else if (f->uses && (s & HS_ENTRY))
				note_use(a, hi, f->use_pos, f->use_fn);
			if (f->drop == DROP_ALL) {
				drop_handle(w, d, ei, hi, h->thread ? HS_TDROP
								  : HS_DROPPED,
					    f->drop_pos, f->drop_fn);
			} else if (f->drop == DROP_SOME) {
				/* Dropped again on some of its paths. */
				note_find(a, CF_DOUBLE_DROP, ei, hi,
					  dj_ev(w, d)[hi], s, s & HS_GONE,
					  false);
				if (s & HS_ENTRY)
					note_drop(a, hi, f->drop_pos,
						  f->drop_fn);
				note_escape(a, hi, s, false);
				d[hi] = remap(s, HS_LIVE, HS_HANDED);
			} else if (f->escapes || f->keeps) {
				note_escape(a, hi, s, f->keeps);
				d[hi] = remap(s, HS_LIVE, HS_HANDED);
			} else if (h->thread && f->uses) {
				note_escape(a, hi, s, true);
				d[hi] = remap(s, HS_LIVE, HS_KEPT);
				dj_ev(w, d)[hi] = (int32_t)ei;
			}
			if (f->writes)
				d[hi] = remap(d[hi], (uint8_t)~HS_ABSENT,
					      HS_WRITTEN);
			break;
		default:
			break;
		}
	}
	(void)e;
}

/*
 * Is the read of handle hi's variable at event k of block bi followed, in
 * the block, by what uses the value read (an operation on the handle, a
 * call or spawn passing it, a store, a return, a test), before it is read
 * again?  If not, the value was copied somewhere we cannot follow.
 */
static bool read_used(const struct fa *a, uint32_t bi, uint32_t k,
		      const struct apath *var)
{
	const struct block *b = &a->fn->blk[bi];
	for (uint32_t j = k + 1; j < b->nev; j++) {
		uint32_t ej = b->first_ev + j;
		const struct event *e = &a->fn->ev[ej];
		switch (e->kind) {
		case EV_ACCESS:
			if (chanrules_same(e->path, var) && !(e->flags & EVF_ADDR))
				return false;
			break;
		case EV_CHAN:
			if (chanrules_same(e->path, var) || (e->val.src &&
						   chanrules_same(e->val.src, var)))
				return true;
			break;
		case EV_CALL:
			for (uint32_t i = 0; i < e->nargs; i++)
				if (e->args[i].src &&
				    chanrules_same(e->args[i].src, var))
					return true;
			break;
		case EV_SPAWN:
			if (e->arg.src && chanrules_same(e->arg.src, var))
				return true;
			break;
		case EV_PTSTORE:
		case EV_RETURN:
			if (e->val.src && chanrules_same(e->val.src, var))
				return true;
			break;
		case EV_TEST:
			if (chanrules_same(e->path, var))
				return true;
			break;
		default:
			break;
		}
	}
	return false;
}

/* Is the next thing the block does with var a test of it (`if (msg)`)? */
static bool tested_next(const struct fa *a, uint32_t bi, uint32_t k,
			const struct apath *var)
{
	const struct block *b = &a->fn->blk[bi];
	for (uint32_t j = k + 1; j < b->nev; j++) {
		const struct event *e = &a->fn->ev[b->first_ev + j];
		if (e->kind == EV_TEST)
			return chanrules_same(e->path, var);
		if (e->kind != EV_ACCESS || chanrules_same(e->path, var))
			return false;
	}
	return false;
}

/*
 * A write to path p (an assignment, a store) of value v: the handle held
 * there is now that value's.  Its own value (`fc_sender *tx = arg;`, the
 * clone just made) changes nothing; NULL makes it absent; anything else
 * is a handle we do not follow.
 */
static void write_path(struct flow *w, uint8_t *d, const struct apath *p,
		       const struct aval *v, int32_t *pend)
{
	struct fa *a = w->a;
	for (size_t hi = 0; hi < a->h.n; hi++) {
		const struct chandle *h = &a->h.a[hi];
		if (!h->var || !chanrules_same(h->var, p))
			continue;
		if (*pend == (int32_t)hi) {
			*pend = -1;	/* the creation's own assignment */
			continue;
		}
		if (v->kind == VAL_PTR && v->pointee && h->obj &&
		    chanrules_same(v->pointee, h->obj))
			continue;
		if (a->wrote && h->create_ev < 0)
			a->wrote[hi] = true;	/* the caller's holder */
		d[hi] = v->kind == VAL_NULL ? HS_ABSENT : HS_WRITTEN;
	}
	uint8_t *ms = d + w->L.off_m, *rs = d + w->L.off_r;
	for (size_t j = 0; j < a->m.n; j++)
		if (a->m.a[j].var && chanrules_same(a->m.a[j].var, p))
			ms[j] = MS_NONE;
	for (size_t j = 0; j < a->r.n; j++)
		if (chanrules_same(a->r.a[j].var, p))
			rs[j] = RS_NONE;
	facts_kill(w, d, p);
}

/* What a return gives back: a handle made here, on every path, or not. */
static void ret_value(struct flow *w, uint8_t *d, const struct event *e)
{
	struct fa *a = w->a;
	if (e->flags & EVF_IMPLICIT)
		return;
	if (e->val.kind == VAL_NULL ||
	    (e->val.is_const && e->val.cval == 0))
		return;
	int32_t hi = chanrules_find_handle(a, e->val.src, e->val.kind == VAL_PTR ?
				 e->val.pointee : NULL, HK_ANY);
	if (hi >= 0 && a->h.a[hi].create_ev >= 0 && d[hi] == HS_LIVE &&
	    (a->ret_kind < 0 || a->ret_kind == a->h.a[hi].kind)) {
		a->ret_kind = (int8_t)a->h.a[hi].kind;
	} else {
		a->ret_other = true;
	}
}

/* A return (after what it returns was handed over): what is left. */
static void ret_event(struct flow *w, uint8_t *d, uint32_t ei)
{
	struct fa *a = w->a;
	for (size_t hi = 0; hi < a->h.n; hi++) {
		const struct chandle *h = &a->h.a[hi];
		uint8_t s = d[hi];
		if (h->create_ev >= 0) {
			bool sure = (s & HS_KEPT) ||
				    ((s & HS_LIVE) &&
				     created_surely(w, d, dj_ev(w, d)[hi]));
			if (h->local && !a->is_main)
				note_find(a, CF_LEAK, ei, (int32_t)hi,
					  dj_ev(w, d)[hi], s, sure,
					  s & HS_KEPT);
			continue;
		}
		if (!a->ret_any)
			continue;
		a->ret_any[hi] |= s;
		if (!a->ret_seen[hi])
			a->ret_all[hi] = 1;
		a->ret_seen[hi] = true;
		if (s & ~(HS_GONE | HS_ABSENT))
			a->ret_all[hi] = 0;
	}
}

static void chan_event(struct flow *w, uint8_t *d, uint32_t ei,
		       const struct event *e, int32_t *pend)
{
	struct fa *a = w->a;
	uint8_t *ms = d + w->L.off_m, *rs = d + w->L.off_r;
	fact_del(w, d, FACT_CHAN | ei);	/* a new outcome */
	if (e->mode == CH_NEW) {
		create_handle(w, d, ei, a->ev_h1[ei]);
		create_handle(w, d, ei, a->ev_h2[ei]);
		if (e->flags & EVF_RETVAL)
			*pend = a->ev_h1[ei] >= 0 && !e->path ? a->ev_h1[ei]
							     : a->ev_h2[ei];
		return;
	}
	int32_t hi = a->ev_op[ei];
	if (hi >= 0) {
		if (chanrules_is_drop(e))
			drop_handle(w, d, ei, hi, HS_DROPPED, e->pos,
				    a->fn->name);
		else
			use_handle(w, d, ei, hi, e->pos, a->fn->name);
	}
	/* A queue freed through the one pointer to both its ends is closed
	 * too, if it was not yet. */
	for (size_t k = 0; hi >= 0 && e->mode == CH_DROP_RX && k < a->h.n;
	     k++) {
		const struct chandle *r = &a->h.a[hi], *t = &a->h.a[k];
		if (t->kind != HK_TX || (d[k] & HS_GONE) ||
		    !((r->var && chanrules_same(r->var, t->var)) ||
		      (r->obj && chanrules_same(r->obj, t->obj))))
			continue;
		if (d[k] & HS_ENTRY)
			note_drop(a, (int32_t)k, e->pos, a->fn->name);
		d[k] = remap(d[k], (uint8_t)~HS_ABSENT, HS_DROPPED);
		dj_ev(w, d)[k] = (int32_t)ei;
	}
	switch (e->mode) {
	case CH_CLONE:
		create_handle(w, d, ei, a->ev_h1[ei]);
		*pend = a->ev_h1[ei];
		break;
	case CH_SEND:
		use_value(w, d, ei, &e->val, -1);
		if (a->ev_slot[ei] >= 0) {
			int32_t j = a->ev_slot[ei];
			/* The same message sent again by this very send. */
			note_find(a, CF_USE_AFTER_SEND, ei, j,
				  (int32_t)a->m.a[j].ev, ms[j],
				  ms[j] & (MS_PENDING | MS_SENT), false);
			ms[j] = MS_PENDING;
		}
		break;
	case CH_RECV:
	case CH_TRY_RECV:
	case CH_RECV_TIMEOUT:
		if (e->path2) {
			for (size_t j = 0; j < a->m.n; j++)
				if (a->m.a[j].var &&
				    chanrules_same(a->m.a[j].var, e->path2))
					ms[j] = MS_NONE;
			for (size_t j = 0; j < a->r.n; j++)
				if (chanrules_same(a->r.a[j].var, e->path2))
					rs[j] = RS_NONE;
		}
		if (a->ev_slot[ei] >= 0)
			rs[a->ev_slot[ei]] = RS_ARMED;
		break;
	default:
		break;
	}
	do_hops(w, d, ei, e);
}

static void access_event(struct flow *w, uint8_t *d, uint32_t bi, uint32_t k,
			 uint32_t ei, const struct event *e, int32_t *pend)
{
	struct fa *a = w->a;
	if (!e->path)
		return;
	if (e->flags & EVF_WRITE) {
		write_path(w, d, e->path, &e->val, pend);
	} else if (!(e->flags & EVF_ADDR)) {
		/* A handle's variable read and copied where we cannot see. */
		for (size_t hi = 0; hi < a->h.n; hi++)
			if (a->h.a[hi].var && chanrules_same(a->h.a[hi].var, e->path) &&
			    !read_used(a, bi, k, e->path))
				d[hi] = remap(d[hi], HS_LIVE, HS_HANDED);
		uint8_t *rs = d + w->L.off_r;
		for (size_t j = 0; j < a->r.n; j++) {
			if (!chanrules_same(a->r.a[j].var, e->path) || rs[j] != RS_ARMED)
				continue;
			if (!tested_next(a, bi, k, e->path))
				note_find(a, CF_UNCHECKED, ei, (int32_t)j,
					  (int32_t)a->r.a[j].ev, rs[j], true,
					  false);
			rs[j] = RS_NONE;
		}
	}
	/* Memory of a sent message, read or written. */
	uint8_t *ms = d + w->L.off_m;
	for (size_t j = 0; j < a->m.n; j++) {
		const struct cmsg *m = &a->m.a[j];
		if (!m->obj || !chanrules_under(e->path, m->obj) ||
		    (m->var && chanrules_same(e->path, m->var)))
			continue;
		note_find(a, CF_USE_AFTER_SEND, ei, (int32_t)j, (int32_t)m->ev,
			  ms[j], ms[j] & (MS_PENDING | MS_SENT), false);
	}
}

static void event(struct flow *w, uint8_t *d, uint32_t bi, uint32_t k,
		  int32_t *pend)
{
	struct fa *a = w->a;
	uint32_t ei = a->fn->blk[bi].first_ev + k;
	const struct event *e = &a->fn->ev[ei];
	switch (e->kind) {
	case EV_CHAN:
		chan_event(w, d, ei, e, pend);
		break;
	case EV_CALL:
		for (uint32_t i = 0; i < e->nargs; i++)
			use_value(w, d, ei, &e->args[i], -1);
		do_hops(w, d, ei, e);
		if (a->ev_h1[ei] >= 0) {
			create_handle(w, d, ei, a->ev_h1[ei]);
			*pend = a->ev_h1[ei];
		}
		break;
	case EV_SPAWN:
		use_value(w, d, ei, &e->arg, -1);
		/* Branched on: only the branch where it worked hands over. */
		fact_del(w, d, FACT_CHAN | ei);
		if (!(e->flags & EVF_TESTED))
			do_hops(w, d, ei, e);
		break;
	case EV_PTSTORE:
		do_hops(w, d, ei, e);
		if (e->path)
			write_path(w, d, e->path, &e->val, pend);
		break;
	case EV_RETURN:
		use_value(w, d, ei, &e->val, -1);
		ret_value(w, d, e);
		do_hops(w, d, ei, e);
		ret_event(w, d, ei);
		break;
	case EV_ACCESS:
		access_event(w, d, bi, k, ei, e, pend);
		break;
	case EV_TEST: {
		uint8_t *rs = d + w->L.off_r;
		for (size_t j = 0; e->path && j < a->r.n; j++)
			if (chanrules_same(a->r.a[j].var, e->path))
				rs[j] = RS_NONE;
		break;
	}
	default:
		break;
	}
}

/* Along an edge: false when its condition contradicts the path class. */
static bool edge(struct flow *w, uint8_t *d, const struct edge *ed)
{
	struct fa *a = w->a;
	if (ed->cond_ev < 0)
		return true;
	uint32_t ci = (uint32_t)ed->cond_ev;
	const struct event *c = &a->fn->ev[ci];
	if (c->kind == EV_CHAN) {
		bool ok = chanrules_edge_ok(c, ed->on_success);
		if (!fact_add(w, d, FACT_CHAN | ci, ok))
			return false;
		if (ok)
			return true;
		/*
		 * A blocking receive fails only once every sender is gone:
		 * not on a path where one of ours is surely alive (there it
		 * waits for ever, which chan-recv-never-ends reports).
		 */
		int32_t rx = a->ev_op[ci];
		if (c->mode == CH_RECV && rx >= 0 && a->h.a[rx].chan >= 0)
			for (size_t hi = 0; hi < a->h.n; hi++)
				if (a->h.a[hi].chan == a->h.a[rx].chan &&
				    a->h.a[hi].kind == HK_TX && d[hi] &&
				    !(d[hi] & ~(HS_LIVE | HS_KEPT)))
					return false;
		uint8_t *ms = d + w->L.off_m;
		switch (c->mode) {
		case CH_NEW:
		case CH_CLONE:
			if (a->ev_h1[ci] >= 0)
				d[a->ev_h1[ci]] = HS_ABSENT;
			if (a->ev_h2[ci] >= 0)
				d[a->ev_h2[ci]] = HS_ABSENT;
			break;
		case CH_SEND:
			if (a->ev_slot[ci] >= 0)
				ms[a->ev_slot[ci]] = MS_OWNED;
			break;
		default:
			break;
		}
		return true;
	}
	if (c->kind == EV_SPAWN) {
		if (!fact_add(w, d, FACT_CHAN | ci, ed->on_success))
			return false;
		if (ed->on_success)
			do_hops(w, d, ci, c);
		return true;
	}
	if (c->kind != EV_TEST || !c->path)
		return true;
	if (!fact_add(w, d, test_id(w, c), ed->on_success))
		return false;
	/* `if (!tx)`: on this edge the variable holds NULL. */
	if (!ed->on_success && c->callee == c->path->sel) {
		uint8_t *ms = d + w->L.off_m;
		for (size_t hi = 0; hi < a->h.n; hi++)
			if (a->h.a[hi].var && chanrules_same(a->h.a[hi].var, c->path))
				d[hi] = HS_ABSENT;
		for (size_t j = 0; j < a->m.n; j++)
			if (a->m.a[j].var && chanrules_same(a->m.a[j].var, c->path))
				ms[j] = MS_NONE;
	}
	return true;
}

/* A successful send's edge: its message now belongs to the receiver. */
static void edge_sent(struct flow *w, uint8_t *d, const struct edge *ed)
{
	struct fa *a = w->a;
	if (ed->cond_ev < 0)
		return;
	const struct event *c = &a->fn->ev[ed->cond_ev];
	if (c->kind == EV_CHAN && c->mode == CH_SEND &&
	    chanrules_edge_ok(c, ed->on_success) &&
	    a->ev_slot[ed->cond_ev] >= 0) {
		uint8_t *ms = d + w->L.off_m;
		int32_t j = a->ev_slot[ed->cond_ev];
		if (ms[j] & MS_PENDING)
			ms[j] = remap(ms[j], MS_PENDING, MS_SENT);
	}
}

/* A receive or join at ei: which states each handle has there. */
static void states_seen(struct fa *a, uint32_t ei, const uint8_t *d)
{
	const struct event *e = &a->fn->ev[ei];
	if (e->kind != EV_JOIN && (e->kind != EV_CHAN ||
				   (e->mode != CH_RECV &&
				    e->mode != CH_RECV_TIMEOUT)))
		return;
	for (size_t hi = 0; hi < a->h.n; hi++)
		a->ev_states[ei * a->h.n + hi] |= d[hi];
}

/*
 * Runs block bi on path class d (modified), then its edges; during the
 * fixpoint (work given) feeds the successors, in the last walk only
 * records what it finds.
 */
static void run_block(struct flow *w, uint32_t bi, uint8_t *d,
		      uint32_t *work, uint32_t *nwork, bool *queued)
{
	struct fa *a = w->a;
	const struct block *b = &a->fn->blk[bi];
	int32_t pend = -1;
	for (uint32_t k = 0; k < b->nev; k++) {
		if (!work && a->ev_states)
			states_seen(a, b->first_ev + k, d);
		event(w, d, bi, k, &pend);
	}
	for (uint32_t s = 0; s < b->nsucc; s++) {
		uint8_t *x = dj_new(w, d);
		if (!edge(w, x, &b->succ[s]))
			continue;
		edge_sent(w, x, &b->succ[s]);
		uint32_t to = b->succ[s].to;
		if (work && djset_add(w, &w->in[to], x) && !queued[to]) {
			queued[to] = true;
			work[(*nwork)++] = to;
		}
	}
}

/* The fixpoint, then one more walk that records what it finds. */
void chanrules_flow_run(struct fa *a)
{
	const struct function *fn = a->fn;
	struct flow w = { .a = a };
	layout_init(&w);
	w.in = xcalloc(fn->nblk + 1, sizeof(*w.in));
	uint8_t *d0 = dj_new(&w, NULL);
	for (size_t hi = 0; hi < a->h.n; hi++)
		d0[hi] = a->h.a[hi].create_ev >= 0 ? HS_ABSENT : HS_ENTRY;
	memset(d0 + w.L.off_m, MS_NONE, w.L.nm);
	memset(d0 + w.L.off_r, RS_NONE, w.L.nr);
	for (size_t hi = 0; hi < a->h.n; hi++)
		dj_ev(&w, d0)[hi] = -1;
	djset_add(&w, &w.in[FC_ENTRY_BLOCK], d0);
	uint32_t *work = xmalloc(sizeof(uint32_t) * (fn->nblk + 1));
	bool *queued = xcalloc(fn->nblk + 1, sizeof(bool));
	uint32_t nwork = 0;
	work[nwork++] = FC_ENTRY_BLOCK;
	queued[FC_ENTRY_BLOCK] = true;
	bool report = a->report;
	a->report = false;
	while (nwork) {
		/* The lowest block first: roughly the order of the code. */
		uint32_t best = 0;
		for (uint32_t i = 1; i < nwork; i++)
			if (work[i] < work[best])
				best = i;
		uint32_t bi = work[best];
		work[best] = work[--nwork];
		queued[bi] = false;
		struct djset *s = &w.in[bi];
		for (size_t i = 0; i < s->v.n; i++) {
			uint8_t *d = dj_new(&w, s->v.a[i]);
			run_block(&w, bi, d, work, &nwork, queued);
		}
	}
	a->report = report;
	for (uint32_t bi = 0; bi < fn->nblk; bi++)
		for (size_t i = 0; i < w.in[bi].v.n; i++)
			run_block(&w, bi, dj_new(&w, w.in[bi].v.a[i]), NULL,
				  NULL, NULL);
	for (uint32_t bi = 0; bi <= fn->nblk; bi++)
		vec_free(&w.in[bi].v);
	free(w.in);
	free(work);
	free(queued);
	vec_free(&w.test_path);
	vec_free(&w.test_key);
	arena_free(&w.mem);
}

