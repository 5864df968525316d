// SPDX-License-Identifier: MIT
/*
 * facts_expr.c - extraction, part 2: expressions and conditions.
 *
 * Pass: extract.  Lowers one expression into events appended to the current
 * block, in evaluation order, and returns what the expression evaluates to
 * (struct expr): its abstract pointer or function value, its lvalue path,
 * and the call whose result it is (so `if (pthread_mutex_trylock(&m) == 0)`
 * can make the branch conditional on that call).
 *
 * DESIGN
 * An lvalue is named by struct apath.  Reading a pointer-typed lvalue L
 * yields a pointer to "L*"; dereferencing a pointer value gives its pointee;
 * dereferencing an unknown pointer gives the type-based name of its pointee
 * ("struct job"), or nothing when the pointee is not a struct or union.  A
 * local pointer variable's pointee stays symbolic ("p*") until fx_finish()
 * knows every value assigned to p in the function: one value substitutes,
 * several fall back to the type-based name.  Parameters stay symbolic for
 * the linker to substitute with the caller's arguments.
 *
 * Taint: each value carries the set of parameters it derives from, so an
 * index computed from a thread's argument (results[id]) is known to differ
 * between thread instances whose arguments differ.
 *
 * Accesses to a local whose address is never taken are private to the
 * frame and are dropped in fx_finish(); so are accesses to thread-local
 * variables, which are never given a path at all.
 */
#include "facts_int.h"

#include <stdlib.h>
#include <string.h>

struct lvinfo {
	uint32_t taint;		/* base pointers derive from these params */
	uint32_t idx_taint;	/* array indices derive from these params */
};

static const struct apath *lvalue(struct fb *b, CXCursor c, struct lvinfo *li);

const char *cx_take(CXString s)
{
	const char *c = clang_getCString(s);
	const char *r = intern(c ? c : "");
	clang_disposeString(s);
	return r;
}

struct kids {
	CXCursor *out;
	unsigned max, n;
};

static enum CXChildVisitResult kid_visit(CXCursor c, CXCursor parent,
					 void *data)
{
	struct kids *k = data;
	(void)parent;
	if (k->n < k->max)
		k->out[k->n] = c;
	k->n++;
	return CXChildVisit_Continue;
}

/*
 * cx_children - store up to `max` children of c in out; returns how many
 * children c has (which may exceed max).
 */
unsigned cx_children(CXCursor c, CXCursor *out, unsigned max)
{
	struct kids k = { out, max, 0 };
	clang_visitChildren(c, kid_visit, &k);
	return k.n;
}

/* Strips parentheses, implicit conversions and casts. */
CXCursor cx_strip(CXCursor c)
{
	for (int guard = 0; guard < 256; guard++) {
		enum CXCursorKind k = clang_getCursorKind(c);
		CXCursor kid[3];
		unsigned n;
		if (k == CXCursor_ParenExpr || k == CXCursor_UnexposedExpr) {
			n = cx_children(c, kid, 3);
			if (n != 1)
				return c;
			c = kid[0];
		} else if (k == CXCursor_CStyleCastExpr) {
			n = cx_children(c, kid, 3);
			if (n == 0 || n > 3)
				return c;
			c = kid[n - 1];
		} else {
			return c;
		}
	}
	return c;
}

static CXType canon(CXType t)
{
	return clang_getCanonicalType(t);
}

bool fx_is_pointer(CXType t)
{
	t = canon(t);
	if (t.kind == CXType_Atomic)
		t = canon(clang_Type_getValueType(t));
	return t.kind == CXType_Pointer || t.kind == CXType_BlockPointer;
}

static bool is_array(CXType t)
{
	t = canon(t);
	return t.kind == CXType_ConstantArray ||
	       t.kind == CXType_IncompleteArray ||
	       t.kind == CXType_VariableArray ||
	       t.kind == CXType_DependentSizedArray;
}

static bool is_function_type(CXType t)
{
	t = canon(t);
	return t.kind == CXType_FunctionProto || t.kind == CXType_FunctionNoProto;
}

static bool is_atomic_type(CXType t)
{
	return canon(t).kind == CXType_Atomic;
}

/*
 * fx_record_name - "struct account" for a struct or union type (through
 * typedefs and qualifiers; an anonymous struct with a typedef name gets that
 * name), or NULL for any other type.  Interned.
 */
const char *fx_record_name(CXType t)
{
	t = canon(t);
	if (t.kind == CXType_Atomic)
		t = canon(clang_Type_getValueType(t));
	if (t.kind != CXType_Record)
		return NULL;
	CXCursor d = clang_getTypeDeclaration(t);
	const char *name = cx_take(clang_getCursorSpelling(d));
	const char *tag = clang_getCursorKind(d) == CXCursor_UnionDecl ?
				  "union" : "struct";
	if (!name[0] || strchr(name, ' ') || strchr(name, '('))
		return internf("%s (anonymous at %s)", tag,
			       cx_take(clang_getTypeSpelling(t)));
	return internf("%s %s", tag, name);
}

/* A lock or condvar type: its type-based name would merge every one. */
static bool is_sync_type_name(const char *rec)
{
	static const char *const names[] = {
		"pthread_mutex_t", "pthread_rwlock_t", "pthread_cond_t",
		"pthread_barrier_t", "mtx_t", "cnd_t",
	};
	const char *sp = strrchr(rec, ' ');
	const char *base = sp ? sp + 1 : rec;
	for (size_t i = 0; i < FC_ARRAY_SIZE(names); i++)
		if (!strcmp(base, names[i]))
			return true;
	return false;
}

static const struct apath *type_path(CXType pointee)
{
	const char *rec = fx_record_name(pointee);
	if (!rec || is_sync_type_name(rec))
		return NULL;
	return apath_get(ROOT_TYPE, 0, rec, rec, intern(""), NULL, NULL);
}

static CXType pointee_of(CXType t)
{
	t = canon(t);
	if (t.kind == CXType_Atomic)
		t = canon(clang_Type_getValueType(t));
	if (t.kind == CXType_Pointer)
		return clang_getPointeeType(t);
	if (is_array(t))
		return clang_getArrayElementType(t);
	CXType none = { CXType_Invalid, { 0, 0 } };
	return none;
}

/*
 * The pointer read from lvalue L (whose type is ptr_type) points to "L*".
 * Its fallback is the type-based name of the pointee when that is a
 * struct; else L's own fallback, extended.
 */
static const struct apath *loaded_pointee(const struct apath *l, CXType ptr_type)
{
	const struct apath *fb = type_path(pointee_of(ptr_type));
	if (!fb && l->fallback)
		fb = apath_extend(l->fallback, "*");
	return apath_get(l->kind, l->param, l->root, l->name,
			 internf("%s*", l->sel), fb, l->owner);
}

/* The object a pointer value points to; type-based when unknown. */
static const struct apath *deref(struct aval v, CXType ptr_type)
{
	if (v.kind == VAL_PTR && v.pointee)
		return v.pointee;
	return type_path(pointee_of(ptr_type));
}

/* ---------------------------------------------------------------- locals */

static struct local *find_local_key(struct fb *b, const char *key)
{
	for (size_t i = 0; i < b->locals.n; i++)
		if (b->locals.a[i].key == key)
			return &b->locals.a[i];
	return NULL;
}

/*
 * fx_local - the builder's record for a local variable or parameter,
 * created on first sight.  A parameter starts out pointing to its symbolic
 * pointee, which the linker replaces with the caller's argument.
 */
