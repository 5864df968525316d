// SPDX-License-Identifier: MIT
/*
 * rt_acquire.c - the slow paths of the tracker: a chain this thread has not
 * validated yet, a release that is not the innermost lock, destroy and
 * free of lock memory, and thread exit.
 *
 * Inputs come from the interposed functions (rt_intercept.c) after the
 * inline fast paths of rt.h gave up.  Outputs are edges in the graph
 * (rt_graph.c) and reports queued on the calling thread, printed by
 * fc_report_flush() once graph_lock is released.
 *
 * Stacks are captured before graph_lock is taken: unwinding may take the
 * dynamic loader's lock, and a thread holding that lock (dlopen running a
 * constructor) may be waiting for graph_lock.
 *
 * The reports made here, beside the cycles of rt_graph.c:
 *
 *  - relock: a non-recursive lock taken again by its holder (the real
 *    call never returns, or returns EDEADLK for an error-checking mutex,
 *    which is not reported since the program is told);
 *  - bad unlock: a release by a thread that does not hold the lock, for
 *    locks the tracker has seen (so locks taken before it started are not
 *    blamed);
 *  - destroy, free or munmap of a lock some thread holds;
 *  - a thread exiting with locks held.
 *
 * Each of these is reported once per call stack.
 */
#include <string.h>
#include <sys/mman.h>

#include "rt.h"

/* Index of the innermost held entry for addr, or -1. */
int fc_held_find(struct fc_thread *t, uintptr_t addr)
{
	for (int i = (int)t->depth - 1; i >= 0; i--)
		if (t->held[i].addr == addr)
			return i;
	return -1;
}

/* Drop held entry i and rehash the chain above it.  Only t calls this. */
void fc_held_remove(struct fc_thread *t, unsigned int i)
{
	unsigned int d = t->depth;

	for (unsigned int k = i; k + 1 < d; k++) {
		struct fc_held *h = &t->held[k];
		uint64_t prev = k ? t->held[k - 1].hash : FC_CHAIN_SEED;

		*h = t->held[k + 1];
		h->hash = fc_chain_step(prev, h->key, h->mode,
					h->flags & FC_ACQ_TRY);
	}
	__atomic_store_n(&t->depth, d - 1, __ATOMIC_RELEASE);
}

/* The held stack is full: say so once and stop tracking. */
void fc_held_overflow(void)
{
	fc_disable("FC_MAX_HELD");
}

/*
 * Queue a report of type on t.  Returns NULL when FC_MAX_PENDING reports
 * are already waiting (they are printed before the thread goes on).
 */
struct fc_report *fc_report_new(struct fc_thread *t, enum fc_rtype type)
{
	struct fc_report *r;

	if (t->npending >= FC_MAX_PENDING)
		return NULL;
	r = &t->pending[t->npending++];
	memset(r, 0, offsetof(struct fc_report, locks));
	r->type = type;
	return r;
}

/* Have we reported this kind of problem at this stack before? */
static int seen_once(enum fc_rtype type, uint32_t stack, uintptr_t addr)
{
	uint64_t keys[3] = { 0x5eed0000u | type, stack, stack ? 0 : addr };

	return fc_cycle_seen(keys, 3);
}

/*
 * What glibc's own lock word says: is the lock at addr held by the thread
 * tid (tid != 0), or by anyone (tid == 0)?  Our records can go stale
 * without the tracker seeing it - a lock on a stack frame that returned,
 * released by another thread, taken while the tracker was not looking -
 * and a report must never rest on a stale record.  A read-locked rwlock
 * does not record its readers: any reader counts as tid.  This relies on
 * glibc's lock layout, as the rest of the tracker does.
 */
