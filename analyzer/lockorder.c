// SPDX-License-Identifier: MIT
/*
 * lockorder.c - the lock-order check: cycles in the whole program's
 * lock-order graph, and the graph itself for --graph.
 *
 * Pass: checks.  Input: a linked program's threads.  Output: lock-order
 * findings (and a Graphviz file).  There is an edge A -> B whenever a thread
 * acquires B while it holds A on some path, through calls and across files.  A
 * cycle is a potential deadlock when its edges can be taken by threads
 * running at once, each holding its first lock while waiting for the next.
 *
 * No report when: every edge comes from one thread that runs alone; a
 * common outer ("gate") lock is held at every edge; the acquisition at the
 * end of an edge is a trylock (it backs off instead of waiting); every
 * edge holds and takes read locks of a (reader-preferring) rwlock.
 *
 * DESIGN
 * Edges are collected with every witness (thread, acquisition).  Strongly
 * connected components of the graph are searched for cycles: for each edge
 * u -> v of a component, the shortest path back from v to u closes one;
 * cycles are deduplicated by their canonical rotation and capped per
 * component.  For each cycle, witnesses are chosen by a bounded search so
 * that the threads are distinct (or one thread of many instances), may run
 * at the same time, share no gate lock and are not all readers.  Evidence:
 * for each edge, where the held lock was taken, where the next was taken
 * while holding it, the calls leading there, and where the thread was
 * created.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "checks.h"
#include "diag.h"
#include "link.h"

#define FC_MAX_CYCLES_PER_SCC 64
#define FC_MAX_CYCLE_LEN 16
#define FC_MAX_WITNESS_TRIES 4096

const char *checks_graph_file;

struct witness {
	uint32_t thread;
	uint32_t acq;		/* index into the thread's acq */
	uint8_t held_mode;	/* how the edge's first lock is held */
};

struct edge_rec {
	uint32_t from, to;	/* node indices */
	VEC(struct witness) w;
	bool in_cycle;		/* for the graph */
};

struct node {
	const struct apath *lock;
	VEC(uint32_t) out;	/* edge indices */
	/* Tarjan */
	int32_t index, low;
	bool on_stack;
	int32_t scc;
};

struct graph {
	struct program *p;
	VEC(struct node) nodes;
	VEC(struct edge_rec) edges;
	int32_t *node_of;	/* path id -> node, -1 */
	size_t node_of_n;
	/* edge lookup: (from, to) -> edge, open addressing */
	uint64_t *ekey;
	uint32_t *eval;
	size_t ecap, en;
};

static uint32_t node_for(struct graph *g, const struct apath *lock)
{
	if (lock->id >= g->node_of_n) {
		size_t nn = FC_MAX(g->node_of_n * 2, (size_t)lock->id + 256);
		g->node_of = xrealloc(g->node_of, sizeof(int32_t) * nn);
		for (size_t i = g->node_of_n; i < nn; i++)
			g->node_of[i] = -1;
		g->node_of_n = nn;
	}
	if (g->node_of[lock->id] < 0) {
		struct node n = { .lock = lock, .index = -1, .scc = -1 };
		vec_push(&g->nodes, n);
		g->node_of[lock->id] = (int32_t)g->nodes.n - 1;
	}
	return (uint32_t)g->node_of[lock->id];
}

static struct edge_rec *edge_for(struct graph *g, uint32_t from, uint32_t to)
{
	uint64_t k = (((uint64_t)from << 32) | to) + 1;
	if (g->en * 2 >= g->ecap) {
		size_t nc = g->ecap ? g->ecap * 2 : 256;
		uint64_t *nk = xcalloc(nc, sizeof(*nk));
		uint32_t *nv = xcalloc(nc, sizeof(*nv));
		for (size_t i = 0; i < g->ecap; i++) {
			if (!g->ekey[i])
				continue;
			size_t j = fc_hash_mix(g->ekey[i], 0) & (nc - 1);
			while (nk[j])
				j = (j + 1) & (nc - 1);
			nk[j] = g->ekey[i];
			nv[j] = g->eval[i];
		}
		free(g->ekey);
		free(g->eval);
		g->ekey = nk;
		g->eval = nv;
		g->ecap = nc;
	}
	size_t j = fc_hash_mix(k, 0) & (g->ecap - 1);
	while (g->ekey[j]) {
		if (g->ekey[j] == k)
			return &g->edges.a[g->eval[j]];
		j = (j + 1) & (g->ecap - 1);
	}
	g->ekey[j] = k;
	g->eval[j] = (uint32_t)g->edges.n;
	g->en++;
	struct edge_rec e = { .from = from, .to = to };
	vec_push(&g->edges, e);
	vec_push(&g->nodes.a[from].out, (uint32_t)g->edges.n - 1);
	return &g->edges.a[g->edges.n - 1];
}