struct local *fx_local(struct fb *b, CXCursor decl)
{
	unsigned line, col;
	clang_getExpansionLocation(clang_getCursorLocation(decl), NULL, &line,
				   &col, NULL);
	const char *name = cx_take(clang_getCursorSpelling(decl));
	for (size_t i = 0; i < b->locals.n; i++) {
		struct local *l = &b->locals.a[i];
		if (l->line == line && l->col == col && l->name == name)
			return l;
	}
	struct local l = { .line = line, .col = col, .name = name,
			   .param = -1, .result_ev = -1 };
	if (!name[0])
		l.name = name = intern("(unnamed)");
	l.key = internf("%s:%s:%s@%u:%u", b->tu_file, b->fn_name, name, line,
			col);
	CXType t = clang_getCursorType(decl);
	l.is_pointer = fx_is_pointer(t);
	if (clang_getCursorKind(decl) == CXCursor_ParmDecl) {
		int np = 0;
		CXCursor fn = clang_getCursorSemanticParent(decl);
		np = clang_Cursor_getNumArguments(fn);
		for (int i = 0; i < np; i++)
			if (clang_equalCursors(clang_Cursor_getArgument(
						       fn, (unsigned)i),
					       decl))
				l.param = i;
	}
	if (l.param >= 0) {
		l.self = apath_get(ROOT_PARAM, l.param, l.key, name, intern(""),
				   NULL, NULL);
		if (l.param < 32)
			l.taint = 1u << l.param;
	} else {
		l.self = apath_get(ROOT_LOCAL, 0, l.key, name, intern(""), NULL,
				   NULL);
	}
	if (l.is_pointer) {
		const struct apath *pt = loaded_pointee(l.self, t);
		l.fallback = pt->fallback;
		if (l.param >= 0)
			l.value = (struct aval){ .kind = VAL_PTR, .pointee = pt,
						 .taint = l.taint };
	}
	vec_push(&b->locals, l);
	return &b->locals.a[b->locals.n - 1];
}

/*
 * fx_global_path - the path of a global, file-static or function-static
 * variable: its name when it has external linkage, else qualified by file
 * (and function) so that statics of different files stay apart.
 */
const struct apath *fx_global_path(struct fb *b, CXCursor decl)
{
	const char *name = cx_take(clang_getCursorSpelling(decl));
	const char *key = name;
	CXCursor parent = clang_getCursorSemanticParent(decl);
	enum CXCursorKind pk = clang_getCursorKind(parent);
	if (pk == CXCursor_FunctionDecl)
		key = internf("%s:%s.%s", b->tu_file,
			      cx_take(clang_getCursorSpelling(parent)), name);
	else if (clang_getCursorLinkage(decl) == CXLinkage_Internal)
		key = internf("%s:%s", b->tu_file, name);
	return apath_get(ROOT_GLOBAL, 0, key, name, intern(""), NULL, NULL);
}

static bool same_value(const struct aval *x, const struct aval *y)
{
	return x->kind == y->kind && x->pointee == y->pointee &&
	       x->func == y->func;
}

/*
 * fx_assign_local - record that local l is assigned v here: its taint grows,
 * it remembers which call produced its value (for `rc = trylock(); if (rc)`)
 * and, for a pointer, whether it was ever given two different values.
 */
static void emit_ptstore(struct fb *b, CXCursor at, const struct apath *dest,
			 struct aval v);

void fx_assign_local(struct fb *b, struct local *l, const struct expr *v)
{
	for (size_t i = 0; i < b->loop_stack.n; i++)
		vec_push(&l->loops, b->loop_stack.a[i]);
	l->taint |= v->val.taint;
	l->result_ev = v->call_ev;
	if (v->val.kind == VAL_PTR)
		apath_name_alloc(v->val.pointee, l->name);
	if (v->val.kind == VAL_FUNC) {
		/* Every function a pointer variable may hold, for its calls. */
		l->holds_func = true;
		emit_ptstore(b, clang_getNullCursor(), l->self, v->val);
	}
	if (!l->is_pointer || v->val.kind == VAL_NULL)
		return;
	if (v->val.kind == VAL_UNKNOWN || v->val.kind == VAL_SCALAR) {
		l->value_conflict = true;
		return;
	}
	if (l->param >= 0 && l->value.kind == VAL_PTR &&
	    l->value.pointee->kind == ROOT_PARAM &&
	    l->value.pointee->root == l->key) {
		/* A parameter reassigned: no longer the caller's argument. */
		if (!same_value(&l->value, &v->val))
			l->value_conflict = true;
		return;
	}
	if (l->value.kind == VAL_UNKNOWN)
		l->value = v->val;
	else if (!same_value(&l->value, &v->val))
		l->value_conflict = true;
}

static struct local *local_of(struct fb *b, CXCursor c);

/*
 * The local whose storage an lvalue expression lies in (x in x.f[3].g), if
 * any: taking its address or letting an array decay lets it escape.
 */
static void mark_escape(struct fb *b, CXCursor c)
{
	for (int guard = 0; guard < 64; guard++) {
		c = cx_strip(c);
		enum CXCursorKind k = clang_getCursorKind(c);
		CXCursor kid[2];
		if (k == CXCursor_DeclRefExpr) {
			struct local *l = local_of(b, c);
			if (l)
				l->addr_taken = true;
			return;
		}
		if (k == CXCursor_MemberRefExpr && cx_children(c, kid, 2) >= 1 &&
		    !fx_is_pointer(clang_getCursorType(kid[0]))) {
			c = kid[0];
			continue;
		}
		if (k == CXCursor_ArraySubscriptExpr &&
		    cx_children(c, kid, 2) == 2) {
			if (is_array(clang_getCursorType(kid[0])))
				c = kid[0];
			else if (is_array(clang_getCursorType(kid[1])))
				c = kid[1];
			else
				return;
			continue;
		}
		return;
	}
}

static struct local *local_of(struct fb *b, CXCursor c)
{
	c = cx_strip(c);
	if (clang_getCursorKind(c) != CXCursor_DeclRefExpr)
		return NULL;
	CXCursor d = clang_getCursorReferenced(c);
	enum CXCursorKind k = clang_getCursorKind(d);
	if (k == CXCursor_ParmDecl)
		return fx_local(b, d);
	if (k != CXCursor_VarDecl)
		return NULL;
	CXCursor parent = clang_getCursorSemanticParent(d);
	if (clang_getCursorKind(parent) != CXCursor_FunctionDecl)
		return NULL;
	enum CX_StorageClass sc = clang_Cursor_getStorageClass(d);
	if (sc == CX_SC_Static || sc == CX_SC_Extern)
		return NULL;
	return fx_local(b, d);
}

/* `a < b`, `a >= b`...: a comparison that can order two things. */
bool fx_is_relational(CXCursor c)
{
	c = cx_strip(c);
	if (clang_getCursorKind(c) != CXCursor_BinaryOperator)
		return false;
	enum CXBinaryOperatorKind op = clang_getCursorBinaryOperatorKind(c);
	if (op != CXBinaryOperator_LT && op != CXBinaryOperator_GT &&
	    op != CXBinaryOperator_LE && op != CXBinaryOperator_GE)
		return false;
	/* Against a constant it bounds one thing; it orders none. */
	CXCursor kid[2];
	long long v;
	return cx_children(c, kid, 2) == 2 && !fx_eval_const(kid[0], &v) &&
	       !fx_eval_const(kid[1], &v);
}

/* `a < b ? a : b`: a choice by order (MIN, MAX). */
bool fx_is_ordering(CXCursor c)
{
	c = cx_strip(c);
	CXCursor kid[3];
	return clang_getCursorKind(c) == CXCursor_ConditionalOperator &&
	       cx_children(c, kid, 3) == 3 && fx_is_relational(kid[0]);
}

struct ordered_walk {
	struct fb *b;
	bool found;
};

static enum CXChildVisitResult ordered_visit(CXCursor c, CXCursor parent,
					     CXClientData data)
{
	(void)parent;
	struct ordered_walk *w = data;
	if (fx_is_ordering(c)) {
		w->found = true;
		return CXChildVisit_Break;
	}
	if (clang_getCursorKind(c) == CXCursor_DeclRefExpr) {
		struct local *l = local_of(w->b, c);
		if (l && l->ordered) {
			w->found = true;
			return CXChildVisit_Break;
		}
	}
	return CXChildVisit_Recurse;
}

