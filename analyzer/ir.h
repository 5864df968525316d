/* SPDX-License-Identifier: MIT */
/*
 * ir.h - fearcheck's intermediate representation: what extraction (facts.c)
 * learns from one translation unit, and what every later pass reads.
 *
 * A TU is a list of functions.  A function is a control-flow graph of basic
 * blocks; a block holds events in evaluation order (memory accesses, lock
 * acquire/release, calls, thread spawn/join, condvar waits, blocking calls,
 * channel operations, pointer stores).  Edges may be conditional on the
 * success or failure of an earlier event (a trylock, a checked lock, a
 * channel send), which is how `if (pthread_mutex_trylock(&m) == 0)` holds m
 * only on its success branch.
 *
 * Memory is named abstractly by struct apath: a root (a global, a local, a
 * parameter's pointee, a heap allocation site, or an unknown object of some
 * struct type) and a selector string (".f" field, "[]" any element, "*"
 * dereference).  Parameters are substituted with the caller's arguments at
 * link time; when an argument is unknown the type-based fallback is used
 * ("struct account.balance").
 *
 * Nothing here refers to libclang: a position is file:line:col.  The IR has a
 * versioned text form (ir.c, docs/ir.md) used between parse workers and the
 * linker, by --emit-facts/--link and by the facts cache.
 *
 * Ownership: a struct tu and everything it points to lives in the arena
 * passed to facts_extract() or ir_read().  Strings and apaths are interned
 * run-wide and never freed.
 */
#ifndef FC_IR_H
#define FC_IR_H

#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>

#include "util.h"

#define FC_IR_VERSION 5

struct pos {
	const char *file;	/* interned display path; NULL: no position */
	uint32_t line, col;
};

enum root_kind {
	ROOT_NONE = 0,
	ROOT_GLOBAL,	/* a global or static variable; root = its key */
	ROOT_LOCAL,	/* a function's local variable (its own storage) */
	ROOT_PARAM,	/* parameter `param`'s own storage; "*" = its pointee */
	ROOT_ALLOC,	/* memory from an allocation site */
	ROOT_TYPE,	/* some object of a struct/union type, by type name */
	ROOT_RET,	/* what a call returns: root = "callee@file:l:c" */
};

/*
 * struct apath - an abstract lvalue, interned: equal paths are equal
 * pointers.  sel is a sequence of ".name", "[]" and "*" selectors.
 */
struct apath {
	enum root_kind kind;
	int param;		/* ROOT_PARAM: index */
	const char *root;	/* identity key of the root (interned) */
	const char *name;	/* display name of the root (interned) */
	const char *sel;	/* selectors (interned, "" for the root itself) */
	const struct apath *fallback;	/* type-based name, or NULL */
	const char *owner;	/* link: thread root that owns a LOCAL/ALLOC */
	uint32_t id;		/* dense id, run-wide */
};

const struct apath *apath_get(enum root_kind kind, int param, const char *root,
			      const char *name, const char *sel,
			      const struct apath *fallback, const char *owner);
const struct apath *apath_by_id(uint32_t id);
void apath_name_alloc(const struct apath *p, const char *var);
/* Same root, selectors extended by `more`; fallback extended likewise. */
const struct apath *apath_extend(const struct apath *p, const char *more);
/* Render for a report: "counter", "s.count", "p->x", "struct account.mu". */
const char *apath_render(const struct apath *p);
/* True when p is rooted at something that other threads can reach by name. */
bool apath_is_global(const struct apath *p);

enum val_kind {
	VAL_UNKNOWN = 0,
	VAL_PTR,	/* a pointer to `pointee` */
	VAL_FUNC,	/* the address of function `func` */
	VAL_NULL,	/* a null pointer constant */
	VAL_SCALAR,	/* a non-pointer value (an int passed as void *) */
};

/* struct aval - what an expression evaluates to, as far as we know. */
struct aval {
	enum val_kind kind;
	bool varies;		/* differs per iteration of its loop */
	const struct apath *pointee;	/* VAL_PTR */
	const char *func;	/* VAL_FUNC: callee name (interned) */
	uint32_t taint;		/* bit i: derived from parameter i */
	const struct apath *src;	/* the lvalue it was read from, if any */
	bool is_const;		/* an integer constant (null is 0) */
	long long cval;
};

enum ev_kind {
	EV_ACCESS = 0,	/* read or write of `path` */
	EV_ACQUIRE,	/* lock `path` acquired (mode, try) */
	EV_RELEASE,	/* lock `path` released */
	EV_CALL,	/* call of `callee` (or through `fptr`) with args */
	EV_SPAWN,	/* thread creation: entry, arg, handle */
	EV_JOIN,	/* thread join of `path` (the handle) */
	EV_CONDWAIT,	/* condvar `path` waited on with mutex `path2` */
	EV_BLOCK,	/* a blocking call (`callee` names it) */
	EV_PTSTORE,	/* `path` := value (pointer or function) */
	EV_LOCKINIT,	/* lock `path` initialised (recursive?) */
	EV_LOCKDESTROY,	/* lock `path` destroyed */
	EV_CHAN,	/* channel operation (chan_op) on handle `path`,
			   callee the function called */
	EV_RETURN,	/* return statement (value in val) */
	EV_LOCKCOPY,	/* a lock (or struct holding one) copied by value:
			   mode lockcopy_kind, callee the lock type, path2
			   the lock within a struct ("struct s.mu") */
	EV_TEST,	/* a branch on `path` (callee: the condition's key);
			   without a path, the branch after it compares a
			   channel call's result with the constant val.cval:
			   its edge on failure is the one where they are
			   equal */
	EV__COUNT
};

