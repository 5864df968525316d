/* SPDX-License-Identifier: MIT */
/*
 * report.h - rendering findings: text here, JSON in report_json.c, SARIF
 * 2.1.0 in report_sarif.c (formats: docs/report-format.md); and the docs
 * pages of the checks, for --explain and for SARIF's rule help.
 */
#ifndef FC_REPORT_H
#define FC_REPORT_H

#include <stdio.h>

#include "diag.h"

/* What a machine-readable report says about the run besides findings. */
struct report_run {
	const char *root;	/* absolute directory paths are shown from */
	size_t total;		/* findings reported, before --max-warnings */
	size_t suppressed;	/* silenced by fearcheck-ignore comments */
	size_t baselined;	/* accepted by --baseline */
	size_t ntus;		/* translation units given */
	int skipped;		/* of those, not analysed */
	bool errors;		/* a tool error happened (exit status 2) */
	const char *docs_url;	/* base URL of docs/checks/<id>.md pages */
};

/*
 * report_collect - the findings to report: unsuppressed, one per key,
 * sorted, each with its occurrence number (1 for the first finding of a
 * fingerprint in that order, 2 for the next...).  *nsuppressed receives
 * how many distinct findings comments silenced.  Returns a malloc'd array
 * (caller frees) of *n pointers into the diag store.
 */
struct finding **report_collect(size_t *n, size_t *nsuppressed);
void report_text(FILE *out, struct finding **v, size_t n);

/*
 * report_json, report_sarif - write the report to out.  Return 0, or -1
 * when out could not be written (errno set).
 */
int report_json(FILE *out, struct finding **v, size_t n,
		const struct report_run *r);
int report_sarif(FILE *out, struct finding **v, size_t n,
		 const struct report_run *r);

/*
 * report_doc_path - the docs page of a check (docs/checks/<id>.md), looked
 * for in $FEARCHECK_DOCS_DIR, next to the executable
 * (../share/doc/fearcheck), in the source tree fearcheck was built from and
 * in the install prefix, in that order.  Returns a malloc'd path (caller
 * frees), or NULL when no page exists.
 */
char *report_doc_path(const char *check);

/*
 * report_explain - --explain: print the docs page of `check` on stdout.
 * Returns the exit status: 0, or 2 after a message (unknown check, no page).
 */
int report_explain(const char *check);

/*
 * report_json_string - s as a JSON string, with bytes that are not UTF-8
 * shown as \xNN (jansson accepts only UTF-8).  Returns a new reference.
 */
struct json_t;
struct json_t *report_json_string(const char *s);

#endif
