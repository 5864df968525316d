// SPDX-License-Identifier: MIT
/*
 * fuzz_rt_options.c - the tracker's FEARCHECK_RT option string
 * (runtime/rt_options.c): whatever the bytes, the parser returns, every
 * option it kept is within its documented range, every path is a
 * NUL-terminated string, and the same input parses the same way twice.
 */
/* The checks below are the point: keep them in a -DNDEBUG build. */
#undef NDEBUG
#include <assert.h>
#include <errno.h>
#include <string.h>

#include "rt.h"

static void check(const struct fc_opts *o)
{
	assert(o->deterministic == 0 || o->deterministic == 1);
	assert(o->abort_on_report == 0 || o->abort_on_report == 1);
	assert(o->exitcode >= 0 && o->exitcode <= 255);
	assert(o->report_all == 0 || o->report_all == 1);
	assert(o->single_thread == 0 || o->single_thread == 1);
	assert(o->stack_depth >= 1 && o->stack_depth <= FC_MAX_DEPTH);
	assert(o->watchdog >= 0 && o->watchdog <= 86400);
	assert(o->quiet == 0 || o->quiet == 1);
	assert(o->stats == 0 || o->stats == 1);
	assert(o->max_locks >= 1 && o->max_locks <= FC_MAX_LOCKS);
	assert(memchr(o->log, 0, sizeof(o->log)));
	assert(memchr(o->result, 0, sizeof(o->result)));
	assert(memchr(o->suppressions, 0, sizeof(o->suppressions)));
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static struct fc_opts a, b;
	int ra, rb;

	fc_options_default(&a);
	fc_options_default(&b);
	ra = fc_options_parse(&a, (const char *)data, size);
	rb = fc_options_parse(&b, (const char *)data, size);
	assert(ra == 0 || ra == -EINVAL || ra == -E2BIG);
	assert(ra == rb && !memcmp(&a, &b, sizeof(a)));
	check(&a);
	return 0;
}
