// SPDX-License-Identifier: MIT
/*
 * fuzz_rt_suppressions.c - the tracker's suppressions file
 * (runtime/rt_suppress.c): the input is parsed from memory and loaded
 * from a file, which must give the same rules, each a NUL-terminated
 * pattern inside the parser's own copy of the text; then every rule is
 * matched against a few names of the kinds reports show.
 */
/* The checks below are the point: keep them in a -DNDEBUG build. */
#undef NDEBUG
#include <assert.h>
#include <errno.h>
#include <string.h>

#include "fuzz_util.h"
#include "rt_suppress.h"

/* Names like those of a report: functions, paths, labels, types. */
static const char *const subjects[] = {
	"legacy_flush", "/src/vendor/zlib/deflate.c", "deflate.c",
	"forks[2]", "mutex@deadlock-ko.c:93#2", "legacy cache",
	"lock-order-inversion", "", "[*?\\",
};

static void check(const struct fc_supps *s)
{
	assert(s->n <= FC_MAX_SUPP);
	for (unsigned int i = 0; i < s->n; i++) {
		const char *p = s->rules[i].pattern;

		assert(s->rules[i].kind <= FC_SUPP_TYPE);
		assert(p >= s->text && p < s->text + sizeof(s->text));
		assert(memchr(p, 0, s->text + sizeof(s->text) - p));
	}
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	/* 64 KiB each: static, not on the stack */
	static struct fc_supps parsed, loaded;
	int rp, rl, fd;

	rp = fc_supp_parse(&parsed, (const char *)data, size);
	assert(rp == 0 || rp == -EINVAL);
	check(&parsed);
	rl = fc_supp_load(&loaded, fuzz_file(data, size, &fd));
	close(fd);
	assert(rl == rp && loaded.n == parsed.n);
	for (unsigned int i = 0; i < parsed.n; i++) {
		assert(loaded.rules[i].kind == parsed.rules[i].kind);
		assert(loaded.rules[i].pattern - loaded.text ==
		       parsed.rules[i].pattern - parsed.text);
	}
	for (unsigned int k = FC_SUPP_FUN; k <= FC_SUPP_TYPE; k++)
		for (size_t i = 0; i < sizeof(subjects) / sizeof(subjects[0]);
		     i++)
			fc_supp_match(&parsed, k, subjects[i]);
	fc_supp_match(&parsed, FC_SUPP_FUN, NULL);
	return 0;
}
