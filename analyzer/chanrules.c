// SPDX-License-Identifier: MIT
/*
 * chanrules.c - the channel checks, part 1: what a function does with
 * channel handles and messages (its handles, the messages it sends, the
 * hand-overs of its calls, spawns, stores and returns), the effects of
 * functions on the handles their callers give them, and the entry point
 * of one function's analysis.
 *
 * Pass: checks.  Input: a linked program's functions (their CFGs of
 * events) and the channel events extraction made of <fearcheck/chan.h>'s
 * calls and of the calls a model names.  Output: struct fa for the path
 * analysis (chanrules_flow.c) and the reports, and per function its
 * effects (struct ceffects), computed on first use and kept per program.
 *
 * DESIGN
 * A handle is named by its holder (the variable or field it is kept in)
 * and, where one is known, by its object (what a clone returned, the value
 * a parameter holds): `fc_sender *tx = arg;` makes the local `tx` and the
 * thread's argument one handle.  One pointer to both ends of a queue is
 * two handles, its sending and its receiving end.  A variable whose value
 * is copied where we cannot follow (`t = tx`) is handed over.
 *
 * A call is judged by its callee's effects, which are the callee's own
 * path analysis read at its returns: a parameter's handle dropped on every
 * path, on some, handed off, replaced, used, or received from until the
 * channel disconnects.  A spawn is judged by its entry's effects on its
 * argument: a thread that drops the handle it is given owns it, one that
 * uses it and never drops it keeps it alive.  Code we cannot see (a
 * callee without a body, a call through a pointer that resolves to
 * nothing, recursion) takes ownership of what it is given and is assumed
 * to drop nothing: it can hide a bug, never invent one.
 *
 * FEARCHECK_DEBUG=chan prints each function's effects.
 */
#include "chanrules.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* ----------------------------------------------------------------- paths */

bool chanrules_same(const struct apath *a, const struct apath *b)
{
	return a && b && discipline_same_path(a, b);
}

/* A handle's or message's object we can follow through copies. */
static bool specific(const struct apath *o)
{
	return o && o->kind != ROOT_TYPE && o->kind != ROOT_NONE;
}

/* A holder that is one object (not any element, not a class). */
static bool one_object(const struct apath *v)
{
	return v && v->kind != ROOT_TYPE && v->kind != ROOT_NONE &&
	       !strstr(v->sel, "[]");
}

/* Is p base itself or something reached from it (a field, a pointee)? */
bool chanrules_under(const struct apath *p, const struct apath *base)
{
	if (!p || !base || p->kind != base->kind || p->root != base->root ||
	    p->param != base->param || p->owner != base->owner)
		return false;
	size_t n = strlen(base->sel);
	return !strncmp(p->sel, base->sel, n);
}

/* Does value v name handle or message (var, obj)? */
bool chanrules_val_names(const struct aval *v, const struct apath *var,
		      const struct apath *obj)
{
	if (var && v->src && chanrules_same(v->src, var))
		return true;
	return obj && v->kind == VAL_PTR && v->pointee &&
	       chanrules_same(v->pointee, obj);
}

/* Does value v point into message object obj (m, m->buf)? */
bool chanrules_val_into(const struct aval *v, const struct apath *var,
		     const struct apath *obj)
{
	if (var && v->src && chanrules_same(v->src, var))
		return true;
	return obj && v->kind == VAL_PTR && v->pointee &&
	       chanrules_under(v->pointee, obj);
}

bool chanrules_is_drop(const struct event *e)
{
	return e->kind == EV_CHAN &&
	       (e->mode == CH_DROP_TX || e->mode == CH_DROP_RX);
}

bool chanrules_edge_ok(const struct event *e, bool on_success)
{
	/* A pointer result (a clone, a queue, a message) is NULL on failure,
	 * and "== 0" is what the edge's on_success says. */
	if (e->mode == CH_CLONE || (e->flags & EVF_RETVAL))
		return !on_success;
	return on_success;
}

const char *chanrules_handle_name(const struct chandle *h)
{
	static const char *const what[] = { "sender", "receiver", "handle" };
	const struct apath *n = h->var ? h->var : h->obj;
	return internf("%s '%s'", what[h->kind], apath_render(n));
}

