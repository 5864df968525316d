// SPDX-License-Identifier: MIT
/*
 * ir.c - interned abstract paths, and the IR's versioned text form.
 *
 * The text form (docs/ir.md) is what parse workers hand back to the
 * linker, what --emit-facts writes and --link reads, and what the facts cache
 * stores.  It is line-oriented: a string table ("s"), a path table ("p"),
 * then functions ("f") with their parameters ("a"), blocks ("b") and events
 * ("e").  Every reference is an index into an earlier table, checked on
 * read, so a damaged file gives an error and never a crash.
 */
#include "ir.h"

#include <errno.h>
#include <limits.h>
#include <stdlib.h>
#include <string.h>

/* ------------------------------------------------------------ apath table */

static struct {
	const struct apath **slot;
	size_t cap, n;
	struct arena mem;
	VEC(const struct apath *) by_id;
} ptab;

const struct apath *apath_by_id(uint32_t id)
{
	return id < ptab.by_id.n ? ptab.by_id.a[id] : NULL;
}

static uint64_t apath_hash(enum root_kind kind, int param, const char *root,
			   const char *sel, const char *owner)
{
	uint64_t h = fc_hash_mix((uint64_t)kind, (uint64_t)(unsigned)param);
	h = fc_hash_mix(h, fc_hash_ptr(root));
	h = fc_hash_mix(h, fc_hash_ptr(sel));
	h = fc_hash_mix(h, fc_hash_ptr(owner));
	return h;
}

static void ptab_grow(void)
{
	size_t ncap = ptab.cap ? ptab.cap * 2 : 4096;
	const struct apath **ns = xcalloc(ncap, sizeof(*ns));
	for (size_t i = 0; i < ptab.cap; i++) {
		const struct apath *p = ptab.slot[i];
		if (!p)
			continue;
		size_t j = apath_hash(p->kind, p->param, p->root, p->sel,
				      p->owner) & (ncap - 1);
		while (ns[j])
			j = (j + 1) & (ncap - 1);
		ns[j] = p;
	}
	free(ptab.slot);
	ptab.slot = ns;
	ptab.cap = ncap;
}

/*
 * apath_get - the one interned path with these parts.  root, name and sel
 * must be interned strings (sel NULL means "").  Neither the display name nor
 * the fallback takes part in identity: the first caller's are kept, which is
 * sound because both follow from the path's static types, and roots that can
 * differ in type (locals, parameters) carry their file in their key.  A
 * path first made without a fallback gets the first one offered later: a
 * `void *` parameter learns its type from the local it is assigned to.
 * Returns a pointer that lives as long as the process.
 */
const struct apath *apath_get(enum root_kind kind, int param, const char *root,
			      const char *name, const char *sel,
			      const struct apath *fallback, const char *owner)
{
	if (!sel)
		sel = intern("");
	/* A fallback is a type-based name, for a path that is not one. */
	if (fallback && (kind == ROOT_TYPE || fallback->kind != ROOT_TYPE))
		fallback = NULL;
	if (ptab.n * 2 >= ptab.cap)
		ptab_grow();
	size_t j = apath_hash(kind, param, root, sel, owner) & (ptab.cap - 1);
	for (;;) {
		const struct apath *p = ptab.slot[j];
		if (!p)
			break;
		if (p->kind == kind && p->param == param && p->root == root &&
		    p->sel == sel && p->owner == owner) {
			if (!p->fallback && fallback)
				((struct apath *)p)->fallback = fallback;
			return p;
		}
		j = (j + 1) & (ptab.cap - 1);
	}
	struct apath *p = arena_alloc(&ptab.mem, sizeof(*p));
	p->kind = kind;
	p->param = param;
	p->root = root;
	p->name = name ? name : root;
	p->sel = sel;
	p->fallback = fallback;
	p->owner = owner;
	p->id = (uint32_t)ptab.n;
	vec_push(&ptab.by_id, (const struct apath *)p);
	ptab.slot[j] = p;
	ptab.n++;
	return p;
}

/*
 * apath_name_alloc - give a heap object, still shown as "(malloc at f.c:3)",
 * the name of the variable that holds it, so reports say "job->id".
 */