/*
 * A lock argument picked by order: `&forks[lo]` with lo = MIN(i, j), or
 * `a < b ? &a->mu : &b->mu`.
 */
bool fx_arg_ordered(struct fb *b, CXCursor arg)
{
	struct ordered_walk w = { b, false };
	if (fx_is_ordering(arg))
		return true;
	struct local *l = local_of(b, arg);
	if (l && l->ordered)
		return true;
	clang_visitChildren(arg, ordered_visit, &w);
	return w.found;
}

/* ---------------------------------------------------------------- events */

static void emit_access(struct fb *b, CXCursor at, const struct apath *p,
			bool write, bool atomic, uint32_t idx_taint)
{
	if (!p)
		return;
	struct event e = { .kind = EV_ACCESS, .pos = fb_pos(b, at), .path = p,
			   .idx_taint = idx_taint };
	if (write)
		e.flags |= EVF_WRITE;
	if (atomic)
		e.flags |= EVF_ATOMIC;
	fb_emit(b, &e);
}

static void emit_ptstore(struct fb *b, CXCursor at, const struct apath *dest,
			 struct aval v)
{
	if (!dest || (v.kind != VAL_PTR && v.kind != VAL_FUNC))
		return;
	if (v.kind == VAL_PTR)
		apath_name_alloc(v.pointee, apath_render(dest));
	struct event e = { .kind = EV_PTSTORE, .pos = fb_pos(b, at),
			   .path = dest, .val = v };
	fb_emit(b, &e);
}

static struct expr no_expr(void)
{
	struct expr e = { .call_ev = -1 };
	return e;
}

/* --------------------------------------------------------------- lvalues */

static const struct apath *decl_ref_path(struct fb *b, CXCursor c)
{
	CXCursor d = clang_getCursorReferenced(c);
	enum CXCursorKind k = clang_getCursorKind(d);
	if (k != CXCursor_VarDecl && k != CXCursor_ParmDecl)
		return NULL;
	if (clang_getCursorTLSKind(d) != CXTLS_None)
		return NULL;	/* each thread has its own */
	struct local *l = local_of(b, c);
	if (l)
		return l->self;
	return fx_global_path(b, d);
}

static const struct apath *lvalue(struct fb *b, CXCursor c, struct lvinfo *li)
{
	c = cx_strip(c);
	CXCursor kid[3];
	unsigned n;
	switch (clang_getCursorKind(c)) {
	case CXCursor_DeclRefExpr:
		return decl_ref_path(b, c);
	case CXCursor_MemberRefExpr: {
		const char *field = cx_take(clang_getCursorSpelling(c));
		n = cx_children(c, kid, 3);
		if (n < 1)
			return NULL;
		CXType bt = clang_getCursorType(kid[0]);
		const struct apath *base;
		if (fx_is_pointer(bt)) {
			struct expr v = fx_rvalue(b, kid[0]);
			li->taint |= v.val.taint;
			base = deref(v.val, bt);
		} else {
			base = lvalue(b, kid[0], li);
		}
		if (!base)
			return NULL;
		if (!field[0])
			return base;	/* anonymous struct or union member */
		return apath_extend(base, internf(".%s", field));
	}
	case CXCursor_ArraySubscriptExpr: {
		n = cx_children(c, kid, 3);
		if (n != 2)
			return NULL;
		/* a[i] and i[a] are the same thing: find the pointer side. */
		int pi = 0;
		CXType t0 = clang_getCursorType(kid[0]);
		if (!fx_is_pointer(t0) && !is_array(t0))
			pi = 1;
		CXType bt = clang_getCursorType(kid[pi]);
		const struct apath *base;
		if (is_array(bt)) {
			base = lvalue(b, kid[pi], li);
			base = base ? apath_extend(base, "[]") : NULL;
		} else {
			struct expr v = fx_rvalue(b, kid[pi]);
			li->taint |= v.val.taint;
			base = deref(v.val, bt);
		}
		struct expr idx = fx_rvalue(b, kid[1 - pi]);
		li->idx_taint |= idx.val.taint;
		return base;
	}
	case CXCursor_UnaryOperator: {
		enum CXUnaryOperatorKind op = clang_getCursorUnaryOperatorKind(c);
		if (cx_children(c, kid, 1) != 1)
			return NULL;
		if (op == CXUnaryOperator_Deref) {
			CXType t = clang_getCursorType(kid[0]);
			struct expr v = fx_rvalue(b, kid[0]);
			li->taint |= v.val.taint;
			return deref(v.val, t);
		}
		if (op == CXUnaryOperator_Extension ||
		    op == CXUnaryOperator_Real || op == CXUnaryOperator_Imag)
			return lvalue(b, kid[0], li);
		fx_rvalue(b, c);
		return NULL;
	}
	case CXCursor_CompoundLiteralExpr:
	case CXCursor_StringLiteral:
		fx_rvalue(b, c);
		return NULL;
	default:
		fx_rvalue(b, c);
		return NULL;
	}
}

const struct apath *fx_lvalue(struct fb *b, CXCursor c)
{
	struct lvinfo li = { 0 };
	return lvalue(b, c, &li);
}

/* --------------------------------------------------------------- rvalues */

bool fx_eval_const(CXCursor c, long long *v)
{
	CXEvalResult r = clang_Cursor_Evaluate(c);
	if (!r)
		return false;
	bool ok = clang_EvalResult_getKind(r) == CXEval_Int;
	if (ok)
		*v = clang_EvalResult_getAsLongLong(r);
	clang_EvalResult_dispose(r);
	return ok;
}

/* Reads lvalue c (already evaluated to p) and returns the loaded value. */
static struct expr load(struct fb *b, CXCursor c, const struct apath *p,
			const struct lvinfo *li)
{
	struct expr r = no_expr();
	CXType t = clang_getCursorType(c);
	r.lv = p;
	if (is_array(t)) {
		/* Decay: the address of the first element, no read. */
		mark_escape(b, c);
		if (p)
			r.val = (struct aval){ .kind = VAL_PTR,
					       .pointee = apath_extend(p, "[]") };
		r.val.taint = li->taint;
		return r;
	}
	if (is_function_type(t))
		return r;
	emit_access(b, c, p, false, is_atomic_type(t), li->idx_taint);
	r.val.taint = li->taint;
	r.val.src = p;
	if (fx_is_pointer(t)) {
		r.val.kind = VAL_PTR;
		if (p)
			r.val.pointee = loaded_pointee(p, t);
		else
			r.val.kind = VAL_UNKNOWN;
	} else {
		r.val.kind = VAL_SCALAR;
	}
	return r;
}

static struct expr decl_ref(struct fb *b, CXCursor c)
{
	struct expr r = no_expr();
	CXCursor d = clang_getCursorReferenced(c);
	switch (clang_getCursorKind(d)) {
	case CXCursor_EnumConstantDecl:
		r.val.kind = VAL_SCALAR;
		return r;
	case CXCursor_FunctionDecl:
		r.val.kind = VAL_FUNC;
		r.val.func = cx_take(clang_getCursorSpelling(d));
		return r;
	case CXCursor_VarDecl:
	case CXCursor_ParmDecl:
		break;
	default:
		return r;
	}
	struct local *l = local_of(b, c);
	struct lvinfo li = { 0 };
	const struct apath *p = decl_ref_path(b, c);
	if (l) {
		li.taint = l->taint;
		/* A loaded value: it varies when the variable does. */
		if (b->collect_refs)
			vec_push(&b->refs, (uint32_t)(l - b->locals.a));
	}
	r = load(b, c, p, &li);
	if (l) {
		r.call_ev = l->result_ev;
		r.val.taint |= l->taint;
	}
	return r;
}

static bool is_null_constant(CXCursor c);

/*
 * The write access an assignment just made (if it made one since event
 * `mark`) records the value written: NULL, or the pointer and where it was
 * read from, for the channel checks (a handle's variable cleared, or set).
 */
