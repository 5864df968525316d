// SPDX-License-Identifier: MIT
/*
 * rt_core.c - start-up, real functions, threads, fork and exit of
 * libfearcheck-rt.
 *
 * The tracker starts in its constructor: it resolves the real lock
 * functions with dlsym(RTLD_NEXT), reads FEARCHECK_RT (parsed by
 * rt_options.c), maps its tables and then sets fc_enabled.  Interposed
 * calls made before that (from the constructors of libraries initialised
 * earlier) go straight to the real functions, resolved on first use.
 *
 * Threads.  Each thread that takes a lock gets a struct fc_thread, mapped
 * on its own (it holds the held-lock stack and the chain cache, ~200 KiB
 * of which little is ever touched) and recycled through a free list when
 * the thread exits; a pthread key's destructor sees the exit, reports locks
 * still held and releases the slot.  Threads are numbered in creation
 * order by the pthread_create() wrapper, so deterministic reports can call
 * them main, T1, T2... whatever the scheduler did.
 *
 * Fork.  pthread_atfork handlers take every internal lock before fork() and
 * release them after; the child drops the slots of threads that do not
 * exist in it and keeps the graph, so an inversion completed in the child
 * is still found.
 *
 * Exit.  With exitcode=N, an atexit handler registered at start-up (so it
 * runs after the program's own handlers) calls exit(N) when anything was
 * reported: glibc then runs the remaining handlers and destructors,
 * flushes stdio without taking stream locks, and ends with status N.  A
 * report made later still (in a library destructor) is caught by our own
 * destructor, which can only flush and _exit().
 */
#include <dlfcn.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/prctl.h>
#include <sys/syscall.h>
#include <unistd.h>

#include "rt.h"

__thread struct fc_tls fc_tls __attribute__((tls_model("initial-exec")));

int fc_enabled;
struct fc_real fc_real;

static pthread_mutex_t threads_lock = PTHREAD_MUTEX_INITIALIZER;
static struct fc_thread *threads_live;
static struct fc_thread *threads_free;
static pthread_key_t thread_key;
static uint32_t thread_seq;		/* last number handed out */
static char process_comm[16];
static int init_state;			/* 0 none, 1 running, 2 done */

/*
 * Stand-ins for the mutex functions while dlsym() itself runs (a malloc
 * that locks, called by dlsym, would find no real function yet).  This
 * happens only during start-up, on one thread.
 */
static int early_mutex_op(pthread_mutex_t *m)
{
	(void)m;
	return 0;
}

static void *next_sym(const char *name, const char *version)
{
	void *p = NULL;

	if (version)
		p = dlvsym(RTLD_NEXT, name, version);
	if (!p)
		p = dlsym(RTLD_NEXT, name);
	return p;
}

#define RESOLVE(field, name) \
	(*(void **)&fc_real.field = next_sym(name, NULL))
#define RESOLVE_V(field, name, ver) \
	(*(void **)&fc_real.field = next_sym(name, ver))

/*
 * Look up every real function.  Safe to call more than once; functions
 * called while it runs fall back to glibc's __pthread_* aliases.
 */