void apath_name_alloc(const struct apath *p, const char *var)
{
	if (p && (p->kind == ROOT_ALLOC || p->kind == ROOT_RET) &&
	    !p->sel[0] && p->name && p->name[0] == '(' && var && var[0])
		((struct apath *)p)->name = var;
}

const struct apath *apath_extend(const struct apath *p, const char *more)
{
	if (!more[0])
		return p;
	const char *sel = internf("%s%s", p->sel, more);
	const struct apath *fb = p->fallback ? apath_extend(p->fallback, more)
					     : NULL;
	return apath_get(p->kind, p->param, p->root, p->name, sel, fb,
			 p->owner);
}

bool apath_is_global(const struct apath *p)
{
	return p && (p->kind == ROOT_GLOBAL || p->kind == ROOT_TYPE);
}

/*
 * apath_render - C-like display of a path, interned.  The selector string is
 * walked left to right; "*" followed by a field becomes "->".
 */
const char *apath_render(const struct apath *p)
{
	if (!p)
		return intern("?");
	struct sb b = { 0 };
	sb_puts(&b, p->name ? p->name : "?");
	const char *s = p->sel;
	if ((p->kind == ROOT_ALLOC || p->kind == ROOT_RET) && p->name &&
	    p->name[0] != '(')
		s = internf("*%s", s);	/* named by the pointer holding it */
	while (*s) {
		if (s[0] == '*' && s[1] == '.') {
			sb_puts(&b, "->");
			s += 2;
			const char *e = s;
			while (*e && *e != '.' && *e != '*' && *e != '[')
				e++;
			sb_putn(&b, s, (size_t)(e - s));
			s = e;
		} else if (s[0] == '*') {
			struct sb t = { 0 };
			sb_printf(&t, "*%s", sb_str(&b));
			sb_free(&b);
			b = t;
			s++;
		} else if (s[0] == '[' && s[1] == ']') {
			sb_puts(&b, "[]");
			s += 2;
		} else if (s[0] == '.') {
			const char *e = s + 1;
			while (*e && *e != '.' && *e != '*' && *e != '[')
				e++;
			sb_putn(&b, s, (size_t)(e - s));
			s = e;
		} else {
			sb_putc(&b, *s++);
		}
	}
	const char *r = intern(sb_str(&b));
	sb_free(&b);
	return r;
}

/*
 * The enumerations an event's kind gives meaning to are in range: later
 * passes index by them and pack a lock's mode into its key.
 */
static bool event_fields_ok(const struct event *e)
{
	switch (e->kind) {
	case EV_ACQUIRE:
	case EV_RELEASE:
	case EV_LOCKINIT:
	case EV_LOCKDESTROY:
		return e->mode <= LK_READ && e->family <= LF_OTHER;
	case EV_CHAN:
		return e->mode <= CH_NEW;
	case EV_LOCKCOPY:
		return e->mode <= LC_MEMCPY;
	default:
		return true;
	}
}

static const char *const ev_names[EV__COUNT] = {
	[EV_ACCESS] = "access",	    [EV_ACQUIRE] = "acquire",
	[EV_RELEASE] = "release",   [EV_CALL] = "call",
	[EV_SPAWN] = "spawn",	    [EV_JOIN] = "join",
	[EV_CONDWAIT] = "condwait", [EV_BLOCK] = "block",
	[EV_PTSTORE] = "ptstore",   [EV_LOCKINIT] = "lockinit",
	[EV_LOCKDESTROY] = "lockdestroy", [EV_CHAN] = "chan",
	[EV_RETURN] = "return",	    [EV_LOCKCOPY] = "lockcopy",
	[EV_TEST] = "test",
};

const char *ev_kind_name(enum ev_kind k)
{
	return (unsigned)k < EV__COUNT ? ev_names[k] : "?";
}

/* ------------------------------------------------------------------ write */

struct wctx {
	FILE *f;
	/* string -> id and path -> id, by open addressing on the pointer */
	const void **keys;
	uint32_t *vals;
	size_t cap, n;
	uint32_t nstr, npath;
};

