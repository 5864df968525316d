// SPDX-License-Identifier: MIT
/*
 * facts_known.c - extraction, part 3: the library calls that matter to
 * concurrency, lowered to events of their own.
 *
 * Pass: extract.  One table names every function fearcheck understands:
 * pthread and C11 locks, condition variables, thread creation and join,
 * blocking calls, atomic builtins, allocation, the C library's memory and
 * string functions (which read or write through their pointer arguments)
 * and fearcheck's channel API.  Anything else is an ordinary call, resolved
 * by the linker.
 */
#include "facts_int.h"

#include <string.h>

#include "config.h"

enum fk_kind {
	FK_NONE = 0,
	FK_ACQUIRE,	/* a0: the lock */
	FK_RELEASE,
	FK_LOCKINIT,	/* a0: the lock; a1: attributes or type */
	FK_LOCKDESTROY,
	FK_ATTR_SETTYPE,	/* a0: attr; a1: kind */
	FK_CONDWAIT,	/* a0: cond; a1: mutex */
	FK_SPAWN,	/* a0: handle; a1: entry; a2: argument */
	FK_JOIN,	/* a0: handle */
	FK_THREXIT,
	FK_BLOCK,	/* blocking call; a0: buffer written (-1: none); a1:
			   timeout (a constant 0: does not block); a2: flags
			   (MSG_DONTWAIT: does not block) */
	FK_MEM,		/* a0: written, a1/a2: read through (-1: none) */
	FK_ALLOC,	/* returns fresh memory */
	FK_CHAN,	/* mode: enum chan_op */
	FK_NORETURN,
};

struct fk {
	const char *name;
	enum fk_kind kind;
	uint8_t family, mode;
	uint16_t flags;
	int8_t a0, a1, a2;
};

#define LOCK(n, fam, md, fl) { n, FK_ACQUIRE, fam, md, fl, 0, -1, -1 }
#define UNLOCK(n, fam) { n, FK_RELEASE, fam, 0, 0, 0, -1, -1 }
/* A timed lock: fails when it times out. */
#define TLOCK(n, fam, md) LOCK(n, fam, md, EVF_TRY | EVF_TIMED)