static void collect(struct graph *g)
{
	struct program *p = g->p;
	for (size_t ti = 0; ti < p->threads.n; ti++) {
		const struct thread *t = &p->threads.a[ti];
		for (size_t qi = 0; qi < t->acq.n; qi++) {
			const struct sacq *q = &t->acq.a[qi];
			if (!q->lock || (q->flags & EVF_TRY))
				continue;	/* a trylock never waits */
			/*
			 * Held on some path is enough: a lock taken only when
			 * a condition holds makes the order on that path.
			 */
			for (uint32_t h = 0; h < q->may_held->n; h++) {
				const struct apath *a =
					LOCK_PATH(q->may_held->v[h]);
				if (!a || a == q->lock)
					continue;
				/*
				 * Two objects of one class taken in an order
				 * a comparison fixed (`if (a < b)`): the same
				 * order in every thread, whatever their names
				 * here.
				 */
				if ((q->flags & EVF_ORDERED) && a->fallback &&
				    a->fallback == q->lock->fallback)
					continue;
				uint32_t from = node_for(g, a);
				uint32_t to = node_for(g, q->lock);
				struct edge_rec *e = edge_for(g, from, to);
				if (e->w.n < 64) {
					struct witness w = {
						(uint32_t)ti, (uint32_t)qi,
						(uint8_t)LOCK_MODE(
							q->may_held->v[h]) };
					vec_push(&e->w, w);
				}
			}
		}
	}
}

/* ------------------------------------------------------------- Tarjan */

static void tarjan(struct graph *g)
{
	int32_t index = 0, nscc = 0;
	size_t n = g->nodes.n;
	uint32_t *stack = xmalloc(sizeof(uint32_t) * (n + 1));
	size_t sp = 0;
	/* Iterative DFS: (node, next out-edge position). */
	uint32_t *cs_node = xmalloc(sizeof(uint32_t) * (n + 1));
	uint32_t *cs_pos = xmalloc(sizeof(uint32_t) * (n + 1));
	for (uint32_t s = 0; s < n; s++) {
		if (g->nodes.a[s].index >= 0)
			continue;
		size_t csp = 0;
		cs_node[csp] = s;
		cs_pos[csp++] = 0;
		g->nodes.a[s].index = g->nodes.a[s].low = index++;
		stack[sp++] = s;
		g->nodes.a[s].on_stack = true;
		while (csp) {
			uint32_t v = cs_node[csp - 1];
			struct node *nv = &g->nodes.a[v];
			if (cs_pos[csp - 1] < nv->out.n) {
				uint32_t w = g->edges.a[nv->out.a[cs_pos[csp - 1]++]].to;
				struct node *nw = &g->nodes.a[w];
				if (nw->index < 0) {
					nw->index = nw->low = index++;
					stack[sp++] = w;
					nw->on_stack = true;
					cs_node[csp] = w;
					cs_pos[csp++] = 0;
				} else if (nw->on_stack && nw->index < nv->low) {
					nv->low = nw->index;
				}
				continue;
			}
			if (nv->low == nv->index) {
				uint32_t w;
				do {
					w = stack[--sp];
					g->nodes.a[w].on_stack = false;
					g->nodes.a[w].scc = nscc;
				} while (w != v);
				nscc++;
			}
			csp--;
			if (csp) {
				struct node *parent = &g->nodes.a[cs_node[csp - 1]];
				if (nv->low < parent->low)
					parent->low = nv->low;
			}
		}
	}
	free(stack);
	free(cs_node);
	free(cs_pos);
}

/* ----------------------------------------------------------- witnesses */

