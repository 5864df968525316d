/* SPDX-License-Identifier: MIT */
/*
 * link.h - the whole program: TUs linked by name, function summaries, and
 * the threads that run them.
 *
 * Pass: link.  Input: every TU's facts.  Output: struct program, read by
 * the checks.  A tree with several `main`s is several programs: each TU
 * defining main, with every TU that does not.  Without any main, the
 * program is a library whose entry points are the functions nothing calls.
 */
#ifndef FC_LINK_H
#define FC_LINK_H

#include "idset.h"
#include "ir.h"

/* A call chain: outermost call first.  Shared tails, never freed. */
struct chain {
	const struct chain *next;
	struct pos pos;		/* the call site */
	const char *caller;	/* function containing the call */
	const char *callee;
};

/* Lock keys in locksets: path id and mode. */
#define LOCK_KEY(path, mode) (((path)->id << 1) | (uint32_t)(mode))
#define LOCK_PATH(key) apath_by_id((key) >> 1)
#define LOCK_MODE(key) ((enum lock_mode)((key)&1u))

struct sacc {		/* an access, relative to its function's entry */
	const struct apath *path;
	struct pos pos;
	uint16_t flags;		/* EVF_WRITE, EVF_ATOMIC */
	bool private_inst;	/* a different object in each thread instance */
	bool idx_from_arg;	/* indexed by a value of the thread's argument */
	uint32_t idx_taint;
	const struct idset *locks;	/* held for sure */
	const struct idset *running;	/* spawn ids started, not joined */
	const struct idset *joined;	/* handles joined since entry */
	const struct idset *released;	/* entry locks released before */
	const struct idset *curr;	/* spawned in this loop iteration */
	const struct idset *loops;	/* run-wide ids of enclosing loops */
	const struct chain *chain;
};

struct sacq {		/* a lock acquisition */
	const struct apath *lock;
	uint8_t mode, family;
	uint16_t flags;		/* EVF_TRY */
	struct pos pos;
	const struct idset *held;	/* held for sure before it */
	const struct idset *may_held;	/* held on some path before it */
	const struct idset *running;	/* spawn ids started, not joined */
	const struct idset *joined;	/* handles joined since entry */
	const struct idset *released;	/* entry locks released before */
	const struct chain *chain;
};

struct sspawn {		/* a thread creation */
	uint32_t id;		/* run-wide spawn id */
	struct aval entry, arg;
	int32_t entry_fn;	/* the entry, resolved where it was named */
	const struct apath *handle;
	bool multi;		/* may run several times (loop, caller) */
	uint32_t loop;		/* innermost loop around it (0: none) */
	struct pos pos;
	const char *in_fn;	/* function containing pthread_create */
	const struct chain *chain;
	const struct idset *running;	/* spawns running when it is made */
	const struct idset *joined;	/* handles joined since entry */
	const struct idset *locks;
};

/*
 * struct sblock - any other event a check needs, with the locks held there:
 * blocking calls, condvar waits, lock init/destroy/copy, releases (flagged
 * EVF_UNUSED when the lock is not held on any path, in the thread's terms
 * once imported), channel operations, and returns (the function's own only,
 * with the returned value; EVF_IMPLICIT for falling off the end).
 */
struct sblock {
	uint8_t kind;		/* enum ev_kind */
	uint8_t mode, family;	/* as in the event */
	uint16_t flags;
	const char *what;
	const struct apath *path, *path2;
	struct aval val;
	struct pos pos;
	const struct idset *locks;	/* held for sure */
	const struct idset *may;	/* held on some path */
	const struct idset *running;	/* releases: threads running then */
	const struct idset *joined;	/* handles joined since entry */
	const struct idset *released;	/* entry locks released before */
	const struct chain *chain;
};

struct summary {
	VEC(struct sacc) acc;
	VEC(struct sacq) acq;
	VEC(struct sspawn) spawns;
	VEC(struct sblock) blocks;
	const struct idset *exit_must;	/* held at every exit */
	const struct idset *exit_may;	/* held at some exit */
	const struct idset *released;	/* entry locks it releases */
	const struct idset *exit_running;	/* its spawns still running */
	const struct idset *joined;	/* handle path ids it joins */
	const struct apath *ret_src;	/* it returns the value of this */
	bool returns_fresh;	/* an allocator: returns new memory or NULL */
};