/* The object a channel call returns (chan_result() in facts_known.c). */
static const struct apath *ret_obj(const char *callee, struct pos p)
{
	if (!callee)
		return NULL;
	const char *key = internf("%s@%s:%u:%u", callee, p.file ? p.file : "?",
				  p.line, p.col);
	return apath_get(ROOT_RET, 0, key, internf("(%s())", callee),
			 intern(""), NULL, NULL);
}

/* ---------------------------------------------------------------- tables */

/* Are handle kinds x and y the same end (or one of them unknown)? */
static bool same_end(uint8_t x, uint8_t y)
{
	return x == y || x == HK_ANY || y == HK_ANY;
}

/*
 * The handle named var or obj, of end `kind`: a queue that one pointer
 * names is two handles, its sending and its receiving end.
 */
int32_t chanrules_find_handle(struct fa *a, const struct apath *var,
			   const struct apath *obj, uint8_t kind)
{
	for (size_t i = 0; i < a->h.n; i++) {
		const struct chandle *h = &a->h.a[i];
		if (!same_end(h->kind, kind))
			continue;
		if ((var && h->var && chanrules_same(h->var, var)) ||
		    (obj && h->obj && chanrules_same(h->obj, obj)))
			return (int32_t)i;
	}
	return -1;
}

/* Does value v name handle h (its holder, or what it points to)? */
static bool names_handle(const struct aval *v, const struct chandle *h)
{
	return chanrules_val_names(v, h->var, h->obj);
}

static uint8_t op_kind(enum chan_op op)
{
	switch (op) {
	case CH_SEND:
	case CH_CLONE:
	case CH_DROP_TX:
		return HK_TX;
	case CH_RECV:
	case CH_TRY_RECV:
	case CH_RECV_TIMEOUT:
	case CH_DROP_RX:
		return HK_RX;
	default:
		return HK_ANY;
	}
}

/*
 * The handle held in var (or being obj): found, or added as one held since
 * entry (create_ev < 0).  -1 when neither names one object.
 */
static int32_t get_handle(struct fa *a, const struct apath *var,
			  const struct apath *obj, uint8_t kind)
{
	if (!one_object(var))
		var = NULL;
	if (!specific(obj))
		obj = NULL;
	if (!var && !obj)
		return -1;
	int32_t hi = chanrules_find_handle(a, var, obj, kind);
	if (hi >= 0) {
		struct chandle *h = &a->h.a[hi];
		if (h->kind == HK_ANY)
			h->kind = kind;
		if (!h->var && var)
			h->var = var;
		return hi;
	}
	if (a->h.n >= FC_CHAN_MAX_SLOTS)
		return -1;
	struct chandle h = { .var = var, .obj = obj, .kind = kind,
			     .create_ev = -1, .chan = -1 };
	if (!h.obj && var)
		h.obj = apath_extend(var, "*");	/* what it holds */
	vec_push(&a->h, h);
	return (int32_t)a->h.n - 1;
}

/* A handle created by event ei into var (or as obj). */
static int32_t new_handle(struct fa *a, uint32_t ei, const struct apath *var,
			  const struct apath *obj, uint8_t kind, int32_t chan,
			  bool bounded)
{
	int32_t hi = get_handle(a, var, obj, kind);
	if (hi < 0)
		return -1;
	struct chandle *h = &a->h.a[hi];
	const struct event *e = &a->fn->ev[ei];
	if (h->create_ev < 0) {
		h->create_ev = (int32_t)ei;
		h->chan = chan;
		h->bounded = bounded;
		h->creator = e->callee;
		h->pos = e->pos;
	}
	if (obj && specific(obj) && (!h->obj || h->obj->kind != ROOT_RET))
		h->obj = obj;
	h->kind = kind;
	h->local = h->var && h->var->kind == ROOT_LOCAL && !h->var->sel[0];
	return hi;
}

static void add_hop(struct fa *a, uint32_t ei, int32_t hi, uint8_t how,
		    bool thread, const struct ceffect *eff, const char *callee)
{
	if (hi < 0)
		return;
	for (size_t i = 0; i < a->hops.n; i++)
		if (a->hops.a[i].ev == ei && a->hops.a[i].hi == hi)
			return;
	struct hop h = { ei, hi, how, thread, eff, callee };
	vec_push(&a->hops, h);
}

/* What code does to what it is given when it gives that away. */
static const struct ceffect escaped = { .escapes = true };

