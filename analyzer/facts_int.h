/* SPDX-License-Identifier: MIT */
/*
 * facts_int.h - private to the extraction front end (facts.c, facts_expr.c,
 * facts_known.c): the function builder that lowers one function's AST into
 * the IR's control-flow graph of events.
 *
 * These files, and parse.c, are the only ones that see libclang.
 */
#ifndef FC_FACTS_INT_H
#define FC_FACTS_INT_H

#include <clang-c/Index.h>

#include "facts.h"
#include "ir.h"

/* A block while the CFG is built: its events are indices into fb.ev. */
struct bblock {
	VEC(uint32_t) ev;
	VEC(struct edge) succ;
	bool reachable;
};

/* What we know about one local variable or parameter of the function. */
struct local {
	unsigned line, col;	/* declaration position: identity */
	const char *name;
	const char *key;	/* interned "fn:name@line:col" */
	const struct apath *self;	/* the variable's own storage */
	const struct apath *fallback;	/* type-based name of its pointee */
	int param;		/* parameter index, or -1 */
	bool is_pointer;
	bool addr_taken;	/* &v seen: its value may change behind us */
	bool value_conflict;	/* assigned two different pointer values */
	bool holds_func;	/* assigned a function */
	struct aval value;	/* the one pointer value it was assigned */
	uint32_t taint;		/* derived from these parameters */
	int result_ev;		/* holds the result of this event, or -1 */
	VEC(uint32_t) loops;	/* ids of loops that assign it */
	bool ordered;		/* assigned `a < b ? a : b` (a min or max) */
};

struct jump_target {
	uint32_t block;
};

struct label {
	const char *name;
	uint32_t block;
};

/* An event whose "varies per iteration" flag is decided at the end. */
struct pending_varies {
	uint32_t ev;
	int arg;		/* -1: the spawn argument; else call argument */
	uint32_t loop;
	VEC(uint32_t) locals;
};

struct switch_ctx {
	uint32_t dispatch;	/* the block that jumps to each case */
	bool has_default;
};

struct file_cache_entry {
	CXFile file;
	const char *display;
};

/*
 * struct fb - the function builder.  One per function definition; reset
 * between functions.  Allocations that end up in the IR come from `a`.
 */
struct fb {
	struct arena *a;
	const struct facts_options *opt;
	CXTranslationUnit tu;
	const char *tu_file;	/* display path of the TU's main file */
	const char *fn_name;
	bool in_global_init;

	VEC(struct event) ev;
	VEC(struct bblock) blk;
	uint32_t cur;
	VEC(struct jump_target) brk, cont;
	VEC(struct label) labels;
	VEC(uint32_t) loop_stack;	/* ids of the enclosing loops */
	uint32_t nloops;
	VEC(struct local) locals;
	VEC(struct pending_varies) pending;
	VEC(uint32_t) refs;	/* locals referenced while evaluating an arg */
	bool collect_refs;
	VEC(const struct apath *) recursive_attrs;
	struct switch_ctx *sw;	/* innermost switch, or NULL */
	unsigned ordered_depth;	/* inside branches of `if (a < b)` */
	VEC(const char *) fresh_roots;	/* ALLOC/RET roots made here */

	VEC(struct file_cache_entry) files;	/* shared across functions */
};

/* facts.c */
uint32_t fb_new_block(struct fb *b);
void fb_edge(struct fb *b, uint32_t from, uint32_t to, int32_t cond_ev,
	     bool on_success);
uint32_t fb_emit(struct fb *b, const struct event *e);
struct pos fb_pos(struct fb *b, CXCursor c);
void fb_stmt(struct fb *b, CXCursor c);
void fb_terminate(struct fb *b, bool to_exit);

/* facts_expr.c */
struct expr {
	struct aval val;	/* the value, when it is a pointer or function */
	const struct apath *lv;	/* the lvalue, when it is one */
	int call_ev;		/* the event of the call producing it, or -1 */
};
CXCursor cx_strip(CXCursor c);
unsigned cx_children(CXCursor c, CXCursor *out, unsigned max);
const char *cx_take(CXString s);
struct expr fx_rvalue(struct fb *b, CXCursor c);
const struct apath *fx_lvalue(struct fb *b, CXCursor c);
void fx_cond(struct fb *b, CXCursor c, uint32_t t, uint32_t f);
void fx_init(struct fb *b, const struct apath *dest, CXType type, CXCursor init,
	     bool is_static_init);
struct local *fx_local(struct fb *b, CXCursor decl);
const struct apath *fx_global_path(struct fb *b, CXCursor decl);
const char *fx_record_name(CXType t);
bool fx_is_pointer(CXType t);
void fx_assign_local(struct fb *b, struct local *l, const struct expr *v);
void fx_finish(struct fb *b);
struct expr fx_rvalue_collect(struct fb *b, CXCursor c,
			      struct pending_varies *pv);
void fx_pending_commit(struct fb *b, struct pending_varies *pv, uint32_t ev,
		       int arg);
bool fx_eval_const(CXCursor c, long long *v);
void fx_lock_copy(struct fb *b, CXCursor at, CXType t, CXCursor src,
		  enum lockcopy_kind kind, const struct apath *path);
bool fx_mentions(struct fb *b, CXCursor c, const char *what);
bool fx_is_relational(CXCursor c);
bool fx_is_ordering(CXCursor c);
bool fx_arg_ordered(struct fb *b, CXCursor arg);

/* facts_known.c: calls to the C library, pthreads, C11 threads, channels */
bool fk_call(struct fb *b, CXCursor call, const char *name, struct expr *out);
bool fk_is_noreturn_name(const char *name);

#endif
