// SPDX-License-Identifier: MIT
/*
 * link.c - the whole-program view: programs, name resolution, stored
 * pointers, and parameter substitution.
 *
 * Pass: link.  Input: every TU's facts.  A call is resolved like the
 * linker would: a static function of the caller's own TU first, then an
 * external definition, preferring the caller's TU and then the one whose
 * path is nearest (a tree with several programs may define one name twice).
 * Function pointers are resolved through the pointers stored anywhere in
 * the program (EV_PTSTORE), by the exact slot (`ops.run`) or, when the slot
 * is reached through an unknown pointer, by its type-based name
 * (`struct ops.run`).
 */
#include "link.h"

#include <stdlib.h>
#include <string.h>

/* name -> functions; path -> stored values.  Open addressing on pointers. */
struct u32_list {
	uint32_t *a;
	size_t n, cap;
};

struct multimap {
	const void **key;
	struct u32_list *val;
	size_t cap, n;
};

static struct u32_list *mm_get(struct multimap *m, const void *key, bool add)
{
	if (add && m->n * 2 >= m->cap) {
		size_t ncap = m->cap ? m->cap * 2 : 256;
		const void **nk = xcalloc(ncap, sizeof(*nk));
		void *nv = xcalloc(ncap, sizeof(*m->val));
		for (size_t i = 0; i < m->cap; i++) {
			if (!m->key[i])
				continue;
			size_t j = fc_hash_ptr(m->key[i]) & (ncap - 1);
			while (nk[j])
				j = (j + 1) & (ncap - 1);
			nk[j] = m->key[i];
			memcpy((char *)nv + j * sizeof(*m->val), &m->val[i],
			       sizeof(*m->val));
		}
		free(m->key);
		free(m->val);
		m->key = nk;
		m->val = nv;
		m->cap = ncap;
	}
	if (!m->cap)
		return NULL;
	size_t j = fc_hash_ptr(key) & (m->cap - 1);
	while (m->key[j]) {
		if (m->key[j] == key)
			return &m->val[j];
		j = (j + 1) & (m->cap - 1);
	}
	if (!add)
		return NULL;
	m->key[j] = key;
	m->n++;
	return &m->val[j];
}

static void mm_free(struct multimap *m)
{
	for (size_t i = 0; i < m->cap; i++)
		if (m->key[i])
			vec_free(&m->val[i]);
	free(m->key);
	free(m->val);
	free(m);
}

struct stores {
	struct multimap map;	/* path -> indices into vals */
	VEC(struct aval) vals;
	VEC(uint32_t) count;	/* how many stores of each value */
	VEC(int32_t) fidx;	/* a stored function, resolved; or -1 */
};

int32_t link_resolve(struct program *p, const char *name, uint32_t from_tu);
static void propagate_fn_args(struct program *p);

static bool fn_is_main(const struct function *f)
{
	return !f->is_global_init && !f->is_static && !strcmp(f->name, "main");
}

static bool tu_has_main(const struct tu *t)
{
	for (uint32_t i = 0; i < t->nfn; i++)
		if (fn_is_main(&t->fn[i]))
			return true;
	return false;
}

/*
 * Records that `v` is stored into `key`.  A function is resolved at once,
 * in the TU that names it, since a static function's name means nothing
 * elsewhere.
 */
static void add_store(struct program *p, const struct apath *key,
		      const struct aval *v, uint32_t tu)
{
	struct stores *st = p->ptstores;
	if (!key)
		return;
	int32_t f = -1;
	if (v->kind == VAL_FUNC) {
		f = link_resolve(p, v->func, tu);
		if (f < 0)
			return;
	}
	struct u32_list *l = mm_get(&st->map, key, true);
	for (size_t i = 0; i < l->n; i++) {
		const struct aval *o = &st->vals.a[l->a[i]];
		if (o->kind == v->kind && o->pointee == v->pointee &&
		    st->fidx.a[l->a[i]] == f) {
			st->count.a[l->a[i]]++;
			return;
		}
	}
	vec_push(&st->vals, *v);
	vec_push(&st->count, 1);
	vec_push(&st->fidx, f);
	vec_push(l, (uint32_t)st->vals.n - 1);
}

