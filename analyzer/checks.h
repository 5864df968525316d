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

/* lockorder.c; --graph FILE writes the lock-order graph there. */
extern const char *checks_graph_file;
void check_lock_order(struct program *p);
int checks_graph_finish(void);

/* Shared evidence notes. */
void checks_note_chain(struct finding_builder *fb, const struct chain *ch);
void checks_note_thread(struct finding_builder *fb, const struct program *p,
			const struct thread *t);

#endif