static const struct fk table[] = {
	LOCK("pthread_mutex_lock", LF_PTHREAD_MUTEX, LK_MUTEX, 0),
	LOCK("pthread_mutex_trylock", LF_PTHREAD_MUTEX, LK_MUTEX, EVF_TRY),
	TLOCK("pthread_mutex_timedlock", LF_PTHREAD_MUTEX, LK_MUTEX),
	TLOCK("pthread_mutex_clocklock", LF_PTHREAD_MUTEX, LK_MUTEX),
	UNLOCK("pthread_mutex_unlock", LF_PTHREAD_MUTEX),
	LOCK("pthread_rwlock_rdlock", LF_RWLOCK, LK_READ, 0),
	LOCK("pthread_rwlock_tryrdlock", LF_RWLOCK, LK_READ, EVF_TRY),
	TLOCK("pthread_rwlock_timedrdlock", LF_RWLOCK, LK_READ),
	TLOCK("pthread_rwlock_clockrdlock", LF_RWLOCK, LK_READ),
	LOCK("pthread_rwlock_wrlock", LF_RWLOCK, LK_MUTEX, 0),
	LOCK("pthread_rwlock_trywrlock", LF_RWLOCK, LK_MUTEX, EVF_TRY),
	TLOCK("pthread_rwlock_timedwrlock", LF_RWLOCK, LK_MUTEX),
	TLOCK("pthread_rwlock_clockwrlock", LF_RWLOCK, LK_MUTEX),
	UNLOCK("pthread_rwlock_unlock", LF_RWLOCK),
	LOCK("pthread_spin_lock", LF_SPIN, LK_MUTEX, 0),
	LOCK("pthread_spin_trylock", LF_SPIN, LK_MUTEX, EVF_TRY),
	UNLOCK("pthread_spin_unlock", LF_SPIN),
	LOCK("mtx_lock", LF_C11_MTX, LK_MUTEX, 0),
	LOCK("mtx_trylock", LF_C11_MTX, LK_MUTEX, EVF_TRY),
	TLOCK("mtx_timedlock", LF_C11_MTX, LK_MUTEX),
	UNLOCK("mtx_unlock", LF_C11_MTX),
	{ "pthread_mutex_init", FK_LOCKINIT, LF_PTHREAD_MUTEX, 0, 0, 0, 1, -1 },
	{ "pthread_rwlock_init", FK_LOCKINIT, LF_RWLOCK, 0, 0, 0, 1, -1 },
	{ "pthread_spin_init", FK_LOCKINIT, LF_SPIN, 0, 0, 0, -1, -1 },
	{ "mtx_init", FK_LOCKINIT, LF_C11_MTX, 0, 0, 0, 1, -1 },
	{ "pthread_mutex_destroy", FK_LOCKDESTROY, LF_PTHREAD_MUTEX, 0, 0, 0, -1, -1 },
	{ "pthread_rwlock_destroy", FK_LOCKDESTROY, LF_RWLOCK, 0, 0, 0, -1, -1 },
	{ "pthread_spin_destroy", FK_LOCKDESTROY, LF_SPIN, 0, 0, 0, -1, -1 },
	{ "mtx_destroy", FK_LOCKDESTROY, LF_C11_MTX, 0, 0, 0, -1, -1 },
	{ "pthread_mutexattr_settype", FK_ATTR_SETTYPE, 0, 0, 0, 0, 1, -1 },
	{ "pthread_cond_wait", FK_CONDWAIT, 0, 0, 0, 0, 1, -1 },
	{ "pthread_cond_timedwait", FK_CONDWAIT, 0, 0, EVF_TIMED, 0, 1, -1 },
	{ "pthread_cond_clockwait", FK_CONDWAIT, 0, 0, EVF_TIMED, 0, 1, -1 },
	{ "cnd_wait", FK_CONDWAIT, 0, 0, 0, 0, 1, -1 },
	{ "cnd_timedwait", FK_CONDWAIT, 0, 0, EVF_TIMED, 0, 1, -1 },
	{ "pthread_create", FK_SPAWN, 0, 0, 0, 0, 2, 3 },
	{ "thrd_create", FK_SPAWN, 0, 0, 0, 0, 1, 2 },
	{ "pthread_join", FK_JOIN, 0, 0, 0, 0, -1, -1 },
	{ "thrd_join", FK_JOIN, 0, 0, 0, 0, -1, -1 },
	{ "pthread_exit", FK_THREXIT, 0, 0, 0, -1, -1, -1 },
	{ "thrd_exit", FK_THREXIT, 0, 0, 0, -1, -1, -1 },
	{ "sleep", FK_BLOCK, 0, 0, 0, -1, -1, -1 },
	{ "usleep", FK_BLOCK, 0, 0, 0, -1, -1, -1 },
	{ "nanosleep", FK_BLOCK, 0, 0, 0, -1, -1, -1 },
	{ "clock_nanosleep", FK_BLOCK, 0, 0, 0, -1, -1, -1 },
	{ "thrd_sleep", FK_BLOCK, 0, 0, 0, -1, -1, -1 },
	{ "pthread_barrier_wait", FK_BLOCK, 0, 0, 0, -1, -1, -1 },
	{ "sem_wait", FK_BLOCK, 0, 0, 0, -1, -1, -1 },
	{ "read", FK_BLOCK, 0, 0, 0, 1, -1, -1 },
	{ "recv", FK_BLOCK, 0, 0, 0, 1, -1, 3 },
	{ "recvfrom", FK_BLOCK, 0, 0, 0, 1, -1, 3 },
	{ "recvmsg", FK_BLOCK, 0, 0, 0, -1, -1, 2 },
	{ "accept", FK_BLOCK, 0, 0, 0, -1, -1, -1 },
	{ "accept4", FK_BLOCK, 0, 0, 0, -1, -1, -1 },
	{ "poll", FK_BLOCK, 0, 0, 0, -1, 2, -1 },
	{ "ppoll", FK_BLOCK, 0, 0, 0, -1, -1, -1 },
	{ "select", FK_BLOCK, 0, 0, 0, -1, -1, -1 },
	{ "pselect", FK_BLOCK, 0, 0, 0, -1, -1, -1 },
	{ "epoll_wait", FK_BLOCK, 0, 0, 0, -1, 3, -1 },
	{ "epoll_pwait", FK_BLOCK, 0, 0, 0, -1, 3, -1 },
	{ "waitpid", FK_BLOCK, 0, 0, 0, -1, -1, -1 },
	{ "wait", FK_BLOCK, 0, 0, 0, -1, -1, -1 },
	{ "pause", FK_BLOCK, 0, 0, 0, -1, -1, -1 },
	{ "sigwait", FK_BLOCK, 0, 0, 0, -1, -1, -1 },
	{ "memset", FK_MEM, 0, 0, 0, 0, -1, -1 },
	{ "memcpy", FK_MEM, 0, 0, 0, 0, 1, -1 },
	{ "memmove", FK_MEM, 0, 0, 0, 0, 1, -1 },
	{ "strcpy", FK_MEM, 0, 0, 0, 0, 1, -1 },
	{ "strncpy", FK_MEM, 0, 0, 0, 0, 1, -1 },
	{ "strcat", FK_MEM, 0, 0, 0, 0, 1, -1 },
	{ "strncat", FK_MEM, 0, 0, 0, 0, 1, -1 },
	{ "sprintf", FK_MEM, 0, 0, 0, 0, -1, -1 },
	{ "snprintf", FK_MEM, 0, 0, 0, 0, -1, -1 },
	{ "vsprintf", FK_MEM, 0, 0, 0, 0, -1, -1 },
	{ "vsnprintf", FK_MEM, 0, 0, 0, 0, -1, -1 },
	{ "fgets", FK_MEM, 0, 0, 0, 0, -1, -1 },
	{ "fread", FK_MEM, 0, 0, 0, 0, -1, -1 },
	{ "memcmp", FK_MEM, 0, 0, 0, -1, 0, 1 },
	{ "strcmp", FK_MEM, 0, 0, 0, -1, 0, 1 },
	{ "strncmp", FK_MEM, 0, 0, 0, -1, 0, 1 },
	{ "strlen", FK_MEM, 0, 0, 0, -1, 0, -1 },
	{ "fwrite", FK_MEM, 0, 0, 0, -1, 0, -1 },
	{ "write", FK_MEM, 0, 0, 0, -1, 1, -1 },
	{ "send", FK_MEM, 0, 0, 0, -1, 1, -1 },
	{ "malloc", FK_ALLOC, 0, 0, 0, -1, -1, -1 },
	{ "calloc", FK_ALLOC, 0, 0, 0, -1, -1, -1 },
	{ "realloc", FK_ALLOC, 0, 0, 0, -1, -1, -1 },
	{ "reallocarray", FK_ALLOC, 0, 0, 0, -1, -1, -1 },
	{ "aligned_alloc", FK_ALLOC, 0, 0, 0, -1, -1, -1 },
	{ "strdup", FK_ALLOC, 0, 0, 0, -1, -1, -1 },
	{ "strndup", FK_ALLOC, 0, 0, 0, -1, -1, -1 },
	{ "fc_channel", FK_CHAN, 0, CH_NEW, 0, 0, 1, -1 },
	{ "fc_sync_channel", FK_CHAN, 0, CH_NEW, EVF_BOUNDED, 1, 2, -1 },
	{ "fc_sender_clone", FK_CHAN, 0, CH_CLONE, 0, 0, -1, -1 },
	{ "fc_send", FK_CHAN, 0, CH_SEND, 0, 0, 1, -1 },
	{ "fc_recv", FK_CHAN, 0, CH_RECV, 0, 0, 1, -1 },
	{ "fc_try_recv", FK_CHAN, 0, CH_TRY_RECV, 0, 0, 1, -1 },
	{ "fc_recv_timeout", FK_CHAN, 0, CH_RECV_TIMEOUT, EVF_TIMED, 0, 1, -1 },
	{ "fc_sender_drop", FK_CHAN, 0, CH_DROP_TX, 0, 0, -1, -1 },
	{ "fc_receiver_drop", FK_CHAN, 0, CH_DROP_RX, 0, 0, -1, -1 },
	{ "exit", FK_NORETURN, 0, 0, 0, -1, -1, -1 },
	{ "_exit", FK_NORETURN, 0, 0, 0, -1, -1, -1 },
	{ "_Exit", FK_NORETURN, 0, 0, 0, -1, -1, -1 },
	{ "quick_exit", FK_NORETURN, 0, 0, 0, -1, -1, -1 },
	{ "abort", FK_NORETURN, 0, 0, 0, -1, -1, -1 },
	{ "__assert_fail", FK_NORETURN, 0, 0, 0, -1, -1, -1 },
	{ "__assert_perror_fail", FK_NORETURN, 0, 0, 0, -1, -1, -1 },
	{ "__assert", FK_NORETURN, 0, 0, 0, -1, -1, -1 },
	{ "longjmp", FK_NORETURN, 0, 0, 0, -1, -1, -1 },
	{ "siglongjmp", FK_NORETURN, 0, 0, 0, -1, -1, -1 },
	{ "_longjmp", FK_NORETURN, 0, 0, 0, -1, -1, -1 },
	{ "err", FK_NORETURN, 0, 0, 0, -1, -1, -1 },
	{ "errx", FK_NORETURN, 0, 0, 0, -1, -1, -1 },
	{ "verr", FK_NORETURN, 0, 0, 0, -1, -1, -1 },
	{ "verrx", FK_NORETURN, 0, 0, 0, -1, -1, -1 },
	{ "__builtin_unreachable", FK_NORETURN, 0, 0, 0, -1, -1, -1 },
	{ "__builtin_trap", FK_NORETURN, 0, 0, 0, -1, -1, -1 },
};

