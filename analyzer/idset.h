/* SPDX-License-Identifier: MIT */
/*
 * idset.h - interned sets of small integers.
 *
 * Locksets (lock path id << 1 | mode), sets of running threads and sets of
 * joined handles are all idsets.  Equal sets are equal pointers, so the
 * dataflow compares states with ==, and deduplication keys are pointers.
 * Every set lives until the process exits.
 */
#ifndef FC_IDSET_H
#define FC_IDSET_H

#include <stdbool.h>
#include <stdint.h>

struct idset {
	uint32_t n;
	uint32_t id;		/* dense, for hashing */
	uint32_t v[];		/* sorted, unique */
};

const struct idset *idset_empty(void);
const struct idset *idset_make(const uint32_t *v, uint32_t n);
const struct idset *idset_add(const struct idset *s, uint32_t x);
const struct idset *idset_del(const struct idset *s, uint32_t x);
const struct idset *idset_union(const struct idset *a, const struct idset *b);
const struct idset *idset_inter(const struct idset *a, const struct idset *b);
const struct idset *idset_minus(const struct idset *a, const struct idset *b);
bool idset_has(const struct idset *s, uint32_t x);
bool idset_disjoint(const struct idset *a, const struct idset *b);

#endif
