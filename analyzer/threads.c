// SPDX-License-Identifier: MIT
/*
 * threads.c - the threads of a program and which of them run together.
 *
 * Pass: link.  The main thread runs main's summary.  Each spawn record in a
 * thread's summary, whose entry and argument are now in that thread's
 * terms, becomes a thread of its own running the entry's summary with its
 * parameter replaced by the argument; a spawn in a loop, or by a thread of
 * many instances, makes many instances.  Without a main, every function
 * nothing calls or spawns is an entry point run by one external thread.
 *
 * Locals and heap objects of a thread's frames are qualified with the
 * thread ("owner"), so two threads' locals never look alike, while an
 * object handed to a new thread through its argument keeps its creator's
 * name and so matches the creator's own accesses to it.
 *
 * DESIGN
 * Two threads may run at once unless their creation and joins order them:
 * for a thread and its descendant, the access of the elder must come after
 * the child's creation and before its join (the access's `running` set);
 * for two siblings, one must be created while the other runs.  Accesses of
 * main before its first spawn and after the joins thus race with nothing.
 */
#include <stdlib.h>
#include <string.h>

#include "config.h"
#include "link.h"

#define FC_MAX_THREADS 512
#define FC_MAX_THREAD_DEPTH 6

/*
 * Qualifies a local or heap root with the thread whose frame holds it,
 * after following stored pointers (which are recorded unqualified).
 */
static const struct apath *own_in(struct program *p, const struct apath *x,
				  const char *owner);

static const struct apath *own(const struct apath *p, const char *owner)
{
	if (!p || p->owner ||
	    (p->kind != ROOT_LOCAL && p->kind != ROOT_ALLOC))
		return p;
	return apath_get(p->kind, p->param, p->root, p->name, p->sel,
			 p->fallback, owner);
}

/*
 * A path of a thread's summary in the thread's terms: its own locals and
 * heap qualified with the thread, then stored pointers followed.  Heap
 * memory reached through a global pointer stays unqualified: any thread
 * may have allocated it, and every thread shares it.
 */
static const struct apath *own_in(struct program *p, const struct apath *x,
				  const char *owner)
{
	if (!x)
		return NULL;
	if (x->kind == ROOT_GLOBAL)
		return link_pt_resolve(p, x);
	return link_pt_resolve(p, own(x, owner));
}

static struct aval own_val(struct program *p, struct aval v, const char *owner)
{
	if (v.kind == VAL_PTR)
		v.pointee = own_in(p, v.pointee, owner);
	return v;
}

/*
 * A lockset of the entry function in the thread's terms: its parameter
 * replaced by the thread's argument (or by the lock's type-based name when
 * the argument is unknown), locals qualified.  Memoized per thread.
 */
struct lockmemo {
	const struct idset *from[64], *to[64];
	unsigned n;
};

static const struct idset *thread_locks(struct program *p,
					const struct subst *sb,
					const struct idset *s, const char *owner,
					struct lockmemo *m)
{
	if (!s->n)
		return s;
	for (unsigned i = 0; i < m->n; i++)
		if (m->from[i] == s)
			return m->to[i];
	uint32_t buf[64], n = 0;
	for (uint32_t i = 0; i < s->n && n < 64; i++) {
		const struct apath *l = LOCK_PATH(s->v[i]);
		const struct apath *r = subst_path(sb, l, NULL);
		if (!r)
			r = l;	/* keep it distinct rather than lose it */
		r = own_in(p, r, owner);
		buf[n++] = LOCK_KEY(r, LOCK_MODE(s->v[i]));
	}
	const struct idset *out = idset_make(buf, n);
	if (m->n < 64) {
		m->from[m->n] = s;
		m->to[m->n++] = out;
	}
	return out;
}