static int lock_word_held(unsigned int kind, unsigned int mode,
			  uintptr_t addr, pid_t tid)
{
	switch (kind) {
	case FC_KIND_MUTEX:
	case FC_KIND_MTX: {
		const pthread_mutex_t *m = (const void *)addr;
		int owner = __atomic_load_n(&m->__data.__owner,
					    __ATOMIC_RELAXED) & 0x3fffffff;

		if (tid)
			return owner == tid;
		return owner || __atomic_load_n(&m->__data.__lock,
						__ATOMIC_RELAXED);
	}
	case FC_KIND_RWLOCK: {
		const pthread_rwlock_t *rw = (const void *)addr;
		int writer = __atomic_load_n(&rw->__data.__cur_writer,
					     __ATOMIC_RELAXED);
		unsigned int readers = __atomic_load_n(&rw->__data.__readers,
						       __ATOMIC_RELAXED) >> 3;

		(void)mode;
		if (tid && writer)
			return writer == tid;
		return writer || readers;
	}
	default:
		return __atomic_load_n((const int *)addr,
				       __ATOMIC_RELAXED) != 0;
	}
}

/* Which other thread holds addr?  Its stack is stored in *stack. */
static struct fc_thread *other_holder(struct fc_thread *self, uintptr_t lo,
				      uintptr_t hi, uint32_t *stack,
				      uintptr_t *addr)
{
	struct fc_thread *found = NULL;

	fc_threads_lock();
	for (struct fc_thread *o = fc_threads_first(); o && !found;
	     o = o->next) {
		unsigned int d;

		if (o == self)
			continue;
		d = __atomic_load_n(&o->depth, __ATOMIC_ACQUIRE);
		for (unsigned int i = 0; i < d && i < FC_MAX_HELD; i++) {
			uintptr_t a = __atomic_load_n(&o->held[i].addr,
						      __ATOMIC_RELAXED);

			if (a >= lo && a < hi &&
			    lock_word_held(o->held[i].kind, o->held[i].mode,
					   a, 0)) {
				found = o;
				*stack = o->held[i].stack;
				*addr = a;
				break;
			}
		}
	}
	fc_threads_unlock();
	return found;
}

/*
 * a->addr is held by t already (entry j): a recursive lock or a read
 * lock taken again is fine; anything else would block forever.  Returns
 * 1 when the acquisition is to be reported.
 */
static int relock_is_bug(struct fc_acq *a, struct fc_held *h)
{
	if (a->flags & FC_ACQ_TRY)
		return 0;	/* EBUSY, or success if recursive */
	switch (a->kind) {
	case FC_KIND_MUTEX:
	case FC_KIND_MTX:
		if (fc_lock_is_recursive(a->key, (void *)a->addr))
			return 0;
		return !fc_lock_is_errorcheck(a->key, (void *)a->addr);
	case FC_KIND_RWLOCK:
		return !(a->mode == FC_MODE_R && h->mode == FC_MODE_R &&
			 !fc_lock_rw_writer_pref(a->key));
	default:
		return 1;
	}
}

static void report_relock(struct fc_thread *t, struct fc_acq *a, int j)
{
	struct fc_report *r;

	if (seen_once(FC_R_RELOCK, a->stack, a->addr))
		return;
	r = fc_report_new(t, FC_R_RELOCK);
	if (!r)
		return;
	fc_thread_ident(t, &r->thr);
	r->stack = a->stack;
	r->mode = a->mode;
	r->subject = fc_rlock_add(r, a->key, a->addr);
	r->holder = r->thr;
	r->holder_stack = t->held[j].stack;
	r->other_held = t->held[j].mode + 1;
	fc_report_held(r, t);
}

/*
 * The global chain table: validated (chain, call site) keys shared by all
 * threads, behind each thread's own cache.  An entry validated by one
 * thread only (owner = its number + 1) does not count for another thread:
 * that thread must walk the edges once so they learn a second thread made
 * them (a cycle of one thread's edges is no deadlock).  Once two threads
 * have validated it, owner is FC_OWNER_ALL and it counts for everyone.
 * Entries are written under graph_lock; readers use the per-entry sequence
 * number and never block.
 */
struct gchain {
	uint32_t seq;		/* odd while being written */
	uint32_t stack;
	uint64_t key;
	uint32_t owner;
	uint8_t flags;
	uint8_t pad[11];
};

#define FC_GCHAIN	(1u << 20)	/* entries, power of 2 */
#define FC_GCHAIN_WAYS	4
#define FC_OWNER_ALL	UINT32_MAX

static struct gchain *gchains;

