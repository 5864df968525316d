// SPDX-License-Identifier: MIT
/*
 * rt_graph.c - the lock-order graph: lock identities, dependency edges,
 * the dynamic topological order and the cycle search.
 *
 * Inputs are acquisitions on the slow path (rt_acquire.c), inits, destroys
 * and frees.  Outputs are cycle reports queued on the acquiring thread.
 * Everything here runs with graph_lock held except fc_lock_key() (rt.h),
 * the lock-free address lookup of the fast path, and
 * fc_pages_may_hold_locks(), the lock-free filter of free().
 *
 * DESIGN
 *
 * Locks.  A lock entry (struct lockent) exists for each live lock address
 * the tracker has seen (initialised, named or taken); the address table
 * fc_lockslots maps the address to the entry and to the key of the entry's
 * current node.  A node (struct node) is one generation of a lock: init,
 * destroy and free end it.  A dead node keeps its edges while it still
 * links a predecessor to a successor (those edges record that the
 * predecessor was held while the successor was taken); once it has no
 * in-edges or no out-edges it can never be on a cycle and is recycled.
 *
 * Edges.  Taking N while holding H adds H -> N, only from the innermost
 * held lock and from trylock-taken locks above it (lockdep's rule: the
 * rest follows by transitivity), never into a lock taken by trylock.  Each
 * edge keeps the stacks of its first sighting and facts merged over every
 * sighting: the (held mode, taken mode) pairs seen, whether more than one
 * thread made it, and the gate locks held every time (an intersection).
 *
 * Order.  DAG edges respect a topological order kept with Pearce and
 * Kelly's algorithm ("A dynamic topological sort algorithm for directed
 * acyclic graphs", JEA 2006): an edge that agrees with the order costs
 * O(1); one that disagrees searches only the nodes whose order lies
 * between its ends and reorders them.  An edge that closes a cycle cannot
 * be ordered; it is kept aside as a "cyclic" edge.
 *
 * Cycles.  A new edge u -> v, or an old one whose facts changed, closes a
 * cycle when v reaches u.  With no cyclic edges that needs ord(v) < ord(u)
 * and the search stays between ord(v) and ord(u); cyclic edges widen that
 * region up to the highest order of their sources and down to the lowest
 * of their targets (a path can only go down in order through a cyclic
 * edge).  Inside that region the nodes that both come from v and lead to u
 * are found, growing the forward closure of v and the backward closure of
 * u in lockstep until the smaller is complete, then the simple paths
 * between them are enumerated (within FC_MAX_SEARCH steps) and each cycle
 * is judged:
 *
 *  - every edge made by one and the same thread: not a deadlock (a thread
 *    cannot wait for itself across time), unless single_thread=1;
 *  - a lock held exclusively on every edge (a gate lock): not a deadlock;
 *  - no choice of the seen modes makes each thread's wait conflict with the
 *    next thread's hold (read after read on a reader-preferring glibc
 *    rwlock never blocks): not a deadlock.
 *
 * Each cycle that remains is reported once (fc_cycle_seen()).
 */
#include <errno.h>
#include <string.h>
#include <sys/mman.h>

#include "rt.h"

struct lockent {
	uintptr_t addr;
	uint32_t node;		/* current node, 0 none yet */
	uint32_t next;		/* bucket chain, or free list */
	uintptr_t site;
	uint32_t site_ord;
	uint32_t name;
	uint8_t kind;
	uint8_t site_init;
	uint8_t live;
};

struct node {
	uintptr_t addr;
	uint32_t gen;
	uint32_t ent;		/* lock entry while live, 0 once dead */
	uint32_t ord;		/* topological order */
	uint32_t out, in;	/* edge lists */
	uint32_t nout, nin;
	uint32_t mark, mark2;	/* search epochs */
	uint32_t next;		/* free list */
	uintptr_t site;
	uint32_t site_ord;
	uint32_t name;
	uint8_t kind;
	uint8_t site_init;
	uint8_t wpref;		/* writer-preferring rwlock */
	uint8_t dead;
};

struct edge {
	uint32_t from, to;
	uint32_t out_next, in_next;
	uint32_t out_prev, in_prev;	/* 0: list head */
	uint32_t from_stack, to_stack;
	uint32_t seq;		/* first thread's number */
	uint32_t cpos;		/* index in cyclic[] + 1; 0: ordered */
	struct fc_rthread thr;	/* first thread */
	uint8_t modes;		/* bit (held mode * 2 + taken mode) */
	uint8_t first;		/* that bit for the first sighting */
	uint8_t multi;		/* made by two threads or more */
	uint8_t ngates;
	uint8_t live;
	uint64_t gates[FC_MAX_GATES];
};

struct fc_lockslot *fc_lockslots;
unsigned int fc_lockslots_seq;
uint32_t fc_nlocks_live;

static pthread_mutex_t graph_lock = PTHREAD_MUTEX_INITIALIZER;
static struct lockent *ents;
static uint32_t ents_hw = 1, ents_free;	/* entry 0 is never used */
static uint32_t slots_used;		/* live + tombstones */
static uint32_t *bucket_count, *bucket_head;
static struct node *nodes;
static uint32_t nodes_hw = 1, nodes_free, next_ord;
static struct edge *edges;
static uint32_t edges_hw = 1, edges_free;
static uint32_t *edge_hash;
static uint32_t *cyclic, ncyclic;
#define FC_MAX_CYCLIC (1u << 16)
static uint32_t epoch;
static uint8_t *jmodes;
static uint32_t *jns;
static uint64_t *jkeys;
static uint32_t *work, *work2, *path_node, *path_edge, *path_it;
static uintptr_t *site_pc;
static uint32_t *site_count;
static char *names;
static uint32_t names_used = 1;
struct fc_stats fc_stats;

static void *map(size_t bytes)
{
	void *p = mmap(NULL, bytes, PROT_READ | PROT_WRITE,
		       MAP_PRIVATE | MAP_ANONYMOUS | MAP_NORESERVE, -1, 0);

	return p == MAP_FAILED ? NULL : p;
}

