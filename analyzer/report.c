// SPDX-License-Identifier: MIT
/*
 * report.c - the last pass: deduplicate, sort and render findings.
 *
 * Pass: report.  Input: every finding the checks filed.  Output: text in
 * clang's diagnostic form on stderr (or -o FILE).  Findings with the same
 * key are one finding (the first filed keeps its evidence); the rest are
 * sorted by position, check and message, so output never depends on the
 * order of work.  --max-warnings cuts the list and says so once.
 */
#include "report.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static int pos_cmp(struct pos a, struct pos b)
{
	int c = strcmp(a.file ? a.file : "", b.file ? b.file : "");
	if (c)
		return c;
	if (a.line != b.line)
		return a.line < b.line ? -1 : 1;
	if (a.col != b.col)
		return a.col < b.col ? -1 : 1;
	return 0;
}

static int cmp_finding(const void *x, const void *y)
{
	const struct finding *a = *(const struct finding *const *)x;
	const struct finding *b = *(const struct finding *const *)y;
	int c = pos_cmp(a->pos, b->pos);
	if (c)
		return c;
	if ((c = strcmp(a->check, b->check)))
		return c;
	if ((c = strcmp(a->msg, b->msg)))
		return c;
	return strcmp(a->key, b->key);
}

static int cmp_key(const void *x, const void *y)
{
	const struct finding *a = *(const struct finding *const *)x;
	const struct finding *b = *(const struct finding *const *)y;
	if (a->key != b->key)
		return strcmp(a->key, b->key);
	return (a > b) - (a < b);	/* filing order */
}

struct finding **report_collect(size_t *n)
{
	size_t all;
	struct finding *f = diag_findings(&all);
	struct finding **v = xmalloc(sizeof(*v) * (all + 1));
	size_t k = 0;
	for (size_t i = 0; i < all; i++)
		if (!f[i].suppressed)
			v[k++] = &f[i];
	qsort(v, k, sizeof(*v), cmp_key);
	size_t u = 0;
	for (size_t i = 0; i < k; i++)
		if (!u || v[u - 1]->key != v[i]->key)
			v[u++] = v[i];
	qsort(v, u, sizeof(*v), cmp_finding);
	*n = u;
	return v;
}

static void put_loc(struct sb *b, struct pos p)
{
	if (p.file) {
		diag_escape(b, p.file);
		sb_printf(b, ":%u:%u: ", p.line, p.col);
	} else {
		sb_puts(b, "fearcheck: ");
	}
}

void report_text(FILE *out, struct finding **v, size_t n)
{
	struct sb b = { 0 };
	for (size_t i = 0; i < n; i++) {
		const struct finding *f = v[i];
		put_loc(&b, f->pos);
		sb_puts(&b, "warning: ");
		diag_escape(&b, f->msg);
		sb_printf(&b, " [%s]\n", f->check);
		for (uint32_t k = 0; k < f->nnotes; k++) {
			put_loc(&b, f->notes[k].pos);
			sb_puts(&b, "note: ");
			diag_escape(&b, f->notes[k].msg);
			sb_putc(&b, '\n');
		}
	}
	fflush(stdout);
	fputs(sb_str(&b), out);
	fflush(out);
	sb_free(&b);
}
