/* SPDX-License-Identifier: MIT */
/*
 * baseline.h - accepted findings: --baseline-write records a run's findings
 * by fingerprint, --baseline reports only the ones not recorded.  The file
 * format is in docs/report-format.md.
 */
#ifndef FC_BASELINE_H
#define FC_BASELINE_H

#include "diag.h"

/*
 * baseline_load - read the baseline at path.  Returns 0, or 2 after one
 * message naming the problem (unreadable, not JSON, wrong version, an entry
 * without a fingerprint).  Call before the analysis, so a bad file stops
 * the run at once.
 */
int baseline_load(const char *path);

/* Forgets the loaded baseline (for the fuzzer). */
void baseline_reset(void);

/*
 * baseline_filter - remove from v (of *n findings) those the loaded
 * baseline holds, each at most as often as the baseline lists its
 * fingerprint, in report order, and mark them `baselined`.  Returns how many
 * were removed; without a loaded baseline, none.
 */
size_t baseline_filter(struct finding **v, size_t *n);

/*
 * baseline_write - record the n findings of v at path (through a temporary
 * file and rename, so a failed write leaves any old baseline whole).
 * Returns 0, or 2 after a message.
 */
int baseline_write(const char *path, struct finding **v, size_t n);

#endif
