// SPDX-License-Identifier: MIT
/*
 * rt_options.c - the options of libfearcheck-rt: the FEARCHECK_RT string,
 * key=value pairs separated by commas or colons (docs/runtime.md), parsed
 * into a struct fc_opts.
 *
 * fc_init() (rt_core.c) parses the environment variable into fc_opt once,
 * at start-up, before tracking begins.  The parser takes a buffer and a
 * length, needs nothing from the rest of the tracker and never ends the
 * process: a bad option is reported on stderr as one "fearcheck: error:
 * FEARCHECK_RT: ..." line and ignored, the others still apply.  That lets
 * fuzz/fuzz_rt_options.c feed it arbitrary bytes on its own.
 *
 * No malloc and no stdio (the tracker may start inside malloc's first
 * call): the string is split in a copy on the stack, and errors are
 * formatted into a local buffer and written with write(2).
 */
#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "rt.h"

#define FC_OPTS_DEFAULTS {		\
	.report_all = 1,		\
	.stack_depth = 16,		\
	.max_locks = FC_MAX_LOCKS,	\
}

struct fc_opts fc_opt = FC_OPTS_DEFAULTS;

/* Fill o with the defaults, the value fc_opt starts with. */
void fc_options_default(struct fc_opts *o)
{
	static const struct fc_opts defaults = FC_OPTS_DEFAULTS;

	*o = defaults;
}

static void opt_error(const char *fmt, ...)
	__attribute__((format(printf, 1, 2)));

static void opt_error(const char *fmt, ...)
{
	char buf[256];
	va_list ap;
	int n;

	n = snprintf(buf, sizeof(buf), "fearcheck: error: FEARCHECK_RT: ");
	va_start(ap, fmt);
	n += vsnprintf(buf + n, sizeof(buf) - n - 1, fmt, ap);
	va_end(ap);
	if (n > (int)sizeof(buf) - 2)
		n = sizeof(buf) - 2;
	buf[n++] = '\n';
	if (write(2, buf, n) < 0)
		return;
}

static int parse_int(const char *key, const char *val, int lo, int hi,
		     int *out)
{
	char *end;
	long v;

	errno = 0;
	v = strtol(val, &end, 10);
	if (!*val || *end || errno || v < lo || v > hi) {
		opt_error("%s=%s: expected a number from %d to %d", key, val,
			  lo, hi);
		return -1;
	}
	*out = (int)v;
	return 0;
}

static int set_path(char *dst, const char *key, const char *val)
{
	char *p = dst;
	size_t room = PATH_MAX - 1;

	/* %p in a path becomes the process id, for programs that fork. */
	for (; *val && room > 1; val++) {
		if (val[0] == '%' && val[1] == 'p') {
			int n = snprintf(p, room, "%d", (int)getpid());

			if (n < 0 || (size_t)n >= room)
				break;
			p += n;
			room -= n;
			val++;
			continue;
		}
		*p++ = *val;
		room--;
	}
	*p = 0;
	if (!*dst) {
		opt_error("%s= needs a file name", key);
		return -1;
	}
	return 0;
}

/* One key=value (or bare key, meaning key=1); kv is modified. */
static int parse_option(struct fc_opts *o, char *kv)
{
	char *val = strchr(kv, '=');
	int v;

	if (val)
		*val++ = 0;
	else
		val = "1";
	if (!strcmp(kv, "deterministic")) {
		if (parse_int(kv, val, 0, 1, &v))
			return -1;
		o->deterministic = v;
	} else if (!strcmp(kv, "abort")) {
		if (parse_int(kv, val, 0, 1, &v))
			return -1;
		o->abort_on_report = v;
	} else if (!strcmp(kv, "exitcode")) {
		if (parse_int(kv, val, 0, 255, &v))
			return -1;
		o->exitcode = v;
	} else if (!strcmp(kv, "report")) {
		if (!strcmp(val, "first")) {
			o->report_all = 0;
		} else if (!strcmp(val, "all")) {
			o->report_all = 1;
		} else {
			opt_error("report=%s: expected first or all", val);
			return -1;
		}
	} else if (!strcmp(kv, "single_thread")) {
		if (parse_int(kv, val, 0, 1, &v))
			return -1;
		o->single_thread = v;
	} else if (!strcmp(kv, "stack_depth")) {
		if (parse_int(kv, val, 1, FC_MAX_DEPTH, &v))
			return -1;
		o->stack_depth = v;
	} else if (!strcmp(kv, "watchdog")) {
		if (parse_int(kv, val, 0, 86400, &v))
			return -1;
		o->watchdog = v;
	} else if (!strcmp(kv, "quiet")) {
		if (parse_int(kv, val, 0, 1, &v))
			return -1;
		o->quiet = v;
	} else if (!strcmp(kv, "stats")) {
		if (parse_int(kv, val, 0, 1, &v))
			return -1;
		o->stats = v;
	} else if (!strcmp(kv, "max_locks")) {
		if (parse_int(kv, val, 1, FC_MAX_LOCKS, &v))
			return -1;
		o->max_locks = v;
	} else if (!strcmp(kv, "log")) {
		return set_path(o->log, kv, val);
	} else if (!strcmp(kv, "result")) {
		return set_path(o->result, kv, val);
	} else if (!strcmp(kv, "suppressions")) {
		return set_path(o->suppressions, kv, val);
	} else {
		opt_error("unknown option '%s' (see docs/runtime.md)", kv);
		return -1;
	}
	return 0;
}

/*
 * Parse the option string s (len bytes, or up to its first NUL; NULL is
 * the empty string) into o, which holds the defaults or earlier options:
 * later options win.  Every bad option is reported on stderr and skipped.
 * Returns 0, -EINVAL when an option was bad, or -E2BIG (and o is
 * untouched) when s is longer than FC_OPTS_MAX_LEN.  Allocates nothing;
 * o's paths are copies.
 */
int fc_options_parse(struct fc_opts *o, const char *s, size_t len)
{
	char buf[FC_OPTS_MAX_LEN + 1], *p, *tok;
	int ret = 0;

	len = s ? strnlen(s, len) : 0;
	if (len > FC_OPTS_MAX_LEN) {
		opt_error("value too long");
		return -E2BIG;
	}
	if (len)
		memcpy(buf, s, len);
	buf[len] = 0;
	for (p = buf; (tok = strsep(&p, ",:"));)
		if (*tok && parse_option(o, tok))
			ret = -EINVAL;
	return ret;
}