static void add_store_ev(struct program *p, const struct event *ev,
			 const struct aval *v, uint32_t tu)
{
	add_store(p, ev->path, v, tu);
	if (ev->path && ev->path->fallback)
		add_store(p, ev->path->fallback, v, tu);
}

static void build_program(struct program *p)
{
	p->by_name = xcalloc(1, sizeof(struct multimap));
	p->ptstores = xcalloc(1, sizeof(struct stores));
	p->param_funcs = xcalloc(1, sizeof(struct stores));
	p->main_fn = -1;
	for (uint32_t k = 0; k < p->ntu_list; k++) {
		uint32_t ti = p->tu_list[k];
		struct tu *t = &p->tus[ti];
		for (uint32_t i = 0; i < t->nfn; i++) {
			const struct function *f = &t->fn[i];
			struct pfunc pf = { .fn = f, .tu = ti };
			uint32_t fi = (uint32_t)p->funcs.n;
			vec_push(&p->funcs, pf);
			if (!f->is_global_init)
				vec_push(mm_get(p->by_name, f->name, true), fi);
			if (fn_is_main(f) && p->main_fn < 0)
				p->main_fn = (int32_t)fi;
		}
	}
	/* Stores, once every name is known. */
	for (size_t i = 0; i < p->funcs.n; i++) {
		const struct function *f = p->funcs.a[i].fn;
		for (uint32_t e = 0; e < f->nev; e++)
			if (f->ev[e].kind == EV_PTSTORE)
				add_store_ev(p, &f->ev[e], &f->ev[e].val,
					     p->funcs.a[i].tu);
	}
	propagate_fn_args(p);
}

static bool seen_add(uint64_t **slot, size_t *cap, size_t *n, uint64_t k)
{
	k |= 1;
	if (*n * 2 >= *cap) {
		size_t ncap = *cap ? *cap * 2 : 256;
		uint64_t *ns = xcalloc(ncap, sizeof(*ns));
		for (size_t i = 0; i < *cap; i++) {
			if (!(*slot)[i])
				continue;
			size_t j = (*slot)[i] & (ncap - 1);
			while (ns[j])
				j = (j + 1) & (ncap - 1);
			ns[j] = (*slot)[i];
		}
		free(*slot);
		*slot = ns;
		*cap = ncap;
	}
	size_t j = k & (*cap - 1);
	while ((*slot)[j]) {
		if ((*slot)[j] == k)
			return false;
		j = (j + 1) & (*cap - 1);
	}
	(*slot)[j] = k;
	(*n)++;
	return true;
}

/*
 * Function pointers passed down as arguments and stored by the callee
 * (launch(fn, arg) { c->probe = fn; pthread_create(..., trampoline, c); }):
 * the store stores each function any caller passes.  Propagated through
 * calls that pass the parameter on, to a fixpoint (bounded).
 */
/* Keys of the parameter map: (function, parameter) as a fake pointer. */
static const void *param_key(int32_t fn, uint32_t param)
{
	return (const void *)(uintptr_t)((((uint64_t)(uint32_t)fn << 8) |
					  (param & 0xff)) + 1);
}