/*
 * The effect on parameter i's handle at selector sel ("" or "*...");
 * when the callee gives away something the handle is reached from (the
 * parameter itself, a struct holding it), that it escapes.
 */
static const struct ceffect *eff_find(const struct ceffects *fx, uint32_t i,
				      const char *sel, uint8_t kind)
{
	const struct ceffect *outer = NULL;
	for (size_t k = 0; fx && k < fx->e.n; k++) {
		const struct apath *key = fx->e.a[k].key;
		if (key->kind != ROOT_PARAM || (uint32_t)key->param != i ||
		    !same_end(fx->e.a[k].kind, kind))
			continue;
		if (!strcmp(key->sel, sel))
			return &fx->e.a[k];
		size_t n = strlen(key->sel);
		if (fx->e.a[k].escapes && !strncmp(key->sel, sel, n) &&
		    (sel[n] == '*' || (n && sel[n] == '.')))
			outer = &escaped;
	}
	return outer;
}

/*
 * A parameter's value given away (to a call, a thread, a store, a
 * return): a handle for the function's effects, should it be one.
 */
static void param_value(struct fa *a, const struct aval *v)
{
	if (v->src && v->src->kind == ROOT_PARAM && !v->src->sel[0])
		get_handle(a, v->src, v->kind == VAL_PTR ? v->pointee : NULL,
			   HK_ANY);
}

static int32_t resolve_one(struct program *p, uint32_t tu,
			   const char *name, const struct aval *v)
{
	if (name)
		return link_resolve(p, name, tu);
	if (v->kind == VAL_FUNC && v->func)
		return link_resolve(p, v->func, tu);
	int32_t t[2];
	return link_targets(p, v, tu, t, 2) == 1 ? t[0] : -1;
}

/*
 * What a call or spawn hands over through its argument v, parameter i of
 * a callee with effects fx (NULL: unknown code): the handle v is, and the
 * handles held in what v points to.
 */
static void map_arg(struct fa *a, uint32_t ei, uint32_t i,
		    const struct aval *v, const struct ceffects *fx,
		    bool known, bool thread, const char *callee)
{
	/* Handles the callee's effects name, made known here first. */
	for (size_t k = 0; fx && k < fx->e.n; k++) {
		const struct ceffect *f = &fx->e.a[k];
		if (f->key->kind != ROOT_PARAM || (uint32_t)f->key->param != i)
			continue;
		if (!f->key->sel[0])
			get_handle(a, v->src, v->kind == VAL_PTR ? v->pointee
								 : NULL,
				   f->kind);
		else if (f->key->sel[0] == '*' && v->kind == VAL_PTR &&
			 v->pointee)
			get_handle(a, apath_extend(v->pointee, f->key->sel + 1),
				   NULL, f->kind);
	}
	for (size_t hi = 0; hi < a->h.n; hi++) {
		const struct chandle *h = &a->h.a[hi];
		const char *sel = NULL;
		if (chanrules_val_names(v, h->var, h->obj))
			sel = "";
		else if (v->kind == VAL_PTR && v->pointee && h->var &&
			 chanrules_under(h->var, v->pointee))
			sel = internf("*%s", h->var->sel +
					     strlen(v->pointee->sel));
		if (!sel)
			continue;
		if (!known) {
			add_hop(a, ei, (int32_t)hi,
				sel[0] ? HOP_UNKNOWN_PTR : HOP_UNKNOWN,
				thread, NULL, callee);
			continue;
		}
		const struct ceffect *f = eff_find(fx, i, sel, h->kind);
		/* A thread given a handle it never touches keeps nothing. */
		if (f)
			add_hop(a, ei, (int32_t)hi, HOP_EFFECT, thread, f,
				callee);
	}
}

