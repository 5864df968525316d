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
	uint64_t h = fc_hash(f.check, strlen(f.check), 0);
	const char *fp = sb_str(&fb->fp);
	h = fc_hash(fp, strlen(fp), h);
	f.fingerprint = internf("%016llx", (unsigned long long)h);
	vec_push(&D.all, f);
	vec_free(&fb->notes);
	sb_free(&fb->fp);
}

struct finding *diag_findings(size_t *n)
{
	*n = D.all.n;
	return D.all.a;
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