static void resolve_real(void)
{
	static int done, busy;

	if (__atomic_load_n(&done, __ATOMIC_ACQUIRE) || busy)
		return;
	busy = 1;
	fc_real.mutex_lock = early_mutex_op;
	fc_real.mutex_unlock = early_mutex_op;
	fc_real.mutex_trylock = early_mutex_op;
	RESOLVE(free, "free");
	RESOLVE(realloc, "realloc");
	RESOLVE(mutex_init, "pthread_mutex_init");
	RESOLVE(mutex_destroy, "pthread_mutex_destroy");
	RESOLVE(mutex_lock, "pthread_mutex_lock");
	RESOLVE(mutex_trylock, "pthread_mutex_trylock");
	RESOLVE(mutex_timedlock, "pthread_mutex_timedlock");
	RESOLVE(mutex_clocklock, "pthread_mutex_clocklock");
	RESOLVE(mutex_unlock, "pthread_mutex_unlock");
	RESOLVE(rwlock_init, "pthread_rwlock_init");
	RESOLVE(rwlock_destroy, "pthread_rwlock_destroy");
	RESOLVE(rwlock_rdlock, "pthread_rwlock_rdlock");
	RESOLVE(rwlock_wrlock, "pthread_rwlock_wrlock");
	RESOLVE(rwlock_tryrdlock, "pthread_rwlock_tryrdlock");
	RESOLVE(rwlock_trywrlock, "pthread_rwlock_trywrlock");
	RESOLVE(rwlock_timedrdlock, "pthread_rwlock_timedrdlock");
	RESOLVE(rwlock_timedwrlock, "pthread_rwlock_timedwrlock");
	RESOLVE(rwlock_clockrdlock, "pthread_rwlock_clockrdlock");
	RESOLVE(rwlock_clockwrlock, "pthread_rwlock_clockwrlock");
	RESOLVE(rwlock_unlock, "pthread_rwlock_unlock");
	RESOLVE(spin_init, "pthread_spin_init");
	RESOLVE(spin_destroy, "pthread_spin_destroy");
	RESOLVE(spin_lock, "pthread_spin_lock");
	RESOLVE(spin_trylock, "pthread_spin_trylock");
	RESOLVE(spin_unlock, "pthread_spin_unlock");
	/* The unversioned lookup may find the pre-2.3.2 condvar ABI. */
	RESOLVE_V(cond_wait, "pthread_cond_wait", "GLIBC_2.3.2");
	RESOLVE_V(cond_timedwait, "pthread_cond_timedwait", "GLIBC_2.3.2");
	RESOLVE(cond_clockwait, "pthread_cond_clockwait");
	RESOLVE(mtx_init, "mtx_init");
	RESOLVE(mtx_destroy, "mtx_destroy");
	RESOLVE(mtx_lock, "mtx_lock");
	RESOLVE(mtx_trylock, "mtx_trylock");
	RESOLVE(mtx_timedlock, "mtx_timedlock");
	RESOLVE(mtx_unlock, "mtx_unlock");
	RESOLVE(cnd_wait, "cnd_wait");
	RESOLVE(cnd_timedwait, "cnd_timedwait");
	RESOLVE(create, "pthread_create");
	RESOLVE(thrd_create, "thrd_create");
	RESOLVE(setname, "pthread_setname_np");
	RESOLVE(munmap, "munmap");
	__atomic_store_n(&done, 1, __ATOMIC_RELEASE);
	busy = 0;
}

/* ---- threads ---------------------------------------------------------- */

/*
 * threads_lock guards the live and free lists of thread slots; it is the
 * innermost internal lock.
 */
void fc_threads_lock(void)
{
	fc_real.mutex_lock(&threads_lock);
}

void fc_threads_unlock(void)
{
	fc_real.mutex_unlock(&threads_lock);
}

/* First live thread; walk with ->next.  Call with threads_lock held. */
struct fc_thread *fc_threads_first(void)
{
	return threads_live;
}

/* Nonzero when name is the name every thread starts with. */
int fc_same_name_as_process(const char *name)
{
	return !strncmp(name, process_comm, sizeof(process_comm));
}

/*
 * Describe a thread for a report.  The calling thread reads its own name
 * from the kernel; for another thread we use the name it had when it last
 * took the slow path (thread names are rarely changed twice).
 */
void fc_thread_ident(struct fc_thread *t, struct fc_rthread *out)
{
	char name[16] = "";

	memset(out, 0, sizeof(*out));
	if (t && t == fc_tls.thr) {
		if (prctl(PR_GET_NAME, name) == 0 &&
		    !fc_same_name_as_process(name))
			t->renamed = 1;
		else
			name[0] = 0;
	} else if (t && t->tid) {
		char path[64];
		int fd, n;

		snprintf(path, sizeof(path), "/proc/self/task/%d/comm",
			 (int)t->tid);
		fd = open(path, O_RDONLY | O_CLOEXEC);
		if (fd >= 0) {
			n = read(fd, name, sizeof(name) - 1);
			close(fd);
			if (n > 0 && name[n - 1] == '\n')
				n--;
			name[n > 0 ? n : 0] = 0;
			if (fc_same_name_as_process(name))
				name[0] = 0;
		}
	}
	if (name[0])
		snprintf(out->name, sizeof(out->name), "%s", name);
	else if (!t || !t->seq)
		snprintf(out->name, sizeof(out->name), "main");
	else
		snprintf(out->name, sizeof(out->name), "T%u", t->seq);
	out->tid = t ? t->tid : 0;
}

