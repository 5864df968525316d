/* SPDX-License-Identifier: MIT */
#ifndef SAMPLE_STATS_H
#define SAMPLE_STATS_H

void stats_add(int n);
long stats_total(void);

#endif
