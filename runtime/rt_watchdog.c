// SPDX-License-Identifier: MIT
/*
 * rt_watchdog.c - the opt-in watchdog (watchdog=SECONDS): find threads
 * that really are blocked on each other, and say so.
 *
 * With the watchdog on, a blocking acquisition (lock, rdlock, wrlock,
 * spin_lock, mtx_lock) first tries the lock, then waits in slices of
 * SECONDS with the clock variant of the real call (pthread_mutex_clocklock
 * and friends), so the program sees the same result.  When a slice runs
 * out the waiting thread captures its own stack, marks itself stuck and
 * follows the wait-for chain: the lock it waits for, the thread holding
 * it (from the held-lock stacks), the lock that thread waits for...  When
 * the chain comes back to it, every thread on it is stuck: a deadlock,
 * reported once with each thread's waiting stack and held locks.  Then,
 * with exitcode=N the process ends with status N (nothing else could end
 * it), with abort=1 it aborts, else the threads go on waiting.
 *
 * Without the watchdog the acquisition is the real blocking call: the
 * watchdog costs nothing unless enabled.
 */
#include <errno.h>
#include <sched.h>
#include <string.h>
#include <time.h>

#include "rt.h"

static pthread_mutex_t wd_lock = PTHREAD_MUTEX_INITIALIZER;
static uint64_t wd_seen[64];
static unsigned int wd_nseen;

/* Nothing to set up: the watchdog runs in the blocked threads. */
void fc_wd_init(void)
{
}

/* fork(): hold wd_lock across it, like the other internal locks. */
void fc_wd_lock_all(void)
{
	fc_real.mutex_lock(&wd_lock);
}

/* After fork(): release it (parent) or make it anew (child). */
void fc_wd_unlock_all(int child)
{
	if (child)
		fc_real.mutex_init(&wd_lock, NULL);
	else
		fc_real.mutex_unlock(&wd_lock);
}

static int try_once(void *lock, unsigned int kind, unsigned int mode)
{
	switch (kind) {
	case FC_KIND_RWLOCK:
		return mode == FC_MODE_R ? fc_real.rwlock_tryrdlock(lock) :
					   fc_real.rwlock_trywrlock(lock);
	case FC_KIND_SPIN:
		return fc_real.spin_trylock(lock);
	default:	/* glibc's mtx_t is a pthread_mutex_t */
		return fc_real.mutex_trylock(lock);
	}
}

/* One slice of waiting, until the absolute CLOCK_MONOTONIC time ts. */
static int wait_until(void *lock, unsigned int kind, unsigned int mode,
		      const struct timespec *ts)
{
	struct timespec now;
	int r;

	switch (kind) {
	case FC_KIND_RWLOCK:
		if (mode == FC_MODE_R)
			r = fc_real.rwlock_clockrdlock ?
			    fc_real.rwlock_clockrdlock(lock, CLOCK_MONOTONIC,
						       ts) : EINVAL;
		else
			r = fc_real.rwlock_clockwrlock ?
			    fc_real.rwlock_clockwrlock(lock, CLOCK_MONOTONIC,
						       ts) : EINVAL;
		if (r == EINVAL)
			r = mode == FC_MODE_R ? fc_real.rwlock_rdlock(lock) :
						fc_real.rwlock_wrlock(lock);
		return r;
	case FC_KIND_SPIN:
		for (unsigned long n = 1;; n++) {
			r = fc_real.spin_trylock(lock);
			if (r != EBUSY)
				return r;
			if (n % 1024)
				continue;
			sched_yield();
			clock_gettime(CLOCK_MONOTONIC, &now);
			if (now.tv_sec > ts->tv_sec ||
			    (now.tv_sec == ts->tv_sec &&
			     now.tv_nsec >= ts->tv_nsec))
				return ETIMEDOUT;
		}
	default:
		r = fc_real.mutex_clocklock ?
		    fc_real.mutex_clocklock(lock, CLOCK_MONOTONIC, ts) : EINVAL;
		if (r == EINVAL)	/* e.g. a PI mutex on an old kernel */
			r = fc_real.mutex_lock(lock);
		return r;
	}
}

/* The thread (other than none) holding addr in a mode that blocks mode. */
static struct fc_thread *holder_of(uintptr_t addr, unsigned int mode,
				   uint64_t *key)
{
	for (struct fc_thread *o = fc_threads_first(); o; o = o->next) {
		unsigned int d = __atomic_load_n(&o->depth, __ATOMIC_ACQUIRE);

		for (unsigned int i = 0; i < d && i < FC_MAX_HELD; i++) {
			if (o->held[i].addr != addr)
				continue;
			if (mode == FC_MODE_R && o->held[i].mode == FC_MODE_R)
				continue;
			*key = o->held[i].key;
			return o;
		}
	}
	return NULL;
}

static int seen_before(struct fc_thread **cyc, unsigned int n)
{
	uint64_t h = 0, min = UINT64_MAX;

	for (unsigned int i = 0; i < n; i++) {
		uint64_t k = (uint64_t)cyc[i]->seq << 32 | cyc[i]->wait_addr;

		h += fc_fmix(k);
		if (k < min)
			min = k;
	}
	h ^= min;
	for (unsigned int i = 0; i < wd_nseen; i++)
		if (wd_seen[i] == h)
			return 1;
	if (wd_nseen < 64)
		wd_seen[wd_nseen++] = h;
	return 0;
}

