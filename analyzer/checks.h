/* SPDX-License-Identifier: MIT */
/*
 * checks.h - the checks, each reading a linked program and filing findings.
 */
#ifndef FC_CHECKS_H
#define FC_CHECKS_H

#include "diag.h"
#include "link.h"

/* lockset.c */
void check_data_race(struct program *p);

/* Shared evidence notes. */
void checks_note_chain(struct finding_builder *fb, const struct chain *ch);
void checks_note_thread(struct finding_builder *fb, const struct program *p,
			const struct thread *t);

#endif
