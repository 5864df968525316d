// SPDX-License-Identifier: MIT
/*
 * rt_intercept.c - the functions libfearcheck-rt interposes.
 *
 * Each wrapper is a thin shell: fc_acq_begin() before the real call,
 * fc_acq_end() after it with whether the lock was taken (rt.h has both
 * inline, with the fast path), fc_release() before a real unlock.  The
 * real functions come from dlsym(RTLD_NEXT) (rt_core.c); until the tracker
 * has started, and whenever it is off or re-entered, a wrapper only calls
 * the real function.
 *
 * Interposed: pthread_mutex_{init,destroy,lock,trylock,timedlock,
 * clocklock,unlock}, pthread_rwlock_{init,destroy,rdlock,wrlock,tryrdlock,
 * trywrlock,timedrdlock,timedwrlock,clockrdlock,clockwrlock,unlock},
 * pthread_spin_{init,destroy,lock,trylock,unlock}, pthread_cond_{wait,
 * timedwait,clockwait} (the mutex is released for the wait and taken
 * again after it), C11 mtx_{init,destroy,lock,trylock,timedlock,unlock}
 * and cnd_{wait,timedwait}, pthread_create and thrd_create (to number
 * threads in creation order), free, realloc and munmap (to forget locks
 * whose memory goes away).
 *
 * A robust mutex returned with EOWNERDEAD is held, and counted so.
 */
#include <dlfcn.h>
#include <errno.h>
#include <malloc.h>
#include <pthread.h>
#include <stdlib.h>
#include <sys/mman.h>
#include <threads.h>

#include "rt.h"

#define REAL(fn) (likely(fc_real.fn) ? fc_real.fn : (fc_resolve(), fc_real.fn))

static inline bool taken(int r)
{
	return r == 0 || r == EOWNERDEAD;
}

/* A lock was initialised at pc: a new generation. */
static void init_lock(const void *lock, unsigned int kind, uintptr_t pc)
{
	struct fc_tls *tls = &fc_tls;

	if (tls->guard || !fc_active())
		return;
	tls->guard = 1;
	fc_graph_lock();
	if (fc_active())
		fc_lock_init_site((uintptr_t)lock, kind, pc, lock);
	fc_graph_unlock();
	tls->guard = 0;
}

/* Blocking acquisition: with the watchdog, in watched slices. */
static inline int block_on(void *lock, unsigned int kind, unsigned int mode,
			   int (*real)(void *))
{
	if (unlikely(fc_opt.watchdog))
		return fc_wd_acquire(lock, kind, mode);
	return real(lock);
}

/* ---- mutexes ---------------------------------------------------------- */

FC_EXPORT int pthread_mutex_init(pthread_mutex_t *m,
				 const pthread_mutexattr_t *attr)
{
	int r = REAL(mutex_init)(m, attr);

	if (!r)
		init_lock(m, FC_KIND_MUTEX, FC_PC());
	return r;
}

FC_EXPORT int pthread_mutex_destroy(pthread_mutex_t *m)
{
	fc_destroy(m, FC_KIND_MUTEX, FC_PC());
	return REAL(mutex_destroy)(m);
}

FC_EXPORT int pthread_mutex_lock(pthread_mutex_t *m)
{
	struct fc_acq a;
	int r;

	if (!fc_acq_begin(&a, m, FC_KIND_MUTEX, FC_MODE_W, 0, FC_PC()))
		return REAL(mutex_lock)(m);
	r = block_on(m, FC_KIND_MUTEX, FC_MODE_W,
		     (int (*)(void *))fc_real.mutex_lock);
	fc_acq_end(&a, taken(r));
	return r;
}

FC_EXPORT int pthread_mutex_trylock(pthread_mutex_t *m)
{
	struct fc_acq a;
	int r;

	if (!fc_acq_begin(&a, m, FC_KIND_MUTEX, FC_MODE_W, FC_ACQ_TRY,
			  FC_PC()))
		return REAL(mutex_trylock)(m);
	r = fc_real.mutex_trylock(m);
	fc_acq_end(&a, taken(r));
	return r;
}

