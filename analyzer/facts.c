// SPDX-License-Identifier: MIT
/*
 * facts.c - extraction, part 1: walk a parsed TU once and lower each function
 * definition to a control-flow graph of events (ir.h).
 *
 * Pass: extract.  Input: a libclang translation unit.  Output: struct tu.
 * This file owns the driver and the statements (if/while/do/for/switch,
 * break/continue, goto/labels, return); facts_expr.c lowers expressions and
 * conditions, facts_known.c the library calls that matter to concurrency.
 *
 * DESIGN
 * libclang's C API has no CFG, so statements are lowered by hand with the
 * usual break/continue target stacks and a label table.  Every CFG edge is
 * explicit, so later passes run ordinary dataflow (locksets flow through
 * if/else, loops iterate to a fixpoint).  A `for` statement's children are
 * visited without telling which of init/cond/inc is absent, so the header's
 * semicolons are found by tokenizing it (macro-expanded loops fall back to
 * counting).  Positions are expansion locations: a macro use, not its body.
 *
 * Invariants: block 0 is the entry and block 1 the exit; no CXCursor or
 * CXFile outlives the TU; the result is allocated in the caller's arena.
 */
#include "facts_int.h"

#include <stdlib.h>
#include <string.h>

uint32_t fb_new_block(struct fb *b)
{
	vec_push(&b->blk, (struct bblock){ 0 });
	return (uint32_t)b->blk.n - 1;
}

void fb_edge(struct fb *b, uint32_t from, uint32_t to, int32_t cond_ev,
	     bool on_success)
{
	struct bblock *bb = &b->blk.a[from];
	for (size_t i = 0; i < bb->succ.n; i++) {
		struct edge *e = &bb->succ.a[i];
		if (e->to == to && e->cond_ev == cond_ev &&
		    e->on_success == on_success)
			return;
	}
	vec_push(&bb->succ, ((struct edge){ to, cond_ev, on_success }));
}

uint32_t fb_emit(struct fb *b, const struct event *e)
{
	struct event ev = *e;
	if (b->loop_stack.n)
		ev.flags |= EVF_IN_LOOP;
	vec_push(&b->ev, ev);
	uint32_t idx = (uint32_t)b->ev.n - 1;
	vec_push(&b->blk.a[b->cur].ev, idx);
	return idx;
}

/* Ends the current block: to the exit (a return) or nowhere (a jump). */
void fb_terminate(struct fb *b, bool to_exit)
{
	if (to_exit)
		fb_edge(b, b->cur, FC_EXIT_BLOCK, -1, false);
	b->cur = fb_new_block(b);
}

struct pos fb_pos(struct fb *b, CXCursor c)
{
	struct pos p = { 0 };
	CXSourceLocation loc = clang_getCursorLocation(c);
	CXFile file;
	unsigned line, col;
	clang_getExpansionLocation(loc, &file, &line, &col, NULL);
	if (!file)
		return p;
	for (size_t i = 0; i < b->files.n; i++) {
		if (b->files.a[i].file == file) {
			p.file = b->files.a[i].display;
			goto found;
		}
	}
	const char *name = cx_take(clang_getFileName(file));
	char *abs = path_absolute(name);
	struct file_cache_entry fe = { file, path_display(abs) };
	free(abs);
	vec_push(&b->files, fe);
	p.file = fe.display;
found:
	p.line = line;
	p.col = col;
	return p;
}

/* ------------------------------------------------------------ statements */

static unsigned spelling_offset(CXSourceLocation loc)
{
	unsigned off;
	clang_getSpellingLocation(loc, NULL, NULL, NULL, &off);
	return off;
}

static bool in_macro(CXCursor c)
{
	CXSourceLocation loc = clang_getCursorLocation(c);
	CXFile f1, f2;
	unsigned o1, o2;
	clang_getSpellingLocation(loc, &f1, NULL, NULL, &o1);
	clang_getExpansionLocation(loc, &f2, NULL, NULL, &o2);
	return f1 != f2 || o1 != o2;
}

/*
 * for_parts - sort a for statement's children into init, cond and inc.
 * libclang skips absent parts, so with fewer than four children the
 * header's two top-level semicolons decide which part each child is.
 */