static void propagate_fn_args(struct program *p)
{
	struct stores *pm = p->param_funcs;
	struct pending {
		int32_t fn;
		uint32_t param;
		const char *func;
		uint32_t tu;	/* where func is named */
	};
	VEC(struct pending) work = { 0 };
	uint64_t *seen = NULL;
	size_t seen_cap = 0, seen_n = 0;
	for (size_t i = 0; i < p->funcs.n; i++) {
		const struct function *f = p->funcs.a[i].fn;
		for (uint32_t e = 0; e < f->nev; e++) {
			const struct event *ev = &f->ev[e];
			if (ev->kind != EV_CALL || !ev->callee)
				continue;
			int32_t g = link_resolve(p, ev->callee, p->funcs.a[i].tu);
			for (uint32_t a = 0; g >= 0 && a < ev->nargs; a++)
				if (ev->args[a].kind == VAL_FUNC)
					vec_push(&work, ((struct pending){
						g, a, ev->args[a].func,
						p->funcs.a[i].tu }));
		}
	}
	for (size_t w = 0; w < work.n && w < 100000; w++) {
		struct pending pd = work.a[w];
		uint64_t key = fc_hash_mix(((uint64_t)pd.fn << 16) ^ pd.param,
					   fc_hash_ptr(pd.func));
		if (!seen_add(&seen, &seen_cap, &seen_n, key))
			continue;
		int32_t fidx = link_resolve(p, pd.func, pd.tu);
		if (fidx >= 0) {
			struct u32_list *l = mm_get(&pm->map,
				param_key(pd.fn, pd.param), true);
			vec_push(l, (uint32_t)fidx);
		}
		const struct pfunc *pf = &p->funcs.a[pd.fn];
		const struct function *f = pf->fn;
		struct aval fv = { .kind = VAL_FUNC, .func = pd.func };
		for (uint32_t e = 0; e < f->nev; e++) {
			const struct event *ev = &f->ev[e];
			bool is_param = false;
			if (ev->kind == EV_PTSTORE) {
				const struct aval *v = &ev->val;
				if (v->kind == VAL_PTR && v->pointee &&
				    v->pointee->kind == ROOT_PARAM &&
				    (uint32_t)v->pointee->param == pd.param &&
				    !strcmp(v->pointee->sel, "*"))
					add_store_ev(p, ev, &fv, pd.tu);
			} else if (ev->kind == EV_CALL && ev->callee) {
				int32_t g = link_resolve(p, ev->callee, pf->tu);
				for (uint32_t a = 0; g >= 0 && a < ev->nargs; a++) {
					const struct aval *v = &ev->args[a];
					is_param = v->kind == VAL_PTR && v->pointee &&
						   v->pointee->kind == ROOT_PARAM &&
						   (uint32_t)v->pointee->param ==
							   pd.param &&
						   !strcmp(v->pointee->sel, "*");
					if (is_param)
						vec_push(&work, ((struct pending){
							g, a, pd.func, pd.tu }));
				}
			}
		}
	}
	vec_free(&work);
	free(seen);
}

static size_t common_prefix(const char *a, const char *b)
{
	size_t n = 0, last = 0;
	while (a[n] && a[n] == b[n]) {
		if (a[n] == '/')
			last = n;
		n++;
	}
	return last;
}

int32_t link_resolve(struct program *p, const char *name, uint32_t from_tu)
{
	if (!name)
		return -1;
	struct u32_list *l = mm_get(p->by_name, name, false);
	if (!l || !l->n)
		return -1;
	int32_t best = -1;
	size_t best_score = 0;
	const char *from = p->tus[from_tu].path;
	for (size_t i = 0; i < l->n; i++) {
		const struct pfunc *pf = &p->funcs.a[l->a[i]];
		if (pf->tu == from_tu)
			return (int32_t)l->a[i];	/* own TU: always */
		if (pf->fn->is_static)
			continue;
		size_t score = 1 + common_prefix(from, p->tus[pf->tu].path);
		if (score > best_score) {
			best_score = score;
			best = (int32_t)l->a[i];
		}
	}
	return best;
}

static const struct apath *strip_last_deref(const struct apath *p)
{
	size_t n = strlen(p->sel);
	if (!n || p->sel[n - 1] != '*')
		return NULL;
	const char *sel = intern_n(p->sel, n - 1);
	/* Stores are recorded unqualified by thread. */
	return apath_get(p->kind, p->param, p->root, p->name, sel, NULL, NULL);
}

uint32_t link_targets(struct program *p, const struct aval *v,
		      uint32_t from_tu, int32_t *out, uint32_t max)
{
	return link_targets_counted(p, v, from_tu, out, NULL, max);
}