static bool lock_in_set(const struct idset *s, const struct apath *lock)
{
	return idset_has(s, LOCK_KEY(lock, LK_MUTEX)) ||
	       idset_has(s, LOCK_KEY(lock, LK_READ));
}

static bool chain_prefix(const struct chain *a, const struct chain *b)
{
	for (; a; a = a->next, b = b->next) {
		if (!b || a->pos.line != b->pos.line || a->pos.col != b->pos.col ||
		    a->pos.file != b->pos.file)
			return false;
	}
	return true;
}

static int pos_cmp(struct pos a, struct pos b)
{
	int c = strcmp(a.file ? a.file : "", b.file ? b.file : "");
	if (c)
		return c;
	if (a.line != b.line)
		return a.line < b.line ? -1 : 1;
	return a.col < b.col ? -1 : a.col > b.col;
}

/*
 * Where thread t took `lock` before its acquisition q: an acquisition of it
 * in the same or an enclosing frame, the last one before q when they are in
 * the same function.
 */
static const struct sacq *held_site(const struct thread *t,
				    const struct sacq *q,
				    const struct apath *lock)
{
	const struct sacq *best = NULL;
	for (size_t i = 0; i < t->acq.n; i++) {
		const struct sacq *r = &t->acq.a[i];
		if (r->lock != lock || r == q || lock_in_set(r->held, lock))
			continue;
		if (!chain_prefix(r->chain, q->chain))
			continue;
		if (!best || (pos_cmp(r->pos, q->pos) < 0 &&
			      (pos_cmp(best->pos, q->pos) > 0 ||
			       pos_cmp(r->pos, best->pos) > 0)))
			best = r;
	}
	if (!best)
		for (size_t i = 0; i < t->acq.n && !best; i++)
			if (t->acq.a[i].lock == lock && &t->acq.a[i] != q)
				best = &t->acq.a[i];
	return best;
}

static struct sacc as_access(const struct sacq *q)
{
	struct sacc a = { .pos = q->pos, .locks = q->held,
			  .running = q->running, .curr = idset_empty(),
			  .loops = idset_empty() };
	return a;
}

struct cycle {
	uint32_t n;
	uint32_t edge[FC_MAX_CYCLE_LEN];
	uint32_t pick[FC_MAX_CYCLE_LEN];	/* witness index per edge */
};

/*
 * Are the chosen witnesses a possible deadlock?  Distinct threads (or one
 * thread of many instances) that may run together, no common gate lock,
 * not all readers.
 */
static bool witnesses_ok(struct graph *g, const struct cycle *c)
{
	struct program *p = g->p;
	bool all_read = true, all_same_single = true;
	uint32_t first_thread = 0;
	const struct sacq *qs[FC_MAX_CYCLE_LEN];
	for (uint32_t i = 0; i < c->n; i++) {
		const struct edge_rec *e = &g->edges.a[c->edge[i]];
		const struct witness *w = &e->w.a[c->pick[i]];
		const struct thread *t = &p->threads.a[w->thread];
		const struct sacq *q = &t->acq.a[w->acq];
		qs[i] = q;
		if (i == 0)
			first_thread = w->thread;
		if (w->thread != first_thread || t->multi)
			all_same_single = false;
		if (!(w->held_mode == LK_READ && q->mode == LK_READ &&
		      q->family == LF_RWLOCK))
			all_read = false;
		for (uint32_t j = 0; j < i; j++) {
			const struct edge_rec *e2 = &g->edges.a[c->edge[j]];
			const struct witness *w2 = &e2->w.a[c->pick[j]];
			const struct thread *t2 = &p->threads.a[w2->thread];
			if (w2->thread == w->thread && !t->multi)
				return false;	/* one thread waits once */
			struct sacc a1 = as_access(q), a2 = as_access(qs[j]);
			if (w2->thread != w->thread &&
			    !threads_concurrent(p, t, &a1, t2, &a2))
				return false;
		}
	}
	if (all_same_single || all_read)
		return false;
	/*
	 * A gate: a lock outside the cycle held at every edge, and held for
	 * writing at one of them at least, so no two edges run at once.
	 */
	const struct idset *h0 = qs[0]->held;
	for (uint32_t k = 0; k < h0->n; k++) {
		const struct apath *l = LOCK_PATH(h0->v[k]);
		bool in_cycle = false, everywhere = true, writer = false;
		for (uint32_t i = 0; i < c->n; i++) {
			const struct edge_rec *e = &g->edges.a[c->edge[i]];
			if (g->nodes.a[e->from].lock == l)
				in_cycle = true;
			if (idset_has(qs[i]->held, LOCK_KEY(l, LK_MUTEX)))
				writer = true;
			else if (!idset_has(qs[i]->held, LOCK_KEY(l, LK_READ)))
				everywhere = false;
		}
		if (!in_cycle && everywhere && writer)
			return false;
	}
	return true;
}

