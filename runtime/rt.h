// SPDX-License-Identifier: MIT
/*
 * rt.h - internals of libfearcheck-rt, the LD_PRELOAD lock-order tracker.
 *
 * The tracker interposes the pthread and C11 lock functions (rt_intercept.c)
 * and keeps, for the whole process, a graph whose nodes are lock instances
 * and whose edges say "this lock was taken while that one was held"
 * (rt_graph.c).  A cycle in the graph is a potential deadlock even when the
 * run did not hang; it is reported in lockdep's shape (rt_report.c) with the
 * stacks captured when each edge was made (rt_stack.c).  An opt-in watchdog
 * (rt_watchdog.c) reports threads that really are blocked on each other.
 *
 * DESIGN
 *
 * Fast path.  Every thread has a struct fc_thread (rt_core.c) holding its
 * stack of held locks and a direct-mapped cache of validated chains.  An
 * acquisition hashes (chain hash of the held stack, lock key, call site)
 * and, when that key is in the cache, only pushes a held entry: no malloc,
 * no stdio, no global lock and no write to shared memory.  The lock key
 * comes from a lock-free read of the address table (struct fc_lockslot).
 * Anything else - a lock never seen, a chain never validated by this thread
 * at this call site - takes the slow path, which captures a stack, takes
 * graph_lock, adds the edges and runs the cycle search.
 *
 * Identity.  A lock is its address plus a generation: init, destroy and
 * free/munmap of its memory end one generation, so a reused address is a
 * new lock.  A node's key is (generation << 32 | node index).
 *
 * Memory.  Every table is a fixed-size anonymous mapping made at start-up
 * (MAP_NORESERVE, touched on demand).  When one fills, the tracker prints a
 * single "fearcheck: BUG: FC_MAX_... too low, tracking disabled" line and
 * stops tracking; the program goes on untouched.
 *
 * Re-entrance.  fc_tls.guard is set while the tracker runs on a thread;
 * any lock operation made meanwhile (from our own libraries, or from a
 * signal handler interrupting us) goes straight to the real function.
 *
 * Internal lock order: report_lock -> wd_lock -> graph_lock -> threads_lock.
 * These are plain glibc mutexes called through fc_real, never tracked.
 */
#ifndef FC_RT_H
#define FC_RT_H

#include <limits.h>
#include <pthread.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <sys/types.h>
#include <threads.h>
#include <time.h>

#include "rt_options.h"

#define FC_EXPORT __attribute__((visibility("default")))
#define FC_INLINE static inline __attribute__((always_inline))
#define likely(x) __builtin_expect(!!(x), 1)
#define unlikely(x) __builtin_expect(!!(x), 0)

/* Table sizes.  Each is a hard limit: reaching it disables tracking. */
#define FC_MAX_LOCKS	(1u << 20)	/* live lock addresses */
#define FC_LOCK_HASH	(1u << 21)	/* address slots, power of 2 */
#define FC_MAX_NODES	(1u << 20)	/* lock generations */
#define FC_MAX_EDGES	(1u << 20)
#define FC_EDGE_HASH	(1u << 21)	/* power of 2 */
#define FC_MAX_HELD	4096		/* locks held by one thread */
#define FC_CHAIN_CACHE	1024		/* chain cache of a thread */
#define FC_MAX_STACKS	(1u << 20)
#define FC_STACK_HASH	(1u << 21)	/* power of 2 */
#define FC_MAX_FRAMES	(1u << 23)	/* frames in all stored stacks */
#define FC_MAX_DEPTH	64		/* frames in one stack */
#define FC_MAX_GATES	4		/* gate-lock candidates per edge */
#define FC_MAX_CYCLE	64		/* edges in one reported cycle */
#define FC_MAX_REPORTED	(1u << 16)	/* distinct cycles reported */
#define FC_MAX_PENDING	4		/* reports of one acquisition */
#define FC_MAX_SEARCH	(1u << 17)	/* search steps per new edge */
#define FC_PAGE_BUCKETS	(1u << 18)	/* free() filter, power of 2 */
#define FC_NAME_POOL	(1u << 20)	/* bytes of lock names */
#define FC_MAX_SITES	(1u << 16)	/* init sites, power of 2 */
#define FC_MAX_REPORT_HELD 32		/* held locks in a report */