struct pfunc {
	const struct function *fn;
	uint32_t tu;
	struct summary *sum;
	bool busy;		/* summary being computed (recursion) */
	bool called;		/* some call or spawn names it */
};

/* A thread: main, a library entry point, or one spawn site's threads. */
struct thread {
	uint32_t id;
	const char *name;	/* entry function */
	int32_t fn;		/* index into program funcs, or -1 */
	int32_t parent;		/* thread that created it, or -1 */
	bool multi;		/* several instances may run at once */
	bool is_main;
	bool external;		/* a configured entry a framework runs */
	const struct sspawn *spawn;	/* in the parent's view; NULL: root */
	VEC(const struct sspawn *) spawns;	/* every record it stands for */
	struct aval arg;	/* its argument, in the parent's terms */
	VEC(struct sacc) acc;	/* its accesses, fully substituted */
	VEC(struct sacq) acq;
	VEC(struct sblock) blocks;
	const struct summary *sum;	/* of its entry, unsubstituted */
	/*
	 * Locks its creator holds from its creation until it is joined (or
	 * forever): no other thread taking them can run beside it.
	 */
	const struct idset *creation_locks;
};

struct program {
	const char *name;	/* main TU, or "(library)" */
	uint64_t serial;	/* unique in the process: a key for memos */
	struct tu *tus;
	uint32_t ntus;
	uint32_t *tu_list;	/* TUs in this program */
	uint32_t ntu_list;
	VEC(struct pfunc) funcs;
	void *by_name;		/* private to link.c */
	void *ptstores;		/* private to link.c */
	void *param_funcs;	/* private to link.c */
	int32_t main_fn;
	VEC(struct thread) threads;
	struct arena mem;
};

/*
 * link_programs - split the TUs into programs (one per TU defining main, each
 * with every TU that does not; or one library program) and return them.
 * *n receives the count.  Caller frees with link_free().
 */
struct program *link_programs(struct tu *tus, uint32_t ntus, uint32_t *n);
void link_free(struct program *p, uint32_t n);

/* Resolve a direct call of `name` made from TU `from_tu`: index or -1. */
int32_t link_resolve(struct program *p, const char *name, uint32_t from_tu);
/* Functions a pointer value may designate (through stored pointers). */
uint32_t link_targets(struct program *p, const struct aval *v,
		      uint32_t from_tu, int32_t *out, uint32_t max);
uint32_t link_param_targets(struct program *p, int32_t fi, uint32_t param,
			    int32_t *out, uint32_t max);
/* The same, with how many times each target was stored (counts[i]). */
uint32_t link_targets_counted(struct program *p, const struct aval *v,
			      uint32_t from_tu, int32_t *out, uint32_t *counts,
			      uint32_t max);
/* Follow pointers stored in globals/locals: "ctx.counter*" -> "counter". */
const struct apath *link_pt_resolve(struct program *p, const struct apath *path);

/* summary.c: the function's summary, computed on first use. */
const struct summary *summary_get(struct program *p, int32_t fi);
void summary_stats(FILE *f);

/* threads.c: build p->threads from main (or the library's entry points). */
void threads_build(struct program *p);
/* May these two accesses, of threads t1 and t2, run at the same time? */
bool threads_concurrent(const struct program *p, const struct thread *t1,
			const struct sacc *a1, const struct thread *t2,
			const struct sacc *a2);
/* A short description of the thread for a note. */
const char *thread_describe(const struct program *p, const struct thread *t);

/* Substitution of a callee's parameters by a call's arguments. */
struct subst {
	const struct aval *args;
	uint32_t nargs;
	bool thread_entry;	/* a spawn: varying args are per-instance */
	bool entry_multi;
};
const struct apath *subst_path(const struct subst *s, const struct apath *p,
			       bool *private_inst);
struct aval subst_val(const struct subst *s, const struct aval *v);
uint32_t subst_taint(const struct subst *s, uint32_t taint);

#endif