/* Brings a summary into a thread: substitute, qualify, follow pointers. */
static void instantiate(struct program *p, struct thread *t,
			const struct subst *sb)
{
	const struct summary *s = t->sum;
	const char *owner = internf("T%u", t->id);
	bool arg_varies = t->arg.varies;
	struct lockmemo lm = { .n = 0 };
	for (size_t i = 0; i < s->acc.n; i++) {
		struct sacc a = s->acc.a[i];
		bool priv = false;
		a.path = subst_path(sb, a.path, &priv);
		if (!a.path)
			continue;
		a.path = own_in(p, a.path, owner);
		a.idx_taint = subst_taint(sb, a.idx_taint);
		/* results[id]: an index that differs per instance. */
		a.idx_from_arg = sb->thread_entry && (s->acc.a[i].idx_taint & 1u);
		if (arg_varies && a.idx_from_arg)
			priv = true;
		if (a.path->owner == owner)
			priv = true;	/* its own locals and allocations */
		a.private_inst = priv;
		a.locks = thread_locks(p, sb, a.locks, owner, &lm);
		vec_push(&t->acc, a);
	}
	for (size_t i = 0; i < s->acq.n; i++) {
		struct sacq q = s->acq.a[i];
		const struct apath *l = subst_path(sb, q.lock, NULL);
		q.lock = own_in(p, l ? l : q.lock, owner);
		q.held = thread_locks(p, sb, q.held, owner, &lm);
		q.may_held = thread_locks(p, sb, q.may_held, owner, &lm);
		vec_push(&t->acq, q);
	}
	for (size_t i = 0; i < s->blocks.n; i++) {
		struct sblock b = s->blocks.a[i];
		b.path = own(subst_path(sb, b.path, NULL), owner);
		b.path2 = own(subst_path(sb, b.path2, NULL), owner);
		b.locks = thread_locks(p, sb, b.locks, owner, &lm);
		b.may = thread_locks(p, sb, b.may, owner, &lm);
		if (b.path && b.kind == EV_RELEASE)
			b.path = own_in(p, b.path, owner);
		b.val = own_val(p, subst_val(sb, &b.val), owner);
		vec_push(&t->blocks, b);
	}
}

static int32_t add_thread(struct program *p, const char *name, int32_t fn,
			  int32_t parent, bool multi, const struct sspawn *sp,
			  struct aval arg)
{
	if (p->threads.n >= FC_MAX_THREADS)
		return -1;
	const struct summary *s = summary_get(p, fn);
	if (!s)
		return -1;
	struct thread t = { .id = (uint32_t)p->threads.n, .name = name,
			    .fn = fn, .parent = parent, .multi = multi,
			    .spawn = sp, .arg = arg, .sum = s };
	vec_push(&p->threads, t);
	struct thread *tp = &p->threads.a[p->threads.n - 1];
	if (sp)
		vec_push(&tp->spawns, sp);
	struct subst sb = { .args = &tp->arg, .nargs = sp ? 1 : 0,
			    .thread_entry = sp != NULL, .entry_multi = multi };
	instantiate(p, tp, &sb);
	return (int32_t)t.id;
}

static int depth_of(const struct program *p, int32_t t)
{
	int d = 0;
	while (t >= 0 && d < 64) {
		t = p->threads.a[t].parent;
		d++;
	}
	return d;
}

static bool same_arg(const struct aval *x, const struct aval *y)
{
	return x->kind == y->kind && x->pointee == y->pointee &&
	       x->func == y->func && x->is_const == y->is_const &&
	       (!x->is_const || x->cval == y->cval) && x->varies == y->varies;
}

/*
 * One creating thread running one function with one argument from several
 * places (a wrapper called along many paths) is one thread of many spawn
 * records: it has many instances only if two of them may overlap.
 */
static bool merge_thread(struct program *p, int32_t parent, int32_t fn,
			 const struct sspawn *sp, bool multi)
{
	for (size_t i = 0; i < p->threads.n; i++) {
		struct thread *t = &p->threads.a[i];
		if (t->parent != parent || t->fn != fn ||
		    !same_arg(&t->arg, &sp->arg))
			continue;
		bool overlap = multi, other = false;
		for (size_t k = 0; k < t->spawns.n; k++) {
			if (!overlap)
				overlap = idset_has(sp->running,
						    t->spawns.a[k]->id) ||
					  idset_has(t->spawns.a[k]->running,
						    sp->id);
			other |= t->spawns.a[k]->id != sp->id;
		}
		t->multi |= overlap;
		vec_push(&t->spawns, sp);
		if (other && t->arg.varies) {
			/*
			 * One object handed to threads made at two places is
			 * not each instance's own: instantiate again.
			 */
			t->arg.varies = false;
			t->acc.n = t->acq.n = t->blocks.n = 0;
			struct subst sb = { .args = &t->arg, .nargs = 1,
					    .thread_entry = true,
					    .entry_multi = t->multi };
			instantiate(p, t, &sb);
		}
		return true;
	}
	return false;
}