static void note_written(struct fb *b, size_t mark, struct aval v,
			 CXCursor rhs)
{
	if (b->ev.n <= mark || b->ev.a[b->ev.n - 1].kind != EV_ACCESS)
		return;
	if (is_null_constant(rhs))
		v.kind = VAL_NULL;
	b->ev.a[b->ev.n - 1].val = v;
}

/* `x = f(...)`: the call's event learns where its result goes. */
static void note_result_dest(struct fb *b, const struct expr *v,
			     const struct apath *dest)
{
	if (v->call_ev < 0 || !dest)
		return;
	struct event *e = &b->ev.a[v->call_ev];
	if (e->kind == EV_CALL && !e->path2)
		e->path2 = dest;
	/* A channel handle or message that the call returns. */
	if (e->kind == EV_CHAN && !e->path2 &&
	    (e->mode == CH_CLONE || (e->flags & EVF_RETVAL)))
		e->path2 = dest;
}

static struct expr assign(struct fb *b, CXCursor c, CXCursor lhs, CXCursor rhs,
			  bool compound)
{
	struct expr v = fx_rvalue(b, rhs);
	struct lvinfo li = { 0 };
	const struct apath *p = lvalue(b, lhs, &li);
	CXType t = clang_getCursorType(lhs);
	struct local *l = local_of(b, lhs);
	if (l && !compound)
		l->ordered = fx_is_ordering(rhs);
	size_t mark = b->ev.n;
	emit_access(b, lhs, p, true, is_atomic_type(t), li.idx_taint);
	if (!compound)
		note_written(b, mark, v.val, rhs);
	if (compound) {
		v.val.taint |= l ? l->taint : li.taint;
		v.call_ev = -1;
		if (v.val.kind != VAL_PTR)
			v.val.kind = VAL_SCALAR;
		if (l) {
			/* p += n keeps p in the same object. */
			struct expr same = v;
			same.val = l->value;
			same.val.taint = v.val.taint;
			if (l->is_pointer && l->value.kind != VAL_UNKNOWN)
				fx_assign_local(b, l, &same);
			else
				fx_assign_local(b, l, &v);
		}
		return v;
	}
	note_result_dest(b, &v, p);
	if (l)
		fx_assign_local(b, l, &v);
	else
		emit_ptstore(b, lhs, p, v.val);
	fx_lock_copy(b, lhs, t, rhs, LC_ASSIGN, p);
	(void)c;
	return v;
}

static struct expr incdec(struct fb *b, CXCursor operand)
{
	struct lvinfo li = { 0 };
	const struct apath *p = lvalue(b, operand, &li);
	CXType t = clang_getCursorType(operand);
	emit_access(b, operand, p, true, is_atomic_type(t), li.idx_taint);
	struct local *l = local_of(b, operand);
	struct expr r = no_expr();
	r.val.kind = fx_is_pointer(t) ? VAL_UNKNOWN : VAL_SCALAR;
	if (l) {
		for (size_t i = 0; i < b->loop_stack.n; i++)
			vec_push(&l->loops, b->loop_stack.a[i]);
		l->result_ev = -1;
		r.val = l->is_pointer ? l->value : r.val;
		r.val.taint |= l->taint;
	}
	return r;
}

static struct expr unary(struct fb *b, CXCursor c)
{
	CXCursor kid[1];
	if (cx_children(c, kid, 1) != 1)
		return no_expr();
	enum CXUnaryOperatorKind op = clang_getCursorUnaryOperatorKind(c);
	struct expr r = no_expr();
	switch (op) {
	case CXUnaryOperator_AddrOf: {
		CXCursor s = cx_strip(kid[0]);
		if (clang_getCursorKind(s) == CXCursor_DeclRefExpr &&
		    clang_getCursorKind(clang_getCursorReferenced(s)) ==
			    CXCursor_FunctionDecl)
			return decl_ref(b, s);
		mark_escape(b, s);
		struct lvinfo li = { 0 };
		const struct apath *p = lvalue(b, kid[0], &li);
		if (p) {
			r.val.kind = VAL_PTR;
			r.val.pointee = p;
		}
		r.val.taint = li.taint | li.idx_taint;
		return r;
	}
	case CXUnaryOperator_Deref: {
		CXType t = clang_getCursorType(c);
		if (is_function_type(t))
			return fx_rvalue(b, kid[0]);	/* (*fp)(...) */
		struct lvinfo li = { 0 };
		const struct apath *p = lvalue(b, c, &li);
		return load(b, c, p, &li);
	}
	case CXUnaryOperator_PostInc:
	case CXUnaryOperator_PostDec:
	case CXUnaryOperator_PreInc:
	case CXUnaryOperator_PreDec:
		return incdec(b, kid[0]);
	case CXUnaryOperator_Extension:
	case CXUnaryOperator_Plus:
		return fx_rvalue(b, kid[0]);
	default:
		r = fx_rvalue(b, kid[0]);
		r.val.kind = VAL_SCALAR;
		r.val.pointee = NULL;
		r.val.func = NULL;
		r.call_ev = op == CXUnaryOperator_LNot ? r.call_ev : -1;
		return r;
	}
}

static struct expr binary(struct fb *b, CXCursor c)
{
	CXCursor kid[2];
	if (cx_children(c, kid, 2) != 2)
		return no_expr();
	enum CXBinaryOperatorKind op = clang_getCursorBinaryOperatorKind(c);
	switch (op) {
	case CXBinaryOperator_Assign:
		return assign(b, c, kid[0], kid[1], false);
	case CXBinaryOperator_MulAssign:
	case CXBinaryOperator_DivAssign:
	case CXBinaryOperator_RemAssign:
	case CXBinaryOperator_AddAssign:
	case CXBinaryOperator_SubAssign:
	case CXBinaryOperator_ShlAssign:
	case CXBinaryOperator_ShrAssign:
	case CXBinaryOperator_AndAssign:
	case CXBinaryOperator_XorAssign:
	case CXBinaryOperator_OrAssign:
		return assign(b, c, kid[0], kid[1], true);
	case CXBinaryOperator_Comma:
		fx_rvalue(b, kid[0]);
		return fx_rvalue(b, kid[1]);
	default:
		break;
	}
	struct expr l = fx_rvalue(b, kid[0]);
	struct expr r = fx_rvalue(b, kid[1]);
	struct expr out = no_expr();
	out.val.kind = VAL_SCALAR;
	out.val.taint = l.val.taint | r.val.taint;
	if (op == CXBinaryOperator_Add || op == CXBinaryOperator_Sub) {
		/* Pointer arithmetic stays within the object. */
		if (l.val.kind == VAL_PTR && r.val.kind != VAL_PTR)
			out.val = l.val;
		else if (r.val.kind == VAL_PTR && op == CXBinaryOperator_Add)
			out.val = r.val;
		out.val.taint = l.val.taint | r.val.taint;
	}
	return out;
}

static struct expr conditional(struct fb *b, CXCursor c)
{
	CXCursor kid[3];
	unsigned n = cx_children(c, kid, 3);
	if (n != 3) {
		for (unsigned i = 0; i < n && i < 3; i++)
			fx_rvalue(b, kid[i]);
		return no_expr();
	}
	struct expr cv = fx_rvalue(b, kid[0]);
	struct expr x = fx_rvalue(b, kid[1]);
	struct expr y = fx_rvalue(b, kid[2]);
	struct expr r = no_expr();
	if (same_value(&x.val, &y.val) || y.val.kind == VAL_NULL)
		r.val = x.val;
	else if (x.val.kind == VAL_NULL)
		r.val = y.val;
	else
		r.val.kind = (x.val.kind == VAL_SCALAR) ? VAL_SCALAR
							 : VAL_UNKNOWN;
	r.val.taint = cv.val.taint | x.val.taint | y.val.taint;
	return r;
}