/*
 * Map every table.  Returns 0, or -1 when memory is short (then the
 * tracker must stay off).
 */
int fc_graph_init(void)
{
	/* one table each: where it goes and how big it is */
	const struct {
		void **where;
		size_t bytes;
	} tables[] = {
		{ (void **)&fc_lockslots, sizeof(*fc_lockslots) * FC_LOCK_HASH },
		{ (void **)&ents, sizeof(*ents) * (size_t)FC_MAX_LOCKS },
		{ (void **)&bucket_count, sizeof(uint32_t) * FC_PAGE_BUCKETS },
		{ (void **)&bucket_head, sizeof(uint32_t) * FC_PAGE_BUCKETS },
		{ (void **)&nodes, sizeof(*nodes) * (size_t)FC_MAX_NODES },
		{ (void **)&edges, sizeof(*edges) * (size_t)FC_MAX_EDGES },
		{ (void **)&edge_hash, sizeof(uint32_t) * FC_EDGE_HASH },
		{ (void **)&cyclic, sizeof(uint32_t) * FC_MAX_CYCLIC },
		{ (void **)&work, sizeof(uint32_t) * FC_MAX_NODES },
		{ (void **)&work2, sizeof(uint32_t) *
				   ((size_t)FC_MAX_NODES + FC_MAX_EDGES) },
		{ (void **)&jmodes, FC_MAX_NODES },
		{ (void **)&jns, sizeof(uint32_t) * FC_MAX_NODES },
		{ (void **)&jkeys, sizeof(uint64_t) * FC_MAX_NODES },
		{ (void **)&path_node, sizeof(uint32_t) * FC_MAX_NODES },
		{ (void **)&path_edge, sizeof(uint32_t) * FC_MAX_NODES },
		{ (void **)&path_it, sizeof(uint32_t) * FC_MAX_NODES },
		{ (void **)&site_pc, sizeof(uintptr_t) * FC_MAX_SITES },
		{ (void **)&site_count, sizeof(uint32_t) * FC_MAX_SITES },
		{ (void **)&names, FC_NAME_POOL },
	};
	unsigned int n = sizeof(tables) / sizeof(tables[0]), i;

	for (i = 0; i < n; i++) {
		*tables[i].where = map(tables[i].bytes);
		if (!*tables[i].where)
			break;
	}
	if (i == n)
		return 0;
	/* give the address space back: the program may need it */
	while (i--) {
		fc_real.munmap(*tables[i].where, tables[i].bytes);
		*tables[i].where = NULL;
	}
	return -1;
}

/*
 * graph_lock guards the lock table's writers, the nodes, the edges, the
 * stack pool and the reported-cycle set.  Never held while unwinding or
 * printing.
 */
void fc_graph_lock(void)
{
	fc_real.mutex_lock(&graph_lock);
}

void fc_graph_unlock(void)
{
	fc_real.mutex_unlock(&graph_lock);
}

/* In a forked child: the lock was taken by fork's prepare handler. */
void fc_graph_atfork_child(void)
{
	fc_real.mutex_init(&graph_lock, NULL);
}

/* ---- names and sites -------------------------------------------------- */

const char *fc_name_get(uint32_t off)
{
	return off ? names + off : NULL;
}

static uint32_t name_intern(const char *name)
{
	size_t n = strnlen(name, 255);
	uint32_t off;

	if (names_used + n + 1 > FC_NAME_POOL) {
		static int said;

		if (!said++)
			fc_bug("FC_NAME_POOL too low, lock names dropped");
		return 0;
	}
	off = names_used;
	memcpy(names + off, name, n);
	names[off + n] = 0;
	names_used += n + 1;
	return off;
}

/* Ordinal of a new lock among those initialised at pc: 1, 2, ... */
static uint32_t site_next(uintptr_t pc)
{
	uint64_t i = fc_fmix(pc);

	for (unsigned int n = 0; n < FC_MAX_SITES; n++, i++) {
		uint32_t s = i & (FC_MAX_SITES - 1);

		if (site_pc[s] == pc)
			return ++site_count[s];
		if (!site_pc[s]) {
			site_pc[s] = pc;
			return site_count[s] = 1;
		}
	}
	return 0;
}

/* ---- the address table ------------------------------------------------ */

static struct fc_lockslot *slot_find(uintptr_t addr)
{
	uint64_t i = fc_hash_addr(addr);

	for (;; i++) {
		struct fc_lockslot *s = &fc_lockslots[i & (FC_LOCK_HASH - 1)];

		if (s->addr == addr)
			return s;
		if (!s->addr)
			return NULL;
	}
}

/*
 * Put addr (known to be absent) in the first free or tombstone slot of its
 * probe sequence, so that a lock destroyed and initialised again at one
 * address does not lengthen the probe.  Returns 1 when it used an empty
 * slot.  A fast-path reader that saw the old address checks it again after
 * reading the key (rt.h), so reusing a tombstone is safe.
 */
static int slot_insert(uintptr_t addr, uint64_t key, uint32_t ent)
{
	uint64_t i = fc_hash_addr(addr);

	for (;; i++) {
		struct fc_lockslot *s = &fc_lockslots[i & (FC_LOCK_HASH - 1)];
		uintptr_t a = s->addr;

		if (!a || a == 1) {
			s->ent = ent;
			__atomic_store_n(&s->key, key, __ATOMIC_RELAXED);
			__atomic_store_n(&s->addr, addr, __ATOMIC_RELEASE);
			return !a;
		}
	}
}

/*
 * Too many tombstones: rebuild the table in place.  Readers on the fast
 * path see the odd sequence number (or its change) and take the slow path,
 * which waits on graph_lock.
 */
