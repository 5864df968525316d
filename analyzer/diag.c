// SPDX-License-Identifier: MIT
/*
 * diag.c - the store of findings, and tool error messages.
 *
 * Checks file findings here; report.c renders them after every check ran.
 * Everything a finding holds is copied into a run-wide arena, so checks may
 * build messages in temporary buffers.  Tool messages go to stderr at once,
 * escaped: file names and source text come from untrusted trees and must
 * not smuggle terminal escape sequences.
 */
#include "diag.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static struct {
	struct arena mem;
	VEC(struct finding) all;
	int nerrors;
} D;

void diag_reset(void)
{
	arena_free(&D.mem);
	vec_free(&D.all);
	D.nerrors = 0;
}

void diag_begin(struct finding_builder *fb, const char *check, struct pos pos,
		const char *fmt, ...)
{
	memset(fb, 0, sizeof(*fb));
	fb->f.check = intern(check);
	fb->f.pos = pos;
	struct sb b = { 0 };
	va_list ap;
	va_start(ap, fmt);
	sb_vprintf(&b, fmt, ap);
	va_end(ap);
	fb->f.msg = intern(sb_str(&b));
	sb_free(&b);
}

void diag_note(struct finding_builder *fb, struct pos pos, const char *fmt, ...)
{
	struct sb b = { 0 };
	va_list ap;
	va_start(ap, fmt);
	sb_vprintf(&b, fmt, ap);
	va_end(ap);
	struct note n = { pos, intern(sb_str(&b)) };
	sb_free(&b);
	vec_push(&fb->notes, n);
}

void diag_fingerprint(struct finding_builder *fb, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	sb_vprintf(&fb->fp, fmt, ap);
	va_end(ap);
	sb_putc(&fb->fp, '\n');
}

void diag_end(struct finding_builder *fb, const char *key)
{
	struct finding f = fb->f;
	f.key = intern(key);
	f.nnotes = (uint32_t)fb->notes.n;
	f.notes = arena_alloc(&D.mem, sizeof(struct note) * (fb->notes.n + 1));
	if (fb->notes.n)
		memcpy(f.notes, fb->notes.a, sizeof(struct note) * fb->notes.n);
	f.fp_text = intern(sb_str(&fb->fp));
	f.fingerprint = intern("");	/* diag_finalize() computes it */
	vec_push(&D.all, f);
	vec_free(&fb->notes);
	sb_free(&fb->fp);
}

struct finding *diag_findings(size_t *n)
{
	*n = D.all.n;
	return D.all.a;
}

/* ---------------------------------------------------------- fingerprints */

/* A function's extent in one file: its name to its last event. */
struct span {
	const char *file;	/* interned: compared as pointers */
	uint32_t l0, c0, l1, c1;
	const char *name;
};

static int pos_le(uint32_t l, uint32_t c, uint32_t L, uint32_t C)
{
	return l < L || (l == L && c <= C);
}

static int cmp_span(const void *x, const void *y)
{
	const struct span *a = x, *b = y;
	if (a->file != b->file)
		return (uintptr_t)a->file < (uintptr_t)b->file ? -1 : 1;
	if (a->l0 != b->l0)
		return a->l0 < b->l0 ? -1 : 1;
	return (a->c0 > b->c0) - (a->c0 < b->c0);
}

/*
 * The function whose extent holds p: the last span starting at or before
 * p (in one file) that also ends at or after it.  Functions of a header
 * appear once per TU that includes it, with the same name, so looking a
 * few spans back is enough.
 */
static const char *enclosing(const struct span *s, size_t n, struct pos p)
{
	size_t lo = 0, hi = n;	/* first span that starts after p */
	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		const struct span *m = &s[mid];
		bool before = (uintptr_t)m->file < (uintptr_t)p.file ||
			      (m->file == p.file &&
			       pos_le(m->l0, m->c0, p.line, p.col));
		if (before)
			lo = mid + 1;
		else
			hi = mid;
	}
	for (size_t k = lo, tries = 0; k > 0 && tries < 16; k--, tries++) {
		const struct span *m = &s[k - 1];
		if (m->file != p.file)
			break;
		if (pos_le(p.line, p.col, m->l1, m->c1))
			return m->name;
	}
	return NULL;
}