static struct expr stmt_expr(struct fb *b, CXCursor c)
{
	CXCursor kid[1];
	if (cx_children(c, kid, 1) != 1)
		return no_expr();
	CXCursor body = kid[0];
	unsigned n = cx_children(body, NULL, 0);
	CXCursor *all = xmalloc(sizeof(CXCursor) * (n ? n : 1));
	cx_children(body, all, n);
	struct expr r = no_expr();
	for (unsigned i = 0; i < n; i++) {
		if (i + 1 == n && clang_isExpression(clang_getCursorKind(all[i])))
			r = fx_rvalue(b, all[i]);
		else
			fb_stmt(b, all[i]);
	}
	free(all);
	return r;
}

static bool is_null_constant(CXCursor c)
{
	CXCursor s = cx_strip(c);
	enum CXCursorKind k = clang_getCursorKind(s);
	if (k != CXCursor_IntegerLiteral && k != CXCursor_GNUNullExpr)
		return false;
	long long v;
	return fx_eval_const(s, &v) && v == 0;
}

/*
 * fx_rvalue_collect - evaluate a call or spawn argument, noting in pv the
 * locals whose values it loads, so that fx_finish() can tell whether it
 * differs per iteration of the enclosing loop.  A null pointer constant
 * evaluates to VAL_NULL.
 */
struct expr fx_rvalue_collect(struct fb *b, CXCursor c,
			      struct pending_varies *pv)
{
	size_t mark = b->refs.n;
	bool was = b->collect_refs;
	b->collect_refs = true;
	struct expr v = fx_rvalue(b, c);
	b->collect_refs = was;
	long long cv;
	if (is_null_constant(c)) {
		v.val.kind = VAL_NULL;
		v.val.is_const = true;
		v.val.cval = 0;
	} else if (fx_eval_const(cx_strip(c), &cv)) {
		v.val.kind = VAL_SCALAR;	/* an int passed as a pointer */
		v.val.is_const = true;
		v.val.cval = cv;
	}
	memset(pv, 0, sizeof(*pv));
	if (b->loop_stack.n) {
		pv->loop = b->loop_stack.a[b->loop_stack.n - 1];
		for (size_t k = mark; k < b->refs.n; k++)
			vec_push(&pv->locals, b->refs.a[k]);
	}
	if (!was)
		b->refs.n = mark;
	return v;
}

/* Attach pv to argument `arg` of event ev (-1: a spawn's argument, -3: its
 * entry function). */
void fx_pending_commit(struct fb *b, struct pending_varies *pv, uint32_t ev,
		       int arg)
{
	if (!pv->locals.n) {
		vec_free(&pv->locals);
		return;
	}
	pv->ev = ev;
	pv->arg = arg;
	vec_push(&b->pending, *pv);
	memset(pv, 0, sizeof(*pv));
}

/*
 * A generic call: its arguments' values go into the event for the linker
 * to substitute into the callee's summary.  Calls inside a loop remember
 * which locals each argument mentions, so fx_finish() can tell whether the
 * argument differs from one iteration to the next.
 */
static struct expr generic_call(struct fb *b, CXCursor c, const char *name)
{
	struct expr r = no_expr();
	struct aval callee = { 0 };
	if (!name) {
		CXCursor kid[1];
		if (cx_children(c, kid, 1) == 1)
			callee = fx_rvalue(b, kid[0]).val;
		if (callee.kind == VAL_FUNC)
			name = callee.func;
	}
	int na = clang_Cursor_getNumArguments(c);
	if (na < 0)
		na = 0;
	struct aval *args = arena_alloc(b->a, sizeof(struct aval) *
						    (size_t)(na ? na : 1));
	struct pending_varies *pend = xcalloc((size_t)(na ? na : 1),
					      sizeof(*pend));
	for (int i = 0; i < na; i++) {
		CXCursor a = clang_Cursor_getArgument(c, (unsigned)i);
		struct expr v = fx_rvalue_collect(b, a, &pend[i]);
		args[i] = v.val;
		fx_lock_copy(b, a, clang_getCursorType(a), a, LC_ARG, v.lv);
	}
	struct event e = { .kind = EV_CALL, .pos = fb_pos(b, c), .callee = name,
			   .nargs = (uint32_t)na, .args = args };
	if (!name)
		e.val = callee;
	uint32_t idx = fb_emit(b, &e);
	for (int i = 0; i < na; i++)
		fx_pending_commit(b, &pend[i], idx, i);
	free(pend);
	r.call_ev = (int)idx;
	r.val.kind = VAL_UNKNOWN;
	CXType rt = clang_getCursorType(c);
	if (!fx_is_pointer(rt)) {
		r.val.kind = VAL_SCALAR;
	} else if (name) {
		/*
		 * What a named function returns: the linker decides whether it
		 * is fresh memory (an allocation wrapper) or, by its type, some
		 * object of the program.
		 */
		struct pos p = e.pos;
		const char *key = internf("%s@%s:%u:%u", name,
					  p.file ? p.file : "?", p.line, p.col);
		r.val.kind = VAL_PTR;
		r.val.pointee = apath_get(ROOT_RET, 0, key,
					  internf("(%s())", name), intern(""),
					  type_path(pointee_of(rt)), NULL);
		vec_push(&b->fresh_roots, r.val.pointee->root);
	}
	if (name && fk_is_noreturn_name(name))
		fb_terminate(b, false);
	else if (!name) {
		/* nothing more is known of an indirect callee */
	} else {
		CXCursor d = clang_getCursorReferenced(c);
		if (!clang_Cursor_isNull(d)) {
			const char *ts = cx_take(clang_getTypeSpelling(
				clang_getCursorType(d)));
			if (strstr(ts, "noreturn"))
				fb_terminate(b, false);
		}
	}
	return r;
}

static struct expr call(struct fb *b, CXCursor c)
{
	const char *name = NULL;
	CXCursor d = clang_getCursorReferenced(c);
	if (clang_getCursorKind(d) == CXCursor_FunctionDecl)
		name = cx_take(clang_getCursorSpelling(d));
	struct expr r;
	if (name && fk_call(b, c, name, &r))
		return r;
	return generic_call(b, c, name);
}

/* UnexposedExpr with several children: C11/GNU atomic builtins and more. */
static struct expr unexposed(struct fb *b, CXCursor c)
{
	CXToken *tok = NULL;
	unsigned ntok = 0;
	CXSourceRange r = clang_getCursorExtent(c);
	CXSourceLocation start = clang_getRangeStart(r);
	clang_tokenize(b->tu, clang_getRange(start, start), &tok, &ntok);
	const char *first = NULL;
	if (ntok)
		first = cx_take(clang_getTokenSpelling(b->tu, tok[0]));
	if (tok)
		clang_disposeTokens(b->tu, tok, ntok);
	struct expr out;
	if (first && fk_call(b, c, first, &out))
		return out;
	CXCursor kid[8];
	unsigned n = cx_children(c, kid, 8);
	for (unsigned i = 0; i < n && i < 8; i++)
		fx_rvalue(b, kid[i]);
	return no_expr();
}

struct expr fx_rvalue(struct fb *b, CXCursor c)
{
	CXCursor s = cx_strip(c);
	enum CXCursorKind k = clang_getCursorKind(s);
	struct expr r = no_expr();
	switch (k) {
	case CXCursor_DeclRefExpr:
		return decl_ref(b, s);
	case CXCursor_MemberRefExpr:
	case CXCursor_ArraySubscriptExpr: {
		struct lvinfo li = { 0 };
		const struct apath *p = lvalue(b, s, &li);
		return load(b, s, p, &li);
	}
	case CXCursor_UnaryOperator:
		return unary(b, s);
	case CXCursor_BinaryOperator:
	case CXCursor_CompoundAssignOperator:
		return binary(b, s);
	case CXCursor_ConditionalOperator:
		return conditional(b, s);
	case CXCursor_CallExpr:
		return call(b, s);
	case CXCursor_StmtExpr:
		return stmt_expr(b, s);
	case CXCursor_IntegerLiteral:
	case CXCursor_FloatingLiteral:
	case CXCursor_CharacterLiteral:
	case CXCursor_ImaginaryLiteral:
	case CXCursor_UnaryExpr:	/* sizeof, _Alignof */
		r.val.kind = VAL_SCALAR;
		return r;
	case CXCursor_StringLiteral:
	case CXCursor_GNUNullExpr:
		return r;
	case CXCursor_UnexposedExpr:
		return unexposed(b, s);
	default: {
		CXCursor kid[16];
		unsigned n = cx_children(s, kid, 16);
		for (unsigned i = 0; i < n && i < 16; i++)
			if (clang_isExpression(clang_getCursorKind(kid[i])))
				fx_rvalue(b, kid[i]);
		return r;
	}
	}
}