static bool choose(struct graph *g, struct cycle *c, uint32_t i,
		   unsigned *tries)
{
	if (i == c->n)
		return witnesses_ok(g, c);
	const struct edge_rec *e = &g->edges.a[c->edge[i]];
	for (uint32_t k = 0; k < e->w.n; k++) {
		if (++*tries > FC_MAX_WITNESS_TRIES)
			return false;
		c->pick[i] = k;
		if (choose(g, c, i + 1, tries))
			return true;
	}
	return false;
}

/* ------------------------------------------------------------- report */

static const char *thread_name(const struct program *p, uint32_t ti)
{
	return thread_describe(p, &p->threads.a[ti]);
}

static bool same_class(struct graph *g, const struct cycle *c)
{
	/* Every lock the same field of the same struct type? */
	const char *sel = NULL;
	for (uint32_t i = 0; i < c->n; i++) {
		const struct apath *l = g->nodes.a[g->edges.a[c->edge[i]].from].lock;
		const struct apath *fb = l->fallback;
		const char *s = fb ? internf("%s%s", fb->root, fb->sel) : NULL;
		if (!s || (sel && sel != s))
			return false;
		sel = s;
	}
	return true;
}

static void report(struct graph *g, const struct cycle *c)
{
	struct program *p = g->p;
	struct sb msg = { 0 }, key = { 0 };
	const struct edge_rec *e0 = &g->edges.a[c->edge[0]];
	const struct witness *w0 = &e0->w.a[c->pick[0]];
	const struct thread *t0 = &p->threads.a[w0->thread];
	const struct sacq *q0 = &t0->acq.a[w0->acq];
	if (c->n == 2) {
		const char *a = apath_render(g->nodes.a[e0->from].lock);
		const char *b = apath_render(g->nodes.a[e0->to].lock);
		sb_printf(&msg, "lock order inversion: '%s' acquired while "
			  "holding '%s', elsewhere '%s' while holding '%s'",
			  b, a, a, b);
	} else {
		sb_puts(&msg, "lock order cycle: ");
		for (uint32_t i = 0; i < c->n; i++)
			sb_printf(&msg, "'%s' -> ", apath_render(
				g->nodes.a[g->edges.a[c->edge[i]].from].lock));
		sb_printf(&msg, "'%s'", apath_render(g->nodes.a[e0->from].lock));
	}
	if (same_class(g, c))
		sb_printf(&msg, " (two instances of '%s' taken in both orders)",
			  apath_render(g->nodes.a[e0->from].lock->fallback));
	struct finding_builder fb;
	diag_begin(&fb, "lock-order", q0->pos, "%s", sb_str(&msg));
	sb_puts(&key, "lock-order");
	for (uint32_t i = 0; i < c->n; i++) {
		const struct edge_rec *e = &g->edges.a[c->edge[i]];
		const struct witness *w = &e->w.a[c->pick[i]];
		const struct thread *t = &p->threads.a[w->thread];
		const struct sacq *q = &t->acq.a[w->acq];
		const struct apath *a = g->nodes.a[e->from].lock;
		const struct apath *b = g->nodes.a[e->to].lock;
		const struct sacq *r = held_site(t, q, a);
		const char *tn = thread_name(p, w->thread);
		if (r) {
			diag_note(&fb, r->pos, "thread '%s' acquires '%s' here",
				  tn, apath_render(a));
			checks_note_chain(&fb, r->chain);
		}
		diag_note(&fb, q->pos, "then '%s' here, while holding '%s'%s",
			  apath_render(b), apath_render(a),
			  q->mode == LK_READ ? " (for reading)" : "");
		checks_note_chain(&fb, q->chain);
		checks_note_thread(&fb, p, t);
		diag_fingerprint(&fb, "%s>%s", apath_render(a), apath_render(b));
		sb_printf(&key, "|%u", a->id);
	}
	diag_end(&fb, sb_str(&key));
	sb_free(&msg);
	sb_free(&key);
}