static void for_parts(struct fb *b, CXCursor c, CXCursor *kid, unsigned n,
		      int *init, int *cond, int *inc)
{
	*init = *cond = *inc = -1;
	if (n == 4) {
		*init = 0, *cond = 1, *inc = 2;
		return;
	}
	if (n <= 1)
		return;
	unsigned semi[2] = { 0, 0 }, nsemi = 0;
	if (!in_macro(c)) {
		CXSourceRange r = clang_getRange(
			clang_getRangeStart(clang_getCursorExtent(c)),
			clang_getRangeStart(clang_getCursorExtent(kid[n - 1])));
		CXToken *tok = NULL;
		unsigned ntok = 0;
		clang_tokenize(b->tu, r, &tok, &ntok);
		int depth = 0;
		for (unsigned i = 0; i < ntok && nsemi < 2; i++) {
			if (clang_getTokenKind(tok[i]) != CXToken_Punctuation)
				continue;
			CXString s = clang_getTokenSpelling(b->tu, tok[i]);
			const char *t = clang_getCString(s);
			if (!strcmp(t, "(") || !strcmp(t, "[") || !strcmp(t, "{"))
				depth++;
			else if (!strcmp(t, ")") || !strcmp(t, "]") ||
				 !strcmp(t, "}"))
				depth--;
			else if (!strcmp(t, ";") && depth == 1)
				semi[nsemi++] = spelling_offset(
					clang_getTokenLocation(b->tu, tok[i]));
			clang_disposeString(s);
		}
		if (tok)
			clang_disposeTokens(b->tu, tok, ntok);
	}
	if (nsemi == 2) {
		for (unsigned i = 0; i + 1 < n; i++) {
			unsigned off = spelling_offset(clang_getRangeStart(
				clang_getCursorExtent(kid[i])));
			if (off < semi[0])
				*init = (int)i;
			else if (off < semi[1])
				*cond = (int)i;
			else
				*inc = (int)i;
		}
		return;
	}
	/* Inside a macro: guess from the shapes. */
	unsigned i = 0;
	if (clang_getCursorKind(kid[0]) == CXCursor_DeclStmt || n == 3)
		*init = (int)i++;
	if (i + 1 < n)
		*cond = (int)i++;
	if (i + 1 < n)
		*inc = (int)i++;
}

static void push_loop(struct fb *b)
{
	vec_push(&b->loop_stack, b->nloops++);
}

static void pop_loop(struct fb *b)
{
	b->loop_stack.n--;
}

static void stmt_children(struct fb *b, CXCursor c)
{
	CXCursor kid[64];
	unsigned n = cx_children(c, kid, FC_ARRAY_SIZE(kid));
	if (n > FC_ARRAY_SIZE(kid)) {
		/* Long blocks: take them in slices through a heap array. */
		CXCursor *all = xmalloc(sizeof(CXCursor) * n);
		cx_children(c, all, n);
		for (unsigned i = 0; i < n; i++)
			fb_stmt(b, all[i]);
		free(all);
		return;
	}
	for (unsigned i = 0; i < n; i++)
		fb_stmt(b, kid[i]);
}

static void decl_stmt(struct fb *b, CXCursor c)
{
	CXCursor kid[32];
	unsigned n = cx_children(c, kid, FC_ARRAY_SIZE(kid));
	if (n > FC_ARRAY_SIZE(kid))
		n = FC_ARRAY_SIZE(kid);
	for (unsigned i = 0; i < n; i++) {
		if (clang_getCursorKind(kid[i]) != CXCursor_VarDecl)
			continue;
		CXCursor v = kid[i];
		enum CX_StorageClass sc = clang_Cursor_getStorageClass(v);
		if (sc == CX_SC_Extern)
			continue;
		/* The initializer is the last child that is an expression. */
		CXCursor vk[8];
		unsigned m = cx_children(v, vk, FC_ARRAY_SIZE(vk));
		if (m > FC_ARRAY_SIZE(vk))
			m = FC_ARRAY_SIZE(vk);
		CXCursor init = clang_getNullCursor();
		for (unsigned j = 0; j < m; j++)
			if (clang_isExpression(clang_getCursorKind(vk[j])))
				init = vk[j];
		if (sc == CX_SC_Static) {
			/* Initialised once, before anything runs. */
			if (!clang_Cursor_isNull(init))
				fx_init(b, fx_global_path(b, v),
					clang_getCursorType(v), init, true);
			continue;
		}
		struct local *l = fx_local(b, v);
		if (!clang_Cursor_isNull(init)) {
			l->ordered = fx_is_ordering(init);
			fx_init(b, l->self, clang_getCursorType(v), init,
				false);
		}
	}
}

