// SPDX-License-Identifier: MIT
/*
 * lockset.c - the data-race check.
 *
 * Pass: checks.  Input: a linked program's threads.  Output: data-race
 * findings.  Two accesses race when they touch one location, at least one
 * writes, not both are atomic, their threads may run at once
 * (threads_concurrent) and no lock is held at both -- where a lock held for
 * reading at both does not count, since it does not exclude a write.
 *
 * A multi-instance thread races with itself, unless the location is private
 * to each instance: its own locals and allocations, the object its argument
 * points to when that argument differs per instance (&jobs[i]), or an array
 * element indexed by a value derived from such an argument (results[id]).
 *
 * One report per pair of source locations, however many thread pairs reach
 * it; the first pair found (threads in creation order) gives the evidence.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "checks.h"
#include "diag.h"
#include "link.h"

struct ref {
	uint32_t thread;
	uint32_t acc;
};

struct bucket {
	const struct apath *path;
	VEC(struct ref) refs;
	bool has_write;
};

static bool shared_root(const struct apath *p)
{
	switch (p->kind) {
	case ROOT_GLOBAL:
	case ROOT_TYPE:
	case ROOT_LOCAL:
	case ROOT_ALLOC:
		return true;
	default:
		return false;
	}
}

/*
 * Two threads running one function with different constant arguments
 * ((void *)0 and (void *)1) index different elements with values derived
 * from them.
 */
static bool split_by_argument(const struct thread *t1, const struct sacc *a1,
			      const struct thread *t2, const struct sacc *a2)
{
	return t1 != t2 && t1->fn == t2->fn && a1->idx_from_arg &&
	       a2->idx_from_arg && t1->arg.is_const && t2->arg.is_const &&
	       t1->arg.cval != t2->arg.cval;
}

static bool protected_by_common_lock(const struct idset *l1,
				     const struct idset *l2)
{
	for (uint32_t i = 0; i < l1->n; i++) {
		uint32_t k = l1->v[i];
		uint32_t base = k & ~1u;
		bool r1 = (k & 1u) == LK_READ;
		bool in_w = idset_has(l2, base | LK_MUTEX);
		bool in_r = idset_has(l2, base | LK_READ);
		if (in_w || (in_r && !r1))
			return true;
	}
	return false;
}

static bool is_ancestor(const struct program *p, const struct thread *anc,
			const struct thread *t)
{
	for (int32_t x = t->parent; x >= 0; x = p->threads.a[x].parent)
		if (x == (int32_t)anc->id)
			return true;
	return false;
}

/*
 * The locks that order a's thread against `other`: those a holds, and
 * those its creator holds for its whole life -- except against the
 * creator itself (or the creator's own creators), which runs beside it.
 */
static const struct idset *effective_locks(const struct program *p,
					   const struct thread *t,
					   const struct sacc *a,
					   const struct thread *other)
{
	if (!t->creation_locks || !t->creation_locks->n || t == other ||
	    is_ancestor(p, other, t))
		return a->locks;
	return idset_union(a->locks, t->creation_locks);
}

/* "holding 'a' and 'b' (for reading)", by name: lock ids are not stable. */
static const char *locks_text(const struct idset *l)
{
	if (!l->n)
		return intern("holding no lock");
	const char **names = xmalloc(sizeof(*names) * l->n);
	for (uint32_t i = 0; i < l->n; i++)
		names[i] = internf("'%s'%s", apath_render(LOCK_PATH(l->v[i])),
				   LOCK_MODE(l->v[i]) == LK_READ
					   ? " (for reading)" : "");
	fc_sort(names, l->n, sizeof(*names), fc_cmp_str);
	struct sb b = { 0 };
	sb_puts(&b, "holding ");
	for (uint32_t i = 0; i < l->n; i++) {
		if (i)
			sb_puts(&b, i + 1 == l->n ? " and " : ", ");
		sb_puts(&b, names[i]);
	}
	free(names);
	const char *r = intern(sb_str(&b));
	sb_free(&b);
	return r;
}