/* Interned name -> table entry, built on first use. */
static struct {
	const char **key;
	const struct fk **val;
	size_t cap;
} ktab;

static const struct fk *lookup(const char *name)
{
	if (!ktab.cap) {
		ktab.cap = 512;
		ktab.key = xcalloc(ktab.cap, sizeof(*ktab.key));
		ktab.val = xcalloc(ktab.cap, sizeof(*ktab.val));
		for (size_t i = 0; i < FC_ARRAY_SIZE(table); i++) {
			const char *k = intern(table[i].name);
			size_t j = fc_hash_ptr(k) & (ktab.cap - 1);
			while (ktab.key[j])
				j = (j + 1) & (ktab.cap - 1);
			ktab.key[j] = k;
			ktab.val[j] = &table[i];
		}
	}
	size_t j = fc_hash_ptr(name) & (ktab.cap - 1);
	while (ktab.key[j]) {
		if (ktab.key[j] == name)
			return ktab.val[j];
		j = (j + 1) & (ktab.cap - 1);
	}
	return NULL;
}

bool fk_is_noreturn_name(const char *name)
{
	const struct fk *k = lookup(name);
	return k && k->kind == FK_NORETURN;
}

/* The call's arguments: CallExpr arguments, or an atomic builtin's kids. */
struct args {
	CXCursor a[8];
	unsigned n;
};