static void slots_rehash(void)
{
	__atomic_store_n(&fc_lockslots_seq, fc_lockslots_seq + 1,
			 __ATOMIC_RELEASE);
	__atomic_thread_fence(__ATOMIC_SEQ_CST);
	memset(fc_lockslots, 0, sizeof(*fc_lockslots) * FC_LOCK_HASH);
	slots_used = 0;
	for (uint32_t e = 1; e < ents_hw; e++) {
		struct lockent *le = &ents[e];
		uint64_t key = 0;

		if (!le->live)
			continue;
		if (le->node)
			key = (uint64_t)nodes[le->node].gen << 32 | le->node;
		slot_insert(le->addr, key, e);
		slots_used++;
	}
	__atomic_store_n(&fc_lockslots_seq, fc_lockslots_seq + 1,
			 __ATOMIC_RELEASE);
}

static uint32_t bucket_of(uintptr_t addr)
{
	return fc_fmix(addr >> FC_PAGE_SHIFT) & (FC_PAGE_BUCKETS - 1);
}

/* Find or make the entry of addr.  Returns 0 when the table is full. */
static uint32_t ent_get(uintptr_t addr, unsigned int kind, uintptr_t pc)
{
	struct fc_lockslot *s = slot_find(addr);
	struct lockent *le;
	uint32_t e, b;

	if (s)
		return s->ent;
	if (fc_nlocks_live >= fc_opt.max_locks) {
		fc_disable("FC_MAX_LOCKS");
		return 0;
	}
	if (slots_used + 1 > FC_LOCK_HASH / 4 * 3)
		slots_rehash();
	if (ents_free) {
		e = ents_free;
		ents_free = ents[e].next;
	} else {
		e = ents_hw++;
	}
	le = &ents[e];
	memset(le, 0, sizeof(*le));
	le->addr = addr;
	le->kind = kind;
	le->site = pc;
	le->site_ord = pc ? site_next(pc) : 0;
	le->live = 1;
	b = bucket_of(addr);
	le->next = bucket_head[b];
	bucket_head[b] = e;
	__atomic_store_n(&bucket_count[b], bucket_count[b] + 1,
			 __ATOMIC_RELAXED);
	slots_used += slot_insert(addr, 0, e);
	__atomic_store_n(&fc_nlocks_live, fc_nlocks_live + 1,
			 __ATOMIC_RELAXED);
	return e;
}

static void ent_set_key(uint32_t e, uint64_t key)
{
	struct fc_lockslot *s = slot_find(ents[e].addr);

	if (s)
		__atomic_store_n(&s->key, key, __ATOMIC_RELAXED);
}

/* ---- nodes ------------------------------------------------------------ */

static inline uint64_t node_key(uint32_t n)
{
	return (uint64_t)nodes[n].gen << 32 | n;
}

/* The node a key names, or 0 when that generation is gone. */
static inline uint32_t key_node(uint64_t key)
{
	uint32_t n = (uint32_t)key;

	if (!n || n >= nodes_hw || nodes[n].gen != key >> 32)
		return 0;
	return n;
}

static uint32_t node_new(uint32_t e, const void *lock)
{
	struct lockent *le = &ents[e];
	struct node *nd;
	uint32_t n, gen;

	if (nodes_free) {
		n = nodes_free;
		nodes_free = nodes[n].next;
	} else if (nodes_hw < FC_MAX_NODES) {
		n = nodes_hw++;
	} else {
		fc_disable("FC_MAX_NODES");
		return 0;
	}
	nd = &nodes[n];
	gen = nd->gen;
	memset(nd, 0, sizeof(*nd));
	nd->gen = gen ? gen : 1;
	nd->addr = le->addr;
	nd->ent = e;
	nd->ord = next_ord++;
	nd->site = le->site;
	nd->site_ord = le->site_ord;
	nd->site_init = le->site_init;
	nd->name = le->name;
	nd->kind = le->kind;
	/* glibc: __flags 2 is PTHREAD_RWLOCK_PREFER_WRITER_NONRECURSIVE_NP */
	if (le->kind == FC_KIND_RWLOCK && lock)
		nd->wpref =
			((const pthread_rwlock_t *)lock)->__data.__flags == 2;
	le->node = n;
	ent_set_key(e, node_key(n));
	return n;
}

static void edge_remove(uint32_t ei);

/* Return node n to the free list; its keys stop matching at once. */
static void node_free(uint32_t n)
{
	struct node *nd = &nodes[n];

	nd->gen = nd->gen + 1 ? nd->gen + 1 : 1;
	nd->dead = 2;
	nd->ent = 0;
	nd->addr = 0;
	nd->next = nodes_free;
	nodes_free = n;
}

/*
 * A node's lock is gone.  Recycle the node unless it still links a
 * predecessor to a successor; dead neighbours that stop linking anything
 * go with it.  Call with graph_lock held.
 */
static void node_kill(uint32_t n)
{
	uint32_t top = 0;

	nodes[n].dead = 1;
	nodes[n].ent = 0;
	work2[top++] = n;
	while (top) {
		uint32_t m = work2[--top];
		struct node *nd = &nodes[m];

		if (nd->dead != 1 || (nd->nin && nd->nout))
			continue;
		while (nd->out) {
			uint32_t other = edges[nd->out].to;

			edge_remove(nd->out);
			if (nodes[other].dead == 1)
				work2[top++] = other;
		}
		while (nd->in) {
			uint32_t other = edges[nd->in].from;

			edge_remove(nd->in);
			if (nodes[other].dead == 1)
				work2[top++] = other;
		}
		node_free(m);
	}
}

/*
 * The key of the lock at addr, making its entry and node if needed.
 * Returns 0 (and tracking is off) when a table is full.  Call with
 * graph_lock held.
 */
uint64_t fc_lock_node(uintptr_t addr, unsigned int kind, uintptr_t pc,
		      const void *lock)
{
	uint32_t e = ent_get(addr, kind, pc), n;

	if (!e)
		return 0;
	n = ents[e].node;
	if (!ents[e].site) {
		ents[e].site = pc;
		ents[e].site_ord = site_next(pc);
	}
	if (!n) {
		ents[e].kind = kind;
		n = node_new(e, lock);
		if (!n)
			return 0;
	}
	return node_key(n);
}