static void scan_call(struct fa *a, uint32_t ei, const struct event *e)
{
	bool thread = e->kind == EV_SPAWN;
	int32_t g = thread ? resolve_one(a->p, a->tu, NULL, &e->val)
			   : resolve_one(a->p, a->tu, e->callee, &e->val);
	const struct ceffects *fx = g >= 0 ? chanrules_effects(a->p, g) : NULL;
	const char *callee = g >= 0 ? a->p->funcs.a[g].fn->name : e->callee;
	if (thread) {
		param_value(a, &e->arg);
		map_arg(a, ei, 0, &e->arg, fx, fx != NULL, true, callee);
		return;
	}
	for (uint32_t i = 0; i < e->nargs; i++) {
		param_value(a, &e->args[i]);
		map_arg(a, ei, i, &e->args[i], fx, fx != NULL, false, callee);
	}
	/* Globals the callee drops or uses. */
	for (size_t k = 0; fx && k < fx->e.n; k++) {
		const struct ceffect *f = &fx->e.a[k];
		if (f->key->kind != ROOT_GLOBAL)
			continue;
		int32_t hi = f->key_is_obj ? get_handle(a, NULL, f->key,
							f->kind)
					   : get_handle(a, f->key, NULL,
							f->kind);
		add_hop(a, ei, hi, HOP_EFFECT, false, f, callee);
	}
	if (fx && fx->returns_new >= 0) {
		int32_t hi = new_handle(a, ei, e->path2,
					ret_obj(e->callee, e->pos),
					(uint8_t)fx->returns_new, -1, false);
		a->ev_h1[ei] = hi;
	}
}

static void scan_chan(struct fa *a, uint32_t ei, const struct event *e)
{
	if (e->mode == CH_NEW) {
		bool bounded = e->flags & EVF_BOUNDED;
		if ((e->flags & EVF_RETVAL) && !e->path) {
			/* q = queue_new(): one pointer to both ends. */
			const struct apath *o = ret_obj(e->callee, e->pos);
			a->ev_h1[ei] = new_handle(a, ei, e->path2, o, HK_TX,
						  (int32_t)ei, bounded);
			a->ev_h2[ei] = new_handle(a, ei, e->path2, o, HK_RX,
						  (int32_t)ei, bounded);
			return;
		}
		a->ev_h1[ei] = new_handle(a, ei, e->path, NULL, HK_TX,
					  (int32_t)ei, bounded);
		a->ev_h2[ei] = new_handle(a, ei, e->path2,
					  (e->flags & EVF_RETVAL) ?
					  ret_obj(e->callee, e->pos) : NULL,
					  HK_RX, (int32_t)ei, bounded);
		return;
	}
	int32_t hi = get_handle(a, e->path, e->arg.kind == VAL_PTR ?
				e->arg.pointee : NULL, op_kind(e->mode));
	a->ev_op[ei] = hi;
	if (e->mode == CH_CLONE) {
		const struct chandle *src = hi >= 0 ? &a->h.a[hi] : NULL;
		a->ev_h1[ei] = new_handle(a, ei, e->path2,
					  ret_obj(e->callee, e->pos), HK_TX,
					  src ? src->chan : -1,
					  src && src->bounded);
	} else if (e->mode == CH_SEND) {
		/* A handle sent as a message is handed over. */
		bool handle = false;
		for (size_t k = 0; k < a->h.n; k++)
			if (names_handle(&e->val, &a->h.a[k])) {
				add_hop(a, ei, (int32_t)k, HOP_STORED, false,
					NULL, NULL);
				handle = true;
			}
		if (handle)
			return;
		/* Only a pointer carries memory (not `(void *)(intptr_t)i`). */
		const struct apath *var = one_object(e->path2) &&
					  (e->val.kind == VAL_PTR ||
					   e->val.kind == VAL_UNKNOWN) ?
					  e->path2 : NULL;
		const struct apath *obj = NULL;
		if (e->val.kind == VAL_PTR && e->val.pointee &&
		    (e->val.pointee->kind == ROOT_ALLOC ||
		     e->val.pointee->kind == ROOT_RET ||
		     e->val.pointee->kind == ROOT_PARAM))
			obj = e->val.pointee;
		/* A message made in the call (`fc_send(tx, make())`) is new
		 * each time, and nothing else names it. */
		if (var && a->m.n < FC_CHAN_MAX_SLOTS) {
			struct cmsg m = { var, obj, ei };
			a->ev_slot[ei] = (int32_t)a->m.n;
			vec_push(&a->m, m);
		}
	} else if ((e->flags & EVF_UNUSED) && !(e->flags & EVF_RETVAL) &&
		   e->mode != CH_DROP_TX && e->mode != CH_DROP_RX &&
		   one_object(e->path2) && a->r.n < FC_CHAN_MAX_SLOTS) {
		struct crecv r = { e->path2, ei };
		a->ev_slot[ei] = (int32_t)a->r.n;
		vec_push(&a->r, r);
	}
}

