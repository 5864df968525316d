/* SPDX-License-Identifier: MIT */
/*
 * suppress.h - fearcheck-ignore comments, and the source lines they are
 * read from (docs/usage.md, "Suppressing a finding").
 */
#ifndef FC_SUPPRESS_H
#define FC_SUPPRESS_H

#include "diag.h"

/*
 * suppress_apply - read the source file of every finding, mark the findings
 * a `fearcheck-ignore[...]: reason` comment silences, and file the findings
 * about the comments themselves: `invalid-ignore` for a malformed one (no
 * reason, an unknown check id), and, when the unused-ignore check is
 * enabled (--report-unused-ignores), `unused-ignore` for one that silenced
 * nothing; then every file holding a function of tus is read as well, so
 * comments left in files without findings are seen.  Call after every
 * check ran and before diag_finalize().  Returns how many comments
 * silenced something.
 */
size_t suppress_apply(const struct tu *tus, uint32_t ntus);

/*
 * suppress_scan_text - the number of well-formed fearcheck-ignore
 * comments in text, which is forgotten again (for the fuzzer and tests).
 */
size_t suppress_scan_text(const char *text, size_t len);

/*
 * suppress_source_line - line `line` (1-based) of `file` (an interned
 * display path), read once and kept until exit; *len receives its length
 * without the newline.  Returns NULL when the file cannot be read or is
 * shorter.  Not thread-safe (the report runs in one thread).
 */
const char *suppress_source_line(const char *file, uint32_t line,
				 size_t *len);

#endif