/* ----------------------------------------------- instances of one lock */

/*
 * A lock that stands for many objects (an array element, `&locks[i]`; a
 * class, `struct account.mu`) acquired while another of its objects is
 * held: forks[i] then forks[(i + 1) % N], transfer(a, b) locking a then
 * b.  The graph cannot see this (one node, a self edge), but two threads
 * doing it to the same two objects in turn deadlock, and N instances of a
 * philosopher close a cycle of N.  Not reported when an order is fixed:
 * the second (or first) was picked by a comparison (EVF_ORDERED: `lo =
 * MIN(i, j)`, `if (a < b)`), it is a trylock, a gate lock is held across
 * both, the two acquisitions are one site (a loop taking them in index
 * order), or no other thread can do the same at the same time.
 */
static bool many_objects(const struct sacq *q)
{
	return (q->flags & EVF_INDEXED) || q->lock->kind == ROOT_TYPE ||
	       strstr(q->lock->sel, "[]");	/* an element, wherever */
}

static const struct sacq *nested_instance(const struct thread *t,
					  const struct sacq *q)
{
	/* Held for sure: one object of the class, then another. */
	if (!q->lock || (q->flags & (EVF_TRY | EVF_ORDERED)) ||
	    !lock_in_set(q->held, q->lock))
		return NULL;
	const struct sacq *r = held_site(t, q, q->lock);
	if (!r || (r->flags & EVF_ORDERED) ||
	    (!many_objects(q) && !many_objects(r)) ||
	    /* pair[0] then pair[1]: the code fixes the order. */
	    ((q->flags & EVF_CONST_INDEX) && (r->flags & EVF_CONST_INDEX)) ||
	    /*
	     * Held into a loop that takes the next one (hand over hand
	     * along a list): the order is the links'.
	     */
	    ((q->flags & EVF_IN_LOOP) && !(r->flags & EVF_IN_LOOP)) ||
	    (r->pos.file == q->pos.file && r->pos.line == q->pos.line &&
	     r->pos.col == q->pos.col))
		return NULL;
	/* A gate: another lock held for sure across both. */
	for (uint32_t i = 0; i < q->held->n; i++) {
		const struct apath *g = LOCK_PATH(q->held->v[i]);
		if (g && g != q->lock && lock_in_set(r->held, g))
			return NULL;
	}
	return r;
}

static void nested_instances(struct graph *g)
{
	struct program *p = g->p;
	for (size_t ti = 0; ti < p->threads.n; ti++) {
		const struct thread *t = &p->threads.a[ti];
		for (size_t qi = 0; qi < t->acq.n; qi++) {
			const struct sacq *q = &t->acq.a[qi];
			const struct sacq *r = nested_instance(t, q);
			if (!r)
				continue;
			/* Another instance, or another thread, doing it too. */
			bool twice = t->multi;
			for (size_t ui = 0; ui < p->threads.n && !twice; ui++) {
				const struct thread *u = &p->threads.a[ui];
				if (u == t)
					continue;
				for (size_t k = 0; k < u->acq.n && !twice; k++)
					twice = u->acq.a[k].lock == q->lock &&
						nested_instance(u,
								&u->acq.a[k]);
			}
			if (!twice)
				continue;
			/* One finding per site: the report keeps one per key. */
			const char *key = internf("lock-order|nested|%u|%s:%u:%u",
						  q->lock->id,
						  q->pos.file ? q->pos.file : "",
						  q->pos.line, q->pos.col);
			const char *l = apath_render(q->lock);
			struct finding_builder fb;
			diag_begin(&fb, "lock-order", q->pos, "'%s' acquired "
				   "while holding another '%s': instances of "
				   "one lock taken nested in no fixed order can "
				   "deadlock", l, l);
			diag_note(&fb, r->pos, "thread '%s' acquires one '%s' "
				  "here", thread_name(p, (uint32_t)ti), l);
			checks_note_chain(&fb, r->chain);
			diag_note(&fb, q->pos, "then another here, while "
				  "holding it; nothing orders the two (take "
				  "them by index or address, e.g. the lower "
				  "first)");
			checks_note_chain(&fb, q->chain);
			checks_note_thread(&fb, p, t);
			diag_fingerprint(&fb, "nested>%s", l);
			diag_end(&fb, key);
		}
	}
}