static void if_stmt(struct fb *b, CXCursor c)
{
	CXCursor kid[3];
	unsigned n = cx_children(c, kid, 3);
	if (n < 2)
		return;
	uint32_t then_b = fb_new_block(b), join = fb_new_block(b);
	uint32_t else_b = n >= 3 ? fb_new_block(b) : join;
	fx_cond(b, kid[0], then_b, else_b);
	/* `if (a < b) lock a, b; else lock b, a;`: ordered acquisitions. */
	bool ordering = fx_is_relational(kid[0]);
	b->ordered_depth += ordering;
	b->cur = then_b;
	fb_stmt(b, kid[1]);
	fb_edge(b, b->cur, join, -1, false);
	if (n >= 3) {
		b->cur = else_b;
		fb_stmt(b, kid[2]);
		fb_edge(b, b->cur, join, -1, false);
	}
	b->ordered_depth -= ordering;
	b->cur = join;
}

static void loop_body(struct fb *b, CXCursor body, uint32_t brk, uint32_t cont)
{
	vec_push(&b->brk, ((struct jump_target){ brk }));
	vec_push(&b->cont, ((struct jump_target){ cont }));
	fb_stmt(b, body);
	b->brk.n--;
	b->cont.n--;
}

static void while_stmt(struct fb *b, CXCursor c)
{
	CXCursor kid[2];
	if (cx_children(c, kid, 2) != 2)
		return;
	uint32_t head = fb_new_block(b), body = fb_new_block(b),
		 exit = fb_new_block(b);
	fb_edge(b, b->cur, head, -1, false);
	b->cur = head;
	push_loop(b);
	fx_cond(b, kid[0], body, exit);
	b->cur = body;
	loop_body(b, kid[1], exit, head);
	fb_edge(b, b->cur, head, -1, false);
	pop_loop(b);
	b->cur = exit;
}

static void do_stmt(struct fb *b, CXCursor c)
{
	CXCursor kid[2];
	if (cx_children(c, kid, 2) != 2)
		return;
	uint32_t body = fb_new_block(b), cond = fb_new_block(b),
		 exit = fb_new_block(b);
	fb_edge(b, b->cur, body, -1, false);
	push_loop(b);
	b->cur = body;
	loop_body(b, kid[0], exit, cond);
	fb_edge(b, b->cur, cond, -1, false);
	b->cur = cond;
	fx_cond(b, kid[1], body, exit);
	pop_loop(b);
	b->cur = exit;
}

static void for_stmt(struct fb *b, CXCursor c)
{
	CXCursor kid[4];
	unsigned n = cx_children(c, kid, 4);
	if (n == 0 || n > 4)
		return;
	int init, cond, inc;
	for_parts(b, c, kid, n, &init, &cond, &inc);
	if (init >= 0)
		fb_stmt(b, kid[init]);
	uint32_t head = fb_new_block(b), body = fb_new_block(b),
		 step = fb_new_block(b), exit = fb_new_block(b);
	fb_edge(b, b->cur, head, -1, false);
	b->cur = head;
	push_loop(b);
	if (cond >= 0)
		fx_cond(b, kid[cond], body, exit);
	else
		fb_edge(b, head, body, -1, false);
	b->cur = body;
	loop_body(b, kid[n - 1], exit, step);
	fb_edge(b, b->cur, step, -1, false);
	b->cur = step;
	if (inc >= 0)
		fx_rvalue(b, kid[inc]);
	fb_edge(b, b->cur, head, -1, false);
	pop_loop(b);
	b->cur = exit;
}


static void switch_stmt(struct fb *b, CXCursor c)
{
	CXCursor kid[2];
	if (cx_children(c, kid, 2) != 2)
		return;
	fx_rvalue(b, kid[0]);
	struct switch_ctx sw = { b->cur, false }, *outer = b->sw;
	uint32_t exit = fb_new_block(b);
	b->sw = &sw;
	vec_push(&b->brk, ((struct jump_target){ exit }));
	b->cur = fb_new_block(b);	/* code before the first case is dead */
	fb_stmt(b, kid[1]);
	b->brk.n--;
	fb_edge(b, b->cur, exit, -1, false);
	if (!sw.has_default)
		fb_edge(b, sw.dispatch, exit, -1, false);
	b->sw = outer;
	b->cur = exit;
}

