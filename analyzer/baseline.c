// SPDX-License-Identifier: MIT
/*
 * baseline.c - accept today's findings once, report only new ones.
 *
 * Pass: report, after report_collect().  A baseline is a JSON file
 * (docs/report-format.md, "Baseline"): a format name, a version and one
 * entry per accepted finding, each with its fingerprint and, for people
 * reading diffs of the file, the check, file, function and message.  Only
 * the fingerprint is matched, and it holds no line or column, so a
 * baseline keeps matching while edits elsewhere move the findings.
 *
 * DESIGN.  Entries form a multiset: a fingerprint listed twice accepts two
 * findings with that fingerprint (the same message in the same function),
 * and a third one is new.  Which of several equal findings is "new" is the
 * last in report order.  Entries are written sorted by file, check,
 * function and message, never by line, so rewriting a baseline after an
 * unrelated edit changes nothing in it.
 */
#include "baseline.h"

#include <errno.h>
#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "report.h"

#define BASELINE_FORMAT "fearcheck-baseline"
#define BASELINE_VERSION 1

struct entry {
	const char *fp;		/* interned, compared as a pointer */
	uint32_t count;		/* findings it still accepts */
};

static struct {
	bool loaded;
	VEC(struct entry) e;
} B;

static int cmp_entry(const void *x, const void *y)
{
	const struct entry *a = x, *b = y;
	return (uintptr_t)a->fp < (uintptr_t)b->fp ? -1
	     : (uintptr_t)a->fp > (uintptr_t)b->fp;
}

static bool is_fingerprint(const char *s)
{
	size_t n = 0;
	for (; s[n]; n++)
		if (!((s[n] >= '0' && s[n] <= '9') ||
		      (s[n] >= 'a' && s[n] <= 'f')))
			return false;
	return n == 16;
}

/* Checks the document and fills B; a message and false on the first flaw. */
static bool take(const char *disp, json_t *root)
{
	if (!json_is_object(root)) {
		diag_error("%s: malformed baseline: expected a JSON object",
			   disp);
		return false;
	}
	json_t *fmt = json_object_get(root, "format");
	if (!json_is_string(fmt) ||
	    strcmp(json_string_value(fmt), BASELINE_FORMAT)) {
		diag_error("%s: malformed baseline: \"format\" must be \""
			   BASELINE_FORMAT "\" (write one with "
			   "--baseline-write)", disp);
		return false;
	}
	json_t *ver = json_object_get(root, "version");
	if (!json_is_integer(ver)) {
		diag_error("%s: malformed baseline: no integer \"version\"",
			   disp);
		return false;
	}
	if (json_integer_value(ver) != BASELINE_VERSION) {
		diag_error("%s: baseline version %lld is not supported (this "
			   "fearcheck reads version %d; write a new one with "
			   "--baseline-write)", disp,
			   (long long)json_integer_value(ver),
			   BASELINE_VERSION);
		return false;
	}
	json_t *list = json_object_get(root, "findings");
	if (!json_is_array(list)) {
		diag_error("%s: malformed baseline: \"findings\" must be an "
			   "array", disp);
		return false;
	}
	size_t i;
	json_t *ent;
	json_array_foreach(list, i, ent) {
		json_t *fp = json_object_get(ent, "fingerprint");
		if (!json_is_string(fp) ||
		    !is_fingerprint(json_string_value(fp))) {
			diag_error("%s: malformed baseline: findings[%zu] has "
				   "no \"fingerprint\" of 16 hex digits", disp,
				   i);
			return false;
		}
		struct entry e = { intern(json_string_value(fp)), 1 };
		vec_push(&B.e, e);
	}
	/* Merge equal fingerprints into counts. */
	fc_sort(B.e.a, B.e.n, sizeof(*B.e.a), cmp_entry);
	size_t u = 0;
	for (size_t k = 0; k < B.e.n; k++) {
		if (u && B.e.a[u - 1].fp == B.e.a[k].fp)
			B.e.a[u - 1].count++;
		else
			B.e.a[u++] = B.e.a[k];
	}
	B.e.n = u;
	return true;
}