/* Returns 1 while the lock generation key lives.  Call with graph_lock held. */
int fc_key_alive(uint64_t key)
{
	return key_node(key) && !nodes[(uint32_t)key].dead;
}

/*
 * Returns 1 when the tracker has seen the lock at addr initialised, named
 * or taken since it was last forgotten, else 0.  Call with graph_lock held.
 */
int fc_lock_known(uintptr_t addr)
{
	return slot_find(addr) != NULL;
}

/*
 * addr is being initialised at pc: any older generation ends, and the new
 * lock remembers where it was initialised.  Call with graph_lock held.
 */
void fc_lock_init_site(uintptr_t addr, unsigned int kind, uintptr_t pc,
		       const void *lock)
{
	struct fc_lockslot *s = slot_find(addr);
	uint32_t e;

	(void)lock;
	if (s) {
		e = s->ent;
		if (ents[e].node)
			node_kill(ents[e].node);
		ents[e].node = 0;
		ents[e].kind = kind;
		ents[e].site = pc;
		ents[e].site_ord = site_next(pc);
		__atomic_store_n(&s->key, 0, __ATOMIC_RELAXED);
	} else {
		e = ent_get(addr, kind, pc);
		if (!e)
			return;
	}
	ents[e].site_init = 1;
}

/* Name addr in reports.  Takes graph_lock. */
void fc_lock_set_name(uintptr_t addr, const char *name)
{
	uint32_t e, off;

	fc_graph_lock();
	e = ent_get(addr, FC_KIND_MUTEX, (uintptr_t)0);
	if (e && (off = name_intern(name))) {
		ents[e].name = off;
		if (ents[e].node)
			nodes[ents[e].node].name = off;
	}
	fc_graph_unlock();
}

static void ent_remove(uint32_t e)
{
	struct lockent *le = &ents[e];
	struct fc_lockslot *s = slot_find(le->addr);
	uint32_t b = bucket_of(le->addr), *pp;

	if (le->node)
		node_kill(le->node);
	if (s)
		__atomic_store_n(&s->addr, (uintptr_t)1, __ATOMIC_RELEASE);
	for (pp = &bucket_head[b]; *pp; pp = &ents[*pp].next) {
		if (*pp == e) {
			*pp = le->next;
			break;
		}
	}
	__atomic_store_n(&bucket_count[b], bucket_count[b] - 1,
			 __ATOMIC_RELAXED);
	le->live = 0;
	le->node = 0;
	le->next = ents_free;
	ents_free = e;
	__atomic_store_n(&fc_nlocks_live, fc_nlocks_live - 1,
			 __ATOMIC_RELAXED);
}

/*
 * Forget every lock whose address is in [lo, hi): it was destroyed or its
 * memory freed.  Call with graph_lock held.
 */
void fc_lock_forget(uintptr_t lo, uintptr_t hi)
{
	uintptr_t pages = ((hi - 1) >> FC_PAGE_SHIFT) - (lo >> FC_PAGE_SHIFT);

	if (hi - lo == 1) {
		struct fc_lockslot *s = slot_find(lo);

		if (s)
			ent_remove(s->ent);
		return;
	}
	if (pages < 4096) {
		for (uintptr_t p = lo >> FC_PAGE_SHIFT;
		     p <= (hi - 1) >> FC_PAGE_SHIFT; p++) {
			uint32_t b = fc_fmix(p) & (FC_PAGE_BUCKETS - 1);
			uint32_t e, next;

			for (e = bucket_head[b]; e; e = next) {
				next = ents[e].next;
				if (ents[e].addr >= lo && ents[e].addr < hi)
					ent_remove(e);
			}
		}
		return;
	}
	for (uint32_t e = 1; e < ents_hw; e++)
		if (ents[e].live && ents[e].addr >= lo && ents[e].addr < hi)
			ent_remove(e);
}

/*
 * Lock-free filter for free() and munmap(): 0 when no tracked lock can lie
 * in [lo, hi), 1 when one may.
 */
int fc_pages_may_hold_locks(uintptr_t lo, uintptr_t hi)
{
	uintptr_t first = lo >> FC_PAGE_SHIFT, last = (hi - 1) >> FC_PAGE_SHIFT;

	if (!__atomic_load_n(&fc_nlocks_live, __ATOMIC_RELAXED))
		return 0;
	if (last - first >= 4096)
		return 1;
	for (uintptr_t p = first; p <= last; p++)
		if (__atomic_load_n(&bucket_count[fc_fmix(p) &
						  (FC_PAGE_BUCKETS - 1)],
				    __ATOMIC_RELAXED))
			return 1;
	return 0;
}

/* ---- facts about a lock ----------------------------------------------- */

/* glibc keeps the mutex type in __data.__kind; 1 is recursive. */
int fc_lock_is_recursive(uint64_t key, const void *lock)
{
	(void)key;
	return (((const pthread_mutex_t *)lock)->__data.__kind & 3) ==
	       PTHREAD_MUTEX_RECURSIVE_NP;
}

/* glibc's error-checking mutex (type 2) returns EDEADLK on relock. */
int fc_lock_is_errorcheck(uint64_t key, const void *lock)
{
	(void)key;
	return (((const pthread_mutex_t *)lock)->__data.__kind & 3) ==
	       PTHREAD_MUTEX_ERRORCHECK_NP;
}

/*
 * Returns 1 for a writer-preferring rwlock, whose readers queue behind a
 * waiting writer.  Call with graph_lock held.
 */
int fc_lock_rw_writer_pref(uint64_t key)
{
	uint32_t n = key_node(key);

	return n && nodes[n].wpref;
}

