/* SPDX-License-Identifier: MIT */
/*
 * report.h - rendering findings: text now, JSON and SARIF in report_*.c.
 */
#ifndef FC_REPORT_H
#define FC_REPORT_H

#include <stdio.h>

#include "diag.h"

/*
 * report_collect - the findings to report: unsuppressed, one per key,
 * sorted.  Returns a malloc'd array (caller frees) of *n pointers into the
 * diag store.
 */
struct finding **report_collect(size_t *n);
void report_text(FILE *out, struct finding **v, size_t n);

#endif