static uint32_t *wmap_slot(struct wctx *w, const void *key, bool *found)
{
	if (w->n * 2 >= w->cap) {
		size_t ncap = w->cap ? w->cap * 2 : 1024;
		const void **nk = xcalloc(ncap, sizeof(*nk));
		uint32_t *nv = xcalloc(ncap, sizeof(*nv));
		for (size_t i = 0; i < w->cap; i++) {
			if (!w->keys[i])
				continue;
			size_t j = fc_hash_ptr(w->keys[i]) & (ncap - 1);
			while (nk[j])
				j = (j + 1) & (ncap - 1);
			nk[j] = w->keys[i];
			nv[j] = w->vals[i];
		}
		free(w->keys);
		free(w->vals);
		w->keys = nk;
		w->vals = nv;
		w->cap = ncap;
	}
	size_t j = fc_hash_ptr(key) & (w->cap - 1);
	while (w->keys[j]) {
		if (w->keys[j] == key) {
			*found = true;
			return &w->vals[j];
		}
		j = (j + 1) & (w->cap - 1);
	}
	*found = false;
	w->keys[j] = key;
	w->n++;
	return &w->vals[j];
}

static void put_escaped(FILE *f, const char *s)
{
	fputc('=', f);
	for (const unsigned char *p = (const unsigned char *)s; *p; p++) {
		if (*p <= ' ' || *p == '%' || *p == 0x7f)
			fprintf(f, "%%%02X", *p);
		else
			fputc(*p, f);
	}
}

/* Returns the id of s, writing its "s" line first if it is new; -1: NULL. */
static long wstr(struct wctx *w, const char *s)
{
	if (!s)
		return -1;
	bool found;
	/* Tag string keys apart from path keys: strings are never paths. */
	uint32_t *v = wmap_slot(w, s, &found);
	if (found)
		return *v;
	*v = w->nstr++;
	fprintf(w->f, "s %u ", *v);
	put_escaped(w->f, s);
	fputc('\n', w->f);
	return *v;
}

static long wpath(struct wctx *w, const struct apath *p)
{
	if (!p)
		return -1;
	bool found;
	uint32_t *v = wmap_slot(w, (const char *)p + 1, &found);
	if (found)
		return *v;
	long fb = wpath(w, p->fallback);
	long root = wstr(w, p->root), name = wstr(w, p->name);
	long sel = wstr(w, p->sel), owner = wstr(w, p->owner);
	/* The recursion above may have grown the map: look the slot up anew. */
	v = wmap_slot(w, (const char *)p + 1, &found);
	*v = w->npath++;
	fprintf(w->f, "p %u %d %d %ld %ld %ld %ld %ld\n", *v, (int)p->kind,
		p->param, root, name, sel, fb, owner);
	return *v;
}

static void wval_prep(struct wctx *w, const struct aval *v)
{
	wpath(w, v->pointee);
	wpath(w, v->src);
	wstr(w, v->func);
}

static void wval(struct wctx *w, const struct aval *v)
{
	fprintf(w->f, " %d %d %ld %ld %u %ld %d %lld", (int)v->kind,
		v->varies ? 1 : 0, wpath(w, v->pointee), wstr(w, v->func),
		v->taint, wpath(w, v->src), v->is_const ? 1 : 0, v->cval);
}