static void get_args(CXCursor call, struct args *out)
{
	if (clang_getCursorKind(call) == CXCursor_CallExpr) {
		int n = clang_Cursor_getNumArguments(call);
		out->n = n < 0 ? 0 : (unsigned)FC_MIN(n, 8);
		for (unsigned i = 0; i < out->n; i++)
			out->a[i] = clang_Cursor_getArgument(call, i);
		return;
	}
	unsigned n = cx_children(call, out->a, 8);
	out->n = FC_MIN(n, 8u);
}

static struct expr arg_value(struct fb *b, struct args *ar, int i)
{
	struct expr none = { .call_ev = -1 };
	if (i < 0 || (unsigned)i >= ar->n)
		return none;
	return fx_rvalue(b, ar->a[i]);
}

/* Evaluates the arguments not named in `used` for their reads. */
static void rest_args(struct fb *b, struct args *ar, unsigned used)
{
	for (unsigned i = 0; i < ar->n; i++)
		if (!(used & (1u << i)))
			fx_rvalue(b, ar->a[i]);
}

static struct pos call_pos(struct fb *b, CXCursor c)
{
	return fb_pos(b, c);
}

/*
 * Is the lock an argument points to picked by an index or by pointer
 * arithmetic (&forks[i], pair[1], locks + k)?  Then it is one lock of many,
 * although a subscript of a pointer is named like the pointer's target.
 */
static bool indexed_lock(CXCursor arg, bool *constant)
{
	CXCursor c = arg, kid[2];
	long long v;
	*constant = false;
	for (int guard = 0; guard < 32; guard++) {
		c = cx_strip(c);
		switch (clang_getCursorKind(c)) {
		case CXCursor_ArraySubscriptExpr:
			*constant = cx_children(c, kid, 2) == 2 &&
				    fx_eval_const(kid[1], &v);
			return true;
		case CXCursor_BinaryOperator: {
			enum CXBinaryOperatorKind op =
				clang_getCursorBinaryOperatorKind(c);
			if (op != CXBinaryOperator_Add &&
			    op != CXBinaryOperator_Sub)
				return false;
			*constant = cx_children(c, kid, 2) == 2 &&
				    (fx_eval_const(kid[0], &v) ||
				     fx_eval_const(kid[1], &v));
			return true;
		}
		case CXCursor_UnaryOperator:
		case CXCursor_MemberRefExpr:
			if (cx_children(c, kid, 2) < 1)
				return false;
			c = kid[0];
			break;
		default:
			return false;
		}
	}
	return false;
}