/* ------------------------------------------------------------- conditions */

/*
 * Edges of a branch on v.  On a call's result: conditional on the call's
 * success.  On a plain variable or field (`if (x)`, `if (p->n == 3)`): an
 * EV_TEST names the condition, so a later branch on the same condition,
 * with nothing written in between, follows the same way (correlated
 * branches: `if (x) lock(m); ...; if (x) unlock(m);`).  `what` is the
 * comparison ("" for a truth test); `nonzero_is_true` says which edge
 * holds the condition.
 */
static void cond_edges(struct fb *b, struct expr *v, bool zero_is_true,
		       uint32_t t, uint32_t f, const char *what)
{
	if (v->call_ev >= 0 && b->ev.a[v->call_ev].kind != EV_CALL) {
		b->ev.a[v->call_ev].flags |= EVF_TESTED;
		/* Our APIs return 0 on success. */
		fb_edge(b, b->cur, t, v->call_ev, zero_is_true);
		fb_edge(b, b->cur, f, v->call_ev, !zero_is_true);
		return;
	}
	if (v->lv && v->val.kind != VAL_UNKNOWN) {
		struct event e = { .kind = EV_TEST, .path = v->lv,
				   .callee = internf("%s%s", v->lv->sel, what) };
		uint32_t idx = fb_emit(b, &e);
		/* on_success: the condition (nonzero, or == K) holds. */
		fb_edge(b, b->cur, t, (int32_t)idx, !zero_is_true);
		fb_edge(b, b->cur, f, (int32_t)idx, zero_is_true);
		return;
	}
	fb_edge(b, b->cur, t, -1, false);
	fb_edge(b, b->cur, f, -1, false);
}

/*
 * fx_cond - lower a branch condition: events into the current block, then
 * edges to t (true) and f (false).  Short-circuit operators get blocks of
 * their own; a comparison of a lock or channel call's result with a
 * constant makes the edges conditional on that call's success.
 */
void fx_cond(struct fb *b, CXCursor c, uint32_t t, uint32_t f)
{
	CXCursor s = cx_strip(c);
	enum CXCursorKind k = clang_getCursorKind(s);
	CXCursor kid[2];
	long long cv;
	if (k == CXCursor_UnaryOperator &&
	    clang_getCursorUnaryOperatorKind(s) == CXUnaryOperator_LNot &&
	    cx_children(s, kid, 1) == 1) {
		fx_cond(b, kid[0], f, t);
		return;
	}
	if (k == CXCursor_BinaryOperator && cx_children(s, kid, 2) == 2) {
		enum CXBinaryOperatorKind op =
			clang_getCursorBinaryOperatorKind(s);
		if (op == CXBinaryOperator_LAnd || op == CXBinaryOperator_LOr) {
			uint32_t mid = fb_new_block(b);
			if (op == CXBinaryOperator_LAnd)
				fx_cond(b, kid[0], mid, f);
			else
				fx_cond(b, kid[0], t, mid);
			b->cur = mid;
			fx_cond(b, kid[1], t, f);
			return;
		}
		if (op == CXBinaryOperator_Comma) {
			fx_rvalue(b, kid[0]);
			fx_cond(b, kid[1], t, f);
			return;
		}
		if (op == CXBinaryOperator_EQ || op == CXBinaryOperator_NE) {
			long long k0 = 0, k1 = 0;
			/* NULL, ((void *)0), is the constant 0 here too. */
			bool c0 = fx_eval_const(kid[0], &k0) ||
				  is_null_constant(kid[0]);
			bool c1 = fx_eval_const(kid[1], &k1) ||
				  is_null_constant(kid[1]);
			if (c0 != c1) {
				struct expr v = fx_rvalue(b, c0 ? kid[1] : kid[0]);
				long long kv = c0 ? k0 : k1;
				/*
				 * NULL counts for channel results only: read
				 * as a call's "0 on success" it would turn
				 * `if ((p = trylock_wrapper()) == NULL)`
				 * upside down.
				 */
				bool null = c0 ? !fx_eval_const(kid[0], &k0)
					       : !fx_eval_const(kid[1], &k1);
				if (null && (v.call_ev < 0 ||
					     b->ev.a[v.call_ev].kind != EV_CHAN)) {
					fb_edge(b, b->cur, t, -1, false);
					fb_edge(b, b->cur, f, -1, false);
					return;
				}
				/* "== 0" is true on success; "== EBUSY" on failure. */
				bool zero_true = (op == CXBinaryOperator_EQ) ==
						 (kv == 0);
				if (v.call_ev >= 0 && kv != 0 &&
				    b->ev.a[v.call_ev].kind == EV_CHAN) {
					/* Which failure: FC_DISCONNECTED? */
					struct event m = {
						.kind = EV_TEST,
						.pos = fb_pos(b, s),
						.callee = internf("==%lld", kv),
						.val = { .kind = VAL_SCALAR,
							 .is_const = true,
							 .cval = kv },
					};
					fb_emit(b, &m);
				}
				if (v.call_ev < 0 && kv != 0) {
					/* x == K: its own condition, not "x". */
					bool eq = op == CXBinaryOperator_EQ;
					cond_edges(b, &v, !eq, t, f,
						   internf("==%lld", kv));
				} else {
					cond_edges(b, &v, zero_true, t, f, "");
				}
				return;
			}
		}
	}
	if (fx_eval_const(s, &cv)) {
		fb_edge(b, b->cur, cv ? t : f, -1, false);
		return;
	}
	struct expr v = fx_rvalue(b, c);
	/* A bare result: nonzero (true) means failure. */
	cond_edges(b, &v, false, t, f, "");
}

/* ------------------------------------------------------------ lock copies */

static const char *const lock_type_names[] = {
	"pthread_mutex_t", "pthread_rwlock_t", "pthread_spinlock_t",
	"pthread_cond_t",  "mtx_t",	       "cnd_t",
};

/* The lock type that t names through its typedefs, or NULL. */
static const char *lock_typedef(CXType t)
{
	for (int guard = 0; guard < 16; guard++) {
		if (t.kind == CXType_Elaborated) {
			t = clang_Type_getNamedType(t);
			continue;
		}
		if (t.kind != CXType_Typedef)
			return NULL;
		const char *name = cx_take(clang_getTypedefName(t));
		for (size_t i = 0; i < FC_ARRAY_SIZE(lock_type_names); i++)
			if (!strcmp(name, lock_type_names[i]))
				return intern(lock_type_names[i]);
		t = clang_getTypedefDeclUnderlyingType(
			clang_getTypeDeclaration(t));
	}
	return NULL;
}

struct lock_search {
	const char *type;	/* found: the lock type */
	struct sb sel;		/* selectors from the object to the lock */
	int depth;
};

static bool lock_within(CXType t, struct lock_search *ls);

static enum CXVisitorResult lock_field_visit(CXCursor c, CXClientData data)
{
	struct lock_search *ls = data;
	size_t len = ls->sel.len;
	const char *name = cx_take(clang_getCursorSpelling(c));
	if (name[0])
		sb_printf(&ls->sel, ".%s", name);
	if (lock_within(clang_getCursorType(c), ls))
		return CXVisit_Break;
	ls->sel.len = len;
	if (ls->sel.s)
		ls->sel.s[len] = 0;
	return CXVisit_Continue;
}