#define FC_PAGE_SHIFT	12
#define FC_CHAIN_SEED	0x8c3a5e71d2f94b07ull

enum fc_kind {
	FC_KIND_MUTEX,
	FC_KIND_RWLOCK,
	FC_KIND_SPIN,
	FC_KIND_MTX,
	FC_KIND_NR,
};

enum fc_mode {
	FC_MODE_W,	/* exclusive: mutex, spin lock, write lock */
	FC_MODE_R,	/* shared: read lock */
};

/* struct fc_held.flags and acquisition flags */
#define FC_ACQ_TRY	0x01	/* taken by trylock: no edge into it */
#define FC_ACQ_REENTRY	0x02	/* taken again while held: no edges */
#define FC_ACQ_TIMED	0x04	/* timed or clock acquisition */

/* A held lock, on its thread's stack; written only by that thread. */
struct fc_held {
	uintptr_t addr;
	uint64_t key;		/* node key when taken */
	uint64_t hash;		/* chain hash up to this entry */
	uint32_t stack;		/* where it was taken (0: unknown) */
	uint8_t mode;
	uint8_t flags;
	uint8_t kind;
	uint8_t pad;
};

struct fc_centry {
	uint64_t key;		/* chain hash mixed with the call site */
	uint32_t stack;		/* where the chain was first taken */
	uint8_t flags;		/* FC_ACQ_REENTRY when the lock is held */
	uint8_t pad[3];
};

/* Report types */
enum fc_rtype {
	FC_R_CYCLE,		/* lock-order inversion */
	FC_R_RELOCK,		/* non-recursive lock taken again */
	FC_R_BAD_UNLOCK,	/* release of a lock the thread does not hold */
	FC_R_DESTROY_HELD,	/* destroy of a held lock */
	FC_R_FREE_HELD,		/* free/munmap of a held lock */
	FC_R_EXIT_HELD,		/* thread exit with locks held */
	FC_R_WATCHDOG,		/* threads really blocked on each other */
	FC_R_NR,
};

/* A lock as a report shows it: copied so the report outlives the node. */
struct fc_rlock {
	uint64_t key;
	uintptr_t addr;
	uintptr_t site;		/* init call, or first acquisition */
	uint32_t site_ord;	/* 1 for the first lock from that site */
	uint32_t name;		/* name pool offset, 0: none */
	uint8_t kind;
	uint8_t site_init;	/* site is an init call */
	uint8_t subtype;	/* mutex type or rwlock preference */
	uint8_t dead;		/* destroyed or freed since */
};

struct fc_rthread {
	char name[16];
	pid_t tid;
};

struct fc_redge {
	uint8_t from, to;	/* indexes into fc_report.locks */
	uint8_t held_mode, acq_mode;
	uint32_t from_stack, to_stack;
	struct fc_rthread thr;
};

struct fc_rheld {
	uint8_t lock;		/* index into fc_report.locks */
	uint8_t mode;
	uint8_t flags;
	uint32_t stack;
};

struct fc_rwait {		/* one thread of a watchdog report */
	struct fc_rthread thr;
	uint8_t lock;		/* lock it waits for */
	uint8_t mode;
	uint32_t stack;		/* where it waits */
	uint8_t nheld;
	struct fc_rheld held[8];
};

/*
 * One report, filled where the problem is found (often under graph_lock)
 * and printed later by fc_report_flush() with only report_lock held.
 */