FC_EXPORT int pthread_mutex_timedlock(pthread_mutex_t *m,
				      const struct timespec *ts)
{
	struct fc_acq a;
	int r;

	if (!fc_acq_begin(&a, m, FC_KIND_MUTEX, FC_MODE_W, FC_ACQ_TIMED,
			  FC_PC()))
		return REAL(mutex_timedlock)(m, ts);
	r = fc_real.mutex_timedlock(m, ts);
	fc_acq_end(&a, taken(r));
	return r;
}

FC_EXPORT int pthread_mutex_clocklock(pthread_mutex_t *m, clockid_t clk,
				      const struct timespec *ts)
{
	struct fc_acq a;
	int r;

	if (!fc_acq_begin(&a, m, FC_KIND_MUTEX, FC_MODE_W, FC_ACQ_TIMED,
			  FC_PC()))
		return REAL(mutex_clocklock)(m, clk, ts);
	r = fc_real.mutex_clocklock(m, clk, ts);
	fc_acq_end(&a, taken(r));
	return r;
}

FC_EXPORT int pthread_mutex_unlock(pthread_mutex_t *m)
{
	fc_release(m, FC_KIND_MUTEX, FC_PC());
	return REAL(mutex_unlock)(m);
}

/* ---- reader-writer locks ---------------------------------------------- */

FC_EXPORT int pthread_rwlock_init(pthread_rwlock_t *rw,
				  const pthread_rwlockattr_t *attr)
{
	int r = REAL(rwlock_init)(rw, attr);

	if (!r)
		init_lock(rw, FC_KIND_RWLOCK, FC_PC());
	return r;
}

FC_EXPORT int pthread_rwlock_destroy(pthread_rwlock_t *rw)
{
	fc_destroy(rw, FC_KIND_RWLOCK, FC_PC());
	return REAL(rwlock_destroy)(rw);
}

#define RW_BLOCKING(name, field, mode)					\
FC_EXPORT int name(pthread_rwlock_t *rw)				\
{									\
	struct fc_acq a;						\
	int r;								\
									\
	if (!fc_acq_begin(&a, rw, FC_KIND_RWLOCK, mode, 0, FC_PC()))	\
		return REAL(field)(rw);					\
	r = block_on(rw, FC_KIND_RWLOCK, mode,				\
		     (int (*)(void *))fc_real.field);			\
	fc_acq_end(&a, taken(r));					\
	return r;							\
}

#define RW_TRY(name, field, mode)					\
FC_EXPORT int name(pthread_rwlock_t *rw)				\
{									\
	struct fc_acq a;						\
	int r;								\
									\
	if (!fc_acq_begin(&a, rw, FC_KIND_RWLOCK, mode, FC_ACQ_TRY,	\
			  FC_PC()))					\
		return REAL(field)(rw);					\
	r = fc_real.field(rw);						\
	fc_acq_end(&a, taken(r));					\
	return r;							\
}

#define RW_TIMED(name, field, mode)					\
FC_EXPORT int name(pthread_rwlock_t *rw, const struct timespec *ts)	\
{									\
	struct fc_acq a;						\
	int r;								\
									\
	if (!fc_acq_begin(&a, rw, FC_KIND_RWLOCK, mode, FC_ACQ_TIMED,	\
			  FC_PC()))					\
		return REAL(field)(rw, ts);				\
	r = fc_real.field(rw, ts);					\
	fc_acq_end(&a, taken(r));					\
	return r;							\
}

#define RW_CLOCK(name, field, mode)					\
FC_EXPORT int name(pthread_rwlock_t *rw, clockid_t clk,		\
		   const struct timespec *ts)				\
{									\
	struct fc_acq a;						\
	int r;								\
									\
	if (!fc_acq_begin(&a, rw, FC_KIND_RWLOCK, mode, FC_ACQ_TIMED,	\
			  FC_PC()))					\
		return REAL(field)(rw, clk, ts);			\
	r = fc_real.field(rw, clk, ts);					\
	fc_acq_end(&a, taken(r));					\
	return r;							\
}