/* The lock a lock call's argument points to; a per-site name if unknown. */
static const struct apath *lock_path(struct fb *b, CXCursor call,
				     const struct expr *v)
{
	if (v->val.kind == VAL_PTR && v->val.pointee)
		return v->val.pointee;
	struct pos p = call_pos(b, call);
	const char *key = internf("(unknown lock at %s:%u:%u)",
				  p.file ? p.file : "?", p.line, p.col);
	return apath_get(ROOT_RET, 0, key, key, intern(""), NULL, NULL);
}

/* Does the argument's text, read where any macro is used, mention what? */
static bool arg_mentions(struct fb *b, CXCursor arg, const char *what)
{
	return fx_mentions(b, arg, what);
}

static void mem_access(struct fb *b, CXCursor at, const struct expr *v,
		       bool write)
{
	if (v->val.kind != VAL_PTR || !v->val.pointee)
		return;
	struct event e = { .kind = EV_ACCESS, .pos = fb_pos(b, at),
			   .path = v->val.pointee };
	if (write)
		e.flags |= EVF_WRITE;
	fb_emit(b, &e);
}

/* Atomic builtins, by name: __atomic_*, __sync_*, __c11_atomic_*, atomic_*. */
static bool atomic_builtin(struct fb *b, CXCursor c, const char *name,
			   struct expr *out)
{
	const char *op;
	if (!strncmp(name, "__atomic_", 9))
		op = name + 9;
	else if (!strncmp(name, "__sync_", 7))
		op = name + 7;
	else if (!strncmp(name, "__c11_atomic_", 13))
		op = name + 13;
	else if (!strncmp(name, "atomic_", 7))
		op = name + 7;
	else
		return false;
	struct args ar;
	get_args(c, &ar);
	memset(out, 0, sizeof(*out));
	out->call_ev = -1;
	out->val.kind = VAL_SCALAR;
	if (strstr(op, "fence") || strstr(op, "is_lock_free") ||
	    !strcmp(op, "synchronize") || !strcmp(op, "always_lock_free")) {
		rest_args(b, &ar, 0);
		return true;
	}
	if (!ar.n)
		return true;
	struct expr obj = fx_rvalue(b, ar.a[0]);
	rest_args(b, &ar, 1);
	bool write = !strstr(op, "load");
	if (obj.val.kind == VAL_PTR && obj.val.pointee) {
		struct event e = { .kind = EV_ACCESS, .pos = fb_pos(b, c),
				   .path = obj.val.pointee,
				   .flags = EVF_ATOMIC };
		if (write)
			e.flags |= EVF_WRITE;
		fb_emit(b, &e);
	}
	return true;
}

/*
 * A channel operation, of fearcheck's API or of a model of another one
 * (`channel-send = queue_push(1, 2)`): h and m are the argument numbers
 * (0-based) of the handle and of the message (for new: the receiver); -1
 * when it is the call's value (m) or, for new, when the call returns its
 * one handle (h).
 */
struct chan_desc {
	const char *name;	/* interned */
	enum chan_op op;
	int h, m;
	uint16_t flags;
};

/* The value a channel call returns: a new object named after the call. */
static struct aval chan_result(struct fb *b, CXCursor c, const char *name)
{
	struct pos p = fb_pos(b, c);
	const char *key = internf("%s@%s:%u:%u", name, p.file ? p.file : "?",
				  p.line, p.col);
	struct aval v = { .kind = VAL_PTR };
	v.pointee = apath_get(ROOT_RET, 0, key, internf("(%s())", name),
			      intern(""), NULL, NULL);
	return v;
}