/* --------------------------------------------------------------- cycles */

/* Shortest path from `from` to `to` inside one SCC, as edge indices. */
static uint32_t shortest(struct graph *g, uint32_t from, uint32_t to,
			 uint32_t *out)
{
	size_t n = g->nodes.n;
	int32_t *via = xmalloc(sizeof(int32_t) * n);
	uint32_t *q = xmalloc(sizeof(uint32_t) * (n + 1));
	for (size_t i = 0; i < n; i++)
		via[i] = -2;
	size_t h = 0, tl = 0;
	q[tl++] = from;
	via[from] = -1;
	int32_t scc = g->nodes.a[from].scc;
	while (h < tl && via[to] == -2) {
		uint32_t v = q[h++];
		for (size_t k = 0; k < g->nodes.a[v].out.n; k++) {
			uint32_t ei = g->nodes.a[v].out.a[k];
			uint32_t w = g->edges.a[ei].to;
			if (g->nodes.a[w].scc != scc || via[w] != -2)
				continue;
			via[w] = (int32_t)ei;
			q[tl++] = w;
		}
	}
	uint32_t len = 0;
	if (via[to] != -2 && from != to) {
		uint32_t tmp[FC_MAX_CYCLE_LEN];
		uint32_t v = to;
		while (v != from && len < FC_MAX_CYCLE_LEN) {
			uint32_t ei = (uint32_t)via[v];
			tmp[len++] = ei;
			v = g->edges.a[ei].from;
		}
		if (v != from)
			len = 0;
		for (uint32_t i = 0; i < len; i++)
			out[i] = tmp[len - 1 - i];
	}
	free(via);
	free(q);
	return len;
}

static int cmp_u32(const void *a, const void *b)
{
	uint32_t x = *(const uint32_t *)a, y = *(const uint32_t *)b;
	return (x > y) - (x < y);
}

struct seen_cycles {
	VEC(const char *) keys;
};

static bool seen_cycle(struct seen_cycles *s, struct graph *g,
		       const struct cycle *c)
{
	uint32_t ids[FC_MAX_CYCLE_LEN];
	for (uint32_t i = 0; i < c->n; i++)
		ids[i] = c->edge[i];
	fc_sort(ids, c->n, sizeof(uint32_t), cmp_u32);
	struct sb b = { 0 };
	for (uint32_t i = 0; i < c->n; i++)
		sb_printf(&b, "%u,", ids[i]);
	const char *k = intern(sb_str(&b));
	sb_free(&b);
	(void)g;
	for (size_t i = 0; i < s->keys.n; i++)
		if (s->keys.a[i] == k)
			return true;
	vec_push(&s->keys, k);
	return false;
}

/* Rotates the cycle to start at its edge from the lowest-named lock. */
static void canonical(struct graph *g, struct cycle *c)
{
	uint32_t best = 0;
	for (uint32_t i = 1; i < c->n; i++) {
		const char *x = apath_render(
			g->nodes.a[g->edges.a[c->edge[i]].from].lock);
		const char *y = apath_render(
			g->nodes.a[g->edges.a[c->edge[best]].from].lock);
		if (strcmp(x, y) < 0)
			best = i;
	}
	uint32_t tmp[FC_MAX_CYCLE_LEN];
	for (uint32_t i = 0; i < c->n; i++)
		tmp[i] = c->edge[(best + i) % c->n];
	memcpy(c->edge, tmp, sizeof(uint32_t) * c->n);
}

