// SPDX-License-Identifier: MIT
/*
 * rt_suppress.c - the suppressions file of libfearcheck-rt
 * (suppressions=FILE, docs/runtime.md): one rule per line, "fun:", "src:",
 * "lock:" or "type:" and a shell glob; blank lines and lines starting
 * with '#' are skipped, and a '#' after a blank starts a comment.
 *
 * rt_report.c loads the file once at start-up (fc_supp_load()) and asks
 * fc_supp_match() about every name a report shows before printing it.
 * The parser takes a buffer and a length and needs nothing from the rest
 * of the tracker, so fuzz/fuzz_rt_suppressions.c can feed it arbitrary
 * bytes on its own.  A bad line is reported on stderr as one "fearcheck:
 * BUG: suppressions: ..." line and skipped; nothing ends the process.
 *
 * No malloc and no stdio: the text is copied into the caller's struct
 * fc_supps (FC_SUPP_TEXT bytes, the rest of a longer file is ignored), the
 * rules point into that copy (at most FC_MAX_SUPP of them), and errors
 * are written with write(2).
 */
#include <errno.h>
#include <fcntl.h>
#include <fnmatch.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "rt_suppress.h"

static void supp_error(const char *fmt, ...)
	__attribute__((format(printf, 1, 2)));

/* One "fearcheck: BUG: ..." line on stderr, like fc_bug() (rt_report.c). */
static void supp_error(const char *fmt, ...)
{
	char buf[512];
	va_list ap;
	int n;

	n = snprintf(buf, sizeof(buf), "fearcheck: BUG: ");
	va_start(ap, fmt);
	n += vsnprintf(buf + n, sizeof(buf) - n - 1, fmt, ap);
	va_end(ap);
	if (n > (int)sizeof(buf) - 2)
		n = sizeof(buf) - 2;
	buf[n++] = '\n';
	if (write(2, buf, n) < 0)
		return;
}

/*
 * Parse the text buf (len bytes; it ends at its first NUL, and after
 * FC_SUPP_TEXT - 1 bytes) into s, replacing what s held.  Bad lines are
 * reported on stderr and skipped.  Returns 0, or -EINVAL when a line was
 * bad.  Allocates nothing: s's rules point into s->text.
 */
int fc_supp_parse(struct fc_supps *s, const char *buf, size_t len)
{
	static const struct {
		const char *prefix;
		enum fc_supp_kind kind;
	} prefixes[] = {
		{ "fun:", FC_SUPP_FUN }, { "src:", FC_SUPP_SRC },
		{ "lock:", FC_SUPP_LOCK }, { "type:", FC_SUPP_TYPE },
	};
	const unsigned int nprefixes = sizeof(prefixes) / sizeof(prefixes[0]);
	char *p, *line;
	int ret = 0;

	if (len > sizeof(s->text) - 1)
		len = sizeof(s->text) - 1;
	if (len && buf != s->text)	/* fc_supp_load() reads in place */
		memcpy(s->text, buf, len);
	s->text[len] = 0;
	s->n = 0;
	for (p = s->text; (line = strsep(&p, "\n"));) {
		char *end;
		unsigned int i;

		while (*line == ' ' || *line == '\t')
			line++;
		/*
		 * A '#' after a blank starts a comment, as in the docs'
		 * example; one inside a pattern (a label's "#2") does not.
		 */
		for (end = line; *end; end++)
			if (*end == '#' && end > line &&
			    (end[-1] == ' ' || end[-1] == '\t')) {
				*end = 0;
				break;
			}
		while (end > line && (end[-1] == ' ' || end[-1] == '\t' ||
				      end[-1] == '\r'))
			*--end = 0;
		if (!*line || *line == '#')
			continue;
		for (i = 0; i < nprefixes; i++)
			if (!strncmp(line, prefixes[i].prefix,
				     strlen(prefixes[i].prefix)))
				break;
		if (i == nprefixes) {
			supp_error("suppressions: bad line '%s' (want fun:, src:, lock: or type:)",
				   line);
			ret = -EINVAL;
			continue;
		}
		if (s->n < FC_MAX_SUPP) {
			s->rules[s->n].kind = prefixes[i].kind;
			s->rules[s->n].pattern = line +
						 strlen(prefixes[i].prefix);
			s->n++;
		}
	}
	return ret;
}

/*
 * Read the suppressions file path into s (see fc_supp_parse()).  Returns
 * 0, -EINVAL when a line was bad, or a negative errno when the file
 * cannot be read (then s holds no rule).  Both are reported on stderr.
 */
int fc_supp_load(struct fc_supps *s, const char *path)
{
	ssize_t n, got = 0;
	int fd;

	s->n = 0;
	fd = open(path, O_RDONLY | O_CLOEXEC);
	if (fd < 0) {
		int err = errno;

		supp_error("cannot open suppressions file %s: %s", path,
			   strerror(err));
		return -err;
	}
	while (got < (ssize_t)sizeof(s->text) - 1 &&
	       (n = read(fd, s->text + got,
			 sizeof(s->text) - 1 - got)) > 0)
		got += n;
	close(fd);
	return fc_supp_parse(s, s->text, got);
}

/*
 * Returns 1 when a rule of kind matches str (NULL never matches), else
 * 0.  A src: rule also tries the base name of str.
 */
int fc_supp_match(const struct fc_supps *s, enum fc_supp_kind kind,
		  const char *str)
{
	const char *base;

	if (!str)
		return 0;
	base = strrchr(str, '/');
	for (unsigned int i = 0; i < s->n; i++) {
		if (s->rules[i].kind != kind)
			continue;
		if (!fnmatch(s->rules[i].pattern, str, 0) ||
		    (kind == FC_SUPP_SRC && base &&
		     !fnmatch(s->rules[i].pattern, base + 1, 0)))
			return 1;
	}
	return 0;
}