static const char *rw(const struct sacc *a)
{
	if (a->flags & EVF_ATOMIC)
		return a->flags & EVF_WRITE ? "atomic write" : "atomic read";
	return a->flags & EVF_WRITE ? "write" : "read";
}

static int pos_cmp(struct pos a, struct pos b)
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

/* Notes for the calls that lead from a thread's entry to an access. */
void checks_note_chain(struct finding_builder *fb, const struct chain *ch)
{
	for (; ch; ch = ch->next)
		diag_note(fb, ch->pos, "'%s' calls '%s' here", ch->caller,
			  ch->callee);
}

void checks_note_thread(struct finding_builder *fb, const struct program *p,
			const struct thread *t)
{
	if (!t->spawn) {
		if (!t->is_main && p->main_fn < 0)
			return;	/* a library entry point */
		return;
	}
	const struct thread *parent = &p->threads.a[t->parent];
	const char *many = t->multi ? " (many instances)" : "";
	if (t->spawn->chain) {
		/* Created in a callee: show where the creating call is. */
		diag_note(fb, t->spawn->pos,
			  "thread '%s'%s created here, in '%s'", t->name,
			  many, t->spawn->in_fn);
		checks_note_chain(fb, t->spawn->chain);
	} else {
		diag_note(fb, t->spawn->pos, "thread '%s'%s created here by "
			  "thread '%s'", t->name, many,
			  thread_describe(p, parent));
	}
	/* The other places that create the same thread. */
	for (size_t k = 1; k < t->spawns.n && k < 4; k++) {
		const struct sspawn *sp = t->spawns.a[k];
		if (sp->pos.line == t->spawn->pos.line &&
		    sp->pos.file == t->spawn->pos.file)
			continue;
		diag_note(fb, sp->pos, "and here");
	}
}

static void report(const struct program *p, const struct apath *path,
		   const struct thread *t1, const struct sacc *a1,
		   const struct thread *t2, const struct sacc *a2)
{
	/* The write goes first; between two writes, the earlier one. */
	bool swap = false;
	if (!(a1->flags & EVF_WRITE) && (a2->flags & EVF_WRITE))
		swap = true;
	else if ((a1->flags & EVF_WRITE) == (a2->flags & EVF_WRITE) &&
		 pos_cmp(a2->pos, a1->pos) < 0)
		swap = true;
	if (swap) {
		const struct thread *tt = t1;
		const struct sacc *ta = a1;
		t1 = t2, a1 = a2, t2 = tt, a2 = ta;
	}
	const char *loc = apath_render(path);
	struct finding_builder fb;
	const char *same = t1 == t2 ? " (another instance)" : "";
	diag_begin(&fb, "data-race", a1->pos,
		   "data race on '%s': %s in thread '%s' %s", loc, rw(a1),
		   thread_describe(p, t1), locks_text(a1->locks));
	checks_note_chain(&fb, a1->chain);
	diag_note(&fb, a2->pos, "conflicting %s in thread '%s'%s %s", rw(a2),
		  thread_describe(p, t2), same, locks_text(a2->locks));
	checks_note_chain(&fb, a2->chain);
	checks_note_thread(&fb, p, t1);
	if (t2 != t1)
		checks_note_thread(&fb, p, t2);
	diag_fingerprint(&fb, "%s|%s|%s|%s", loc, rw(a1), rw(a2),
			 thread_describe(p, t1));
	struct sb key = { 0 };
	struct pos x = a1->pos, y = a2->pos;
	if (pos_cmp(y, x) < 0) {
		struct pos z = x;
		x = y, y = z;
	}
	sb_printf(&key, "data-race|%s:%u:%u|%s:%u:%u", x.file ? x.file : "",
		  x.line, x.col, y.file ? y.file : "", y.line, y.col);
	diag_end(&fb, sb_str(&key));
	sb_free(&key);
}

static int cmp_bucket(const void *a, const void *b)
{
	const struct bucket *x = a, *y = b;
	return (x->path->id > y->path->id) - (x->path->id < y->path->id);
}