/* Copy what a report shows of a lock.  Call with graph_lock held. */
void fc_rlock_fill(struct fc_rlock *rl, uint64_t key, uintptr_t addr)
{
	uint32_t n = key_node(key);

	memset(rl, 0, sizeof(*rl));
	rl->addr = addr;
	rl->key = key;
	if (!n) {
		struct fc_lockslot *s = slot_find(addr);

		rl->dead = 1;
		if (s) {
			struct lockent *le = &ents[s->ent];

			rl->site = le->site;
			rl->site_ord = le->site_ord;
			rl->name = le->name;
			rl->kind = le->kind;
			rl->site_init = le->site_init;
		}
		return;
	}
	rl->addr = nodes[n].addr;
	rl->site = nodes[n].site;
	rl->site_ord = nodes[n].site_ord;
	rl->name = nodes[n].name;
	rl->kind = nodes[n].kind;
	rl->site_init = nodes[n].site_init;
	rl->subtype = nodes[n].wpref;
	rl->dead = nodes[n].dead != 0;
}

/* ---- edges ------------------------------------------------------------ */

static inline uint64_t edge_hkey(uint32_t from, uint32_t to)
{
	return fc_fmix((uint64_t)from << 32 | to);
}

static uint32_t edge_find(uint32_t from, uint32_t to)
{
	uint64_t i = edge_hkey(from, to);

	for (;; i++) {
		uint32_t e = edge_hash[i & (FC_EDGE_HASH - 1)];

		if (!e)
			return 0;
		if (edges[e].from == from && edges[e].to == to)
			return e;
	}
}

static void edge_hash_insert(uint32_t ei)
{
	uint64_t i = edge_hkey(edges[ei].from, edges[ei].to);

	while (edge_hash[i & (FC_EDGE_HASH - 1)])
		i++;
	edge_hash[i & (FC_EDGE_HASH - 1)] = ei;
}

/* Linear probing deletion by backward shift: no tombstones. */
static void edge_hash_delete(uint32_t ei)
{
	uint64_t mask = FC_EDGE_HASH - 1;
	uint64_t i = edge_hkey(edges[ei].from, edges[ei].to) & mask, j;

	while (edge_hash[i] != ei)
		i = (i + 1) & mask;
	j = i;
	for (;;) {
		uint64_t home;
		uint32_t e;

		j = (j + 1) & mask;
		e = edge_hash[j];
		if (!e)
			break;
		home = edge_hkey(edges[e].from, edges[e].to) & mask;
		/* move e back to i unless its home lies in (i, j] */
		if (i <= j ? (home > i && home <= j) : (home > i || home <= j))
			continue;
		edge_hash[i] = e;
		i = j;
	}
	edge_hash[i] = 0;
}

static void cyclic_add(uint32_t ei)
{
	if (ncyclic >= FC_MAX_CYCLIC) {
		fc_disable("FC_MAX_CYCLIC");
		return;
	}
	cyclic[ncyclic++] = ei;
	edges[ei].cpos = ncyclic;
}

static void cyclic_del(uint32_t ei)
{
	uint32_t pos = edges[ei].cpos - 1, last = cyclic[--ncyclic];

	cyclic[pos] = last;
	edges[last].cpos = pos + 1;
	edges[ei].cpos = 0;
}

static void edge_remove(uint32_t ei)
{
	struct edge *e = &edges[ei];

	if (e->out_prev)
		edges[e->out_prev].out_next = e->out_next;
	else
		nodes[e->from].out = e->out_next;
	if (e->out_next)
		edges[e->out_next].out_prev = e->out_prev;
	if (e->in_prev)
		edges[e->in_prev].in_next = e->in_next;
	else
		nodes[e->to].in = e->in_next;
	if (e->in_next)
		edges[e->in_next].in_prev = e->in_prev;
	nodes[e->from].nout--;
	nodes[e->to].nin--;
	edge_hash_delete(ei);
	if (e->cpos)
		cyclic_del(ei);
	e->live = 0;
	e->out_next = edges_free;
	edges_free = ei;
}

static uint32_t edge_new(uint32_t from, uint32_t to)
{
	struct edge *e;
	uint32_t ei;

	if (edges_free) {
		ei = edges_free;
		edges_free = edges[ei].out_next;
	} else if (edges_hw < FC_MAX_EDGES && edges_hw < FC_EDGE_HASH / 2) {
		ei = edges_hw++;
	} else {
		fc_disable("FC_MAX_EDGES");
		return 0;
	}
	e = &edges[ei];
	memset(e, 0, sizeof(*e));
	e->from = from;
	e->to = to;
	e->live = 1;
	e->out_next = nodes[from].out;
	if (e->out_next)
		edges[e->out_next].out_prev = ei;
	nodes[from].out = ei;
	e->in_next = nodes[to].in;
	if (e->in_next)
		edges[e->in_next].in_prev = ei;
	nodes[to].in = ei;
	nodes[from].nout++;
	nodes[to].nin++;
	edge_hash_insert(ei);
	return ei;
}

/* ---- Pearce-Kelly ----------------------------------------------------- */

static void sift_down(uint32_t *a, uint32_t root, uint32_t n)
{
	for (;;) {
		uint32_t child = 2 * root + 1, sw = root, tmp;

		if (child < n && nodes[a[sw]].ord < nodes[a[child]].ord)
			sw = child;
		if (child + 1 < n && nodes[a[sw]].ord < nodes[a[child + 1]].ord)
			sw = child + 1;
		if (sw == root)
			return;
		tmp = a[root];
		a[root] = a[sw];
		a[sw] = tmp;
		root = sw;
	}
}

/* Sort node indexes by order: heapsort, no malloc, O(n log n). */
static void sort_by_ord(uint32_t *a, uint32_t n)
{
	for (uint32_t i = n / 2; i-- > 0;)
		sift_down(a, i, n);
	for (uint32_t end = n; end > 1;) {
		uint32_t tmp = a[0];

		a[0] = a[--end];
		a[end] = tmp;
		sift_down(a, 0, end);
	}
}