static int cmp_hop(const void *x, const void *y)
{
	const struct hop *a = x, *b = y;
	if (a->ev != b->ev)
		return a->ev < b->ev ? -1 : 1;
	return (a->hi > b->hi) - (a->hi < b->hi);
}

/* Finds the function's handles, messages and unchecked receives. */
static void scan(struct fa *a)
{
	const struct function *fn = a->fn;
	uint32_t n = fn->nev;
	a->ev_h1 = xmalloc(sizeof(int32_t) * (n + 1));
	a->ev_h2 = xmalloc(sizeof(int32_t) * (n + 1));
	a->ev_op = xmalloc(sizeof(int32_t) * (n + 1));
	a->ev_slot = xmalloc(sizeof(int32_t) * (n + 1));
	for (uint32_t i = 0; i < n; i++)
		a->ev_h1[i] = a->ev_h2[i] = a->ev_op[i] = a->ev_slot[i] = -1;
	/* Channel operations first: they say which variables are handles. */
	for (uint32_t i = 0; i < n; i++)
		if (fn->ev[i].kind == EV_CHAN)
			scan_chan(a, i, &fn->ev[i]);
	for (uint32_t i = 0; i < n; i++) {
		const struct event *e = &fn->ev[i];
		if (e->kind == EV_CALL || e->kind == EV_SPAWN) {
			scan_call(a, i, e);
		} else if (e->kind == EV_PTSTORE || e->kind == EV_RETURN) {
			param_value(a, &e->val);
			for (size_t k = 0; k < a->h.n; k++) {
				const struct chandle *h = &a->h.a[k];
				/* A clone stored into its own holder is not
				 * handed over. */
				if (names_handle(&e->val, h) &&
				    !(e->kind == EV_PTSTORE &&
				      chanrules_same(e->path, h->var)))
					add_hop(a, i, (int32_t)k, HOP_STORED,
						false, NULL, NULL);
			}
		}
	}
	fc_sort(a->hops.a, a->hops.n, sizeof(*a->hops.a), cmp_hop);
	a->hop_first = xmalloc(sizeof(uint32_t) * (n + 1));
	size_t k = 0;
	for (uint32_t i = 0; i <= n; i++) {
		while (k < a->hops.n && a->hops.a[k].ev < i)
			k++;
		a->hop_first[i] = (uint32_t)k;
	}
}

/* -------------------------------------------------------------- effects */

static struct {
	uint64_t serial;	/* of the program the memo is for */
	size_t n;
	struct ceffects **eff;
	uint8_t *state;		/* 0: not computed, 1: busy, 2: done */
	bool any_chan;		/* the program makes some channel call */
} memo;

static void memo_reset(const struct program *p)
{
	for (size_t i = 0; i < memo.n; i++)
		if (memo.eff[i]) {
			vec_free(&memo.eff[i]->e);
			free(memo.eff[i]);
		}
	free(memo.eff);
	free(memo.state);
	memo.serial = p->serial;
	memo.n = p->funcs.n;
	memo.eff = xcalloc(memo.n + 1, sizeof(*memo.eff));
	memo.state = xcalloc(memo.n + 1, 1);
	memo.any_chan = false;
	for (size_t i = 0; i < p->funcs.n && !memo.any_chan; i++) {
		const struct function *fn = p->funcs.a[i].fn;
		for (uint32_t k = 0; k < fn->nev && !memo.any_chan; k++)
			memo.any_chan = fn->ev[k].kind == EV_CHAN;
	}
}

bool chanrules_any(struct program *p)
{
	if (memo.serial != p->serial || memo.n != p->funcs.n)
		memo_reset(p);
	return memo.any_chan;
}

static bool has_channel_work(const struct function *fn)
{
	for (uint32_t i = 0; i < fn->nev; i++)
		if (fn->ev[i].kind == EV_CHAN || fn->ev[i].kind == EV_CALL ||
		    fn->ev[i].kind == EV_SPAWN)
			return true;
	return false;
}

static void fa_init(struct program *p, int32_t fi, struct fa *a)
{
	memset(a, 0, sizeof(*a));
	a->p = p;
	a->fi = fi;
	a->fn = p->funcs.a[fi].fn;
	a->tu = p->funcs.a[fi].tu;
	a->is_main = fi == p->main_fn;
	a->ret_kind = -1;
	scan(a);
}