static void chan_call(struct fb *b, CXCursor c, const struct chan_desc *k,
		      struct args *ar, struct expr *out)
{
	struct event e = { .kind = EV_CHAN, .mode = k->op, .callee = k->name,
			   .pos = fb_pos(b, c), .flags = k->flags };
	unsigned used = 0;
	struct expr h = arg_value(b, ar, k->h);
	struct expr m = arg_value(b, ar, k->m);
	if (k->h >= 0 && k->h < 32)
		used |= 1u << k->h;
	if (k->m >= 0 && k->m < 32)
		used |= 1u << k->m;
	rest_args(b, ar, used);
	bool ret_handle = k->op == CH_NEW && k->h < 0;
	bool ret_msg = k->op != CH_NEW && k->op != CH_SEND && k->m < 0 &&
		       k->op != CH_CLONE && k->op != CH_DROP_TX &&
		       k->op != CH_DROP_RX;
	if (k->op == CH_NEW) {
		/* fc_channel(&tx, &rx): the handles' variables. */
		e.path = h.val.kind == VAL_PTR ? h.val.pointee : NULL;
		e.path2 = m.val.kind == VAL_PTR ? m.val.pointee : NULL;
		if (ret_handle) {
			/* q = queue_new(): one handle; path2 is where it goes */
			e.path = e.path2 = NULL;
			e.flags |= EVF_RETVAL;
		} else if (k->m < 0) {
			e.path2 = NULL;	/* rx = chan_new(&tx) */
			e.flags |= EVF_RETVAL;
		}
	} else {
		e.path = h.lv;
		e.arg = h.val;
		if (k->op == CH_SEND) {
			e.path2 = m.lv;
			e.val = m.val;
		} else if (ret_msg) {
			e.flags |= EVF_RETVAL;	/* m = queue_pop(q) */
		} else if (m.val.kind == VAL_PTR) {
			e.path2 = m.val.pointee;	/* &msg */
		}
	}
	uint32_t idx = fb_emit(b, &e);
	out->call_ev = (int)idx;
	/* A clone, a new queue or a message returned: where it is stored
	 * becomes path2 (note_result_dest). */
	if (k->op == CH_CLONE || ret_handle || ret_msg ||
	    (k->op == CH_NEW && k->m < 0))
		out->val = chan_result(b, c, k->name);
	if (k->op == CH_RECV || k->op == CH_RECV_TIMEOUT) {
		struct event blk = { .kind = EV_BLOCK, .pos = e.pos,
				     .callee = k->name,
				     .path = e.path,	/* the endpoint */
				     .flags = k->flags };
		fb_emit(b, &blk);
	}
}

/* A function of a channel API modelled in the configuration, or NULL. */
static const struct config_chan_model *chan_model(const char *name)
{
	for (size_t i = 0; i < config_nchan_models; i++)
		if (config_chan_models[i].name == name)
			return &config_chan_models[i];
	return NULL;
}

static bool model_call(struct fb *b, CXCursor c, const char *name,
		       struct expr *out)
{
	const struct config_chan_model *md = chan_model(name);
	if (!md)
		return false;
	struct args ar;
	get_args(c, &ar);
	memset(out, 0, sizeof(*out));
	out->call_ev = -1;
	out->val.kind = VAL_SCALAR;
	struct chan_desc d = { name, md->op, md->handle_arg, md->msg_arg,
			       md->op == CH_RECV_TIMEOUT ? EVF_TIMED : 0 };
	chan_call(b, c, &d, &ar, out);
	return true;
}

static void spawn_call(struct fb *b, CXCursor c, const struct fk *k,
		       struct args *ar, struct expr *out)
{
	struct expr h = arg_value(b, ar, k->a0);
	unsigned used = 1u << k->a0 | 1u << k->a1 | 1u << k->a2;
	for (unsigned i = 0; i < ar->n; i++)
		if (!(used & (1u << i)))
			fx_rvalue(b, ar->a[i]);
	struct pending_varies pf;
	struct expr fn = { .call_ev = -1 };
	if ((unsigned)k->a1 < ar->n)
		fn = fx_rvalue_collect(b, ar->a[k->a1], &pf);
	else
		memset(&pf, 0, sizeof(pf));
	struct pending_varies pv;
	struct expr arg = { .call_ev = -1 };
	if ((unsigned)k->a2 < ar->n)
		arg = fx_rvalue_collect(b, ar->a[k->a2], &pv);
	else
		memset(&pv, 0, sizeof(pv));
	struct event e = { .kind = EV_SPAWN, .pos = fb_pos(b, c),
			   .path = h.val.kind == VAL_PTR ? h.val.pointee : NULL,
			   .val = fn.val, .arg = arg.val };
	uint32_t idx = fb_emit(b, &e);
	fx_pending_commit(b, &pv, idx, -1);
	fx_pending_commit(b, &pf, idx, -3);
	out->call_ev = (int)idx;
}

/*
 * A call that cannot block: poll(fds, n, 0), recv(..., MSG_DONTWAIT).
 */