static void merge_ords(uint32_t *a, uint32_t na, uint32_t *b, uint32_t nb);

/*
 * Place the edge u -> v (not yet ordered) in the topological order, or
 * among the cyclic edges when v already reaches u through ordered edges.
 */
static void order_insert(uint32_t ei)
{
	uint32_t u = edges[ei].from, v = edges[ei].to;
	uint32_t ub = nodes[u].ord, lb = nodes[v].ord;
	uint32_t nf = 0, nb = 0, top;

	if (lb > ub)
		return;
	/* forward from v through ordered edges, below ord(u) */
	epoch++;
	top = 0;
	work[top++] = v;
	nodes[v].mark = epoch;
	while (top) {
		uint32_t n = work[--top];

		path_node[nf++] = n;
		for (uint32_t x = nodes[n].out; x; x = edges[x].out_next) {
			uint32_t w = edges[x].to;

			if (edges[x].cpos || x == ei)
				continue;
			if (w == u) {
				cyclic_add(ei);
				return;
			}
			if (nodes[w].mark != epoch && nodes[w].ord < ub) {
				nodes[w].mark = epoch;
				work[top++] = w;
			}
		}
	}
	/* backward from u through ordered edges, above ord(v) */
	top = 0;
	work[top++] = u;
	nodes[u].mark = epoch;
	while (top) {
		uint32_t n = work[--top];

		path_edge[nb++] = n;
		for (uint32_t x = nodes[n].in; x; x = edges[x].in_next) {
			uint32_t w = edges[x].from;

			if (edges[x].cpos || x == ei)
				continue;
			if (nodes[w].mark != epoch && nodes[w].ord > lb) {
				nodes[w].mark = epoch;
				work[top++] = w;
			}
		}
	}
	fc_stats.reorders++;
	merge_ords(path_edge, nb, path_node, nf);
}

/* Reassign the orders of B (backward set) then F (forward set). */
static void merge_ords(uint32_t *b, uint32_t nb, uint32_t *f, uint32_t nf)
{
	uint32_t i, j, k;

	sort_by_ord(b, nb);
	sort_by_ord(f, nf);
	/* the pool of orders, merged in increasing order, into work[] */
	for (i = j = k = 0; i < nb || j < nf;) {
		if (j >= nf || (i < nb && nodes[b[i]].ord < nodes[f[j]].ord))
			work[k++] = nodes[b[i++]].ord;
		else
			work[k++] = nodes[f[j++]].ord;
	}
	for (i = 0; i < nb; i++)
		nodes[b[i]].ord = work[i];
	for (j = 0; j < nf; j++)
		nodes[f[j]].ord = work[nb + j];
}

/* ---- judging and reporting cycles ------------------------------------ */

static struct fc_thread *cur_thread;
static unsigned int cur_from;		/* held index of the new edge */
static unsigned int cur_mode;
static uint32_t cur_stack;
static uint64_t cur_gates[FC_MAX_GATES];
static unsigned int cur_ngates;
static int cycles_found;

static int conflict(unsigned int wait_mode, unsigned int hold_mode,
		    uint32_t n)
{
	if (wait_mode == FC_MODE_R && hold_mode == FC_MODE_R)
		return nodes[n].wpref;
	return 1;
}

/*
 * Can the threads of this cycle all block?  edge i goes from lock n[i] to
 * n[i+1]; thread i holds n[i] and waits for n[i+1], held by thread i+1.
 */
static int modes_feasible(const uint8_t *modes, const uint32_t *ns,
			  unsigned int len)
{
	for (unsigned int p0 = 0; p0 < 4; p0++) {
		unsigned int set;

		if (!(modes[0] & 1u << p0))
			continue;
		set = 1u << p0;
		for (unsigned int i = 1; i < len; i++) {
			unsigned int next = 0;

			for (unsigned int q = 0; q < 4; q++) {
				if (!(set & 1u << q))
					continue;
				for (unsigned int p = 0; p < 4; p++)
					if ((modes[i] & 1u << p) &&
					    conflict(q & 1, p >> 1, ns[i]))
						next |= 1u << p;
			}
			set = next;
			if (!set)
				break;
		}
		for (unsigned int q = 0; q < 4; q++)
			if ((set & 1u << q) && conflict(q & 1, p0 >> 1, ns[0]))
				return 1;
	}
	return 0;
}

/*
 * Index of the lock (key, addr) in r->locks, added if new.  Call with
 * graph_lock held.
 */
uint8_t fc_rlock_add(struct fc_report *r, uint64_t key, uintptr_t addr)
{
	for (unsigned int i = 0; i < r->nlocks; i++)
		if (r->locks[i].key == key && r->locks[i].addr == addr)
			return i;
	if (r->nlocks >= sizeof(r->locks) / sizeof(r->locks[0]))
		return r->nlocks - 1;
	fc_rlock_fill(&r->locks[r->nlocks], key, addr);
	return r->nlocks++;
}

/* Copy the held-lock list of t into r.  Call with graph_lock held. */
void fc_report_held(struct fc_report *r, struct fc_thread *t)
{
	unsigned int d = t ? t->depth : 0;

	r->total_held = d;
	r->nheld = 0;
	for (unsigned int i = 0; i < d && r->nheld < FC_MAX_REPORT_HELD; i++) {
		struct fc_rheld *h = &r->held[r->nheld++];

		h->lock = fc_rlock_add(r, t->held[i].key, t->held[i].addr);
		h->mode = t->held[i].mode;
		h->flags = t->held[i].flags;
		h->stack = t->held[i].stack;
	}
}

/*
 * Judge the cycle made of the new edge (cur_*) and the path
 * path_edge[0..len-1], and queue a report when it is a real one.
 */