void chanrules_fa_free(struct fa *a)
{
	free(a->ev_h1);
	free(a->ev_h2);
	free(a->ev_op);
	free(a->ev_slot);
	free(a->hop_first);
	free(a->ev_states);
	free(a->ret_all);
	free(a->ret_any);
	free(a->ret_seen);
	free(a->esc);
	free(a->wrote);
	free(a->kept);
	free(a->wait_pos);
	free(a->wait_fn);
	free(a->use_pos);
	free(a->use_fn);
	free(a->drop_pos);
	free(a->drop_fn);
	vec_free(&a->h);
	vec_free(&a->m);
	vec_free(&a->r);
	vec_free(&a->hops);
	vec_free(&a->finds);
}

/*
 * The caller's name for a handle held since entry: the holder when it is
 * a parameter's or a global's, else the parameter whose value it is
 * (`fc_sender *tx = arg;`: parameter 0 itself).  NULL for anything else.
 */
static const struct apath *eff_key(const struct chandle *h, bool *is_obj)
{
	*is_obj = false;
	if (h->var && (h->var->kind == ROOT_PARAM ||
		       h->var->kind == ROOT_GLOBAL))
		return h->var;
	const struct apath *o = h->obj;
	size_t n = o ? strlen(o->sel) : 0;
	if (o && (o->kind == ROOT_PARAM || o->kind == ROOT_GLOBAL) && n &&
	    o->sel[n - 1] == '*')
		return apath_get(o->kind, o->param, o->root, o->name,
				 intern_n(o->sel, n - 1), NULL, o->owner);
	/* A global queue used as &q: the object itself. */
	if (o && o->kind == ROOT_GLOBAL) {
		*is_obj = true;
		return o;
	}
	return NULL;
}

/* Loops receiving until disconnection from a handle held since entry. */
static void waits_of(struct fa *a)
{
	struct loopctx lc;
	bool any = false;
	for (uint32_t r = 0; r < a->fn->nev && !any; r++)
		any = a->ev_op[r] >= 0 && a->fn->ev[r].kind == EV_CHAN &&
		      (a->fn->ev[r].flags & EVF_IN_LOOP);
	if (!any)
		return;
	chanrules_loopctx_init(&lc, a->fn);
	for (uint32_t r = 0; r < a->fn->nev; r++) {
		int32_t hi = a->ev_op[r];
		if (hi < 0 || a->h.a[hi].create_ev >= 0 ||
		    a->wait_pos[hi].file ||
		    chanrules_recv_loop(&lc, r) != RL_DISCONNECT)
			continue;
		a->wait_pos[hi] = a->fn->ev[r].pos;
		a->wait_fn[hi] = a->fn->name;
	}
	chanrules_loopctx_free(&lc);
}

