// SPDX-License-Identifier: MIT
/*
 * suppress.c - `fearcheck-ignore[check-id]: reason` comments.
 *
 * Pass: report, after the checks and before fingerprints and rendering.
 * Input: the findings filed so far and the source files they point at,
 * read as plain lines (never parsed again with libclang: a comment is
 * all this needs, and the files are few).  Output: findings marked
 * `suppressed`, and findings about the comments themselves.
 *
 * A comment `// fearcheck-ignore[ID,...]: reason` or
 * `/` `* fearcheck-ignore[ID,...]: reason *` `/` silences findings of the
 * listed checks (`[*]`: of every check) reported on its own line, or on
 * the next line when the comment is all its line holds.  The reason is
 * required: a comment without one, with an unknown check id or otherwise
 * malformed silences nothing and is reported as `invalid-ignore`.  With
 * --report-unused-ignores (the `unused-ignore` check), a well-formed
 * comment that silenced nothing is reported too, unless a check it names
 * is disabled for this run.
 *
 * DESIGN.  Files are read whole, once, into a cache that the SARIF writer
 * also uses to turn byte columns into UTF-16 ones; each file keeps the
 * offset of every line.  The text "fearcheck-ignore" counts only where
 * `//` or `/` `*` comes right before it (spaces allowed), so prose that
 * mentions the marker, or code that prints it, is not a suppression.
 */
#include "suppress.h"

#include <string.h>

#include "options.h"

#define MARKER "fearcheck-ignore"

struct src {
	const char *file;	/* interned display path */
	char *text;		/* NULL: could not be read */
	size_t len;
	VEC(size_t) lines;	/* offset where each line starts */
	bool scanned;		/* its comments are in S.ign */
	size_t ign0, nign;	/* its comments: S.ign.a[ign0 .. +nign) */
};

struct ignore {
	struct pos pos;		/* of the comment's opener */
	bool alone;		/* nothing else on its line */
	bool any;		/* [*] */
	VEC(const char *) ids;	/* interned check ids */
	const char *error;	/* why it is malformed, or NULL */
	const char *text;	/* from the marker to the comment's end */
	bool used;
};

static struct {
	VEC(struct src *) files;
	VEC(struct ignore) ign;
} S;

static struct src *get_src(const char *file)
{
	for (size_t i = 0; i < S.files.n; i++)
		if (S.files.a[i]->file == file)
			return S.files.a[i];
	struct src *s = xcalloc(1, sizeof(*s));
	s->file = file;
	s->text = read_file(file, &s->len);
	if (s->text) {
		vec_push(&s->lines, 0);
		for (size_t i = 0; i < s->len; i++)
			if (s->text[i] == '\n' && i + 1 < s->len)
				vec_push(&s->lines, i + 1);
	}
	vec_push(&S.files, s);
	return s;
}

/* The extent of line `ln` (0-based) without its "\n" or "\r\n". */
static void line_extent(const struct src *s, size_t ln, const char **b,
			const char **e)
{
	*b = s->text + s->lines.a[ln];
	const char *end = ln + 1 < s->lines.n ? s->text + s->lines.a[ln + 1]
					      : s->text + s->len;
	while (end > *b && (end[-1] == '\n' || end[-1] == '\r'))
		end--;
	*e = end;
}

const char *suppress_source_line(const char *file, uint32_t line,
				 size_t *len)
{
	if (!file || !line)
		return NULL;
	struct src *s = get_src(intern(file));
	if (!s->text || line > s->lines.n)
		return NULL;
	const char *b, *e;
	line_extent(s, line - 1, &b, &e);
	*len = (size_t)(e - b);
	return b;
}

static bool blank(const char *b, const char *e)
{
	for (; b < e; b++)
		if (*b != ' ' && *b != '\t')
			return false;
	return true;
}

static const char *trim_end(const char *b, const char *e)
{
	while (e > b && (e[-1] == ' ' || e[-1] == '\t'))
		e--;
	return e;
}