int baseline_load(const char *path)
{
	const char *disp = path_display(path);
	json_error_t err;
	json_t *root = json_load_file(path, JSON_REJECT_DUPLICATES, &err);
	if (!root) {
		if (err.line > 0 && err.column > 0)
			diag_error("%s:%d:%d: malformed baseline: %s", disp,
				   err.line, err.column, err.text);
		else if (err.line > 0)
			diag_error("%s:%d: malformed baseline: %s", disp,
				   err.line, err.text);
		else
			diag_error("--baseline %s: %s", disp, err.text);
		return 2;
	}
	bool ok = take(disp, root);
	json_decref(root);
	if (!ok) {
		vec_free(&B.e);
		return 2;
	}
	B.loaded = true;
	return 0;
}

void baseline_reset(void)
{
	vec_free(&B.e);
	B.loaded = false;
}

size_t baseline_filter(struct finding **v, size_t *n)
{
	if (!B.loaded)
		return 0;
	size_t k = 0, dropped = 0;
	for (size_t i = 0; i < *n; i++) {
		struct entry key = { v[i]->fingerprint, 0 };
		struct entry *e = bsearch(&key, B.e.a, B.e.n, sizeof(*B.e.a),
					  cmp_entry);
		if (e && e->count) {
			e->count--;
			v[i]->baselined = true;
			dropped++;
		} else {
			v[k++] = v[i];
		}
	}
	*n = k;
	return dropped;
}

static int nstrcmp(const char *a, const char *b)
{
	return strcmp(a ? a : "", b ? b : "");
}

static int cmp_written(const void *x, const void *y)
{
	const struct finding *a = *(const struct finding *const *)x;
	const struct finding *b = *(const struct finding *const *)y;
	int c;
	if ((c = nstrcmp(a->pos.file, b->pos.file)) ||
	    (c = strcmp(a->check, b->check)) ||
	    (c = nstrcmp(a->function, b->function)) ||
	    (c = strcmp(a->msg, b->msg)))
		return c;
	return strcmp(a->fingerprint, b->fingerprint);
}

int baseline_write(const char *path, struct finding **v, size_t n)
{
	struct finding **w = xmalloc(sizeof(*w) * (n + 1));
	memcpy(w, v, sizeof(*w) * n);
	fc_sort(w, n, sizeof(*w), cmp_written);
	json_t *list = json_array();
	for (size_t i = 0; i < n; i++)
		json_array_append_new(list, json_pack(
			"{s:s, s:s, s:o, s:o, s:o}",
			"fingerprint", w[i]->fingerprint,
			"check", w[i]->check,
			"file", w[i]->pos.file ? report_json_string(
					w[i]->pos.file) : json_null(),
			"function", w[i]->function ? report_json_string(
					w[i]->function) : json_null(),
			"message", report_json_string(w[i]->msg)));
	free(w);
	json_t *doc = json_pack("{s:s, s:i, s:o}", "format", BASELINE_FORMAT,
				"version", BASELINE_VERSION, "findings", list);
	struct sb tmp = { 0 };
	sb_printf(&tmp, "%s.tmp%ld", path, (long)getpid());
	int rc = 0;
	FILE *f = fopen(sb_str(&tmp), "w");
	if (!f || json_dumpf(doc, f, JSON_INDENT(2)) != 0 ||
	    fputc('\n', f) == EOF || fflush(f) != 0) {
		diag_error("--baseline-write %s: cannot write: %s",
			   path_display(path), strerror(errno ? errno : EIO));
		rc = 2;
	}
	if (f && fclose(f) != 0 && !rc) {
		diag_error("--baseline-write %s: cannot write: %m",
			   path_display(path));
		rc = 2;
	}
	if (!rc && rename(sb_str(&tmp), path) != 0) {
		diag_error("--baseline-write %s: %m", path_display(path));
		rc = 2;
	}
	if (rc)
		unlink(sb_str(&tmp));
	json_decref(doc);
	sb_free(&tmp);
	return rc;
}