int ir_write(FILE *f, const struct tu *tu)
{
	struct wctx w = { .f = f };
	fprintf(f, "fearcheck-facts %d\n", FC_IR_VERSION);
	fprintf(f, "t %ld %d\n", wstr(&w, tu->path), tu->skipped ? 1 : 0);
	for (uint32_t i = 0; i < tu->nfn; i++) {
		const struct function *fn = &tu->fn[i];
		/* Define every string and path this function uses first. */
		wstr(&w, fn->name);
		wstr(&w, fn->file);
		wstr(&w, fn->pos.file);
		for (uint32_t k = 0; k < fn->nparams; k++)
			wstr(&w, fn->param_names[k]);
		for (uint32_t k = 0; k < fn->nev; k++) {
			const struct event *e = &fn->ev[k];
			wstr(&w, e->pos.file);
			wpath(&w, e->path);
			wpath(&w, e->path2);
			wstr(&w, e->callee);
			wval_prep(&w, &e->val);
			wval_prep(&w, &e->arg);
			for (uint32_t a = 0; a < e->nargs; a++)
				wval_prep(&w, &e->args[a]);
		}
		fprintf(f, "f %ld %ld %d %d %ld %u %u %u %u %u\n",
			wstr(&w, fn->name), wstr(&w, fn->file),
			fn->is_static ? 1 : 0, fn->is_global_init ? 1 : 0,
			wstr(&w, fn->pos.file), fn->pos.line, fn->pos.col,
			fn->nparams, fn->nblk, fn->nev);
		for (uint32_t k = 0; k < fn->nparams; k++)
			fprintf(f, "a %ld\n", wstr(&w, fn->param_names[k]));
		for (uint32_t k = 0; k < fn->nblk; k++) {
			const struct block *b = &fn->blk[k];
			fprintf(f, "b %u %u %u", b->first_ev, b->nev, b->nsucc);
			for (uint32_t s = 0; s < b->nsucc; s++)
				fprintf(f, " %u %d %d", b->succ[s].to,
					b->succ[s].cond_ev,
					b->succ[s].on_success ? 1 : 0);
			fputc('\n', f);
		}
		for (uint32_t k = 0; k < fn->nev; k++) {
			const struct event *e = &fn->ev[k];
			fprintf(f, "e %d %d %d %u %u %ld %u %u %ld %ld %ld",
				e->kind, e->mode, e->family, e->flags,
				e->idx_taint, wstr(&w, e->pos.file),
				e->pos.line, e->pos.col, wpath(&w, e->path),
				wpath(&w, e->path2), wstr(&w, e->callee));
			wval(&w, &e->val);
			wval(&w, &e->arg);
			fprintf(f, " %u", e->nargs);
			for (uint32_t a = 0; a < e->nargs; a++)
				wval(&w, &e->args[a]);
			fputc('\n', f);
		}
	}
	fprintf(f, "end\n");
	free(w.keys);
	free(w.vals);
	return ferror(f) ? -1 : 0;
}

/* ------------------------------------------------------------------- read */

struct rctx {
	const char *p, *end;
	unsigned line;
	VEC(const char *) str;
	VEC(const struct apath *) path;
	char *err;
};

static void rfail(struct rctx *r, const char *what)
{
	if (r->err)
		return;
	size_t n = strlen(what) + 64;
	r->err = xmalloc(n);
	snprintf(r->err, n, "facts line %u: %s", r->line, what);
}

static bool rword(struct rctx *r, const char **s, size_t *n)
{
	while (r->p < r->end && *r->p == ' ')
		r->p++;
	if (r->p >= r->end || *r->p == '\n')
		return false;
	*s = r->p;
	while (r->p < r->end && *r->p != ' ' && *r->p != '\n')
		r->p++;
	*n = (size_t)(r->p - *s);
	return true;
}

static long rlong(struct rctx *r, long lo, long hi)
{
	const char *s;
	size_t n;
	if (!rword(r, &s, &n) || n > 20) {
		rfail(r, "missing number");
		return lo;
	}
	char buf[24];
	memcpy(buf, s, n);
	buf[n] = 0;
	char *e;
	errno = 0;
	long v = strtol(buf, &e, 10);
	if (*e || errno || v < lo || v > hi) {
		rfail(r, "bad number");
		return lo;
	}
	return v;
}

static const char *rstrref(struct rctx *r)
{
	long i = rlong(r, -1, (long)r->str.n - 1);
	return i < 0 ? NULL : r->str.a[i];
}

static const struct apath *rpathref(struct rctx *r)
{
	long i = rlong(r, -1, (long)r->path.n - 1);
	return i < 0 ? NULL : r->path.a[i];
}

static void reol(struct rctx *r)
{
	while (r->p < r->end && *r->p == ' ')
		r->p++;
	if (r->p < r->end && *r->p != '\n')
		rfail(r, "trailing garbage");
	while (r->p < r->end && *r->p != '\n')
		r->p++;
	if (r->p < r->end)
		r->p++;
	r->line++;
}

static int hexval(int c)
{
	if (c >= '0' && c <= '9')
		return c - '0';
	if (c >= 'A' && c <= 'F')
		return c - 'A' + 10;
	if (c >= 'a' && c <= 'f')
		return c - 'a' + 10;
	return -1;
}