struct fc_report {
	enum fc_rtype type;
	struct fc_rthread thr;		/* the thread that found it */
	uint32_t stack;			/* its current stack */
	uint8_t mode;			/* of the current acquisition */
	uint8_t single_thread;		/* all edges from one thread */
	uint8_t nlocks, nedges, nheld, nwait;
	uint32_t total_edges;		/* cycle length, untruncated */
	uint32_t total_held;		/* held count before truncation */
	uint8_t subject;		/* lock the operation is about */
	uint8_t other_held;		/* the holder is known */
	struct fc_rthread holder;
	uint32_t holder_stack;
	uintptr_t range_lo, range_hi;	/* FC_R_FREE_HELD */
	struct fc_rlock locks[FC_MAX_CYCLE + FC_MAX_REPORT_HELD + 2];
	struct fc_redge edges[FC_MAX_CYCLE];
	struct fc_rheld held[FC_MAX_REPORT_HELD];
	struct fc_rwait wait[8];
};

/* Per-thread state, in its own mapping; see rt_core.c. */
struct fc_thread {
	unsigned int depth;		/* held entries in use */
	uint32_t seq;			/* 0 main, then creation order */
	pid_t tid;
	int renamed;			/* name set by pthread_setname_np */
	struct fc_thread *next, *prev;	/* live list, threads_lock */
	struct fc_thread *free_next;
	/* watchdog: written by the thread, read under wd_lock */
	uintptr_t wait_addr;
	uint32_t wait_stack;
	uint8_t wait_mode;
	uint8_t stuck;
	unsigned int npending;
	struct fc_report pending[FC_MAX_PENDING];
	struct fc_held held[FC_MAX_HELD];
	struct fc_centry cache[FC_CHAIN_CACHE];
};

struct fc_tls {
	struct fc_thread *thr;
	int guard;
	uint32_t start_seq;		/* from the create trampoline */
};

extern __thread struct fc_tls fc_tls __attribute__((tls_model("initial-exec")));

extern int fc_enabled;		/* 0 before init and once disabled */
extern uint32_t fc_nlocks_live;	/* for the free() filter */

/* The real functions, from dlsym(RTLD_NEXT). */
struct fc_real {
	int (*mutex_init)(pthread_mutex_t *, const pthread_mutexattr_t *);
	int (*mutex_destroy)(pthread_mutex_t *);
	int (*mutex_lock)(pthread_mutex_t *);
	int (*mutex_trylock)(pthread_mutex_t *);
	int (*mutex_timedlock)(pthread_mutex_t *, const struct timespec *);
	int (*mutex_clocklock)(pthread_mutex_t *, clockid_t,
			       const struct timespec *);
	int (*mutex_unlock)(pthread_mutex_t *);
	int (*rwlock_init)(pthread_rwlock_t *, const pthread_rwlockattr_t *);
	int (*rwlock_destroy)(pthread_rwlock_t *);
	int (*rwlock_rdlock)(pthread_rwlock_t *);
	int (*rwlock_wrlock)(pthread_rwlock_t *);
	int (*rwlock_tryrdlock)(pthread_rwlock_t *);
	int (*rwlock_trywrlock)(pthread_rwlock_t *);
	int (*rwlock_timedrdlock)(pthread_rwlock_t *, const struct timespec *);
	int (*rwlock_timedwrlock)(pthread_rwlock_t *, const struct timespec *);
	int (*rwlock_clockrdlock)(pthread_rwlock_t *, clockid_t,
				  const struct timespec *);
	int (*rwlock_clockwrlock)(pthread_rwlock_t *, clockid_t,
				  const struct timespec *);
	int (*rwlock_unlock)(pthread_rwlock_t *);
	int (*spin_init)(pthread_spinlock_t *, int);
	int (*spin_destroy)(pthread_spinlock_t *);
	int (*spin_lock)(pthread_spinlock_t *);
	int (*spin_trylock)(pthread_spinlock_t *);
	int (*spin_unlock)(pthread_spinlock_t *);
	int (*cond_wait)(pthread_cond_t *, pthread_mutex_t *);
	int (*cond_timedwait)(pthread_cond_t *, pthread_mutex_t *,
			      const struct timespec *);
	int (*cond_clockwait)(pthread_cond_t *, pthread_mutex_t *, clockid_t,
			      const struct timespec *);
	int (*mtx_init)(mtx_t *, int);
	void (*mtx_destroy)(mtx_t *);
	int (*mtx_lock)(mtx_t *);
	int (*mtx_trylock)(mtx_t *);
	int (*mtx_timedlock)(mtx_t *__restrict,
			     const struct timespec *__restrict);
	int (*mtx_unlock)(mtx_t *);
	int (*cnd_wait)(cnd_t *, mtx_t *);
	int (*cnd_timedwait)(cnd_t *__restrict, mtx_t *__restrict,
			     const struct timespec *__restrict);
	int (*create)(pthread_t *, const pthread_attr_t *, void *(*)(void *),
		      void *);
	int (*thrd_create)(thrd_t *, thrd_start_t, void *);
	int (*setname)(pthread_t, const char *);
	void (*free)(void *);
	void *(*realloc)(void *, size_t);
	int (*munmap)(void *, size_t);
};