static void thread_dtor(void *p)
{
	struct fc_thread *t = p;
	struct fc_tls *tls = &fc_tls;

	if (!t || t != tls->thr)
		return;
	tls->guard = 1;
	if (fc_active())
		fc_thread_exit_check(t);
	fc_threads_lock();
	if (t->prev)
		t->prev->next = t->next;
	else
		threads_live = t->next;
	if (t->next)
		t->next->prev = t->prev;
	t->free_next = threads_free;
	threads_free = t;
	fc_threads_unlock();
	tls->thr = NULL;
	tls->guard = 0;
}

/*
 * Give the calling thread its tracker state.  Returns NULL (and the thread
 * goes untracked) when no memory can be mapped.  Call with the guard set.
 */
struct fc_thread *fc_thread_attach(void)
{
	struct fc_tls *tls = &fc_tls;
	struct fc_thread *t;

	fc_threads_lock();
	t = threads_free;
	if (t)
		threads_free = t->free_next;
	fc_threads_unlock();
	if (t) {
		t->depth = 0;
		t->npending = 0;
		t->wait_addr = 0;
		t->stuck = 0;
		t->renamed = 0;
		memset(t->cache, 0, sizeof(t->cache));
	} else {
		t = mmap(NULL, sizeof(*t), PROT_READ | PROT_WRITE,
			 MAP_PRIVATE | MAP_ANONYMOUS | MAP_NORESERVE, -1, 0);
		if (t == MAP_FAILED)
			return NULL;
	}
	t->tid = (pid_t)syscall(SYS_gettid);
	if (t->tid == getpid())
		t->seq = 0;
	else if (tls->start_seq)
		t->seq = tls->start_seq;
	else
		t->seq = __atomic_add_fetch(&thread_seq, 1, __ATOMIC_RELAXED);
	fc_threads_lock();
	t->prev = NULL;
	t->next = threads_live;
	if (threads_live)
		threads_live->prev = t;
	threads_live = t;
	fc_threads_unlock();
	tls->thr = t;
	if (t->seq)
		pthread_setspecific(thread_key, t);
	return t;
}

/*
 * Returns the number of the next thread, for the pthread_create() wrapper
 * to hand to it: threads are numbered in the order they are created.
 */
uint32_t fc_next_thread_seq(void)
{
	return __atomic_add_fetch(&thread_seq, 1, __ATOMIC_RELAXED);
}

/* ---- disabling, fork, exit ------------------------------------------- */

/*
 * A table is full: say so once and stop tracking.  Every interposed call
 * then goes straight to the real function.
 */
void fc_disable(const char *table)
{
	static int said;

	__atomic_store_n(&fc_enabled, 0, __ATOMIC_RELAXED);
	if (table && !__atomic_exchange_n(&said, 1, __ATOMIC_RELAXED))
		fc_bug("%s too low, tracking disabled", table);
}

static void atfork_prepare(void)
{
	fc_tls.guard++;
	fc_report_lock();
	fc_wd_lock_all();
	fc_graph_lock();
	fc_threads_lock();
}

static void atfork_parent(void)
{
	fc_threads_unlock();
	fc_graph_unlock();
	fc_wd_unlock_all(0);
	fc_report_unlock();
	fc_tls.guard--;
}