/* Map the global chain table.  Called from fc_init(); none is fine. */
void fc_acquire_init(void)
{
	void *p = mmap(NULL, sizeof(*gchains) * FC_GCHAIN,
		       PROT_READ | PROT_WRITE,
		       MAP_PRIVATE | MAP_ANONYMOUS | MAP_NORESERVE, -1, 0);

	gchains = p == MAP_FAILED ? NULL : p;
}

enum gresult { G_MISS, G_OTHER, G_HIT };

/* Look up ck without locking: G_HIT when valid for thread owner. */
static enum gresult gchain_get(uint64_t ck, uint32_t owner, uint32_t *stack,
			       uint8_t *flags)
{
	if (!gchains)
		return G_MISS;
	for (unsigned int w = 0; w < FC_GCHAIN_WAYS; w++) {
		struct gchain *g = &gchains[(ck + w) & (FC_GCHAIN - 1)];
		uint32_t s1 = __atomic_load_n(&g->seq, __ATOMIC_ACQUIRE), s2;
		uint64_t key = __atomic_load_n(&g->key, __ATOMIC_RELAXED);
		uint32_t st = __atomic_load_n(&g->stack, __ATOMIC_RELAXED);
		uint32_t ow = __atomic_load_n(&g->owner, __ATOMIC_RELAXED);
		uint8_t fl = __atomic_load_n(&g->flags, __ATOMIC_RELAXED);

		__atomic_thread_fence(__ATOMIC_ACQUIRE);
		s2 = __atomic_load_n(&g->seq, __ATOMIC_RELAXED);
		if ((s1 & 1) || s1 != s2 || key != ck)
			continue;
		*stack = st;
		*flags = fl;
		return ow == FC_OWNER_ALL || ow == owner ? G_HIT : G_OTHER;
	}
	return G_MISS;
}

/* Record that thread owner validated ck.  Call with graph_lock held. */
static void gchain_put(uint64_t ck, uint32_t owner, uint32_t stack,
		       uint8_t flags)
{
	struct gchain *g = NULL;

	if (!gchains)
		return;
	for (unsigned int w = 0; w < FC_GCHAIN_WAYS && !g; w++) {
		struct gchain *c = &gchains[(ck + w) & (FC_GCHAIN - 1)];

		if (c->key == ck || !c->key)
			g = c;
	}
	if (!g)			/* all ways taken: evict one */
		g = &gchains[(ck + (ck >> 32) % FC_GCHAIN_WAYS) &
			     (FC_GCHAIN - 1)];
	if (g->key == ck && g->owner && g->owner != owner)
		owner = FC_OWNER_ALL;
	__atomic_store_n(&g->seq, g->seq + 1, __ATOMIC_RELAXED);
	__atomic_thread_fence(__ATOMIC_RELEASE);
	__atomic_store_n(&g->key, ck, __ATOMIC_RELAXED);
	__atomic_store_n(&g->stack, stack, __ATOMIC_RELAXED);
	__atomic_store_n(&g->owner, owner, __ATOMIC_RELAXED);
	__atomic_store_n(&g->flags, flags, __ATOMIC_RELAXED);
	__atomic_store_n(&g->seq, g->seq + 1, __ATOMIC_RELEASE);
}

static void cache_put(struct fc_thread *t, uint64_t ck, uint32_t stack,
		      uint8_t flags)
{
	struct fc_centry *ce = &t->cache[ck & (FC_CHAIN_CACHE - 1)];

	ce->key = ck;
	ce->stack = stack;
	ce->flags = flags;
}

/*
 * The acquisition a is not in t's chain cache: look in the global table,
 * else validate it.  Returns false when the tracker gave up (a table
 * filled); then the caller must not call fc_acq_end().  Call with the
 * guard set and no internal lock held.
 */