static void find_cycles(struct graph *g)
{
	struct seen_cycles seen = { 0 };
	int32_t nscc = 0;
	for (size_t i = 0; i < g->nodes.n; i++)
		nscc = FC_MAX(nscc, g->nodes.a[i].scc + 1);
	uint32_t *count = xcalloc((size_t)nscc + 1, sizeof(uint32_t));
	for (size_t ei = 0; ei < g->edges.n; ei++) {
		const struct edge_rec *e = &g->edges.a[ei];
		int32_t scc = g->nodes.a[e->from].scc;
		if (scc != g->nodes.a[e->to].scc)
			continue;
		if (count[scc] >= FC_MAX_CYCLES_PER_SCC)
			continue;
		struct cycle c = { 0 };
		c.edge[0] = (uint32_t)ei;
		uint32_t len = shortest(g, e->to, e->from, c.edge + 1);
		if (!len || len + 1 > FC_MAX_CYCLE_LEN)
			continue;
		c.n = len + 1;
		if (seen_cycle(&seen, g, &c))
			continue;
		count[scc]++;
		canonical(g, &c);
		unsigned tries = 0;
		if (!choose(g, &c, 0, &tries))
			continue;
		for (uint32_t i = 0; i < c.n; i++)
			g->edges.a[c.edge[i]].in_cycle = true;
		report(g, &c);
	}
	free(count);
	vec_free(&seen.keys);
}

/* ---------------------------------------------------------------- graph */

static void dot_string(FILE *f, const char *s)
{
	fputc('"', f);
	for (; *s; s++) {
		if (*s == '"' || *s == '\\')
			fputc('\\', f);
		if ((unsigned char)*s >= 0x20)
			fputc(*s, f);
	}
	fputc('"', f);
}

static void write_graph(struct graph *g, FILE *f, unsigned cluster)
{
	struct program *p = g->p;
	fprintf(f, "  subgraph cluster_%u {\n    label=", cluster);
	dot_string(f, p->name);
	fputs(";\n", f);
	for (size_t i = 0; i < g->nodes.n; i++) {
		fprintf(f, "    n%u_%zu [label=", cluster, i);
		dot_string(f, apath_render(g->nodes.a[i].lock));
		fputs("];\n", f);
	}
	for (size_t i = 0; i < g->edges.n; i++) {
		const struct edge_rec *e = &g->edges.a[i];
		const struct witness *w = &e->w.a[0];
		const struct sacq *q = &p->threads.a[w->thread].acq.a[w->acq];
		char site[512];
		snprintf(site, sizeof(site), "%s:%u (%s)",
			 q->pos.file ? q->pos.file : "?", q->pos.line,
			 thread_name(p, w->thread));
		fprintf(f, "    n%u_%u -> n%u_%u [label=", cluster, e->from,
			cluster, e->to);
		dot_string(f, site);
		if (e->in_cycle)
			fputs(", color=red, fontcolor=red, penwidth=2", f);
		fputs("];\n", f);
	}
	fputs("  }\n", f);
}

static FILE *graph_out;
static unsigned graph_clusters;

/*
 * checks_graph_finish - close the --graph file, if any.  Returns 0, or -1
 * when it could not be written.
 */
int checks_graph_finish(void)
{
	if (!graph_out)
		return 0;
	fputs("}\n", graph_out);
	int bad = ferror(graph_out);
	if (fclose(graph_out))
		bad = 1;
	graph_out = NULL;
	return bad ? -1 : 0;
}

void check_lock_order(struct program *p)
{
	struct graph g = { .p = p };
	collect(&g);
	tarjan(&g);
	find_cycles(&g);
	nested_instances(&g);
	if (checks_graph_file) {
		if (!graph_out) {
			graph_out = fopen(checks_graph_file, "w");
			if (!graph_out)
				diag_error("--graph %s: cannot write: %m",
					   checks_graph_file);
			else
				fputs("digraph lock_order {\n  node [shape=box, "
				      "fontname=monospace];\n  edge [fontname="
				      "monospace, fontsize=10];\n", graph_out);
		}
		if (graph_out)
			write_graph(&g, graph_out, graph_clusters++);
	}
	for (size_t i = 0; i < g.nodes.n; i++)
		vec_free(&g.nodes.a[i].out);
	for (size_t i = 0; i < g.edges.n; i++)
		vec_free(&g.edges.a[i].w);
	vec_free(&g.nodes);
	vec_free(&g.edges);
	free(g.node_of);
	free(g.ekey);
	free(g.eval);
}
