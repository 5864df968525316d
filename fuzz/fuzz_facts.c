// SPDX-License-Identifier: MIT
/*
 * fuzz_facts.c - a facts file (--link FILE): read it and, when it reads,
 * link and check it as fearcheck --link would.
 */
#include "checks.h"
#include "diag.h"
#include "fuzz_util.h"
#include "ir.h"
#include "link.h"
#include "options.h"
#include "report.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct arena a = { 0 };
	struct tu tu;
	char *err = NULL;
	if (ir_read((const char *)data, size, &a, &tu, &err) == 0) {
		uint32_t np;
		struct program *ps = link_programs(&tu, 1, &np);
		size_t nchecks;
		struct check_def *checks = options_checks(&nchecks);
		for (uint32_t k = 0; k < np; k++) {
			threads_build(&ps[k]);
			for (size_t c = 0; c < nchecks; c++)
				if (checks[c].enabled && checks[c].run)
					checks[c].run(&ps[k]);
		}
		link_free(ps, np);
		diag_reset();
	}
	free(err);
	arena_free(&a);
	return 0;
}