static void judge_cycle(uint32_t ei, unsigned int len)
{
	uint8_t *modes = jmodes;
	uint32_t *ns = jns;
	uint64_t *keys = jkeys;
	uint64_t gates[FC_MAX_GATES];
	unsigned int ngates = cur_ngates, n = len + 1;
	unsigned int single = !edges[ei].multi;
	struct fc_thread *t = cur_thread;
	struct edge *e0 = &edges[ei];
	struct fc_report *r;

	memcpy(gates, cur_gates, sizeof(gates));
	ns[0] = e0->from;
	modes[0] = 1u << (t->held[cur_from].mode * 2 + cur_mode);
	for (unsigned int i = 0; i < len; i++) {
		struct edge *e = &edges[path_edge[i]];
		unsigned int k = 0;

		ns[i + 1] = e->from;
		modes[i + 1] = e->modes;
		if (e->multi || e->seq != t->seq)
			single = 0;
		for (unsigned int g = 0; g < ngates; g++)
			for (unsigned int h = 0; h < e->ngates; h++)
				if (e->gates[h] == gates[g]) {
					gates[k++] = gates[g];
					break;
				}
		ngates = k;
	}
	if (ngates)
		return;		/* a gate lock serialises every edge */
	if (single && !fc_opt.single_thread)
		return;
	if (!modes_feasible(modes, ns, n))
		return;
	for (unsigned int i = 0; i < n; i++)
		keys[i] = node_key(ns[i]);
	if (fc_cycle_seen(keys, n))
		return;
	r = fc_report_new(t, FC_R_CYCLE);
	if (!r)
		return;
	cycles_found++;
	r->single_thread = single;
	r->mode = cur_mode;
	r->stack = cur_stack;
	fc_thread_ident(t, &r->thr);
	/* lock 0 is the one being taken, lock 1 the held one */
	r->subject = fc_rlock_add(r, node_key(e0->to), nodes[e0->to].addr);
	fc_rlock_add(r, node_key(e0->from), nodes[e0->from].addr);
	/* edges: 0 is the new one, then the existing chain from e0->to */
	r->edges[0].from = 1;
	r->edges[0].to = 0;
	r->edges[0].held_mode = t->held[cur_from].mode;
	r->edges[0].acq_mode = cur_mode;
	r->edges[0].from_stack = t->held[cur_from].stack;
	r->edges[0].to_stack = cur_stack;
	r->edges[0].thr = r->thr;
	r->nedges = 1;
	r->total_edges = n;
	for (unsigned int i = 0; i < len && r->nedges < FC_MAX_CYCLE; i++) {
		struct edge *e = &edges[path_edge[i]];
		struct fc_redge *re = &r->edges[r->nedges++];

		re->from = fc_rlock_add(r, node_key(e->from),
					nodes[e->from].addr);
		re->to = fc_rlock_add(r, node_key(e->to), nodes[e->to].addr);
		re->held_mode = e->first >> 1;
		re->acq_mode = e->first & 1;
		re->from_stack = e->from_stack;
		re->to_stack = e->to_stack;
		re->thr = e->thr;
	}
	fc_report_held(r, t);
}

/*
 * Mark S, the nodes on some path v ~> u that does not use ei, with
 * mark == *in_f and mark2 == *in_b.  Returns 0 when v does not reach u.
 *
 * Every node of such a path has its order in [lo, hi] (see find_cycles).
 * The closure of v (forward) and that of u (backward) within those bounds
 * grow in lockstep, one node each in turn, and the first to be complete
 * is used: S is the part of it that the other end reaches, or is reached
 * from.  A cyclic edge at one end of the order widens [lo, hi] to most of
 * the graph, and searching the whole closure of v for every later edge
 * made a long run quadratic (stress-order-ko: 64 s, now 2.4 s); the
 * other closure is then usually tiny - nothing below a cyclic edge's
 * target reaches it - and lockstep costs at most twice the smaller one.
 */
static int mark_paths(uint32_t ei, uint32_t u, uint32_t v, uint32_t lo,
		      uint32_t hi, uint32_t *in_f, uint32_t *in_b)
{
	uint32_t fwd = ++epoch, bwd = ++epoch, ftop = 0, btop = 0, top;

	work[ftop++] = v;
	nodes[v].mark = fwd;
	work2[btop++] = u;
	nodes[u].mark2 = bwd;
	while (ftop && btop) {
		uint32_t n = work[--ftop], x;

		for (x = nodes[n].out; x; x = edges[x].out_next) {
			uint32_t w = edges[x].to;

			if (x == ei || nodes[w].mark == fwd ||
			    nodes[w].ord > hi || nodes[w].ord < lo)
				continue;
			nodes[w].mark = fwd;
			work[ftop++] = w;
		}
		n = work2[--btop];
		for (x = nodes[n].in; x; x = edges[x].in_next) {
			uint32_t w = edges[x].from;

			if (x == ei || nodes[w].mark2 == bwd ||
			    nodes[w].ord > hi || nodes[w].ord < lo)
				continue;
			nodes[w].mark2 = bwd;
			work2[btop++] = w;
		}
	}
	if (!ftop) {
		/* F (mark = fwd) is complete: S is the part that reaches u */
		if (nodes[u].mark != fwd)
			return 0;
		bwd = ++epoch;
		top = 0;
		work[top++] = u;
		nodes[u].mark2 = bwd;
		while (top) {
			uint32_t n = work[--top];

			for (uint32_t x = nodes[n].in; x;
			     x = edges[x].in_next) {
				uint32_t w = edges[x].from;

				if (x == ei || nodes[w].mark != fwd ||
				    nodes[w].mark2 == bwd)
					continue;
				nodes[w].mark2 = bwd;
				work[top++] = w;
			}
		}
	} else {
		/* B (mark2 = bwd) is complete: S is the part v reaches */
		if (nodes[v].mark2 != bwd)
			return 0;
		fwd = ++epoch;
		top = 0;
		work[top++] = v;
		nodes[v].mark = fwd;
		while (top) {
			uint32_t n = work[--top];

			for (uint32_t x = nodes[n].out; x;
			     x = edges[x].out_next) {
				uint32_t w = edges[x].to;

				if (x == ei || nodes[w].mark2 != bwd ||
				    nodes[w].mark == fwd)
					continue;
				nodes[w].mark = fwd;
				work[top++] = w;
			}
		}
		if (nodes[u].mark != fwd)
			return 0;
	}
	*in_f = fwd;
	*in_b = bwd;
	return 1;
}