/* Parses "[ids]: reason" at p (before end) into ig; false when malformed. */
static bool parse_body(struct ignore *ig, const char *p, const char *end)
{
	if (p >= end || *p != '[') {
		ig->error = intern("malformed fearcheck-ignore: expected "
				   "'[check-id,...]: reason' after it");
		return false;
	}
	const char *open = p;
	const char *close = memchr(p, ']', (size_t)(end - p));
	if (!close) {
		ig->error = intern("malformed fearcheck-ignore: no ']' after "
				   "the check ids");
		return false;
	}
	for (const char *t = open + 1; t <= close;) {
		const char *c = memchr(t, ',', (size_t)(close - t));
		const char *te = c ? c : close;
		while (t < te && (*t == ' ' || *t == '\t'))
			t++;
		const char *id = intern_n(t, (size_t)(trim_end(t, te) - t));
		if (!id[0]) {
			ig->error = intern("malformed fearcheck-ignore: an "
					   "empty check id between '[' and ']'");
			return false;
		}
		if (!strcmp(id, "*")) {
			ig->any = true;
		} else if (!options_find_check(id)) {
			ig->error = internf("fearcheck-ignore names an unknown "
					    "check '%s' (see --list-checks)",
					    id);
			return false;
		}
		vec_push(&ig->ids, id);
		t = te + 1;
	}
	if (ig->any && ig->ids.n > 1) {
		ig->error = intern("malformed fearcheck-ignore: '*' stands "
				   "alone, as '[*]'");
		return false;
	}
	p = close + 1;
	while (p < end && (*p == ' ' || *p == '\t'))
		p++;
	const char *r = p < end && *p == ':' ? p + 1 : NULL;
	while (r && r < end && (*r == ' ' || *r == '\t'))
		r++;
	if (!r || r == trim_end(r, end)) {
		ig->error = internf("fearcheck-ignore needs a reason: write "
				    "'fearcheck-ignore%.*s: why this is safe'",
				    (int)(close + 1 - open), open);
		return false;
	}
	return true;
}

/*
 * True when p on the line starting at lb is inside a string literal: an
 * odd number of double quotes before it, not counting \" and '"'.  Lines
 * are all this reads, so a string continued from the line before is
 * missed; that is rare next to a comment marker.
 */
static bool in_string(const char *lb, const char *p)
{
	bool in = false;
	for (const char *c = lb; c < p; c++) {
		if (*c == '\\' && in && c + 1 < p)
			c++;
		else if (*c == '\'' && c + 2 < p && c[1] == '"' &&
			 c[2] == '\'')
			c += 2;
		else if (*c == '"')
			in = !in;
	}
	return in;
}

/*
 * One "fearcheck-ignore" at m, on 0-based line ln of s.  Adds a struct
 * ignore when a comment opener comes right before it.
 */
static void scan_marker(struct src *s, size_t ln, const char *m)
{
	const char *lb, *le;
	line_extent(s, ln, &lb, &le);
	const char *q = m;
	while (q > lb && (q[-1] == ' ' || q[-1] == '\t'))
		q--;
	if (q - lb < 2 || q[-2] != '/' || (q[-1] != '/' && q[-1] != '*'))
		return;
	bool block = q[-1] == '*';
	const char *opener = q - 2;
	if (in_string(lb, opener))
		return;
	const char *end = le, *after = le;
	if (block) {
		const char *c = NULL;
		for (const char *t = m; t + 1 < le && !c; t++)
			if (t[0] == '*' && t[1] == '/')
				c = t;
		if (c)
			end = c, after = c + 2;
	}
	struct ignore ig = { 0 };
	ig.pos = (struct pos){ s->file, (uint32_t)ln + 1,
			       (uint32_t)(opener - lb) + 1 };
	ig.alone = blank(lb, opener) && blank(after, le);
	const char *body = m + strlen(MARKER);
	ig.text = intern_n(m, (size_t)(trim_end(m, end) - m));
	parse_body(&ig, body, end);
	vec_push(&S.ign, ig);
}

/* Collects the comments of s once. */
static void scan(struct src *s)
{
	if (s->scanned)
		return;
	s->scanned = true;
	s->ign0 = S.ign.n;
	if (!s->text)
		return;
	size_t ml = strlen(MARKER), ln = 0;
	const char *p = s->text, *e = s->text + s->len;
	while ((p = memmem(p, (size_t)(e - p), MARKER, ml))) {
		size_t off = (size_t)(p - s->text);
		while (ln + 1 < s->lines.n && s->lines.a[ln + 1] <= off)
			ln++;
		scan_marker(s, ln, p);
		p += ml;
	}
	s->nign = S.ign.n - s->ign0;
}