static void atfork_child(void)
{
	struct fc_thread *self = fc_tls.thr, *t, *next;

	/* Only the forking thread exists in the child. */
	for (t = threads_live; t; t = next) {
		next = t->next;
		if (t == self)
			continue;
		t->free_next = threads_free;
		threads_free = t;
	}
	threads_live = self;
	if (self) {
		self->next = self->prev = NULL;
		self->tid = (pid_t)syscall(SYS_gettid);
	}
	fc_real.mutex_init(&threads_lock, NULL);
	fc_graph_atfork_child();
	fc_wd_unlock_all(1);
	fc_symbols_atfork_child();
	fc_report_unlock();
	fc_tls.guard--;
}

/*
 * End the process now with code: used by the watchdog, when the other
 * threads are deadlocked (so stdio is flushed without its locks, and no
 * exit handler runs that could wait for their locks).
 */
void fc_exit_now(int code)
{
	fflush_unlocked(stdout);
	fflush_unlocked(stderr);
	_exit(code);
}

static int exit_done;

/* atexit handler: turn the exit status into exitcode=N after a report. */
static void exit_with_code(void)
{
	if (fc_opt.exitcode && fc_report_count() && !exit_done) {
		exit_done = 1;
		exit(fc_opt.exitcode);
	}
}

/* Start the tracker.  Runs from our constructor, on the main thread. */
void fc_init(void)
{
	struct fc_tls *tls = &fc_tls;
	const char *env;

	if (__atomic_load_n(&init_state, __ATOMIC_ACQUIRE))
		return;
	init_state = 1;
	tls->guard++;
	resolve_real();
	env = getenv("FEARCHECK_RT");
	if (env)
		fc_options_parse(&fc_opt, env, strlen(env));
	if (prctl(PR_GET_NAME, process_comm) != 0)
		process_comm[0] = 0;
	if (getenv("FEARCHECK_RT_DISABLE"))
		goto out;
	if (fc_graph_init()) {
		fc_bug("cannot map the tracker's tables, tracking disabled");
		goto out;
	}
	fc_acquire_init();
	fc_stack_init();
	fc_report_init();
	fc_wd_init();
	if (pthread_key_create(&thread_key, thread_dtor) != 0)
		goto out;
	pthread_atfork(atfork_prepare, atfork_parent, atfork_child);
	if (fc_opt.exitcode)
		atexit(exit_with_code);
	{
		char pid[16];

		snprintf(pid, sizeof(pid), "%d", (int)getpid());
		fc_result_line("start", pid);
	}
	__atomic_store_n(&fc_enabled, 1, __ATOMIC_RELEASE);
out:
	__atomic_store_n(&init_state, 2, __ATOMIC_RELEASE);
	tls->guard--;
}

/*
 * Resolve the real functions on first use, for calls that arrive before
 * our constructor; fc_real is filled afterwards.
 */
void fc_resolve(void)
{
	resolve_real();
}

__attribute__((constructor)) static void fc_ctor(void)
{
	fc_init();
}

__attribute__((destructor)) static void fc_dtor(void)
{
	if (fc_opt.stats)
		fc_graph_stats();
	if (fc_opt.exitcode && fc_report_count() && !exit_done) {
		exit_done = 1;
		fflush(NULL);
		_exit(fc_opt.exitcode);
	}
}

/* ---- public API ------------------------------------------------------- */

/*
 * Give the lock at lock a name shown in reports (the string is copied).
 * Returns nothing; a no-op when the tracker is disabled.
 */
FC_EXPORT void fearcheck_rt_name_lock(void *lock, const char *name);
void fearcheck_rt_name_lock(void *lock, const char *name)
{
	struct fc_tls *tls = &fc_tls;

	if (!lock || !name || tls->guard || !fc_active())
		return;
	tls->guard = 1;
	fc_lock_set_name((uintptr_t)lock, name);
	tls->guard = 0;
}

/* Returns 1 when the tracker is loaded and tracking, else 0. */
FC_EXPORT int fearcheck_rt_active(void);
int fearcheck_rt_active(void)
{
	return fc_active();
}

/* Returns how many reports the tracker has printed so far. */
FC_EXPORT unsigned int fearcheck_rt_reports(void);
unsigned int fearcheck_rt_reports(void)
{
	return fc_report_count();
}