/* Is t a lock, or a struct, union or array holding one by value? */
static bool lock_within(CXType t, struct lock_search *ls)
{
	const char *lt = lock_typedef(t);
	if (lt) {
		ls->type = lt;
		return true;
	}
	if (ls->depth > 8)
		return false;
	CXType ct = canon(t);
	if (is_array(ct)) {
		size_t len = ls->sel.len;
		sb_puts(&ls->sel, "[]");
		ls->depth++;
		bool r = lock_within(clang_getArrayElementType(ct), ls);
		ls->depth--;
		if (!r) {
			ls->sel.len = len;
			ls->sel.s[len] = 0;
		}
		return r;
	}
	if (ct.kind != CXType_Record)
		return false;
	ls->depth++;
	clang_Type_visitFields(ct, lock_field_visit, ls);
	ls->depth--;
	return ls->type != NULL;
}

/*
 * A source that is no lock in use: a fresh object ((T){...}, f()), or a
 * const one (a template such as `static const struct q q_init`), which
 * nobody can have locked.
 */
static bool fresh_source(CXCursor src)
{
	if (clang_Cursor_isNull(src))
		return false;
	CXCursor s = cx_strip(src);
	switch (clang_getCursorKind(s)) {
	case CXCursor_CompoundLiteralExpr:
	case CXCursor_InitListExpr:
	case CXCursor_CallExpr:
		return true;
	case CXCursor_DeclRefExpr:
		/* A const variable, not a const view of one. */
		return clang_isConstQualifiedType(clang_getCursorType(s));
	default:
		return false;
	}
}

/*
 * fx_lock_copy - when an object of type t, a lock or an aggregate holding
 * one, is copied from src (a null cursor: always a copy) into path, emit
 * EV_LOCKCOPY at `at`.  A compound literal, initializer list or call
 * result is a fresh object: initialising from it copies no lock in use
 * (a call returning one by value is reported at its return).
 */
void fx_lock_copy(struct fb *b, CXCursor at, CXType t, CXCursor src,
		  enum lockcopy_kind kind, const struct apath *path)
{
	CXType ct = canon(t);
	if (ct.kind != CXType_Record && !is_array(ct) && !lock_typedef(t))
		return;	/* the common case: scalars and pointers */
	if (fresh_source(src))
		return;
	/* `T a[4]` shows its size as a child: that is no initializer. */
	if (!clang_Cursor_isNull(src) &&
	    canon(clang_getCursorType(src)).kind != ct.kind)
		return;
	struct lock_search ls = { 0 };
	if (!lock_within(t, &ls)) {
		sb_free(&ls.sel);
		return;
	}
	struct event e = { .kind = EV_LOCKCOPY, .mode = (uint8_t)kind,
			   .pos = fb_pos(b, at), .path = path,
			   .callee = ls.type };
	if (ls.sel.len) {
		const char *rec = fx_record_name(t);
		if (!rec)
			rec = cx_take(clang_getTypeSpelling(t));
		e.path2 = apath_get(ROOT_TYPE, 0, rec, rec,
				    intern(sb_str(&ls.sel)), NULL, NULL);
	}
	sb_free(&ls.sel);
	fb_emit(b, &e);
}

/*
 * Does the source text of c mention `what` (a macro's name, say)?  An
 * expression that a macro expands to is read where the macro is used.
 */
bool fx_mentions(struct fb *b, CXCursor c, const char *what)
{
	CXToken *tok = NULL;
	unsigned ntok = 0;
	bool found = false;
	CXSourceRange r = clang_getCursorExtent(c);
	CXFile f1, f2;
	unsigned l1, c1, l2, c2;
	clang_getExpansionLocation(clang_getRangeStart(r), &f1, &l1, &c1, NULL);
	clang_getExpansionLocation(clang_getRangeEnd(r), &f2, &l2, &c2, NULL);
	if (f1 && f1 == f2)
		r = clang_getRange(clang_getLocation(b->tu, f1, l1, c1),
				   clang_getLocation(b->tu, f2, l2, c2));
	clang_tokenize(b->tu, r, &tok, &ntok);
	for (unsigned i = 0; i < ntok && !found; i++) {
		CXString s = clang_getTokenSpelling(b->tu, tok[i]);
		const char *t = clang_getCString(s);
		if (t && strstr(t, what))
			found = true;
		clang_disposeString(s);
	}
	if (tok)
		clang_disposeTokens(b->tu, tok, ntok);
	return found;
}

/* ----------------------------------------------------------- initializers */

struct field_list {
	VEC(CXCursor) f;
};

static enum CXVisitorResult field_visit(CXCursor c, CXClientData data)
{
	struct field_list *fl = data;
	vec_push(&fl->f, c);
	return CXVisit_Continue;
}

static void init_list(struct fb *b, const struct apath *dest, CXType type,
		      CXCursor list, bool is_static)
{
	unsigned n = cx_children(list, NULL, 0);
	CXCursor *kid = xmalloc(sizeof(CXCursor) * (n ? n : 1));
	cx_children(list, kid, n);
	CXType ct = canon(type);
	struct field_list fl = { 0 };
	bool rec = ct.kind == CXType_Record;
	if (rec)
		clang_Type_visitFields(ct, field_visit, &fl);
	size_t pos = 0;
	for (unsigned i = 0; i < n; i++) {
		CXCursor e = kid[i];
		CXCursor sub[4];
		unsigned m = 0;
		if (clang_getCursorKind(e) == CXCursor_UnexposedExpr)
			m = cx_children(e, sub, 4);
		if (m >= 2 && m <= 4 &&
		    clang_getCursorKind(sub[0]) == CXCursor_MemberRef) {
			/* .a.b = value */
			const struct apath *p = dest;
			CXType ft = type;
			for (unsigned j = 0; j + 1 < m; j++) {
				if (clang_getCursorKind(sub[j]) !=
				    CXCursor_MemberRef)
					break;
				CXCursor fd = clang_getCursorReferenced(sub[j]);
				const char *fn = cx_take(
					clang_getCursorSpelling(fd));
				p = p ? apath_extend(p, internf(".%s", fn))
				      : NULL;
				ft = clang_getCursorType(fd);
				for (size_t q = 0; j == 0 && q < fl.f.n; q++)
					if (clang_equalCursors(fl.f.a[q], fd))
						pos = q + 1;
			}
			fx_init(b, p, ft, sub[m - 1], is_static);
			continue;
		}
		if (m >= 2 && m <= 4 && !rec) {
			/* [i] = value */
			fx_init(b, dest ? apath_extend(dest, "[]") : NULL,
				clang_getArrayElementType(ct), sub[m - 1],
				is_static);
			continue;
		}
		if (rec) {
			if (pos < fl.f.n) {
				CXCursor fd = fl.f.a[pos++];
				const char *fn = cx_take(clang_getCursorSpelling(fd));
				fx_init(b, dest ? apath_extend(dest,
						internf(".%s", fn)) : NULL,
					clang_getCursorType(fd), e, is_static);
			} else {
				fx_rvalue(b, e);
			}
		} else if (is_array(ct)) {
			fx_init(b, dest ? apath_extend(dest, "[]") : NULL,
				clang_getArrayElementType(ct), e, is_static);
		} else {
			fx_init(b, dest, type, e, is_static);
		}
	}
	vec_free(&fl.f);
	free(kid);
}

/*
 * fx_init - lower the initialization of `dest` (of type `type`) by `init`.
 * A static initializer runs before the program does: it makes no access,
 * but pointers and functions it stores are remembered (EV_PTSTORE).
 */