extern struct fc_real fc_real;

/* rt_core.c */
void fc_init(void);
struct fc_thread *fc_thread_attach(void) __attribute__((cold, noinline));
void fc_disable(const char *table);
void fc_threads_lock(void);
void fc_threads_unlock(void);
struct fc_thread *fc_threads_first(void);
void fc_thread_ident(struct fc_thread *t, struct fc_rthread *out);
void fc_exit_now(int code);
void fc_resolve(void);
uint32_t fc_next_thread_seq(void);
int fc_same_name_as_process(const char *name);

/* Counters for stats=1, updated under graph_lock. */
struct fc_stats {
	unsigned long slow, searches, reorders;
};
extern struct fc_stats fc_stats;

/* rt_graph.c */
void fc_graph_stats(void);
int fc_graph_init(void);
void fc_graph_lock(void);
void fc_graph_unlock(void);
void fc_graph_atfork_child(void);
int fc_lock_known(uintptr_t addr);
int fc_key_alive(uint64_t key);
void fc_report_held(struct fc_report *r, struct fc_thread *t);
uint8_t fc_rlock_add(struct fc_report *r, uint64_t key, uintptr_t addr);
uint64_t fc_lock_node(uintptr_t addr, unsigned int kind, uintptr_t pc,
		      const void *lock);
void fc_lock_init_site(uintptr_t addr, unsigned int kind, uintptr_t pc,
		       const void *lock);
void fc_lock_forget(uintptr_t lo, uintptr_t hi);
void fc_lock_set_name(uintptr_t addr, const char *name);
int fc_lock_is_recursive(uint64_t key, const void *lock);
int fc_lock_is_errorcheck(uint64_t key, const void *lock);
int fc_lock_rw_writer_pref(uint64_t key);
void fc_rlock_fill(struct fc_rlock *rl, uint64_t key, uintptr_t addr);
const char *fc_name_get(uint32_t off);
void fc_edge_add(struct fc_thread *t, unsigned int from, uint64_t to_key,
		 unsigned int mode, uint32_t stack);
int fc_pages_may_hold_locks(uintptr_t lo, uintptr_t hi);

/* rt_acquire.c */
struct fc_acq {
	uintptr_t addr;
	uint64_t key;
	uint64_t hash;
	uint32_t stack;
	uint8_t kind, mode, flags;
};
void fc_acquire_init(void);
bool fc_acquire_slow(struct fc_acq *a, struct fc_thread *t, uintptr_t pc)
	__attribute__((cold, noinline));
void fc_release_slow(struct fc_thread *t, uintptr_t addr, unsigned int kind,
		     uintptr_t pc) __attribute__((cold, noinline));
void fc_held_overflow(void);
void fc_destroy(const void *lock, unsigned int kind, uintptr_t pc);
void fc_forget_memory(uintptr_t lo, uintptr_t hi, uintptr_t pc, int munmap);
void fc_thread_exit_check(struct fc_thread *t);
struct fc_report *fc_report_new(struct fc_thread *t, enum fc_rtype type);
int fc_held_find(struct fc_thread *t, uintptr_t addr);
void fc_held_remove(struct fc_thread *t, unsigned int i);