static bool polls_only(struct fb *b, const struct fk *k, struct args *ar)
{
	long long tmo;
	if (k->a1 >= 0 && (unsigned)k->a1 < ar->n &&
	    fx_eval_const(ar->a[k->a1], &tmo) && tmo == 0)
		return true;
	return k->a2 >= 0 && (unsigned)k->a2 < ar->n &&
	       arg_mentions(b, ar->a[k->a2], "DONTWAIT");
}

/* memcpy(&copy, &shared, sizeof(copy)) of a lock or a struct holding one. */
static void copy_into(struct fb *b, struct args *ar, const struct expr *dest)
{
	if (!ar->n)
		return;
	CXCursor d = cx_strip(ar->a[0]);
	CXType t = clang_getCanonicalType(clang_getCursorType(d));
	if (t.kind != CXType_Pointer)
		return;
	CXType dt = clang_getCursorType(d);
	fx_lock_copy(b, d, clang_getPointeeType(dt.kind == CXType_Pointer ?
						dt : t),
		     clang_getNullCursor(), LC_MEMCPY,
		     dest->val.kind == VAL_PTR ? dest->val.pointee : NULL);
}

/*
 * fk_call - lower a call of a known function `name` (interned).  Returns
 * false when the function is not one fearcheck knows; then the caller makes
 * it an ordinary call.
 */
/*
 * A lock wrapper named in the configuration (`lock-acquire = my_lock(0)`):
 * the call acquires or releases, for its caller, the lock its argument
 * points to.
 */
static bool config_wrapper(struct fb *b, CXCursor c, const char *name,
			   struct expr *out)
{
	const struct config_lock_wrapper *w = NULL;
	for (size_t i = 0; i < config_nlock_wrappers && !w; i++)
		if (config_lock_wrappers[i].name == name)
			w = &config_lock_wrappers[i];
	if (!w)
		return false;
	struct args ar;
	get_args(c, &ar);
	memset(out, 0, sizeof(*out));
	out->call_ev = -1;
	out->val.kind = VAL_SCALAR;
	struct expr l = arg_value(b, &ar, w->arg);
	rest_args(b, &ar, w->arg >= 0 && w->arg < 32 ? 1u << w->arg : 0);
	struct event e = { .pos = fb_pos(b, c), .family = LF_OTHER,
			   .callee = name };
	switch (w->kind) {
	case CFG_LOCK_RELEASE:
		e.kind = EV_RELEASE;
		break;
	case CFG_LOCK_ACQUIRE_SHARED:
		e.kind = EV_ACQUIRE;
		e.mode = LK_READ;
		break;
	case CFG_LOCK_TRY_ACQUIRE:
		e.kind = EV_ACQUIRE;
		e.flags |= EVF_TRY;
		break;
	default:
		e.kind = EV_ACQUIRE;
		break;
	}
	e.path = lock_path(b, c, &l);
	out->call_ev = (int)fb_emit(b, &e);
	return true;
}