bool fc_acquire_slow(struct fc_acq *a, struct fc_thread *t, uintptr_t pc)
{
	uintptr_t frames[FC_MAX_DEPTH];
	unsigned int try = a->flags & FC_ACQ_TRY;
	uint32_t owner = t->seq + 1, known = 0;
	int n = 0, j, cache = 1;
	uint64_t prev, ck = 0;
	uint8_t flags;

	if (a->key) {
		ck = fc_cache_key(a->hash, pc);
		switch (gchain_get(ck, owner, &known, &flags)) {
		case G_HIT:
			a->stack = known;
			a->flags |= flags;
			cache_put(t, ck, known, flags);
			return true;
		case G_OTHER:
			break;		/* stack known: no unwinding */
		case G_MISS:
			known = 0;
			break;
		}
	}
	if (!known)
		n = fc_backtrace(frames, fc_opt.stack_depth);

	fc_graph_lock();
	if (!fc_active()) {
		fc_graph_unlock();
		return false;
	}
	a->key = fc_lock_node(a->addr, a->kind, pc, (void *)a->addr);
	if (!a->key) {
		fc_graph_unlock();
		return false;
	}
	fc_stats.slow++;
	a->stack = known ? known : fc_stack_intern(frames, n);
	j = fc_held_find(t, a->addr);
	while (j >= 0 && (t->held[j].key != a->key ||
			  !lock_word_held(a->kind, t->held[j].mode, a->addr,
					  t->tid))) {
		/* a stale record: that lock ended, or was released unseen */
		fc_held_remove(t, j);
		j = fc_held_find(t, a->addr);
	}
	if (j >= 0) {
		a->flags |= FC_ACQ_REENTRY;
		if (relock_is_bug(a, &t->held[j])) {
			report_relock(t, a, j);
			cache = 0;
		}
	} else if (!try) {
		for (int i = (int)t->depth - 1; i >= 0; i--) {
			if (t->held[i].flags & FC_ACQ_REENTRY)
				continue;
			fc_edge_add(t, i, a->key, a->mode, a->stack);
			if (!fc_active())
				break;
			if (!(t->held[i].flags & FC_ACQ_TRY))
				break;
		}
	}
	prev = t->depth ? t->held[t->depth - 1].hash : FC_CHAIN_SEED;
	a->hash = fc_chain_step(prev, a->key, a->mode, try);
	if (cache) {
		flags = a->flags & FC_ACQ_REENTRY;
		ck = fc_cache_key(a->hash, pc);
		cache_put(t, ck, a->stack, flags);
		gchain_put(ck, owner, a->stack, flags);
	}
	fc_graph_unlock();
	if (t->npending)
		fc_report_flush(t);
	return fc_active();
}

/*
 * Release of addr that is not t's innermost lock: find it deeper in the
 * stack, or report a release by a thread that does not hold it.  Call with
 * the guard set.
 */
void fc_release_slow(struct fc_thread *t, uintptr_t addr, unsigned int kind,
		     uintptr_t pc)
{
	uintptr_t frames[FC_MAX_DEPTH], haddr = 0;
	struct fc_thread *holder;
	struct fc_report *r;
	uint32_t hstack = 0, stack;
	uint64_t key;
	int j, n;

	(void)kind;
	(void)pc;
	if (t && (j = fc_held_find(t, addr)) >= 0) {
		fc_held_remove(t, j);
		return;
	}
	if (!t && !(t = fc_thread_attach()))
		return;
	/* taken while we were not looking (before start, say): let it go */
	if (lock_word_held(kind, FC_MODE_R, addr, t->tid))
		return;
	n = fc_backtrace(frames, fc_opt.stack_depth);
	holder = other_holder(t, addr, addr + 1, &hstack, &haddr);
	fc_graph_lock();
	if (!fc_active() || !fc_lock_known(addr)) {
		fc_graph_unlock();
		return;
	}
	stack = fc_stack_intern(frames, n);
	if (!seen_once(FC_R_BAD_UNLOCK, stack, addr) &&
	    (r = fc_report_new(t, FC_R_BAD_UNLOCK))) {
		key = fc_lock_node(addr, kind, pc, (void *)addr);
		fc_thread_ident(t, &r->thr);
		r->stack = stack;
		r->subject = fc_rlock_add(r, key, addr);
		if (holder) {
			fc_thread_ident(holder, &r->holder);
			r->holder_stack = hstack;
			r->other_held = 1;
		}
		fc_report_held(r, t);
	}
	fc_graph_unlock();
	fc_report_flush(t);
}

/*
 * Common part of destroy, free and munmap: report if a lock in [lo, hi)
 * is held by anyone, then forget every lock there.  Call with the guard
 * set.
 */
