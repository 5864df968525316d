/* SPDX-License-Identifier: MIT */
/*
 * diag.h - findings and tool messages.
 *
 * A finding is one `warning:` about the user's code with its `note:`
 * evidence; checks add findings with diag_add() and never print.  Tool
 * problems (a bad option, a TU that does not parse) are printed at once
 * with diag_error().  report.c sorts, deduplicates and renders findings.
 */
#ifndef FC_DIAG_H
#define FC_DIAG_H

#include "ir.h"

struct note {
	struct pos pos;
	const char *msg;	/* interned */
};

struct finding {
	const char *check;	/* check id, interned */
	struct pos pos;
	const char *msg;	/* interned */
	uint32_t nnotes;
	struct note *notes;
	const char *key;	/* identity for deduplication, interned */
	const char *fp_text;	/* what the check says identifies it */
	const char *function;	/* enclosing function of pos, or NULL */
	const char *fingerprint;	/* stable across unrelated edits */
	uint32_t occurrence;	/* 1-based among equal fingerprints */
	bool suppressed;	/* by a fearcheck-ignore comment */
	bool baselined;		/* matched an entry of --baseline */
};

/*
 * struct finding_builder - accumulates one finding.  diag_begin() starts it,
 * diag_note() adds evidence, diag_end() files it (copying everything).
 */
struct finding_builder {
	struct finding f;
	VEC(struct note) notes;
	struct sb fp;		/* fingerprint material */
};

void diag_begin(struct finding_builder *fb, const char *check, struct pos pos,
		const char *fmt, ...) FC_PRINTF(4, 5);
void diag_note(struct finding_builder *fb, struct pos pos, const char *fmt, ...)
	FC_PRINTF(3, 4);
/* Adds text that identifies the finding independently of line numbers. */
void diag_fingerprint(struct finding_builder *fb, const char *fmt, ...)
	FC_PRINTF(2, 3);
/* Files the finding under `key` (deduplication); frees the builder. */
void diag_end(struct finding_builder *fb, const char *key);

/* All findings filed so far, in filing order. */
struct finding *diag_findings(size_t *n);

/*
 * diag_finalize - give every finding its enclosing function (looked up in
 * the functions of tus by position) and its fingerprint.  Call once after
 * every check and suppress_apply() ran, before report_collect().
 *
 * The fingerprint is 16 hex digits hashing, in this order: the fingerprint
 * scheme's version (DIAG_FP_VERSION), the check id, the display path of the
 * finding's file, the enclosing function, the message and the check's own
 * fingerprint text, the last two with every ":<digits>" turned into ":#".
 * No line or column number goes in, so findings keep their fingerprint when
 * unrelated edits move them (docs/report-format.md).
 */
#define DIAG_FP_VERSION 1
void diag_finalize(const struct tu *tus, uint32_t ntus);

/* Prints "fearcheck: error: ..." (or "FILE:LINE:COL: error: ...") now. */
void diag_error(const char *fmt, ...) FC_PRINTF(1, 2);
void diag_error_at(struct pos pos, const char *fmt, ...) FC_PRINTF(2, 3);
/* Prints "fearcheck: warning: ..." about the tool's own operation. */
void diag_tool_warning(const char *fmt, ...) FC_PRINTF(1, 2);
int diag_error_count(void);

/* Escapes control characters and invalid UTF-8 for a terminal. */
void diag_escape(struct sb *out, const char *s);

/* Forgets every finding filed and the error count (for the fuzzer). */
void diag_reset(void);

#endif