static void case_stmt(struct fb *b, CXCursor c, bool is_default)
{
	CXCursor kid[3];
	unsigned n = cx_children(c, kid, 3);
	uint32_t nb = fb_new_block(b);
	fb_edge(b, b->cur, nb, -1, false);	/* fall through */
	if (b->sw) {
		fb_edge(b, b->sw->dispatch, nb, -1, false);
		if (is_default)
			b->sw->has_default = true;
	}
	b->cur = nb;
	if (n >= 1 && n <= 3)
		fb_stmt(b, kid[n - 1]);
}

static uint32_t label_block(struct fb *b, const char *name)
{
	for (size_t i = 0; i < b->labels.n; i++)
		if (b->labels.a[i].name == name)
			return b->labels.a[i].block;
	uint32_t nb = fb_new_block(b);
	vec_push(&b->labels, ((struct label){ name, nb }));
	return nb;
}

static void jump(struct fb *b, struct jump_target *stack, size_t n)
{
	if (n)
		fb_edge(b, b->cur, stack[n - 1].block, -1, false);
	fb_terminate(b, false);
}

void fb_stmt(struct fb *b, CXCursor c)
{
	enum CXCursorKind k = clang_getCursorKind(c);
	CXCursor kid[2];
	switch (k) {
	case CXCursor_CompoundStmt:
		stmt_children(b, c);
		break;
	case CXCursor_DeclStmt:
		decl_stmt(b, c);
		break;
	case CXCursor_IfStmt:
		if_stmt(b, c);
		break;
	case CXCursor_WhileStmt:
		while_stmt(b, c);
		break;
	case CXCursor_DoStmt:
		do_stmt(b, c);
		break;
	case CXCursor_ForStmt:
		for_stmt(b, c);
		break;
	case CXCursor_SwitchStmt:
		switch_stmt(b, c);
		break;
	case CXCursor_CaseStmt:
		case_stmt(b, c, false);
		break;
	case CXCursor_DefaultStmt:
		case_stmt(b, c, true);
		break;
	case CXCursor_BreakStmt:
		jump(b, b->brk.a, b->brk.n);
		break;
	case CXCursor_ContinueStmt:
		jump(b, b->cont.a, b->cont.n);
		break;
	case CXCursor_ReturnStmt: {
		struct event e = { .kind = EV_RETURN, .pos = fb_pos(b, c) };
		if (cx_children(c, kid, 1) == 1) {
			struct expr v = fx_rvalue(b, kid[0]);
			long long cv;
			fx_lock_copy(b, kid[0], clang_getCursorType(kid[0]),
				     kid[0], LC_RETURN, v.lv);
			e.val = v.val;
			if (fx_eval_const(cx_strip(kid[0]), &cv)) {
				e.val.is_const = true;
				e.val.cval = cv;
			}
		}
		fb_emit(b, &e);
		fb_terminate(b, true);
		break;
	}
	case CXCursor_GotoStmt:
		if (cx_children(c, kid, 1) == 1) {
			const char *name = cx_take(clang_getCursorSpelling(kid[0]));
			fb_edge(b, b->cur, label_block(b, name), -1, false);
		}
		fb_terminate(b, false);
		break;
	case CXCursor_IndirectGotoStmt:
		fx_rvalue(b, c);
		fb_terminate(b, false);
		break;
	case CXCursor_LabelStmt: {
		const char *name = cx_take(clang_getCursorSpelling(c));
		uint32_t lb = label_block(b, name);
		fb_edge(b, b->cur, lb, -1, false);
		b->cur = lb;
		if (cx_children(c, kid, 1) == 1)
			fb_stmt(b, kid[0]);
		break;
	}
	case CXCursor_NullStmt:
	case CXCursor_GCCAsmStmt:
	case CXCursor_MSAsmStmt:
		break;
	default:
		if (clang_isExpression(k)) {
			struct expr v = fx_rvalue(b, c);
			/* `fc_recv(rx, &msg);`: its result is ignored. */
			if (v.call_ev >= 0 &&
			    clang_getCursorKind(cx_strip(c)) == CXCursor_CallExpr &&
			    b->ev.a[v.call_ev].kind == EV_CHAN)
				b->ev.a[v.call_ev].flags |= EVF_UNUSED;
		} else if (clang_isStatement(k))
			stmt_children(b, c);	/* attributed statements */
		break;
	}
}

/* ---------------------------------------------------------------- driver */