/* Spawns of thread ti (in its own terms) become threads. */
static void expand(struct program *p, int32_t ti)
{
	if (depth_of(p, ti) > FC_MAX_THREAD_DEPTH)
		return;
	const struct summary *s = p->threads.a[ti].sum;
	const char *owner = internf("T%u", (unsigned)ti);
	uint32_t tu = p->funcs.a[p->threads.a[ti].fn].tu;
	struct subst sb = { .args = &p->threads.a[ti].arg,
			    .nargs = p->threads.a[ti].spawn ? 1 : 0 };
	for (size_t k = 0; k < s->spawns.n; k++) {
		struct sspawn *sp = arena_alloc(&p->mem, sizeof(*sp));
		*sp = s->spawns.a[k];
		sp->entry = own_val(p, subst_val(&sb, &sp->entry), owner);
		sp->arg = own_val(p, subst_val(&sb, &sp->arg), owner);
		sp->handle = own(subst_path(&sb, sp->handle, NULL), owner);
		int32_t tg[8];
		uint32_t cnt[8];
		uint32_t nt;
		if (sp->entry_fn >= 0) {
			tg[0] = sp->entry_fn;
			cnt[0] = 1;
			nt = 1;
		} else {
			nt = link_targets_counted(p, &sp->entry, tu, tg, cnt, 8);
		}
		for (uint32_t i = 0; i < nt; i++) {
			const char *name = p->funcs.a[tg[i]].fn->name;
			/* A thread spawning its own kind is a tree of many. */
			bool again = false;
			for (int32_t a = ti; a >= 0; a = p->threads.a[a].parent)
				if (p->threads.a[a].fn == tg[i])
					again = true;
			/*
			 * A loop that spawns table[i].run runs each function as
			 * often as the table holds it.
			 */
			bool multi = sp->multi && !(sp->entry.varies &&
						    cnt[i] == 1);
			multi |= p->threads.a[ti].multi || again;
			if (!merge_thread(p, ti, tg[i], sp, multi))
				add_thread(p, name, tg[i], ti, multi, sp,
					   sp->arg);
			if (again)
				break;
		}
	}
}

/*
 * The locks t's creator holds at every creation of t and does not release
 * while t may run: t runs entirely inside the creator's critical section.
 */
static void creation_locks(struct program *p, struct thread *t)
{
	t->creation_locks = idset_empty();
	if (t->parent < 0 || !t->spawns.n)
		return;
	const struct thread *par = &p->threads.a[t->parent];
	const struct idset *cl = NULL;
	for (size_t k = 0; k < t->spawns.n; k++) {
		const struct sspawn *sp = t->spawns.a[k];
		const struct idset *l = sp->locks;
		/* In the creator's terms, as its own records are. */
		uint32_t buf[64], n = 0;
		for (uint32_t i = 0; i < l->n && n < 64; i++) {
			const struct apath *lp = LOCK_PATH(l->v[i]);
			if (lp->kind == ROOT_PARAM)
				continue;
			buf[n++] = LOCK_KEY(own_in(p, lp, internf("T%u",
					(unsigned)t->parent)), LOCK_MODE(l->v[i]));
		}
		l = idset_make(buf, n);
		for (size_t b = 0; b < par->blocks.n && l->n; b++) {
			const struct sblock *r = &par->blocks.a[b];
			if (r->kind != EV_RELEASE || !r->running || !r->path ||
			    !idset_has(r->running, sp->id))
				continue;
			l = idset_del(idset_del(l, LOCK_KEY(r->path, LK_MUTEX)),
				      LOCK_KEY(r->path, LK_READ));
		}
		cl = cl ? idset_inter(cl, l) : l;
	}
	t->creation_locks = cl ? cl : idset_empty();
}

static bool is_called(const struct program *p, int32_t fi)
{
	return p->funcs.a[fi].called;
}

static void mark_called(struct program *p)
{
	for (size_t i = 0; i < p->funcs.n; i++) {
		const struct function *f = p->funcs.a[i].fn;
		for (uint32_t e = 0; e < f->nev; e++) {
			const struct event *ev = &f->ev[e];
			int32_t tg[8];
			uint32_t nt = 0;
			if (ev->kind == EV_CALL && ev->callee) {
				int32_t t = link_resolve(p, ev->callee,
							 p->funcs.a[i].tu);
				if (t >= 0)
					tg[nt++] = t;
			} else if (ev->kind == EV_CALL || ev->kind == EV_SPAWN) {
				nt = link_targets(p, &ev->val, p->funcs.a[i].tu,
						  tg, 8);
			} else if (ev->kind == EV_PTSTORE &&
				   ev->val.kind == VAL_FUNC) {
				int32_t t = link_resolve(p, ev->val.func,
							 p->funcs.a[i].tu);
				if (t >= 0)
					tg[nt++] = t;
			}
			for (uint32_t k = 0; k < nt; k++)
				if ((size_t)tg[k] != i)
					p->funcs.a[tg[k]].called = true;
		}
	}
}

/*
 * Thread entries named in the configuration: functions a framework runs
 * on threads of its own, many at once, beside everything else.
 */
static void config_threads(struct program *p)
{
	struct aval none = { 0 };
	for (size_t k = 0; k < config_nthread_entries; k++) {
		const char *name = config_thread_entries[k];
		for (size_t i = 0; i < p->funcs.n; i++) {
			const struct function *f = p->funcs.a[i].fn;
			if (f->name != name || f->is_global_init)
				continue;
			int32_t t = add_thread(p, name, (int32_t)i, -1, true,
					       NULL, none);
			if (t >= 0)
				p->threads.a[t].external = true;
			break;
		}
	}
}