static void forget_range(uintptr_t lo, uintptr_t hi, enum fc_rtype type)
{
	struct fc_thread *t = fc_tls.thr, *holder = NULL;
	uintptr_t frames[FC_MAX_DEPTH], haddr = 0;
	uint32_t hstack = 0, stack;
	struct fc_report *r;
	int n = 0, j = -1;

	if (!t && !(t = fc_thread_attach()))
		return;
	for (int i = (int)t->depth - 1; i >= 0; i--)
		if (t->held[i].addr >= lo && t->held[i].addr < hi &&
		    lock_word_held(t->held[i].kind, t->held[i].mode,
				   t->held[i].addr, 0)) {
			j = i;
			haddr = t->held[i].addr;
			hstack = t->held[i].stack;
			holder = t;
			break;
		}
	if (!holder)
		holder = other_holder(t, lo, hi, &hstack, &haddr);
	if (holder)
		n = fc_backtrace(frames, fc_opt.stack_depth);
	fc_graph_lock();
	if (!fc_active()) {
		fc_graph_unlock();
		return;
	}
	if (holder && fc_lock_known(haddr)) {
		stack = fc_stack_intern(frames, n);
		if (!seen_once(type, stack, haddr) &&
		    (r = fc_report_new(t, type))) {
			uint64_t key = fc_lock_node(haddr, FC_KIND_MUTEX, 0,
						    NULL);

			fc_thread_ident(t, &r->thr);
			r->stack = stack;
			r->subject = fc_rlock_add(r, key, haddr);
			fc_thread_ident(holder, &r->holder);
			r->holder_stack = hstack;
			r->other_held = 1;
			r->range_lo = lo;
			r->range_hi = hi;
			fc_report_held(r, t);
		}
	}
	fc_lock_forget(lo, hi);
	fc_graph_unlock();
	(void)j;
	if (t->npending)
		fc_report_flush(t);
}

/* lock is being destroyed.  Call before the real destroy. */
void fc_destroy(const void *lock, unsigned int kind, uintptr_t pc)
{
	struct fc_tls *tls = &fc_tls;

	(void)kind;
	(void)pc;
	if (tls->guard || !fc_active())
		return;
	tls->guard = 1;
	forget_range((uintptr_t)lock, (uintptr_t)lock + 1, FC_R_DESTROY_HELD);
	tls->guard = 0;
}

/*
 * [lo, hi) is being freed or unmapped; the caller checked with
 * fc_pages_may_hold_locks() that a lock may lie there.
 */
void fc_forget_memory(uintptr_t lo, uintptr_t hi, uintptr_t pc, int munmap)
{
	struct fc_tls *tls = &fc_tls;

	(void)pc;
	(void)munmap;
	if (tls->guard || !fc_active() || hi <= lo)
		return;
	tls->guard = 1;
	forget_range(lo, hi, FC_R_FREE_HELD);
	tls->guard = 0;
}

/*
 * t is exiting: report the locks it still holds, then forget them (the
 * locks stay locked; whoever waits for them will wait forever).  Call
 * with the guard set, on t itself.
 */
void fc_thread_exit_check(struct fc_thread *t)
{
	uintptr_t frames[FC_MAX_DEPTH];
	struct fc_report *r;
	uint32_t stack;
	int n;

	if (!t->depth)
		return;
	fc_graph_lock();
	/* drop stale records: locks gone, or released behind our back */
	for (int i = (int)t->depth - 1; i >= 0; i--)
		if (!fc_key_alive(t->held[i].key) ||
		    !lock_word_held(t->held[i].kind, t->held[i].mode,
				    t->held[i].addr, t->tid))
			fc_held_remove(t, i);
	fc_graph_unlock();
	if (!t->depth)
		return;
	n = fc_backtrace(frames, fc_opt.stack_depth);
	fc_graph_lock();
	stack = fc_stack_intern(frames, n);
	if (fc_active() &&
	    !seen_once(FC_R_EXIT_HELD, t->held[0].stack, t->held[0].addr) &&
	    (r = fc_report_new(t, FC_R_EXIT_HELD))) {
		fc_thread_ident(t, &r->thr);
		r->stack = stack;
		fc_report_held(r, t);
	}
	fc_graph_unlock();
	__atomic_store_n(&t->depth, 0, __ATOMIC_RELEASE);
	if (t->npending)
		fc_report_flush(t);
}