static void fb_reset(struct fb *b)
{
	for (size_t i = 0; i < b->blk.n; i++) {
		vec_free(&b->blk.a[i].ev);
		vec_free(&b->blk.a[i].succ);
	}
	for (size_t i = 0; i < b->locals.n; i++)
		vec_free(&b->locals.a[i].loops);
	for (size_t i = 0; i < b->pending.n; i++)
		vec_free(&b->pending.a[i].locals);
	b->ev.n = b->blk.n = b->brk.n = b->cont.n = b->labels.n = 0;
	b->loop_stack.n = b->locals.n = b->pending.n = b->refs.n = 0;
	b->recursive_attrs.n = 0;
	b->fresh_roots.n = 0;
	b->nloops = 0;
	b->sw = NULL;
	b->collect_refs = false;
	fb_new_block(b);	/* entry */
	fb_new_block(b);	/* exit */
	b->cur = FC_ENTRY_BLOCK;
}

static void fb_release(struct fb *b)
{
	fb_reset(b);
	vec_free(&b->ev);
	vec_free(&b->blk);
	vec_free(&b->brk);
	vec_free(&b->cont);
	vec_free(&b->labels);
	vec_free(&b->loop_stack);
	vec_free(&b->locals);
	vec_free(&b->pending);
	vec_free(&b->refs);
	vec_free(&b->recursive_attrs);
	vec_free(&b->fresh_roots);
	vec_free(&b->files);
}

/*
 * Flattens the blocks under construction into struct function: events in
 * block order, condition references renumbered.  Private accesses (to
 * locals whose address never escapes) were already dropped by fx_finish().
 */
static void fb_flatten(struct fb *b, struct function *fn)
{
	uint32_t *remap = xmalloc(sizeof(uint32_t) * (b->ev.n + 1));
	for (size_t i = 0; i < b->ev.n; i++)
		remap[i] = UINT32_MAX;
	size_t total = 0;
	for (size_t i = 0; i < b->blk.n; i++)
		for (size_t j = 0; j < b->blk.a[i].ev.n; j++)
			if (b->ev.a[b->blk.a[i].ev.a[j]].kind != EV__COUNT)
				total++;
	fn->ev = arena_alloc(b->a, sizeof(struct event) * total);
	fn->blk = arena_alloc(b->a, sizeof(struct block) * b->blk.n);
	fn->nblk = (uint32_t)b->blk.n;
	uint32_t k = 0;
	for (size_t i = 0; i < b->blk.n; i++) {
		struct bblock *bb = &b->blk.a[i];
		fn->blk[i].first_ev = k;
		for (size_t j = 0; j < bb->ev.n; j++) {
			struct event *e = &b->ev.a[bb->ev.a[j]];
			if (e->kind == EV__COUNT)
				continue;
			remap[bb->ev.a[j]] = k;
			fn->ev[k++] = *e;
		}
		fn->blk[i].nev = k - fn->blk[i].first_ev;
	}
	fn->nev = k;
	for (size_t i = 0; i < b->blk.n; i++) {
		struct bblock *bb = &b->blk.a[i];
		fn->blk[i].nsucc = (uint32_t)bb->succ.n;
		fn->blk[i].succ = arena_alloc(b->a, sizeof(struct edge) *
							    bb->succ.n);
		for (size_t j = 0; j < bb->succ.n; j++) {
			struct edge e = bb->succ.a[j];
			if (e.cond_ev >= 0) {
				uint32_t r = remap[e.cond_ev];
				e.cond_ev = r == UINT32_MAX ? -1 : (int32_t)r;
			}
			fn->blk[i].succ[j] = e;
		}
	}
	free(remap);
}

static void build_function(struct fb *b, CXCursor c, struct function *fn)
{
	fb_reset(b);
	b->fn_name = cx_take(clang_getCursorSpelling(c));
	fn->name = b->fn_name;
	fn->file = b->tu_file;
	fn->is_static = clang_getCursorLinkage(c) == CXLinkage_Internal;
	fn->pos = fb_pos(b, c);
	int np = clang_Cursor_getNumArguments(c);
	fn->nparams = np > 0 ? (uint32_t)np : 0;
	fn->param_names = arena_alloc(b->a, sizeof(char *) * fn->nparams);
	for (uint32_t i = 0; i < fn->nparams; i++) {
		CXCursor p = clang_Cursor_getArgument(c, i);
		struct local *l = fx_local(b, p);
		fn->param_names[i] = l->name;
		fx_lock_copy(b, p, clang_getCursorType(p), clang_getNullCursor(),
			     LC_PARAM, l->self);
	}
	CXCursor kid[64];
	unsigned n = cx_children(c, kid, FC_ARRAY_SIZE(kid));
	if (n > FC_ARRAY_SIZE(kid))
		n = FC_ARRAY_SIZE(kid);
	for (unsigned i = 0; i < n; i++)
		if (clang_getCursorKind(kid[i]) == CXCursor_CompoundStmt)
			fb_stmt(b, kid[i]);
	/* Falling off the end returns too, at the closing brace. */
	struct event ret = { .kind = EV_RETURN, .flags = EVF_IMPLICIT };
	CXSourceLocation end = clang_getRangeEnd(clang_getCursorExtent(c));
	CXFile ef;
	unsigned el, ec;
	clang_getExpansionLocation(end, &ef, &el, &ec, NULL);
	ret.pos = fn->pos;
	if (ef) {
		ret.pos.line = el;
		ret.pos.col = ec > 1 ? ec - 1 : ec;
	}
	fb_emit(b, &ret);
	fb_edge(b, b->cur, FC_EXIT_BLOCK, -1, false);
	fx_finish(b);
	fb_flatten(b, fn);
}