/*
 * Enumerate the cycles closed by edge ei (from -> to): simple paths from
 * to back to from, in the region where such paths can lie.  Ordered edges
 * go up in order, so a path v ~> u is runs of ordered edges, each starting
 * at v or at a cyclic edge's target and ending at u or at a cyclic edge's
 * source: its nodes lie between the lowest of those starts and the
 * highest of those ends.
 */
static void find_cycles(uint32_t ei)
{
	uint32_t u = edges[ei].from, v = edges[ei].to;
	uint32_t hi = nodes[u].ord, lo = nodes[v].ord, fwd, bwd, depth;
	unsigned long steps = 0;

	for (uint32_t i = 0; i < ncyclic; i++) {
		const struct edge *c = &edges[cyclic[i]];

		if (nodes[c->from].ord > hi)
			hi = nodes[c->from].ord;
		if (nodes[c->to].ord < lo)
			lo = nodes[c->to].ord;
	}
	if (nodes[v].ord > hi || nodes[u].ord < lo)
		return;
	fc_stats.searches++;
	if (!mark_paths(ei, u, v, lo, hi, &fwd, &bwd))
		return;
	/* simple paths v ~> u inside S; mark = on path */
	depth = 0;
	path_node[0] = v;
	path_it[0] = nodes[v].out;
	nodes[v].mark = 0;
	for (;;) {
		uint32_t n = path_node[depth], x, w;

		if (++steps > FC_MAX_SEARCH)
			break;
		if (n == u) {
			judge_cycle(ei, depth);
			/* first only, or no room left to report more */
			if (cycles_found && (!fc_opt.report_all ||
					     cur_thread->npending >=
					     FC_MAX_PENDING))
				break;
			nodes[n].mark = fwd;
			if (!depth--)
				break;
			continue;
		}
		x = path_it[depth];
		if (!x) {
			nodes[n].mark = fwd;
			if (!depth--)
				break;
			continue;
		}
		path_it[depth] = edges[x].out_next;
		w = edges[x].to;
		if (x == ei || nodes[w].mark2 != bwd || nodes[w].mark != fwd)
			continue;	/* outside S, or already on the path */
		path_edge[depth] = x;
		depth++;
		path_node[depth] = w;
		path_it[depth] = nodes[w].out;
		nodes[w].mark = 0;
	}
}

/*
 * Record that t takes the lock to_key (in mode, at stack) while holding
 * its held entry i.  Adds or updates the edge and looks for the cycles it
 * closes; reports are queued on t.  Call with graph_lock held.
 */
void fc_edge_add(struct fc_thread *t, unsigned int i, uint64_t to_key,
		 unsigned int mode, uint32_t stack)
{
	struct fc_held *hf = &t->held[i];
	uint32_t from = key_node(hf->key), to = key_node(to_key), ei;
	uint8_t bit = 1u << (hf->mode * 2 + mode);
	uint64_t gates[FC_MAX_GATES];
	unsigned int ngates = 0, changed = 0;
	struct edge *e;

	if (!from || !to || from == to || nodes[from].dead || nodes[to].dead)
		return;
	/* gate candidates: other locks held exclusively, outermost first */
	for (unsigned int j = 0; j < t->depth && ngates < FC_MAX_GATES; j++) {
		uint64_t k = t->held[j].key;
		unsigned int dup = 0;

		if (j == i || t->held[j].mode != FC_MODE_W || k == hf->key ||
		    k == to_key || !key_node(k))
			continue;
		for (unsigned int g = 0; g < ngates; g++)
			dup |= gates[g] == k;
		if (!dup)
			gates[ngates++] = k;
	}
	ei = edge_find(from, to);
	if (!ei) {
		ei = edge_new(from, to);
		if (!ei)
			return;
		e = &edges[ei];
		e->from_stack = hf->stack;
		e->to_stack = stack;
		e->seq = t->seq;
		fc_thread_ident(t, &e->thr);
		e->modes = e->first = bit;
		e->first = hf->mode * 2 + mode;
		e->ngates = ngates;
		memcpy(e->gates, gates, sizeof(gates));
		changed = 1;
	} else {
		unsigned int k = 0;

		e = &edges[ei];
		if (!(e->modes & bit)) {
			e->modes |= bit;
			changed = 1;
		}
		if (!e->multi && e->seq != t->seq) {
			e->multi = 1;
			changed = 1;
		}
		for (unsigned int g = 0; g < e->ngates; g++)
			for (unsigned int h = 0; h < ngates; h++)
				if (gates[h] == e->gates[g]) {
					e->gates[k++] = e->gates[g];
					break;
				}
		if (k != e->ngates) {
			e->ngates = k;
			changed = 1;
		}
		if (!changed)
			return;
	}
	if (ncyclic || e->cpos || nodes[from].ord > nodes[to].ord) {
		cur_thread = t;
		cur_from = i;
		cur_mode = mode;
		cur_stack = stack;
		cur_ngates = ngates;
		memcpy(cur_gates, gates, sizeof(gates));
		cycles_found = 0;
		find_cycles(ei);
	}
	if (!e->cpos && nodes[from].ord > nodes[to].ord)
		order_insert(ei);
}

/* Print how full the tables are (stats=1), at exit. */
void fc_graph_stats(void)
{
	fc_say("stats: %u live locks, %u nodes, %u edges (%u cyclic), "
	       "%lu slow paths, %lu cycle searches, %lu reorders",
	       fc_nlocks_live, nodes_hw - 1, edges_hw - 1, ncyclic,
	       fc_stats.slow, fc_stats.searches, fc_stats.reorders);
}