/* FEARCHECK_DEBUG=threads: every thread's accesses, for debugging. */
static void debug_dump(const struct program *p)
{
	const char *d = getenv("FEARCHECK_DEBUG");
	if (!d || !strstr(d, "threads"))
		return;
	for (size_t ti = 0; ti < p->threads.n; ti++) {
		const struct thread *t = &p->threads.a[ti];
		fprintf(stderr, "thread %zu '%s' parent %d%s\n", ti, t->name,
			t->parent, t->multi ? " multi" : "");
		for (size_t i = 0; i < t->acc.n; i++) {
			const struct sacc *a = &t->acc.a[i];
			fprintf(stderr, "  %s:%u:%u %s %s [%s]%s%s\n",
				a->pos.file, a->pos.line, a->pos.col,
				a->flags & EVF_WRITE ? "W" : "R",
				apath_render(a->path),
				a->path->owner ? a->path->owner : "-",
				a->private_inst ? " private" : "",
				locks_text(a->locks));
		}
	}
}

void check_data_race(struct program *p)
{
	debug_dump(p);
	/* Bucket accesses by location. */
	size_t cap = 1024, nb = 0;
	struct bucket *bk = xcalloc(cap, sizeof(*bk));
	int32_t *index = NULL;	/* path id -> bucket */
	size_t index_n = 0;
	for (size_t ti = 0; ti < p->threads.n; ti++) {
		const struct thread *t = &p->threads.a[ti];
		for (size_t ai = 0; ai < t->acc.n; ai++) {
			const struct sacc *a = &t->acc.a[ai];
			if (!a->path || !shared_root(a->path))
				continue;
			uint32_t id = a->path->id;
			if (id >= index_n) {
				size_t nn = FC_MAX(index_n * 2, (size_t)id + 1024);
				index = xrealloc(index, sizeof(int32_t) * nn);
				for (size_t k = index_n; k < nn; k++)
					index[k] = -1;
				index_n = nn;
			}
			if (index[id] < 0) {
				if (nb == cap) {
					cap *= 2;
					bk = xrealloc(bk, sizeof(*bk) * cap);
					memset(bk + nb, 0, sizeof(*bk) * (cap - nb));
				}
				bk[nb].path = a->path;
				index[id] = (int32_t)nb++;
			}
			struct bucket *b = &bk[index[id]];
			vec_push(&b->refs, ((struct ref){ (uint32_t)ti,
							  (uint32_t)ai }));
			if (a->flags & EVF_WRITE)
				b->has_write = true;
		}
	}
	free(index);
	fc_sort(bk, nb, sizeof(*bk), cmp_bucket);
	for (size_t bi = 0; bi < nb; bi++) {
		struct bucket *b = &bk[bi];
		if (!b->has_write) {
			vec_free(&b->refs);
			continue;
		}
		for (size_t i = 0; i < b->refs.n; i++) {
			const struct thread *t1 = &p->threads.a[b->refs.a[i].thread];
			const struct sacc *a1 = &t1->acc.a[b->refs.a[i].acc];
			for (size_t j = i; j < b->refs.n; j++) {
				const struct thread *t2 =
					&p->threads.a[b->refs.a[j].thread];
				const struct sacc *a2 =
					&t2->acc.a[b->refs.a[j].acc];
				if (!((a1->flags | a2->flags) & EVF_WRITE))
					continue;
				if ((a1->flags & a2->flags) & EVF_ATOMIC)
					continue;
				if (t1 == t2 && (!t1->multi || a1->private_inst ||
						 a2->private_inst))
					continue;
				if (protected_by_common_lock(
					    effective_locks(p, t1, a1, t2),
					    effective_locks(p, t2, a2, t1)))
					continue;
				if (split_by_argument(t1, a1, t2, a2))
					continue;
				if (!threads_concurrent(p, t1, a1, t2, a2))
					continue;
				report(p, b->path, t1, a1, t2, a2);
			}
		}
		vec_free(&b->refs);
	}
	free(bk);
}