struct tu_walk {
	struct fb *b;		/* function definitions */
	struct fb *g;		/* file-scope initializers, all in one */
	const struct facts_options *opt;
	VEC(struct function) fns;
	struct pos first_global;
};

static void global_var(struct tu_walk *w, CXCursor c)
{
	struct fb *g = w->g;
	if (clang_Cursor_getStorageClass(c) == CX_SC_Extern)
		return;
	CXCursor kid[8];
	unsigned m = cx_children(c, kid, FC_ARRAY_SIZE(kid));
	if (m > FC_ARRAY_SIZE(kid))
		m = FC_ARRAY_SIZE(kid);
	CXCursor init = clang_getNullCursor();
	for (unsigned j = 0; j < m; j++)
		if (clang_isExpression(clang_getCursorKind(kid[j])))
			init = kid[j];
	if (clang_Cursor_isNull(init))
		return;
	if (!w->first_global.file)
		w->first_global = fb_pos(g, c);
	fx_init(g, fx_global_path(g, c), clang_getCursorType(c), init, true);
}

static enum CXChildVisitResult tu_visit(CXCursor c, CXCursor parent,
					void *data)
{
	struct tu_walk *w = data;
	enum CXCursorKind k = clang_getCursorKind(c);
	(void)parent;
	if (k != CXCursor_FunctionDecl && k != CXCursor_VarDecl)
		return CXChildVisit_Continue;
	if (!w->opt->include_system &&
	    clang_Location_isInSystemHeader(clang_getCursorLocation(c)))
		return CXChildVisit_Continue;
	if (k == CXCursor_VarDecl) {
		global_var(w, c);
		return CXChildVisit_Continue;
	}
	if (!clang_isCursorDefinition(c))
		return CXChildVisit_Continue;
	struct function fn = { 0 };
	build_function(w->b, c, &fn);
	vec_push(&w->fns, fn);
	return CXChildVisit_Continue;
}

int facts_extract(void *cx_tu, const char *main_file,
		  const struct facts_options *opt, struct arena *a,
		  struct tu *out)
{
	const char *tu_file = intern(main_file);
	struct fb b = { .a = a, .opt = opt, .tu = cx_tu, .tu_file = tu_file };
	struct fb g = { .a = a, .opt = opt, .tu = cx_tu, .tu_file = tu_file };
	struct tu_walk w = { .b = &b, .g = &g, .opt = opt };
	fb_reset(&g);
	g.in_global_init = true;
	g.fn_name = intern("(global initializers)");
	clang_visitChildren(clang_getTranslationUnitCursor(cx_tu), tu_visit, &w);
	if (g.ev.n) {
		struct function fn = { 0 };
		fn.name = g.fn_name;
		fn.file = tu_file;
		fn.is_static = true;
		fn.is_global_init = true;
		fn.pos = w.first_global;
		fb_edge(&g, g.cur, FC_EXIT_BLOCK, -1, false);
		fx_finish(&g);
		fb_flatten(&g, &fn);
		vec_push(&w.fns, fn);
	}
	memset(out, 0, sizeof(*out));
	out->path = tu_file;
	out->nfn = (uint32_t)w.fns.n;
	out->fn = arena_alloc(a, sizeof(struct function) * w.fns.n);
	if (w.fns.n)
		memcpy(out->fn, w.fns.a, sizeof(struct function) * w.fns.n);
	vec_free(&w.fns);
	fb_release(&b);
	fb_release(&g);
	return 0;
}