enum lock_mode {
	LK_MUTEX = 0,	/* exclusive: mutex, spinlock, C11 mtx, rwlock write */
	LK_READ,	/* shared: rwlock read */
};

enum lock_family {
	LF_PTHREAD_MUTEX = 0,
	LF_RWLOCK,
	LF_SPIN,
	LF_C11_MTX,
	LF_OTHER,	/* a lock wrapper named in the configuration */
};

/* EV_LOCKCOPY: how the lock is copied (the event's mode). */
enum lockcopy_kind {
	LC_ASSIGN = 0,	/* path = dest: assigned a copy */
	LC_INIT,	/* path = dest: initialised from another object */
	LC_ARG,		/* path = the argument passed by value */
	LC_PARAM,	/* path = the by-value parameter */
	LC_RETURN,	/* path = the object returned by value */
	LC_MEMCPY,	/* path = dest of memcpy/memmove */
};

enum chan_op {
	CH_SEND = 0, CH_RECV, CH_TRY_RECV, CH_RECV_TIMEOUT, CH_CLONE,
	CH_DROP_TX, CH_DROP_RX, CH_NEW,
};

/* Event flags. */
#define EVF_WRITE	0x0001u	/* access: a write (or read-modify-write) */
#define EVF_ATOMIC	0x0002u	/* access: atomic */
#define EVF_TRY		0x0004u	/* acquire: may fail (trylock) */
#define EVF_TESTED	0x0008u	/* result is tested by a branch */
#define EVF_IN_LOOP	0x0010u	/* inside a loop of its function */
#define EVF_VARIES	0x0020u	/* spawn: the argument differs per iteration */
#define EVF_RECURSIVE	0x0040u	/* lockinit: a recursive mutex */
#define EVF_TIMED	0x0080u	/* condwait/recv/timed lock: has a timeout */
#define EVF_UNUSED	0x0100u	/* call result ignored (chan: the call is
				   a statement of its own) */
#define EVF_NORETURN	0x0200u	/* call never returns (exit, abort) */
#define EVF_THREXIT	0x0400u	/* pthread_exit / thrd_exit */
#define EVF_ADDR	0x0800u	/* access: only the address escapes */
#define EVF_IMPLICIT	0x2000u	/* return: falling off the end */
#define EVF_INDEXED	0x4000u	/* acquire/release/init/destroy: the lock
				   is picked by an index or pointer
				   arithmetic (&locks[i], p[1], m + k): one
				   of many, whatever its path says */
#define EVF_ORDERED	0x8000u	/* acquire: the lock was picked by a
				   comparison (`a < b ? a : b`, inside
				   `if (a < b)`): instances of its class are
				   taken in a fixed order */
#define EVF_ARG_FRESH	0x1000u	/* spawn: its argument was allocated by
				   this invocation (a new object each call) */
/* Channel events reuse bits that only other kinds give a meaning to. */
#define EVF_BOUNDED	EVF_RECURSIVE	/* chan new: a bounded channel */
#define EVF_CONST_INDEX	EVF_VARIES	/* acquire: picked by a constant
					   index (&locks[2], pair + 1) */
#define EVF_RETVAL	EVF_ADDR	/* chan new/recv of a model: the handle
					   (new) or the message (recv) is the
					   call's value, stored into path2 */

struct event {
	uint8_t kind;		/* enum ev_kind */
	uint8_t mode;		/* acquire: enum lock_mode; chan: enum chan_op */
	uint8_t family;		/* acquire/release/init: enum lock_family */
	uint16_t flags;		/* EVF_* */
	uint32_t idx_taint;	/* access: the index derives from params */
	struct pos pos;
	const struct apath *path;	/* location, lock, handle, dest */
	const struct apath *path2;	/* condwait: mutex; chan: message
					   (send: the argument's lvalue; recv:
					   what &msg points to), receiver (new)
					   or where the clone is stored;
					   call: where its result is stored */
	const char *callee;	/* call: direct callee; block: what blocks */
	struct aval val;	/* spawn: entry; ptstore/chan: value;
				   access: what an assignment writes */
	struct aval arg;	/* spawn: argument; chan: the handle */
	uint32_t nargs;		/* call */
	struct aval *args;	/* call: argument values */
};

/* An edge taken only when event `cond_ev` succeeded (or failed). */
struct edge {
	uint32_t to;
	int32_t cond_ev;	/* index into the function's events, or -1 */
	bool on_success;
};

struct block {
	uint32_t first_ev, nev;	/* events[first_ev .. first_ev + nev) */
	uint32_t nsucc;
	struct edge *succ;
};

/* Block 0 is the entry; block 1 the exit, reached by every return. */
#define FC_ENTRY_BLOCK 0
#define FC_EXIT_BLOCK 1

struct function {
	const char *name;	/* interned */
	const char *file;	/* TU's main file (display path), interned */
	bool is_static;
	bool is_global_init;	/* pseudo-function: the TU's initializers */
	struct pos pos;
	uint32_t nparams;
	const char **param_names;
	uint32_t nev, nblk;
	struct event *ev;
	struct block *blk;
};

struct tu {
	const char *path;	/* display path of the main file */
	uint32_t nfn;
	struct function *fn;
	bool skipped;		/* did not parse: no facts */
};

/*
 * ir_write - serialize a TU's facts to f in the text form of docs/ir.md.
 * Returns 0, or -1 when writing failed (errno set).
 */
int ir_write(FILE *f, const struct tu *tu);

/*
 * ir_read - parse facts produced by ir_write.  Allocates the TU in `a`.
 * Returns 0, or -1 with a message in *err (malloc'd, caller frees).
 */
int ir_read(const char *buf, size_t len, struct arena *a, struct tu *tu,
	    char **err);

const char *ev_kind_name(enum ev_kind k);

#endif
