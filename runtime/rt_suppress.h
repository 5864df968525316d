// SPDX-License-Identifier: MIT
/*
 * rt_suppress.h - the tracker's suppressions file (suppressions=FILE,
 * docs/runtime.md "Suppressions"): its parser and matcher, rt_suppress.c.
 * Kept apart from rt.h so that they build on their own, without the
 * interceptors: fuzz/fuzz_rt_suppressions.c links only rt_suppress.c.
 */
#ifndef FC_RT_SUPPRESS_H
#define FC_RT_SUPPRESS_H

#include <stddef.h>

#define FC_MAX_SUPP	256		/* rules kept; more are ignored */
#define FC_SUPP_TEXT	65536		/* bytes of a file read, NUL included */

enum fc_supp_kind {
	FC_SUPP_FUN,	/* fun: a function of any frame */
	FC_SUPP_SRC,	/* src: a frame's source file */
	FC_SUPP_LOCK,	/* lock: a lock's name or label */
	FC_SUPP_TYPE,	/* type: a report type */
};

struct fc_supp_rule {
	enum fc_supp_kind kind;
	const char *pattern;	/* fnmatch() pattern, inside text */
};

/* A parsed file: the rules point into text, its own copy. */
struct fc_supps {
	unsigned int n;
	struct fc_supp_rule rules[FC_MAX_SUPP];
	char text[FC_SUPP_TEXT];
};

int fc_supp_parse(struct fc_supps *s, const char *buf, size_t len);
int fc_supp_load(struct fc_supps *s, const char *path);
int fc_supp_match(const struct fc_supps *s, enum fc_supp_kind kind,
		  const char *str);

#endif /* FC_RT_SUPPRESS_H */