static void rstrdef(struct rctx *r)
{
	long id = rlong(r, 0, LONG_MAX);
	if (id != (long)r->str.n) {
		rfail(r, "string ids out of order");
		return;
	}
	const char *s;
	size_t n;
	if (!rword(r, &s, &n) || s[0] != '=') {
		rfail(r, "bad string");
		return;
	}
	struct sb b = { 0 };
	for (size_t i = 1; i < n; i++) {
		if (s[i] == '%') {
			if (i + 2 >= n) {
				rfail(r, "bad escape");
				break;
			}
			int a = hexval((unsigned char)s[i + 1]);
			int c = hexval((unsigned char)s[i + 2]);
			if (a < 0 || c < 0 || (a == 0 && c == 0)) {
				rfail(r, "bad escape");
				break;
			}
			sb_putc(&b, (char)(a * 16 + c));
			i += 2;
		} else {
			sb_putc(&b, s[i]);
		}
	}
	vec_push(&r->str, intern(sb_str(&b)));
	sb_free(&b);
}

static void rpathdef(struct rctx *r)
{
	long id = rlong(r, 0, LONG_MAX);
	if (id != (long)r->path.n) {
		rfail(r, "path ids out of order");
		return;
	}
	long kind = rlong(r, ROOT_NONE, ROOT_RET);
	long param = rlong(r, -1, 1 << 20);
	const char *root = rstrref(r), *name = rstrref(r), *sel = rstrref(r);
	const struct apath *fb = rpathref(r);
	const char *owner = rstrref(r);
	if (r->err)
		return;
	vec_push(&r->path, apath_get((enum root_kind)kind, (int)param, root,
				     name, sel, fb, owner));
}

static void rval(struct rctx *r, struct aval *v)
{
	v->kind = (enum val_kind)rlong(r, VAL_UNKNOWN, VAL_SCALAR);
	v->varies = rlong(r, 0, 1) != 0;
	v->pointee = rpathref(r);
	v->func = rstrref(r);
	v->taint = (uint32_t)rlong(r, 0, UINT32_MAX);
	v->src = rpathref(r);
	v->is_const = rlong(r, 0, 1) != 0;
	v->cval = rlong(r, LONG_MIN, LONG_MAX);
}