/*
 * Start the cycle at its lowest-numbered thread, so the report does not
 * depend on which thread noticed the deadlock first.
 */
static void rotate_lowest_first(struct fc_thread **cyc, uint64_t *keys,
				unsigned int n)
{
	struct fc_thread *tc[8];
	uint64_t tk[8];
	unsigned int lo = 0;

	for (unsigned int i = 1; i < n; i++)
		if (cyc[i]->seq < cyc[lo]->seq)
			lo = i;
	for (unsigned int i = 0; i < n; i++) {
		tc[i] = cyc[(lo + i) % n];
		tk[i] = keys[(lo + i) % n];
	}
	memcpy(cyc, tc, n * sizeof(*cyc));
	memcpy(keys, tk, n * sizeof(*keys));
}

/*
 * Follow the wait-for chain from self; queue a report on self when it
 * comes back.  Returns 1 when a new deadlock was queued.
 */
static int check_cycle(struct fc_thread *self)
{
	struct fc_thread *cyc[8], *cur = self, *h;
	uint64_t keys[8];
	unsigned int n = 0;
	struct fc_report *r;
	int found = 0;

	fc_real.mutex_lock(&wd_lock);
	fc_graph_lock();
	fc_threads_lock();
	for (;;) {
		if (n == 8 || !__atomic_load_n(&cur->stuck, __ATOMIC_ACQUIRE) ||
		    !cur->wait_addr)
			goto out;
		cyc[n] = cur;
		h = holder_of(cur->wait_addr, cur->wait_mode, &keys[n]);
		n++;
		if (!h)
			goto out;
		if (h == self)
			break;
		for (unsigned int i = 0; i < n; i++)
			if (cyc[i] == h)
				goto out;	/* a cycle without us */
		cur = h;
	}
	if (seen_before(cyc, n) || !(r = fc_report_new(self, FC_R_WATCHDOG)))
		goto out;
	rotate_lowest_first(cyc, keys, n);
	fc_thread_ident(self, &r->thr);
	r->nwait = n;
	for (unsigned int i = 0; i < n; i++) {
		struct fc_rwait *w = &r->wait[i];
		struct fc_thread *t = cyc[i];
		unsigned int d = __atomic_load_n(&t->depth, __ATOMIC_ACQUIRE);

		fc_thread_ident(t, &w->thr);
		w->lock = fc_rlock_add(r, keys[i], t->wait_addr);
		w->mode = t->wait_mode;
		w->stack = t->wait_stack;
		for (unsigned int k = 0; k < d && w->nheld < 8; k++) {
			struct fc_rheld *hd = &w->held[w->nheld++];

			hd->lock = fc_rlock_add(r, t->held[k].key,
						t->held[k].addr);
			hd->mode = t->held[k].mode;
			hd->flags = t->held[k].flags;
			hd->stack = t->held[k].stack;
		}
	}
	found = 1;
out:
	fc_threads_unlock();
	fc_graph_unlock();
	fc_real.mutex_unlock(&wd_lock);
	return found;
}

/*
 * Take lock (of kind, in mode) as the real blocking call would, watching
 * for a deadlock.  Returns what the real call returns (pthread codes, also
 * for mtx_t).  Call between fc_acq_begin() and fc_acq_end(), guard clear.
 */
int fc_wd_acquire(void *lock, unsigned int kind, unsigned int mode)
{
	struct fc_tls *tls = &fc_tls;
	struct fc_thread *t = tls->thr;
	struct timespec ts;
	int r;

	r = try_once(lock, kind, mode);
	if (r != EBUSY || !t)
		return r;
	t->wait_stack = 0;
	t->wait_mode = mode;
	__atomic_store_n(&t->wait_addr, (uintptr_t)lock, __ATOMIC_RELEASE);
	for (;;) {
		uintptr_t frames[FC_MAX_DEPTH];
		int n;

		clock_gettime(CLOCK_MONOTONIC, &ts);
		ts.tv_sec += fc_opt.watchdog;
		r = wait_until(lock, kind, mode, &ts);
		if (r != ETIMEDOUT)
			break;
		tls->guard = 1;
		if (!t->wait_stack) {
			n = fc_backtrace(frames, fc_opt.stack_depth);
			fc_graph_lock();
			t->wait_stack = fc_stack_intern(frames, n);
			fc_graph_unlock();
		}
		__atomic_store_n(&t->stuck, 1, __ATOMIC_RELEASE);
		if (fc_active() && check_cycle(t)) {
			fc_report_flush(t);
			if (fc_opt.exitcode)
				fc_exit_now(fc_opt.exitcode);
		}
		tls->guard = 0;
	}
	__atomic_store_n(&t->stuck, 0, __ATOMIC_RELEASE);
	__atomic_store_n(&t->wait_addr, 0, __ATOMIC_RELEASE);
	return r;
}