void fx_init(struct fb *b, const struct apath *dest, CXType type, CXCursor init,
	     bool is_static_init)
{
	CXCursor s = cx_strip(init);
	if (clang_getCursorKind(s) == CXCursor_InitListExpr) {
		/* PTHREAD_RECURSIVE_MUTEX_INITIALIZER_NP: a recursive one. */
		const char *lt = lock_typedef(type);
		if (lt && !strcmp(lt, "pthread_mutex_t") &&
		    fx_mentions(b, init, "RECURSIVE")) {
			struct event e = { .kind = EV_LOCKINIT,
					   .family = LF_PTHREAD_MUTEX,
					   .flags = EVF_RECURSIVE,
					   .pos = fb_pos(b, init), .path = dest,
					   .callee = intern(lt) };
			fb_emit(b, &e);
			return;
		}
		init_list(b, dest, type, s, is_static_init);
		return;
	}
	fx_lock_copy(b, init, type, init, LC_INIT, dest);
	struct expr v = fx_rvalue(b, init);
	if (is_null_constant(init))
		v.val.kind = VAL_NULL;
	struct local *l = NULL;
	if (dest && (dest->kind == ROOT_LOCAL || dest->kind == ROOT_PARAM) &&
	    !dest->sel[0])
		l = find_local_key(b, dest->root);
	note_result_dest(b, &v, dest);
	size_t mark = b->ev.n;
	if (l) {
		emit_access(b, init, dest, true, false, 0);
		note_written(b, mark, v.val, init);
		fx_assign_local(b, l, &v);
		return;
	}
	if (!is_static_init) {
		emit_access(b, init, dest, true, is_atomic_type(type), 0);
		note_written(b, mark, v.val, init);
	}
	emit_ptstore(b, init, dest, v.val);
}

/* ----------------------------------------------------------------- finish */

static const struct apath *resolve(struct fb *b, const struct apath *p,
				   int depth)
{
	if (!p || depth > 8)
		return p ? p->fallback : NULL;
	if ((p->kind != ROOT_LOCAL && p->kind != ROOT_PARAM) || p->sel[0] != '*')
		return p;
	struct local *l = find_local_key(b, p->root);
	if (!l)
		return p;
	if (!l->is_pointer || l->addr_taken || l->value_conflict ||
	    l->value.kind != VAL_PTR || !l->value.pointee)
		return p->fallback;
	if (l->value.pointee->kind == ROOT_PARAM && l->value.pointee->root ==
							    l->key)
		return p;	/* the parameter's own pointee: for the linker */
	const struct apath *base = resolve(b, l->value.pointee, depth + 1);
	if (!base)
		return p->fallback;
	const struct apath *r = apath_extend(base, p->sel + 1);
	/* The local's declared type names what a void * parameter is. */
	if (p->fallback && !r->fallback)
		r = apath_get(r->kind, r->param, r->root, r->name, r->sel,
			      p->fallback, r->owner);
	return r;
}

static void resolve_val(struct fb *b, struct aval *v)
{
	if (v->kind != VAL_PTR || !v->pointee)
		return;
	const struct apath *p = v->pointee;
	if ((p->kind == ROOT_LOCAL || p->kind == ROOT_PARAM) &&
	    !strcmp(p->sel, "*")) {
		struct local *l = find_local_key(b, p->root);
		if (l && !l->addr_taken && !l->value_conflict &&
		    l->value.kind == VAL_FUNC) {
			v->kind = VAL_FUNC;
			v->func = l->value.func;
			v->pointee = NULL;
			return;
		}
		if (l && l->holds_func)
			return;	/* several functions: the linker's stores */
	}
	v->pointee = resolve(b, p, 0);
	if (!v->pointee)
		v->kind = VAL_UNKNOWN;
}

static void resolve_src(struct fb *b, struct aval *v)
{
	if (v->src)
		v->src = resolve(b, v->src, 0);
}

/* Is this path the private storage of a local that never escapes? */
static bool is_private(struct fb *b, const struct apath *p)
{
	if (!p)
		return true;
	if (p->kind != ROOT_LOCAL && p->kind != ROOT_PARAM)
		return false;
	if (strchr(p->sel, '*'))
		return false;
	struct local *l = find_local_key(b, p->root);
	return !l || !l->addr_taken;
}

/* Is some branch of the function on this (private) lvalue? */
static bool is_tested(const struct apath *const *tested, size_t n,
		      const struct apath *p)
{
	for (size_t i = 0; i < n; i++)
		if (tested[i] == p)
			return true;
	return false;
}

/*
 * fx_finish - close a function: substitute each local pointer's pointee,
 * drop accesses private to the frame, and decide which spawn and call
 * arguments differ per iteration of their loop.
 */
void fx_finish(struct fb *b)
{
	/* Writes to a tested local are kept: they end what a test knew. */
	VEC(const struct apath *) tested = { 0 };
	for (size_t i = 0; i < b->ev.n; i++)
		if (b->ev.a[i].kind == EV_TEST && b->ev.a[i].path &&
		    !is_tested(tested.a, tested.n, b->ev.a[i].path))
			vec_push(&tested, b->ev.a[i].path);
	/* So are writes to a channel handle's or message's variable: they
	 * end what the channel checks know of it. */
	for (size_t i = 0; i < b->ev.n; i++) {
		const struct event *e = &b->ev.a[i];
		if (e->kind != EV_CHAN)
			continue;
		if (e->path && !is_tested(tested.a, tested.n, e->path))
			vec_push(&tested, e->path);
		if (e->path2 && !is_tested(tested.a, tested.n, e->path2))
			vec_push(&tested, e->path2);
	}
	for (size_t i = 0; i < b->ev.n; i++) {
		struct event *e = &b->ev.a[i];
		const struct apath *p0 = e->path, *p2 = e->path2;
		e->path = resolve(b, e->path, 0);
		e->path2 = resolve(b, e->path2, 0);
		/*
		 * A lock reached through a pointer of unknown value keeps its
		 * local name ("m*"): the lock and unlock through it match, and
		 * it protects nothing another thread holds.
		 */
		bool lockish = e->kind == EV_ACQUIRE || e->kind == EV_RELEASE ||
			       e->kind == EV_LOCKINIT ||
			       e->kind == EV_LOCKDESTROY;
		if (!e->path && lockish)
			e->path = p0;
		if (!e->path2 && e->kind == EV_CONDWAIT)
			e->path2 = p2;
		resolve_src(b, &e->val);
		resolve_src(b, &e->arg);
		resolve_val(b, &e->val);
		resolve_val(b, &e->arg);
		for (uint32_t k = 0; k < e->nargs; k++) {
			resolve_src(b, &e->args[k]);
			resolve_val(b, &e->args[k]);
		}
		if (e->kind == EV_ACCESS && is_private(b, e->path) &&
		    !(e->path && (e->flags & EVF_WRITE) &&
		      is_tested(tested.a, tested.n, e->path)))
			e->kind = EV__COUNT;	/* dropped by fb_flatten */
		if (e->kind == EV_PTSTORE &&
		    (!e->path || (is_private(b, e->path) &&
				  e->val.kind != VAL_FUNC)))
			e->kind = EV__COUNT;
	}
	/* A spawn outside loops handing over memory this call allocated. */
	for (size_t i = 0; i < b->ev.n; i++) {
		struct event *e = &b->ev.a[i];
		if (e->kind != EV_SPAWN || (e->flags & EVF_IN_LOOP) ||
		    e->arg.kind != VAL_PTR || !e->arg.pointee)
			continue;
		for (size_t k = 0; k < b->fresh_roots.n; k++)
			if (b->fresh_roots.a[k] == e->arg.pointee->root)
				e->flags |= EVF_ARG_FRESH;
	}
	for (size_t i = 0; i < b->pending.n; i++) {
		struct pending_varies *pv = &b->pending.a[i];
		bool varies = false;
		for (size_t k = 0; k < pv->locals.n && !varies; k++) {
			struct local *l = &b->locals.a[pv->locals.a[k]];
			for (size_t j = 0; j < l->loops.n; j++)
				if (l->loops.a[j] == pv->loop)
					varies = true;
		}
		if (!varies)
			continue;
		struct event *e = &b->ev.a[pv->ev];
		if (pv->arg == -3) {
			e->val.varies = true;	/* the spawn's entry function */
		} else if (pv->arg < 0) {
			e->flags |= EVF_VARIES;
			e->arg.varies = true;
		} else if ((uint32_t)pv->arg < e->nargs) {
			e->args[pv->arg].varies = true;
		}
	}
	vec_free(&tested);
}
