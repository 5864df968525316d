// SPDX-License-Identifier: MIT
/*
 * Stress at scale (issue 7): 64 threads take random subsets of 10,000
 * locks, nested in one global order, for a bounded number of rounds (see
 * stress-order.h); T2 takes the pair the same way T1 did.  No crash, no
 * hang, no report, and no table fills.  stress-order-ko.c is the same run
 * with one inverted pair.
 */
#define STRESS_INVERT 0
#include "stress-order.h"

/*
 * check-name: stress: 64 threads, 10,000 locks, one global order
 * check-command: fc-rt-run $file
 * check-exit-value: 0
 * check-timeout: 120
 */