RW_BLOCKING(pthread_rwlock_rdlock, rwlock_rdlock, FC_MODE_R)
RW_BLOCKING(pthread_rwlock_wrlock, rwlock_wrlock, FC_MODE_W)
RW_TRY(pthread_rwlock_tryrdlock, rwlock_tryrdlock, FC_MODE_R)
RW_TRY(pthread_rwlock_trywrlock, rwlock_trywrlock, FC_MODE_W)
RW_TIMED(pthread_rwlock_timedrdlock, rwlock_timedrdlock, FC_MODE_R)
RW_TIMED(pthread_rwlock_timedwrlock, rwlock_timedwrlock, FC_MODE_W)
RW_CLOCK(pthread_rwlock_clockrdlock, rwlock_clockrdlock, FC_MODE_R)
RW_CLOCK(pthread_rwlock_clockwrlock, rwlock_clockwrlock, FC_MODE_W)

FC_EXPORT int pthread_rwlock_unlock(pthread_rwlock_t *rw)
{
	fc_release(rw, FC_KIND_RWLOCK, FC_PC());
	return REAL(rwlock_unlock)(rw);
}

/* ---- spin locks ------------------------------------------------------- */

FC_EXPORT int pthread_spin_init(pthread_spinlock_t *s, int pshared)
{
	int r = REAL(spin_init)(s, pshared);

	if (!r)
		init_lock((const void *)s, FC_KIND_SPIN, FC_PC());
	return r;
}

FC_EXPORT int pthread_spin_destroy(pthread_spinlock_t *s)
{
	fc_destroy((const void *)s, FC_KIND_SPIN, FC_PC());
	return REAL(spin_destroy)(s);
}

FC_EXPORT int pthread_spin_lock(pthread_spinlock_t *s)
{
	struct fc_acq a;
	int r;

	if (!fc_acq_begin(&a, (const void *)s, FC_KIND_SPIN, FC_MODE_W, 0,
			  FC_PC()))
		return REAL(spin_lock)(s);
	r = block_on((void *)s, FC_KIND_SPIN, FC_MODE_W,
		     (int (*)(void *))fc_real.spin_lock);
	fc_acq_end(&a, taken(r));
	return r;
}

FC_EXPORT int pthread_spin_trylock(pthread_spinlock_t *s)
{
	struct fc_acq a;
	int r;

	if (!fc_acq_begin(&a, (const void *)s, FC_KIND_SPIN, FC_MODE_W,
			  FC_ACQ_TRY, FC_PC()))
		return REAL(spin_trylock)(s);
	r = fc_real.spin_trylock(s);
	fc_acq_end(&a, taken(r));
	return r;
}

FC_EXPORT int pthread_spin_unlock(pthread_spinlock_t *s)
{
	fc_release((const void *)s, FC_KIND_SPIN, FC_PC());
	return REAL(spin_unlock)(s);
}

/* ---- condition variables ---------------------------------------------- */

struct cond_ctx {
	const void *lock;
	unsigned int kind;
	uintptr_t pc;
	int tracked;
};

/* The wait returned (or was cancelled): the mutex is held again. */
static void cond_retake(void *arg)
{
	struct cond_ctx *c = arg;
	struct fc_acq a;

	if (c->tracked && fc_acq_begin(&a, c->lock, c->kind, FC_MODE_W, 0,
				       c->pc))
		fc_acq_end(&a, true);
}

static void cond_release(struct cond_ctx *c)
{
	struct fc_tls *tls = &fc_tls;

	c->tracked = !tls->guard && fc_active();
	if (c->tracked)
		fc_release(c->lock, c->kind, c->pc);
}

FC_EXPORT int pthread_cond_wait(pthread_cond_t *cv, pthread_mutex_t *m)
{
	struct cond_ctx c = { m, FC_KIND_MUTEX, FC_PC(), 0 };
	int r;

	cond_release(&c);
	pthread_cleanup_push(cond_retake, &c);
	r = REAL(cond_wait)(cv, m);
	pthread_cleanup_pop(1);
	return r;
}