int ir_read(const char *buf, size_t len, struct arena *a, struct tu *tu,
	    char **err)
{
	struct rctx r = { .p = buf, .end = buf + len, .line = 1 };
	VEC(struct function) fns = { 0 };
	struct function *fn = NULL;
	uint32_t want_blk = 0, want_ev = 0, want_par = 0;
	bool seen_end = false;

	memset(tu, 0, sizeof(*tu));
	const char *w;
	size_t n;
	if (!rword(&r, &w, &n) || n != 15 || memcmp(w, "fearcheck-facts", 15)) {
		rfail(&r, "not a fearcheck facts file");
		goto out;
	}
	if (rlong(&r, 0, 1000) != FC_IR_VERSION) {
		rfail(&r, "facts written by another version of fearcheck");
		goto out;
	}
	reol(&r);
	while (!r.err && r.p < r.end) {
		if (!rword(&r, &w, &n)) {
			reol(&r);
			continue;
		}
		if (seen_end) {
			rfail(&r, "data after end");
			break;
		}
		char c = n == 1 ? w[0] : 0;
		if (n == 3 && !memcmp(w, "end", 3)) {
			seen_end = true;
		} else if (c == 's') {
			rstrdef(&r);
		} else if (c == 'p') {
			rpathdef(&r);
		} else if (c == 't') {
			tu->path = rstrref(&r);
			tu->skipped = rlong(&r, 0, 1) != 0;
		} else if (c == 'f') {
			if (fn && (want_blk || want_ev || want_par)) {
				rfail(&r, "function truncated");
				break;
			}
			vec_push(&fns, (struct function){ 0 });
			fn = &fns.a[fns.n - 1];
			fn->name = rstrref(&r);
			fn->file = rstrref(&r);
			fn->is_static = rlong(&r, 0, 1) != 0;
			fn->is_global_init = rlong(&r, 0, 1) != 0;
			fn->pos.file = rstrref(&r);
			fn->pos.line = (uint32_t)rlong(&r, 0, UINT32_MAX);
			fn->pos.col = (uint32_t)rlong(&r, 0, UINT32_MAX);
			want_par = fn->nparams = (uint32_t)rlong(&r, 0, 4096);
			want_blk = fn->nblk = (uint32_t)rlong(&r, 0, 1 << 24);
			want_ev = fn->nev = (uint32_t)rlong(&r, 0, 1 << 26);
			if (r.err)
				break;
			if (!fn->name || fn->nblk < 2) {
				rfail(&r, "bad function header");
				break;
			}
			fn->param_names = arena_alloc(a, sizeof(char *) *
							 fn->nparams);
			fn->blk = arena_alloc(a, sizeof(struct block) * fn->nblk);
			fn->ev = arena_alloc(a, sizeof(struct event) * fn->nev);
		} else if (c == 'a') {
			if (!fn || !want_par) {
				rfail(&r, "unexpected parameter");
				break;
			}
			fn->param_names[fn->nparams - want_par--] = rstrref(&r);
		} else if (c == 'b') {
			if (!fn || !want_blk) {
				rfail(&r, "unexpected block");
				break;
			}
			struct block *b = &fn->blk[fn->nblk - want_blk--];
			b->first_ev = (uint32_t)rlong(&r, 0, fn->nev);
			b->nev = (uint32_t)rlong(&r, 0, fn->nev - b->first_ev);
			b->nsucc = (uint32_t)rlong(&r, 0, 1 << 20);
			if (r.err)
				break;
			b->succ = arena_alloc(a, sizeof(struct edge) * b->nsucc);
			for (uint32_t s = 0; s < b->nsucc && !r.err; s++) {
				b->succ[s].to = (uint32_t)rlong(&r, 0,
								fn->nblk - 1);
				b->succ[s].cond_ev = (int32_t)rlong(
					&r, -1, (long)fn->nev - 1);
				b->succ[s].on_success = rlong(&r, 0, 1) != 0;
			}
		} else if (c == 'e') {
			if (!fn || !want_ev) {
				rfail(&r, "unexpected event");
				break;
			}
			struct event *e = &fn->ev[fn->nev - want_ev--];
			e->kind = (uint8_t)rlong(&r, 0, EV__COUNT - 1);
			e->mode = (uint8_t)rlong(&r, 0, 255);
			e->family = (uint8_t)rlong(&r, 0, 255);
			e->flags = (uint16_t)rlong(&r, 0, 65535);
			e->idx_taint = (uint32_t)rlong(&r, 0, UINT32_MAX);
			e->pos.file = rstrref(&r);
			e->pos.line = (uint32_t)rlong(&r, 0, UINT32_MAX);
			e->pos.col = (uint32_t)rlong(&r, 0, UINT32_MAX);
			e->path = rpathref(&r);
			e->path2 = rpathref(&r);
			e->callee = rstrref(&r);
			rval(&r, &e->val);
			rval(&r, &e->arg);
			e->nargs = (uint32_t)rlong(&r, 0, 4096);
			if (!r.err && !event_fields_ok(e))
				rfail(&r, "event fields out of range");
			if (r.err)
				break;
			e->args = arena_alloc(a, sizeof(struct aval) * e->nargs);
			for (uint32_t k = 0; k < e->nargs && !r.err; k++)
				rval(&r, &e->args[k]);
		} else {
			rfail(&r, "unknown record");
			break;
		}
		reol(&r);
	}
	if (!r.err && !seen_end)
		rfail(&r, "truncated facts (no end record)");
	if (!r.err && fn && (want_blk || want_ev || want_par))
		rfail(&r, "function truncated");
	if (!r.err && !tu->path)
		rfail(&r, "no translation unit record");
out:
	if (!r.err) {
		tu->nfn = (uint32_t)fns.n;
		tu->fn = arena_alloc(a, sizeof(struct function) * fns.n);
		if (fns.n)
			memcpy(tu->fn, fns.a, sizeof(struct function) * fns.n);
	}
	vec_free(&fns);
	vec_free(&r.str);
	vec_free(&r.path);
	*err = r.err;
	return r.err ? -1 : 0;
}