bool fk_call(struct fb *b, CXCursor c, const char *name, struct expr *out)
{
	if (config_nlock_wrappers && config_wrapper(b, c, name, out))
		return true;
	if (config_nchan_models && model_call(b, c, name, out))
		return true;
	if (atomic_builtin(b, c, name, out))
		return true;
	const struct fk *k = lookup(name);
	if (!k || k->kind == FK_NORETURN)
		return false;
	struct args ar;
	get_args(c, &ar);
	memset(out, 0, sizeof(*out));
	out->call_ev = -1;
	out->val.kind = VAL_SCALAR;
	struct event e = { .pos = fb_pos(b, c), .family = k->family,
			   .mode = k->mode, .flags = k->flags,
			   .callee = intern(k->name) };
	switch (k->kind) {
	case FK_ACQUIRE:
	case FK_RELEASE:
	case FK_LOCKDESTROY: {
		struct expr l = arg_value(b, &ar, 0);
		rest_args(b, &ar, 1);
		e.kind = k->kind == FK_ACQUIRE ? EV_ACQUIRE :
			 k->kind == FK_RELEASE ? EV_RELEASE : EV_LOCKDESTROY;
		e.path = lock_path(b, c, &l);
		bool constant;
		if (ar.n && indexed_lock(ar.a[0], &constant))
			e.flags |= EVF_INDEXED |
				   (constant && e.kind == EV_ACQUIRE
					    ? EVF_CONST_INDEX : 0);
		if (e.kind == EV_ACQUIRE && ar.n &&
		    (b->ordered_depth || fx_arg_ordered(b, ar.a[0])))
			e.flags |= EVF_ORDERED;
		out->call_ev = (int)fb_emit(b, &e);
		return true;
	}
	case FK_LOCKINIT: {
		struct expr l = arg_value(b, &ar, 0);
		struct expr at = arg_value(b, &ar, k->a1);
		rest_args(b, &ar, 1u | (k->a1 >= 0 ? 1u << k->a1 : 0));
		e.kind = EV_LOCKINIT;
		e.path = lock_path(b, c, &l);
		if (k->family == LF_C11_MTX && (unsigned)k->a1 < ar.n &&
		    arg_mentions(b, ar.a[k->a1], "recursive"))
			e.flags |= EVF_RECURSIVE;
		if (at.val.kind == VAL_PTR)
			for (size_t i = 0; i < b->recursive_attrs.n; i++)
				if (b->recursive_attrs.a[i] == at.val.pointee)
					e.flags |= EVF_RECURSIVE;
		out->call_ev = (int)fb_emit(b, &e);
		return true;
	}
	case FK_ATTR_SETTYPE: {
		struct expr at = arg_value(b, &ar, 0);
		rest_args(b, &ar, 1);
		if (at.val.kind == VAL_PTR && at.val.pointee && ar.n > 1 &&
		    arg_mentions(b, ar.a[1], "RECURSIVE"))
			vec_push(&b->recursive_attrs, at.val.pointee);
		return true;
	}
	case FK_CONDWAIT: {
		struct expr cv = arg_value(b, &ar, 0);
		struct expr mu = arg_value(b, &ar, 1);
		rest_args(b, &ar, 3);
		e.kind = EV_CONDWAIT;
		e.path = cv.val.kind == VAL_PTR ? cv.val.pointee : NULL;
		e.path2 = lock_path(b, c, &mu);
		out->call_ev = (int)fb_emit(b, &e);
		return true;
	}
	case FK_SPAWN:
		spawn_call(b, c, k, &ar, out);
		return true;
	case FK_JOIN: {
		struct expr h = arg_value(b, &ar, 0);
		rest_args(b, &ar, 1);
		e.kind = EV_JOIN;
		e.path = h.lv;
		out->call_ev = (int)fb_emit(b, &e);
		e.kind = EV_BLOCK;	/* path: the handle, too */
		fb_emit(b, &e);
		return true;
	}
	case FK_THREXIT:
		rest_args(b, &ar, 0);
		e.kind = EV_RETURN;
		e.flags |= EVF_THREXIT;
		fb_emit(b, &e);
		fb_terminate(b, true);
		return true;
	case FK_BLOCK: {
		struct expr buf = arg_value(b, &ar, k->a0);
		rest_args(b, &ar, k->a0 >= 0 ? 1u << k->a0 : 0);
		e.kind = EV_BLOCK;
		if (!polls_only(b, k, &ar))
			out->call_ev = (int)fb_emit(b, &e);
		mem_access(b, c, &buf, true);
		return true;
	}
	case FK_MEM: {
		struct expr w = arg_value(b, &ar, k->a0);
		if (!strcmp(k->name, "memcpy") || !strcmp(k->name, "memmove"))
			copy_into(b, &ar, &w);
		struct expr r1 = arg_value(b, &ar, k->a1);
		struct expr r2 = arg_value(b, &ar, k->a2);
		unsigned used = 0;
		if (k->a0 >= 0)
			used |= 1u << k->a0;
		if (k->a1 >= 0)
			used |= 1u << k->a1;
		if (k->a2 >= 0)
			used |= 1u << k->a2;
		rest_args(b, &ar, used);
		mem_access(b, c, &r1, false);
		mem_access(b, c, &r2, false);
		mem_access(b, c, &w, true);
		out->val.kind = VAL_UNKNOWN;
		return true;
	}
	case FK_ALLOC: {
		rest_args(b, &ar, 0);
		struct pos p = fb_pos(b, c);
		const char *key = internf("%s:%u:%u", p.file ? p.file : "?",
					  p.line, p.col);
		const char *disp = internf("(%s at %s:%u)", name,
					   p.file ? p.file : "?", p.line);
		out->val.kind = VAL_PTR;
		out->val.pointee = apath_get(ROOT_ALLOC, 0, key, disp,
					     intern(""), NULL, NULL);
		vec_push(&b->fresh_roots, key);
		return true;
	}
	case FK_CHAN: {
		struct chan_desc d = { e.callee, k->mode, k->a0, k->a1,
				       k->flags };
		chan_call(b, c, &d, &ar, out);
		return true;
	}
	default:
		return false;
	}
}