FC_EXPORT int pthread_cond_timedwait(pthread_cond_t *cv, pthread_mutex_t *m,
				     const struct timespec *ts)
{
	struct cond_ctx c = { m, FC_KIND_MUTEX, FC_PC(), 0 };
	int r;

	cond_release(&c);
	pthread_cleanup_push(cond_retake, &c);
	r = REAL(cond_timedwait)(cv, m, ts);
	pthread_cleanup_pop(1);
	return r;
}

FC_EXPORT int pthread_cond_clockwait(pthread_cond_t *cv, pthread_mutex_t *m,
				     clockid_t clk, const struct timespec *ts)
{
	struct cond_ctx c = { m, FC_KIND_MUTEX, FC_PC(), 0 };
	int r;

	cond_release(&c);
	pthread_cleanup_push(cond_retake, &c);
	r = REAL(cond_clockwait)(cv, m, clk, ts);
	pthread_cleanup_pop(1);
	return r;
}

/* ---- C11 threads ------------------------------------------------------ */

FC_EXPORT int mtx_init(mtx_t *m, int type)
{
	int r = REAL(mtx_init)(m, type);

	if (r == thrd_success)
		init_lock(m, FC_KIND_MTX, FC_PC());
	return r;
}

FC_EXPORT void mtx_destroy(mtx_t *m)
{
	fc_destroy(m, FC_KIND_MTX, FC_PC());
	REAL(mtx_destroy)(m);
}

FC_EXPORT int mtx_lock(mtx_t *m)
{
	struct fc_acq a;
	int r;

	if (!fc_acq_begin(&a, m, FC_KIND_MTX, FC_MODE_W, 0, FC_PC()))
		return REAL(mtx_lock)(m);
	if (unlikely(fc_opt.watchdog)) {
		r = fc_wd_acquire(m, FC_KIND_MTX, FC_MODE_W);
		r = taken(r) ? thrd_success : thrd_error;
	} else {
		r = fc_real.mtx_lock(m);
	}
	fc_acq_end(&a, r == thrd_success);
	return r;
}

FC_EXPORT int mtx_trylock(mtx_t *m)
{
	struct fc_acq a;
	int r;

	if (!fc_acq_begin(&a, m, FC_KIND_MTX, FC_MODE_W, FC_ACQ_TRY, FC_PC()))
		return REAL(mtx_trylock)(m);
	r = fc_real.mtx_trylock(m);
	fc_acq_end(&a, r == thrd_success);
	return r;
}

FC_EXPORT int mtx_timedlock(mtx_t *__restrict m,
			    const struct timespec *__restrict ts)
{
	struct fc_acq a;
	int r;

	if (!fc_acq_begin(&a, m, FC_KIND_MTX, FC_MODE_W, FC_ACQ_TIMED,
			  FC_PC()))
		return REAL(mtx_timedlock)(m, ts);
	r = fc_real.mtx_timedlock(m, ts);
	fc_acq_end(&a, r == thrd_success);
	return r;
}

FC_EXPORT int mtx_unlock(mtx_t *m)
{
	fc_release(m, FC_KIND_MTX, FC_PC());
	return REAL(mtx_unlock)(m);
}

FC_EXPORT int cnd_wait(cnd_t *cv, mtx_t *m)
{
	struct cond_ctx c = { m, FC_KIND_MTX, FC_PC(), 0 };
	int r;

	cond_release(&c);
	pthread_cleanup_push(cond_retake, &c);
	r = REAL(cnd_wait)(cv, m);
	pthread_cleanup_pop(1);
	return r;
}

FC_EXPORT int cnd_timedwait(cnd_t *__restrict cv, mtx_t *__restrict m,
			    const struct timespec *__restrict ts)
{
	struct cond_ctx c = { m, FC_KIND_MTX, FC_PC(), 0 };
	int r;

	cond_release(&c);
	pthread_cleanup_push(cond_retake, &c);
	r = REAL(cnd_timedwait)(cv, m, ts);
	pthread_cleanup_pop(1);
	return r;
}

/* ---- threads ---------------------------------------------------------- */

struct start {
	void *(*fn)(void *);
	int (*cfn)(void *);
	void *arg;
	uint32_t seq;
};

static void *start_pthread(void *p)
{
	struct start s = *(struct start *)p;

	fc_real.free(p);
	fc_tls.start_seq = s.seq;
	return s.fn(s.arg);
}