uint32_t link_targets_counted(struct program *p, const struct aval *v,
			      uint32_t from_tu, int32_t *out, uint32_t *counts,
			      uint32_t max)
{
	uint32_t n = 0;
	if (v->kind == VAL_FUNC) {
		int32_t f = link_resolve(p, v->func, from_tu);
		if (f >= 0 && max) {
			if (counts)
				counts[n] = 1;
			out[n++] = f;
		}
		return n;
	}
	if (v->kind != VAL_PTR || !v->pointee)
		return 0;
	const struct apath *slot = strip_last_deref(v->pointee);
	if (!slot)
		return 0;
	struct stores *st = p->ptstores;
	struct u32_list *l = mm_get(&st->map, slot, false);
	if ((!l || !l->n) && slot->fallback)
		l = mm_get(&st->map, slot->fallback, false);
	if ((!l || !l->n) && v->pointee->fallback) {
		/* The pointee's type-based name ends in "*" too. */
		const struct apath *fs = strip_last_deref(v->pointee->fallback);
		if (fs)
			l = mm_get(&st->map, fs, false);
	}
	for (size_t i = 0; l && i < l->n && n < max; i++) {
		int32_t f = st->fidx.a[l->a[i]];
		if (f < 0)
			continue;
		bool dup = false;
		for (uint32_t k = 0; k < n; k++) {
			if (out[k] == f) {
				dup = true;
				if (counts)
					counts[k] += st->count.a[l->a[i]];
			}
		}
		if (f >= 0 && !dup) {
			if (counts)
				counts[n] = st->count.a[l->a[i]];
			out[n++] = f;
		}
	}
	return n;
}

/*
 * link_param_targets - the functions callers pass as parameter `param` of
 * function fi (for calls through that parameter).  Returns how many were
 * stored in out.
 */
uint32_t link_param_targets(struct program *p, int32_t fi, uint32_t param,
			    int32_t *out, uint32_t max)
{
	struct stores *pm = p->param_funcs;
	struct u32_list *l = mm_get(&pm->map, param_key(fi, param), false);
	uint32_t n = 0;
	for (size_t i = 0; l && i < l->n && n < max; i++) {
		bool dup = false;
		for (uint32_t k = 0; k < n; k++)
			dup |= out[k] == (int32_t)l->a[i];
		if (!dup)
			out[n++] = (int32_t)l->a[i];
	}
	return n;
}

const struct apath *link_pt_resolve(struct program *p, const struct apath *path)
{
	struct stores *st = p->ptstores;
	for (int depth = 0; path && depth < 8; depth++) {
		if (path->kind != ROOT_GLOBAL && path->kind != ROOT_LOCAL &&
		    path->kind != ROOT_ALLOC)
			return path;
		const char *star = strchr(path->sel, '*');
		if (!star)
			return path;
		const char *pre = intern_n(path->sel, (size_t)(star - path->sel));
		/* Stores are recorded unqualified: look the slot up so. */
		const struct apath *slot = apath_get(path->kind, path->param,
						     path->root, path->name, pre,
						     NULL, NULL);
		struct u32_list *l = mm_get(&st->map, slot, false);
		if (!l || l->n != 1)
			return path;
		const struct aval *v = &st->vals.a[l->a[0]];
		if (v->kind != VAL_PTR || !v->pointee ||
		    v->pointee->kind == ROOT_PARAM)
			return path;
		const struct apath *to = apath_extend(v->pointee, star + 1);
		/*
		 * What a thread's local points to lives in that thread's frame
		 * or heap; what a global points to is shared by every thread.
		 */
		if (path->owner && path->kind == ROOT_LOCAL &&
		    (to->kind == ROOT_LOCAL || to->kind == ROOT_ALLOC))
			to = apath_get(to->kind, to->param, to->root, to->name,
				       to->sel, to->fallback, path->owner);
		path = to;
	}
	return path;
}

/* ------------------------------------------------------------ substitution */

uint32_t subst_taint(const struct subst *s, uint32_t taint)
{
	uint32_t r = 0;
	for (uint32_t i = 0; i < s->nargs && i < 32; i++)
		if (taint & (1u << i))
			r |= s->args[i].taint;
	return r;
}

const struct apath *subst_path(const struct subst *s, const struct apath *p,
			       bool *private_inst)
{
	if (!p || p->kind != ROOT_PARAM)
		return p;
	if (p->sel[0] != '*') {
		/*
		 * The callee's own copy of an argument: name it by what the
		 * caller passed (join(t) in a wrapper joins the caller's t).
		 */
		if ((uint32_t)p->param < s->nargs && s->args[p->param].src)
			return apath_extend(s->args[p->param].src, p->sel);
		return NULL;
	}
	if ((uint32_t)p->param < s->nargs) {
		const struct aval *a = &s->args[p->param];
		if (a->kind == VAL_PTR && a->pointee) {
			if (private_inst && s->thread_entry && a->varies)
				*private_inst = true;
			const struct apath *r = apath_extend(a->pointee,
							     p->sel + 1);
			if (!r->fallback && p->fallback)
				r = apath_get(r->kind, r->param, r->root,
					      r->name, r->sel, p->fallback,
					      r->owner);
			return r;
		}
	}
	return p->fallback;
}