static bool names(const struct ignore *ig, const char *check)
{
	if (ig->any)
		return true;
	for (size_t i = 0; i < ig->ids.n; i++)
		if (!strcmp(ig->ids.a[i], check))
			return true;
	return false;
}

/* Marks f when a comment of its file silences it. */
static void match(struct finding *f)
{
	struct src *s = get_src(f->pos.file);
	scan(s);
	for (size_t i = s->ign0; i < s->ign0 + s->nign; i++) {
		struct ignore *ig = &S.ign.a[i];
		if (ig->error || !names(ig, f->check))
			continue;
		if (ig->pos.line == f->pos.line ||
		    (ig->alone && ig->pos.line + 1 == f->pos.line)) {
			f->suppressed = true;
			ig->used = true;
		}
	}
}

/* True when the comment names a check this run does not run. */
static bool names_disabled(const struct ignore *ig)
{
	for (size_t i = 0; i < ig->ids.n; i++) {
		const struct check_def *c = options_find_check(ig->ids.a[i]);
		if (c && !c->enabled)
			return true;
	}
	return false;
}

static void file_about(const struct ignore *ig, const char *check,
		       const char *msg)
{
	struct finding_builder fb;
	diag_begin(&fb, check, ig->pos, "%s", msg);
	diag_fingerprint(&fb, "%s", ig->text);
	struct sb key = { 0 };
	sb_printf(&key, "%s|%s:%u:%u", check, ig->pos.file, ig->pos.line,
		  ig->pos.col);
	diag_end(&fb, sb_str(&key));
	sb_free(&key);
}

size_t suppress_scan_text(const char *text, size_t len)
{
	struct src s = { .file = intern("<text>"), .text = (char *)text,
			 .len = len };
	vec_push(&s.lines, 0);
	for (size_t i = 0; i < len; i++)
		if (text[i] == '\n' && i + 1 < len)
			vec_push(&s.lines, i + 1);
	size_t before = S.ign.n, ok = 0;
	scan(&s);
	for (size_t i = before; i < S.ign.n; i++) {
		ok += !S.ign.a[i].error;
		vec_free(&S.ign.a[i].ids);
	}
	S.ign.n = before;
	vec_free(&s.lines);
	return ok;
}

size_t suppress_apply(const struct tu *tus, uint32_t ntus)
{
	const struct check_def *inv = options_find_check("invalid-ignore");
	const struct check_def *unu = options_find_check("unused-ignore");
	bool report_unused = unu && unu->enabled;
	size_t n;
	struct finding *f = diag_findings(&n);
	for (size_t i = 0; i < n; i++)
		if (f[i].pos.file)
			match(&f[i]);
	if (report_unused)
		for (uint32_t t = 0; t < ntus; t++) {
			if (tus[t].path)
				scan(get_src(tus[t].path));
			for (uint32_t k = 0; k < tus[t].nfn; k++)
				if (tus[t].fn[k].pos.file)
					scan(get_src(tus[t].fn[k].pos.file));
		}
	/* Filed last: diag_begin() may move the findings f points at. */
	size_t used = 0;
	for (size_t i = 0; i < S.ign.n; i++) {
		const struct ignore *ig = &S.ign.a[i];
		used += ig->used;
		if (ig->error && inv && inv->enabled) {
			file_about(ig, "invalid-ignore", ig->error);
		} else if (!ig->error && !ig->used && report_unused &&
			   !names_disabled(ig)) {
			struct sb m = { 0 };
			const char *close = strchr(ig->text, ']');
			sb_printf(&m, "%.*s silences nothing: no finding of "
				  "the checks it names is reported on %s",
				  (int)(close - ig->text + 1), ig->text,
				  ig->alone ? "this line or the next"
					    : "this line");
			file_about(ig, "unused-ignore", sb_str(&m));
			sb_free(&m);
		}
	}
	return used;
}