static struct ceffects *compute_effects(struct program *p, int32_t fi)
{
	struct ceffects *fx = xcalloc(1, sizeof(*fx));
	fx->returns_new = -1;
	const struct function *fn = p->funcs.a[fi].fn;
	if (fn->is_global_init || !memo.any_chan || !has_channel_work(fn))
		return fx;
	struct fa a;
	fa_init(p, fi, &a);
	size_t nh = a.h.n;
	if (!nh) {
		chanrules_fa_free(&a);
		return fx;
	}
	a.ret_all = xcalloc(nh, 1);
	a.ret_any = xcalloc(nh, 1);
	a.ret_seen = xcalloc(nh, sizeof(bool));
	a.esc = xcalloc(nh, sizeof(bool));
	a.wrote = xcalloc(nh, sizeof(bool));
	a.kept = xcalloc(nh, sizeof(bool));
	a.wait_pos = xcalloc(nh, sizeof(struct pos));
	a.wait_fn = xcalloc(nh, sizeof(char *));
	a.use_pos = xcalloc(nh, sizeof(struct pos));
	a.use_fn = xcalloc(nh, sizeof(char *));
	a.drop_pos = xcalloc(nh, sizeof(struct pos));
	a.drop_fn = xcalloc(nh, sizeof(char *));
	chanrules_flow_run(&a);
	waits_of(&a);
	for (size_t hi = 0; hi < nh; hi++) {
		const struct chandle *h = &a.h.a[hi];
		bool is_obj;
		const struct apath *key = eff_key(h, &is_obj);
		if (!key)
			continue;
		if (h->create_ev >= 0) {
			/* A new handle in the caller's holder: replaced. */
			if (h->var && !is_obj) {
				struct ceffect f = { .key = key,
						     .kind = h->kind,
						     .writes = true };
				vec_push(&fx->e, f);
			}
			continue;
		}
		uint8_t any = a.ret_any[hi];
		struct ceffect f = {
			.key = key, .key_is_obj = is_obj, .kind = h->kind,
			.escapes = (any & HS_HANDED) || a.esc[hi],
			.keeps = (any & HS_KEPT) || a.kept[hi],
			.writes = (any & HS_WRITTEN) || a.wrote[hi],
			.uses = a.use_pos[hi].file != NULL,
			.waits = a.wait_pos[hi].file != NULL,
			.wait_pos = a.wait_pos[hi], .wait_fn = a.wait_fn[hi],
			.use_pos = a.use_pos[hi], .use_fn = a.use_fn[hi],
			.drop_pos = a.drop_pos[hi], .drop_fn = a.drop_fn[hi],
		};
		if (any & HS_GONE)
			f.drop = a.ret_all[hi] ? DROP_ALL : DROP_SOME;
		/* Dropped and then cleared (`*txp = NULL`): a drop. */
		else if ((any & HS_WRITTEN) && a.drop_pos[hi].file)
			f.drop = DROP_SOME;
		if (f.drop || f.escapes || f.keeps || f.writes || f.uses ||
		    f.waits)
			vec_push(&fx->e, f);
	}
	const char *dbg = getenv("FEARCHECK_DEBUG");
	if (dbg && strstr(dbg, "chan")) {
		fprintf(stderr, "chan effects of %s:", fn->name);
		for (size_t k = 0; k < fx->e.n; k++) {
			const struct ceffect *f = &fx->e.a[k];
			fprintf(stderr, " [%s k%d p%d sel'%s' drop%d%s%s%s%s]",
				apath_render(f->key), f->key->kind,
				f->key->param, f->key->sel, f->drop,
				f->escapes ? " esc" : "", f->keeps ? " keeps" : "",
				f->writes ? " wr" : "", f->uses ? " uses" : "");
		}
		for (size_t hi = 0; hi < nh; hi++)
			fprintf(stderr, " {h%zu %s c%d any%x dp%s:%u}", hi,
				chanrules_handle_name(&a.h.a[hi]),
				a.h.a[hi].create_ev, a.ret_any[hi],
				a.drop_pos[hi].file ? a.drop_pos[hi].file : "-",
				a.drop_pos[hi].line);
		fprintf(stderr, "\n");
	}
	if (a.ret_kind >= 0 && !a.ret_other) {
		fx->returns_new = a.ret_kind;
	}
	chanrules_fa_free(&a);
	return fx;
}

const struct ceffects *chanrules_effects(struct program *p, int32_t fi)
{
	if (memo.serial != p->serial || memo.n != p->funcs.n)
		memo_reset(p);
	if (fi < 0 || (size_t)fi >= memo.n || memo.state[fi] == 1)
		return NULL;	/* recursion: unknown */
	if (memo.state[fi] == 2)
		return memo.eff[fi];
	memo.state[fi] = 1;
	struct ceffects *fx = compute_effects(p, fi);
	memo.eff[fi] = fx;
	memo.state[fi] = 2;
	return fx;
}

void chanrules_analyse(struct program *p, int32_t fi, struct fa *a)
{
	if (memo.serial != p->serial || memo.n != p->funcs.n)
		memo_reset(p);
	fa_init(p, fi, a);
	a->report = true;
	bool loops = false;
	for (uint32_t i = 0; i < a->fn->nev; i++)
		if ((a->fn->ev[i].kind == EV_CHAN &&
		     (a->fn->ev[i].flags & EVF_IN_LOOP)) ||
		    a->fn->ev[i].kind == EV_JOIN)
			loops = true;
	if (loops && a->h.n)
		a->ev_states = xcalloc((size_t)a->fn->nev * a->h.n, 1);
	if (a->h.n || a->m.n || a->r.n)
		chanrules_flow_run(a);
}