struct aval subst_val(const struct subst *s, const struct aval *v)
{
	struct aval r = *v;
	r.taint = subst_taint(s, v->taint);
	if (v->kind == VAL_PTR) {
		if (v->pointee && v->pointee->kind == ROOT_PARAM &&
		    (uint32_t)v->pointee->param < s->nargs &&
		    s->args[v->pointee->param].varies)
			r.varies = true;
		r.pointee = subst_path(s, v->pointee, NULL);
		if (!r.pointee) {
			/* A function pointer passed down: keep its value. */
			if (v->pointee && v->pointee->kind == ROOT_PARAM &&
			    !strcmp(v->pointee->sel, "*") &&
			    (uint32_t)v->pointee->param < s->nargs &&
			    s->args[v->pointee->param].kind == VAL_FUNC)
				return s->args[v->pointee->param];
			r.kind = VAL_UNKNOWN;
		}
	}
	for (uint32_t i = 0; i < s->nargs && i < 32; i++)
		if ((v->taint & (1u << i)) && s->args[i].varies)
			r.varies = true;
	return r;
}

/* ---------------------------------------------------------------- programs */

struct program *link_programs(struct tu *tus, uint32_t ntus, uint32_t *n)
{
	VEC(uint32_t) mains = { 0 }, others = { 0 };
	for (uint32_t i = 0; i < ntus; i++) {
		if (tus[i].skipped)
			continue;
		if (tu_has_main(&tus[i]))
			vec_push(&mains, i);
		else
			vec_push(&others, i);
	}
	uint32_t np = mains.n ? (uint32_t)mains.n : 1;
	static uint64_t serials;
	struct program *ps = xcalloc(np, sizeof(*ps));
	for (uint32_t k = 0; k < np; k++)
		ps[k].serial = ++serials;
	for (uint32_t k = 0; k < np; k++) {
		struct program *p = &ps[k];
		p->tus = tus;
		p->ntus = ntus;
		p->tu_list = xmalloc(sizeof(uint32_t) * (others.n + 1));
		if (mains.n)
			p->tu_list[p->ntu_list++] = mains.a[k];
		for (size_t i = 0; i < others.n; i++)
			p->tu_list[p->ntu_list++] = others.a[i];
		p->name = mains.n ? tus[mains.a[k]].path : intern("(library)");
		build_program(p);
	}
	vec_free(&mains);
	vec_free(&others);
	*n = np;
	return ps;
}

static void free_summary(struct summary *s)
{
	if (!s)
		return;
	vec_free(&s->acc);
	vec_free(&s->acq);
	vec_free(&s->spawns);
	vec_free(&s->blocks);
	free(s);
}

void link_free(struct program *ps, uint32_t n)
{
	for (uint32_t k = 0; k < n; k++) {
		struct program *p = &ps[k];
		for (size_t i = 0; i < p->funcs.n; i++)
			free_summary(p->funcs.a[i].sum);
		for (size_t i = 0; i < p->threads.n; i++) {
			vec_free(&p->threads.a[i].acc);
			vec_free(&p->threads.a[i].acq);
			vec_free(&p->threads.a[i].blocks);
			vec_free(&p->threads.a[i].spawns);
		}
		vec_free(&p->threads);
		vec_free(&p->funcs);
		mm_free(p->by_name);
		struct stores *pm = p->param_funcs;
		for (size_t i = 0; i < pm->map.cap; i++)
			if (pm->map.key[i])
				vec_free(&pm->map.val[i]);
		free(pm->map.key);
		free(pm->map.val);
		free(pm);
		struct stores *st = p->ptstores;
		for (size_t i = 0; i < st->map.cap; i++)
			if (st->map.key[i])
				vec_free(&st->map.val[i]);
		free(st->map.key);
		free(st->map.val);
		vec_free(&st->vals);
		vec_free(&st->count);
		vec_free(&st->fidx);
		free(st);
		free(p->tu_list);
		arena_free(&p->mem);
	}
	free(ps);
}