/* rt_stack.c */
void fc_stack_init(void);
int fc_backtrace(uintptr_t *frames, int max);
uint32_t fc_stack_intern(const uintptr_t *frames, int n);
const uintptr_t *fc_stack_get(uint32_t id, int *n);
struct fc_sym {
	const char *func;	/* NULL when unknown */
	const char *file;	/* NULL when unknown */
	int line;
	const char *module;	/* path of the object */
	int skip;		/* libc, ld.so or ourselves */
};
void fc_symbolize(uintptr_t pc, struct fc_sym *s);
const char *fc_data_symbol(uintptr_t addr, uintptr_t *off, uint64_t *size);
void fc_symbols_atfork_child(void);

/* rt_report.c */
void fc_report_init(void);
void fc_report_flush(struct fc_thread *t);
void fc_report_lock(void);
void fc_report_unlock(void);
uint32_t fc_report_count(void);
void fc_bug(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
void fc_result_line(const char *what, const char *arg);
void fc_say(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
int fc_cycle_seen(const uint64_t *keys, unsigned int n);

/* rt_watchdog.c */
void fc_wd_init(void);
void fc_wd_lock_all(void);
void fc_wd_unlock_all(int child);
int fc_wd_acquire(void *lock, unsigned int kind, unsigned int mode);

/* Hashing: a 64-bit finaliser (murmur3's), good enough for chain keys. */
static inline uint64_t fc_fmix(uint64_t h)
{
	h ^= h >> 33;
	h *= 0xff51afd7ed558ccdull;
	h ^= h >> 33;
	h *= 0xc4ceb9fe1a85ec53ull;
	h ^= h >> 33;
	return h;
}

/*
 * The chain hash of a held stack with one more lock on top.  Cheap on
 * purpose (it is on the fast path): the lock's share is computed off the
 * critical path, then one multiply and one shift mix it with the prefix.
 */
FC_INLINE uint64_t fc_chain_step(uint64_t prev, uint64_t key,
				     unsigned int mode, unsigned int flags)
{
	uint64_t h = prev ^ (key * 0x9e3779b97f4a7c15ull +
			     ((uint64_t)(mode | flags << 1) << 58) + 1);

	h *= 0xd6e8feb86659fd93ull;
	return h ^ (h >> 31);
}

/* The chain-cache key: the chain hash and the call site; never 0. */
FC_INLINE uint64_t fc_cache_key(uint64_t hash, uintptr_t pc)
{
	uint64_t k = hash ^ (pc * 0xa0761d6478bd642full);

	k ^= k >> 29;
	return k ? k : 1;
}

/* Lock-free lookup of a lock's node key; 0 when it has no live node. */
struct fc_lockslot {
	uintptr_t addr;		/* 0 empty, 1 tombstone */
	uint64_t key;		/* node key, 0 none yet */
	uint32_t ent;		/* index into the lock entries */
	uint32_t pad;
};

extern struct fc_lockslot *fc_lockslots;
extern unsigned int fc_lockslots_seq;	/* odd while rehashing */

FC_INLINE uint64_t fc_hash_addr(uintptr_t addr)
{
	uint64_t h = (addr >> 3) * 0x9e3779b97f4a7c15ull;

	return h ^ (h >> 32);
}

FC_INLINE uint64_t fc_lock_key(uintptr_t addr)
{
	unsigned int seq = __atomic_load_n(&fc_lockslots_seq, __ATOMIC_ACQUIRE);
	uint64_t i = fc_hash_addr(addr), key = 0;

	if (unlikely(seq & 1))
		return 0;
	for (unsigned int n = 0; n < 64; n++, i++) {
		struct fc_lockslot *s = &fc_lockslots[i & (FC_LOCK_HASH - 1)];
		uintptr_t a = __atomic_load_n(&s->addr, __ATOMIC_ACQUIRE);

		if (a == addr) {
			key = __atomic_load_n(&s->key, __ATOMIC_ACQUIRE);
			/* the slot may have been reused meanwhile */
			if (__atomic_load_n(&s->addr, __ATOMIC_RELAXED) != addr)
				key = 0;
			break;
		}
		if (!a)
			break;
	}
	__atomic_thread_fence(__ATOMIC_ACQUIRE);
	if (__atomic_load_n(&fc_lockslots_seq, __ATOMIC_RELAXED) != seq)
		return 0;
	return key;
}

FC_INLINE int fc_active(void)
{
	return __atomic_load_n(&fc_enabled, __ATOMIC_RELAXED);
}

/*
 * Fast path of an acquisition: returns true when the tracker follows this
 * acquisition, and then the caller must call fc_acq_end() once the real
 * function has returned.  Call before the real function, with the caller's
 * return address as pc.
 */
FC_INLINE bool fc_acq_begin(struct fc_acq *a, const void *lock,
				unsigned int kind, unsigned int mode,
				unsigned int flags, uintptr_t pc)
{
	struct fc_tls *tls = &fc_tls;
	struct fc_thread *t;
	bool ok;

	if (unlikely(tls->guard || !fc_active()))
		return false;
	t = tls->thr;
	if (unlikely(!t)) {
		/* the first lock this thread takes: make its state */
		tls->guard = 1;
		t = fc_thread_attach();
		tls->guard = 0;
		if (!t)
			return false;
	}
	a->addr = (uintptr_t)lock;
	a->kind = kind;
	a->mode = mode;
	a->flags = flags & FC_ACQ_TRY;
	a->key = fc_lock_key(a->addr);
	if (likely(a->key)) {
		uint64_t prev = t->depth ? t->held[t->depth - 1].hash :
					   FC_CHAIN_SEED;
		uint64_t ck;
		struct fc_centry *ce;

		a->hash = fc_chain_step(prev, a->key, mode, a->flags);
		ck = fc_cache_key(a->hash, pc);
		ce = &t->cache[ck & (FC_CHAIN_CACHE - 1)];
		if (likely(ce->key == ck)) {
			a->stack = ce->stack;
			a->flags |= ce->flags;
			return true;
		}
	}
	tls->guard = 1;
	ok = fc_acquire_slow(a, t, pc);
	tls->guard = 0;
	return ok;
}

/* Second half of an acquisition: record the lock as held if it was taken. */
FC_INLINE void fc_acq_end(struct fc_acq *a, bool taken)
{
	struct fc_tls *tls = &fc_tls;
	struct fc_thread *t = tls->thr;
	struct fc_held *h;
	unsigned int d;

	if (!taken)
		return;
	tls->guard = 1;
	d = t->depth;
	if (unlikely(d >= FC_MAX_HELD)) {
		fc_held_overflow();
		tls->guard = 0;
		return;
	}
	h = &t->held[d];
	h->addr = a->addr;
	h->key = a->key;
	h->hash = a->hash;
	h->stack = a->stack;
	h->mode = a->mode;
	h->flags = a->flags;
	h->kind = a->kind;
	__atomic_store_n(&t->depth, d + 1, __ATOMIC_RELEASE);
	tls->guard = 0;
}

/* A release: pop the lock from the held stack.  Call before the real unlock. */
FC_INLINE void fc_release(const void *lock, unsigned int kind,
			      uintptr_t pc)
{
	struct fc_tls *tls = &fc_tls;
	struct fc_thread *t;
	unsigned int d;

	if (unlikely(tls->guard || !fc_active()))
		return;
	t = tls->thr;
	/* popping the top entry is one store: no guard needed */
	if (likely(t && (d = t->depth) &&
		   t->held[d - 1].addr == (uintptr_t)lock)) {
		__atomic_store_n(&t->depth, d - 1, __ATOMIC_RELEASE);
		return;
	}
	tls->guard = 1;
	fc_release_slow(t, (uintptr_t)lock, kind, pc);
	tls->guard = 0;
}

#define FC_PC() ((uintptr_t)__builtin_return_address(0))

#endif /* FC_RT_H */