static int start_c11(void *p)
{
	struct start s = *(struct start *)p;

	fc_real.free(p);
	fc_tls.start_seq = s.seq;
	return s.cfn(s.arg);
}

static struct start *start_new(void)
{
	struct start *s;

	if (fc_tls.guard || !fc_active())
		return NULL;
	s = malloc(sizeof(*s));
	if (s)
		s->seq = fc_next_thread_seq();
	return s;
}

FC_EXPORT int pthread_create(pthread_t *th, const pthread_attr_t *attr,
			     void *(*fn)(void *), void *arg)
{
	struct start *s = start_new();
	int r;

	if (!s)
		return REAL(create)(th, attr, fn, arg);
	s->fn = fn;
	s->arg = arg;
	r = fc_real.create(th, attr, start_pthread, s);
	if (r)
		fc_real.free(s);
	return r;
}

FC_EXPORT int thrd_create(thrd_t *th, thrd_start_t fn, void *arg)
{
	struct start *s = start_new();
	int r;

	if (!s)
		return REAL(thrd_create)(th, fn, arg);
	s->cfn = fn;
	s->arg = arg;
	r = fc_real.thrd_create(th, start_c11, s);
	if (r != thrd_success)
		fc_real.free(s);
	return r;
}

/* ---- memory ----------------------------------------------------------- */

static void (*resolve_free(void))(void *)
{
	static int busy;
	void (*f)(void *);

	if (busy)
		return NULL;	/* dlsym itself is freeing: leak it */
	busy = 1;
	f = (void (*)(void *))dlsym(RTLD_NEXT, "free");
	fc_real.free = f;
	busy = 0;
	return f;
}

/* Forget the locks in the block at p, if any can be there. */
static inline void free_check(void *p, uintptr_t pc)
{
	uintptr_t lo = (uintptr_t)p, hi;

	if (!__atomic_load_n(&fc_nlocks_live, __ATOMIC_RELAXED) ||
	    fc_tls.guard || !fc_active())
		return;
	hi = lo + malloc_usable_size(p);
	if (hi > lo && fc_pages_may_hold_locks(lo, hi))
		fc_forget_memory(lo, hi, pc, 0);
}

FC_EXPORT void free(void *p)
{
	void (*f)(void *) = fc_real.free;

	if (unlikely(!f) && !(f = resolve_free()))
		return;
	if (p)
		free_check(p, FC_PC());
	f(p);
}

/* glibc's allocator, for a realloc() made while dlsym() itself runs */
extern void *__libc_realloc(void *, size_t);

FC_EXPORT void *realloc(void *p, size_t n)
{
	void *(*real_realloc)(void *, size_t) = fc_real.realloc;
	uintptr_t lo = (uintptr_t)p, hi = 0;
	void *q;

	if (unlikely(!real_realloc)) {
		fc_resolve();
		real_realloc = fc_real.realloc ? fc_real.realloc :
						 __libc_realloc;
	}
	if (p && __atomic_load_n(&fc_nlocks_live, __ATOMIC_RELAXED) &&
	    !fc_tls.guard && fc_active()) {
		hi = lo + malloc_usable_size(p);
		if (hi <= lo || !fc_pages_may_hold_locks(lo, hi))
			hi = 0;
	}
	q = real_realloc(p, n);
	/* the old block is gone if it moved, was freed, or shrank */
	if (hi) {
		if (!q) {
			if (!n)
				fc_forget_memory(lo, hi, FC_PC(), 0);
		} else if (q != p) {
			fc_forget_memory(lo, hi, FC_PC(), 0);
		} else if (lo + n < hi) {
			fc_forget_memory(lo + n, hi, FC_PC(), 0);
		}
	}
	return q;
}

FC_EXPORT int munmap(void *addr, size_t len)
{
	uintptr_t lo = (uintptr_t)addr;

	if (len && lo + len > lo && !fc_tls.guard && fc_active() &&
	    fc_pages_may_hold_locks(lo, lo + len))
		fc_forget_memory(lo, lo + len, FC_PC(), 1);
	return REAL(munmap)(addr, len);
}
