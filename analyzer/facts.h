/* SPDX-License-Identifier: MIT */
/*
 * facts.h - extraction: one parsed translation unit in, its IR out.
 *
 * The function is pure in (source, flags): it reads the libclang TU and
 * writes nothing but the returned struct tu.  parse.c calls it in a worker
 * process right after parsing, serializes the result and disposes the TU.
 */
#ifndef FC_FACTS_H
#define FC_FACTS_H

#include "ir.h"

struct facts_options {
	bool include_system;	/* also extract functions of system headers */
};

/*
 * facts_extract - lower every function defined in the TU (cx_tu, a
 * CXTranslationUnit) to the IR.  main_file is the TU's display path.  The
 * result is allocated in `a`.  Returns 0.
 */
int facts_extract(void *cx_tu, const char *main_file,
		  const struct facts_options *opt, struct arena *a,
		  struct tu *out);

#endif
