// SPDX-License-Identifier: MIT
/*
 * report_json.c - the findings as one JSON document (--format json).
 *
 * Pass: report.  Input: the findings report_collect() chose, in report
 * order, and what the run knows about itself (struct report_run).  Output:
 * a JSON object of the versioned schema in docs/report-format.md (a JSON
 * Schema of it lives in testcases/tools/data/fearcheck-report.schema.json):
 * the same content as the text form, one object per finding with its
 * notes in order, plus each finding's fingerprint and enclosing function.
 * jansson does all quoting; text that is not UTF-8 is shown as \xNN like
 * the text form does.
 */
#include "report.h"

#include <errno.h>
#include <jansson.h>

#ifndef FC_VERSION
#define FC_VERSION "0.0.0"
#endif

/* The schema's version: bump it when a field changes meaning or goes. */
#define REPORT_JSON_VERSION 1

static json_t *location(struct pos p)
{
	if (!p.file)
		return json_null();
	return json_pack("{s:o, s:I, s:I}", "file", report_json_string(p.file),
			 "line", (json_int_t)p.line, "column", (json_int_t)p.col);
}

static json_t *finding(const struct finding *f)
{
	json_t *notes = json_array();
	for (uint32_t k = 0; k < f->nnotes; k++)
		json_array_append_new(notes, json_pack("{s:o, s:o}",
			"message", report_json_string(f->notes[k].msg),
			"location", location(f->notes[k].pos)));
	return json_pack("{s:s, s:s, s:o, s:o, s:o, s:o, s:s, s:I}",
		"check", f->check,
		"level", "warning",
		"message", report_json_string(f->msg),
		"location", location(f->pos),
		"function", f->function ? report_json_string(f->function)
					: json_null(),
		"notes", notes,
		"fingerprint", f->fingerprint,
		"occurrence", (json_int_t)f->occurrence);
}

/*
 * report_json - see report.h.  The document is built whole, then written
 * with a final newline; a write error is returned, not printed.
 */
int report_json(FILE *out, struct finding **v, size_t n,
		const struct report_run *r)
{
	json_t *list = json_array();
	for (size_t i = 0; i < n; i++)
		json_array_append_new(list, finding(v[i]));
	json_t *doc = json_pack(
		"{s:s, s:i, s:{s:s, s:s}, s:o, s:{s:I, s:I, s:I, s:I, s:I, "
		"s:I, s:b}, s:o}",
		"format", "fearcheck-report",
		"version", REPORT_JSON_VERSION,
		"tool", "name", "fearcheck", "version", FC_VERSION,
		"root", report_json_string(r->root),
		"summary",
		"findings", (json_int_t)r->total,
		"shown", (json_int_t)n,
		"suppressed", (json_int_t)r->suppressed,
		"baselined", (json_int_t)r->baselined,
		"translation_units", (json_int_t)r->ntus,
		"skipped", (json_int_t)r->skipped,
		"errors", r->errors,
		"findings", list);
	if (!doc)
		fc_oom();
	fflush(stdout);
	int rc = json_dumpf(doc, out, JSON_INDENT(2));
	json_decref(doc);
	if (rc == 0 && fputc('\n', out) != EOF && fflush(out) == 0)
		return 0;
	if (!errno)
		errno = EIO;
	return -1;
}