void threads_build(struct program *p)
{
	struct aval none = { 0 };
	if (p->main_fn >= 0) {
		int32_t m = add_thread(p, intern("main"), p->main_fn, -1, false,
				       NULL, none);
		if (m >= 0)
			p->threads.a[m].is_main = true;
	} else {
		mark_called(p);
		for (size_t i = 0; i < p->funcs.n; i++) {
			const struct function *f = p->funcs.a[i].fn;
			if (f->is_global_init || is_called(p, (int32_t)i))
				continue;
			add_thread(p, f->name, (int32_t)i, -1, false, NULL, none);
		}
	}
	config_threads(p);
	for (size_t i = 0; i < p->threads.n; i++)
		expand(p, (int32_t)i);
	for (size_t i = 0; i < p->threads.n; i++)
		creation_locks(p, &p->threads.a[i]);
}

/* The child of `anc` on the way down to t, or -1 if anc is no ancestor. */
static int32_t child_towards(const struct program *p, int32_t anc, int32_t t)
{
	int32_t prev = -1;
	for (int guard = 0; t >= 0 && guard < 64; guard++) {
		if (t == anc)
			return prev;
		prev = t;
		t = p->threads.a[t].parent;
	}
	return -1;
}

static int32_t root_of(const struct program *p, int32_t t)
{
	while (p->threads.a[t].parent >= 0)
		t = p->threads.a[t].parent;
	return t;
}

/* Is path p within the object obj (same root, obj's selectors first)? */
static bool within(const struct apath *p, const struct apath *obj)
{
	return p->kind == obj->kind && p->root == obj->root &&
	       p->owner == obj->owner &&
	       !strncmp(p->sel, obj->sel, strlen(obj->sel));
}

/*
 * May access a, made by an ancestor of thread c, run while c (or its
 * descendants) does?  Yes when c was created and not yet joined -- except
 * for the object handed to each instance, made in a loop or allocated by
 * the call that creates the thread: in that iteration or call, an access to
 * it before the creation touches the object of an instance still to come.
 */
static bool elder_overlaps(const struct thread *c, const struct sacc *a)
{
	for (size_t k = 0; k < c->spawns.n; k++) {
		const struct sspawn *sp = c->spawns.a[k];
		if ((!sp->loop || idset_has(a->loops, sp->loop)) &&
		    c->arg.varies && c->arg.kind == VAL_PTR && c->arg.pointee &&
		    within(a->path, c->arg.pointee)) {
			if (idset_has(a->curr, sp->id) &&
			    idset_has(a->running, sp->id))
				return true;
		} else if (idset_has(a->running, sp->id)) {
			return true;
		}
	}
	return false;
}

/* May two sibling threads, created by one thread, run at once? */
static bool siblings_overlap(const struct thread *c1, const struct thread *c2)
{
	for (size_t i = 0; i < c1->spawns.n; i++) {
		const struct sspawn *s1 = c1->spawns.a[i];
		for (size_t j = 0; j < c2->spawns.n; j++) {
			const struct sspawn *s2 = c2->spawns.a[j];
			if (s1->id == s2->id) {
				if (s1->multi)
					return true;
				continue;
			}
			if (idset_has(s1->running, s2->id) ||
			    idset_has(s2->running, s1->id))
				return true;
		}
	}
	return false;
}

bool threads_concurrent(const struct program *p, const struct thread *t1,
			const struct sacc *a1, const struct thread *t2,
			const struct sacc *a2)
{
	int32_t i1 = (int32_t)t1->id, i2 = (int32_t)t2->id;
	if (i1 == i2)
		return t1->multi;
	/* A framework's threads run whenever they like. */
	if (p->threads.a[root_of(p, i1)].external ||
	    p->threads.a[root_of(p, i2)].external)
		return true;
	int32_t c = child_towards(p, i1, i2);
	if (c >= 0)
		return elder_overlaps(&p->threads.a[c], a1);
	c = child_towards(p, i2, i1);
	if (c >= 0)
		return elder_overlaps(&p->threads.a[c], a2);
	if (root_of(p, i1) != root_of(p, i2)) {
		/* Library entry points run one at a time, their threads not. */
		return t1->parent >= 0 || t2->parent >= 0;
	}
	/* Siblings below their lowest common ancestor. */
	for (int32_t anc = t1->parent; anc >= 0; anc = p->threads.a[anc].parent) {
		int32_t c1 = child_towards(p, anc, i1);
		int32_t c2 = child_towards(p, anc, i2);
		if (c1 < 0 || c2 < 0)
			continue;
		return siblings_overlap(&p->threads.a[c1], &p->threads.a[c2]);
	}
	return true;
}

const char *thread_describe(const struct program *p, const struct thread *t)
{
	(void)p;
	if (t->is_main)
		return intern("main");
	return t->name;
}
