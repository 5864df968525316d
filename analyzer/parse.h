/* SPDX-License-Identifier: MIT */
/*
 * parse.h - parse every job's TU with libclang and extract its facts, in
 * isolated, long-lived worker processes.
 */
#ifndef FC_PARSE_H
#define FC_PARSE_H

#include "cdb.h"
#include "facts.h"
#include "ir.h"

struct parse_options {
	int jobs;		/* worker processes; 0: one per core */
	unsigned timeout;	/* seconds one TU may take; 0: no limit */
	bool progress;		/* show a progress line on stderr */
	struct facts_options facts;
	/*
	 * Called in the parent for each TU's facts text, e.g. to save it,
	 * with the files it read (one absolute path per line).
	 */
	void (*on_facts)(const struct job *j, const char *text, size_t len,
			 const char *deps, void *arg);
	void *on_facts_arg;
	/* Returns cached facts for a job (malloc'd) or NULL. */
	char *(*cached)(const struct job *j, size_t *len, void *arg);
};

/*
 * parse_all - parse js's TUs, -j at a time, and read back their facts into
 * tus[i] (allocated in `a`; tus has js->v.n entries).  A TU that does not
 * parse, crashes libclang or times out is reported, marked skipped and
 * costs only itself.  Returns the number of TUs skipped.
 */
int parse_all(const struct jobs *js, const struct parse_options *o,
	      struct arena *a, struct tu *tus);

/*
 * parse_one_text - parse one job in this process and return its facts text
 * (malloc'd, caller frees) or NULL when it was skipped; diagnostics are
 * appended to diags, and the files it includes to deps (when not NULL).
 */
char *parse_one_text(void *cx_index, const struct job *j,
		     const struct parse_options *o, size_t *len,
		     struct sb *diags, struct sb *deps);

#endif
