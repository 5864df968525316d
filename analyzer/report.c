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

#include <jansson.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "options.h"

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

static int cmp_fp(const void *x, const void *y)
{
	const struct finding *a = *(const struct finding *const *)x;
	const struct finding *b = *(const struct finding *const *)y;
	int c = strcmp(a->fingerprint, b->fingerprint);
	return c ? c : cmp_finding(x, y);
}

/* Numbers the findings of each fingerprint in report order. */
static void number_occurrences(struct finding **v, size_t n)
{
	struct finding **w = xmalloc(sizeof(*w) * (n + 1));
	memcpy(w, v, sizeof(*w) * n);
	fc_sort(w, n, sizeof(*w), cmp_fp);
	for (size_t i = 0; i < n; i++)
		w[i]->occurrence = i && w[i - 1]->fingerprint ==
				   w[i]->fingerprint ? w[i - 1]->occurrence + 1 : 1;
	free(w);
}

struct finding **report_collect(size_t *n, size_t *nsuppressed)
{
	size_t all;
	struct finding *f = diag_findings(&all);
	struct finding **v = xmalloc(sizeof(*v) * (all + 1));
	for (size_t i = 0; i < all; i++)
		v[i] = &f[i];
	fc_sort(v, all, sizeof(*v), cmp_key);
	/* One finding per key; it is suppressed when any copy is. */
	size_t u = 0, sup = 0;
	for (size_t i = 0; i < all;) {
		size_t j = i;
		bool quiet = false;
		for (; j < all && v[j]->key == v[i]->key; j++)
			quiet |= v[j]->suppressed;
		if (quiet)
			sup++;
		else
			v[u++] = v[i];
		i = j;
	}
	fc_sort(v, u, sizeof(*v), cmp_finding);
	number_occurrences(v, u);
	*n = u;
	if (nsuppressed)
		*nsuppressed = sup;
	return v;
}

static void put_loc(struct sb *b, struct pos p)
{
	if (p.file) {
		diag_escape(b, p.file);
		/* No column (a runtime stack has none): as gcc prints it. */
		if (p.col)
			sb_printf(b, ":%u:%u: ", p.line, p.col);
		else
			sb_printf(b, ":%u: ", p.line);
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

/* ------------------------------------------------------------ docs pages */

#ifndef FC_DOCS_DIR
#define FC_DOCS_DIR ""
#endif
#ifndef FC_INSTALL_DOCS_DIR
#define FC_INSTALL_DOCS_DIR ""
#endif

static bool is_file(const char *p)
{
	struct stat st;
	return stat(p, &st) == 0 && S_ISREG(st.st_mode);
}

/* DIR/checks/ID.md when it is a file; malloc'd, or NULL. */
static char *page_in(const char *dir, const char *check)
{
	if (!dir || !dir[0])
		return NULL;
	struct sb b = { 0 };
	sb_printf(&b, "%s/checks/%s.md", dir, check);
	if (is_file(sb_str(&b)))
		return b.s;
	sb_free(&b);
	return NULL;
}

char *report_doc_path(const char *check)
{
	/* A check id is kebab-case; anything else must not name a path. */
	for (const char *c = check; *c; c++)
		if (!((*c >= 'a' && *c <= 'z') || (*c >= '0' && *c <= '9') ||
		      *c == '-'))
			return NULL;
	char *p = page_in(getenv("FEARCHECK_DOCS_DIR"), check);
	if (p)
		return p;
	char exe[PATH_MAX];
	ssize_t n = readlink("/proc/self/exe", exe, sizeof(exe) - 1);
	if (n > 0) {
		exe[n] = 0;
		char *slash = strrchr(exe, '/');
		if (slash) {
			*slash = 0;
			char *dir = path_join(exe, "../share/doc/fearcheck");
			p = page_in(dir, check);
			free(dir);
			if (p)
				return p;
		}
	}
	if ((p = page_in(FC_DOCS_DIR, check)))
		return p;
	return page_in(FC_INSTALL_DOCS_DIR, check);
}

int report_explain(const char *check)
{
	if (!options_find_check(check)) {
		diag_error("--explain: unknown check '%s' (see --list-checks)",
			   check);
		return 2;
	}
	char *path = report_doc_path(check);
	if (!path) {
		diag_error("--explain: no page docs/checks/%s.md found (looked "
			   "in $FEARCHECK_DOCS_DIR, ../share/doc/fearcheck "
			   "next to the executable, %s and %s)", check,
			   FC_DOCS_DIR, FC_INSTALL_DOCS_DIR);
		return 2;
	}
	size_t len;
	char *text = read_file(path, &len);
	if (!text) {
		diag_error("--explain: %s: cannot read: %m", path);
		free(path);
		return 2;
	}
	fwrite(text, 1, len, stdout);
	free(text);
	free(path);
	return fflush(stdout) == 0 ? 0 : 2;
}

json_t *report_json_string(const char *s)
{
	json_t *j = json_string(s ? s : "");
	if (j)
		return j;
	struct sb b = { 0 };
	diag_escape(&b, s);
	j = json_string(sb_str(&b));
	sb_free(&b);
	if (!j)
		fc_oom();
	return j;
}