/* Every function's span, sorted; malloc'd (caller frees), *n of them. */
static struct span *collect_spans(const struct tu *tus, uint32_t ntus,
				  size_t *n)
{
	VEC(struct span) out = { 0 };
	for (uint32_t t = 0; t < ntus; t++) {
		if (tus[t].skipped)
			continue;
		for (uint32_t i = 0; i < tus[t].nfn; i++) {
			const struct function *fn = &tus[t].fn[i];
			if (fn->is_global_init || !fn->pos.file || !fn->name)
				continue;
			struct span s = { fn->pos.file, fn->pos.line,
					  fn->pos.col, fn->pos.line,
					  fn->pos.col, fn->name };
			for (uint32_t e = 0; e < fn->nev; e++) {
				struct pos q = fn->ev[e].pos;
				if (q.file == s.file &&
				    !pos_le(q.line, q.col, s.l1, s.c1))
					s.l1 = q.line, s.c1 = q.col;
			}
			vec_push(&out, s);
		}
	}
	fc_sort(out.a, out.n, sizeof(*out.a), cmp_span);
	*n = out.n;
	return out.a;
}

/* Appends s with every ":<digits>" as ":#": positions named in a text. */
static void put_normalized(struct sb *b, const char *s)
{
	while (*s) {
		sb_putc(b, *s);
		if (*s++ != ':' || *s < '0' || *s > '9')
			continue;
		while (*s >= '0' && *s <= '9')
			s++;
		sb_putc(b, '#');
	}
	sb_putc(b, '\0');
}

void diag_finalize(const struct tu *tus, uint32_t ntus)
{
	size_t nspans;
	struct span *spans = collect_spans(tus, ntus, &nspans);
	struct sb b = { 0 };
	for (size_t i = 0; i < D.all.n; i++) {
		struct finding *f = &D.all.a[i];
		if (!f->function && f->pos.file)
			f->function = enclosing(spans, nspans, f->pos);
		b.len = 0;
		sb_printf(&b, "fearcheck-fp-%d", DIAG_FP_VERSION);
		sb_putc(&b, '\0');
		sb_puts(&b, f->check);
		sb_putc(&b, '\0');
		sb_puts(&b, f->pos.file ? f->pos.file : "");
		sb_putc(&b, '\0');
		sb_puts(&b, f->function ? f->function : "");
		sb_putc(&b, '\0');
		put_normalized(&b, f->msg);
		put_normalized(&b, f->fp_text ? f->fp_text : "");
		uint64_t h = fc_hash(b.s, b.len, 0);
		f->fingerprint = internf("%016llx", (unsigned long long)h);
	}
	sb_free(&b);
	free(spans);
}

/*
 * diag_escape - append s to out with control bytes as \xNN and bytes that
 * are not valid UTF-8 as \xNN, so nothing read from a tree can drive the
 * terminal.
 */
void diag_escape(struct sb *out, const char *s)
{
	const unsigned char *p = (const unsigned char *)s;
	while (*p) {
		unsigned c = *p;
		int len = 0;
		if (c < 0x80)
			len = 1;
		else if ((c & 0xe0) == 0xc0 && c >= 0xc2)
			len = 2;
		else if ((c & 0xf0) == 0xe0)
			len = 3;
		else if ((c & 0xf8) == 0xf0 && c <= 0xf4)
			len = 4;
		bool ok = len > 0;
		for (int i = 1; ok && i < len; i++)
			if ((p[i] & 0xc0) != 0x80)
				ok = false;
		if (ok && len == 1 && (c < 0x20 || c == 0x7f) && c != '\t')
			ok = false;
		if (!ok) {
			sb_printf(out, "\\x%02X", c);
			p++;
			continue;
		}
		sb_putn(out, (const char *)p, (size_t)len);
		p += len;
	}
}

static void vmessage(const char *prefix, struct pos *pos, const char *kind,
		     const char *fmt, va_list ap)
{
	struct sb raw = { 0 }, out = { 0 };
	sb_vprintf(&raw, fmt, ap);
	if (pos && pos->file) {
		diag_escape(&out, pos->file);
		sb_printf(&out, ":%u:%u: %s: ", pos->line, pos->col, kind);
	} else {
		sb_printf(&out, "%s%s: ", prefix, kind);
	}
	diag_escape(&out, sb_str(&raw));
	sb_putc(&out, '\n');
	fflush(stdout);
	fputs(sb_str(&out), stderr);
	sb_free(&raw);
	sb_free(&out);
}

void diag_error(const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	vmessage("fearcheck: ", NULL, "error", fmt, ap);
	va_end(ap);
	D.nerrors++;
}

void diag_error_at(struct pos pos, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	vmessage("fearcheck: ", &pos, "error", fmt, ap);
	va_end(ap);
	D.nerrors++;
}

void diag_tool_warning(const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	vmessage("fearcheck: ", NULL, "warning", fmt, ap);
	va_end(ap);
}

int diag_error_count(void)
{
	return D.nerrors;
}
