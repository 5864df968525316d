// SPDX-License-Identifier: MIT
/*
 * rtlog.c - what the runtime tracker saw, reported like what fearcheck
 * found: `fearcheck --runtime-log FILE`.
 *
 * Pass: report, beside the checks.  Input: the tracker's JSON log, one
 * object per report and line (docs/runtime.md, "The JSON log").  Output:
 * one finding of the `runtime` check per report, with the tracker's
 * stacks as notes, so that a CI job gets one SARIF file, one baseline and
 * one set of suppression comments for what fearcheck proved statically
 * and what a test run showed.
 *
 * The log comes from a program run under test and may be truncated (the
 * program died) or tampered with: every field is checked for its type and
 * every index for its range, and a line that is not a report of the
 * tracker is one message and exit status 2, never a guess.  A report type
 * this fearcheck does not know is kept, with a generic message.
 */
#include "rtlog.h"

#include <jansson.h>
#include <string.h>

#include "diag.h"
#include "options.h"

struct rlog {
	const char *disp;	/* the log's display path */
	uint32_t lineno;
	json_t *o;		/* the report */
	json_t *locks;		/* its "locks" array */
};

static const char *str_of(json_t *o, const char *key)
{
	json_t *v = json_object_get(o, key);
	return json_is_string(v) ? json_string_value(v) : NULL;
}

/* The label of lock index v (a JSON integer), or NULL when out of range. */
static const char *lock_label(const struct rlog *r, json_t *v)
{
	if (!json_is_integer(v))
		return NULL;
	json_int_t i = json_integer_value(v);
	if (i < 0 || (size_t)i >= json_array_size(r->locks))
		return NULL;
	const char *l = str_of(json_array_get(r->locks, (size_t)i), "label");
	return l ? l : "?";
}

static const char *thread_name(json_t *t)
{
	const char *n = json_is_object(t) ? str_of(t, "name") : NULL;
	return n ? n : "?";
}

/* The source line a frame ({"file", "line", ...}) names; false if none. */
static bool site_pos(json_t *f, struct pos *out)
{
	const char *file = str_of(f, "file");
	json_t *line = json_object_get(f, "line");
	if (!file || !*file || !json_is_integer(line) ||
	    json_integer_value(line) <= 0 ||
	    json_integer_value(line) > UINT32_MAX)
		return false;
	*out = (struct pos){ path_display(file),
			     (uint32_t)json_integer_value(line), 0 };
	return true;
}

/*
 * The innermost frame of a stack that names a source line.  A stack
 * without one (no debug information) gives the log line itself, which is
 * where the evidence is.
 */
static struct pos frame_pos(const struct rlog *r, json_t *stack)
{
	size_t i;
	json_t *f;
	struct pos p;
	json_array_foreach(stack, i, f)
		if (site_pos(f, &p))
			return p;
	return (struct pos){ r->disp, r->lineno, 0 };
}

/* "first taken here" / "initialised here" notes of every lock. */
static void lock_sites(const struct rlog *r, struct finding_builder *fb)
{
	size_t i;
	json_t *l;
	json_array_foreach(r->locks, i, l) {
		const char *how = "initialised";
		json_t *site = json_object_get(l, "initialised");
		if (!json_is_object(site)) {
			how = "first taken";
			site = json_object_get(l, "first_taken");
		}
		struct pos p;
		if (json_is_object(site) && site_pos(site, &p))
			diag_note(fb, p, "'%s' %s here", str_of(l, "label") ?
				  str_of(l, "label") : "?", how);
	}
}

static void held_notes(const struct rlog *r, struct finding_builder *fb,
		       json_t *held, const char *who)
{
	size_t i;
	json_t *h;
	json_array_foreach(held, i, h) {
		const char *l = lock_label(r, json_object_get(h, "lock"));
		if (!l)
			continue;
		const char *mode = str_of(h, "mode");
		diag_note(fb, frame_pos(r, json_object_get(h, "stack")),
			  "%s holds '%s'%s, taken here", who, l,
			  mode && !strcmp(mode, "read") ? " (for reading)" : "");
	}
}

/* Returns false when the report is malformed (the caller says so). */
static bool cycle(const struct rlog *r, struct finding_builder *fb,
		  struct sb *key)
{
	json_t *edges = json_object_get(r->o, "edges");
	size_t n = json_array_size(edges);
	if (!n)
		return false;
	const char *held[64], *acq[64];
	if (n > 64)
		n = 64;
	for (size_t i = 0; i < n; i++) {
		json_t *e = json_array_get(edges, i);
		held[i] = lock_label(r, json_object_get(e, "held"));
		acq[i] = lock_label(r, json_object_get(e, "acquired"));
		if (!held[i] || !acq[i])
			return false;
	}
	json_t *len = json_object_get(r->o, "cycle_length");
	json_int_t total = json_is_integer(len) ? json_integer_value(len)
						: (json_int_t)n;
	json_t *e0 = json_array_get(edges, 0);
	struct pos at = frame_pos(r, json_object_get(e0, "acquired_stack"));
	if (n == 2)
		diag_begin(fb, "runtime", at, "lock order inversion seen at run "
			   "time: '%s' acquired while holding '%s', elsewhere "
			   "'%s' while holding '%s'", acq[0], held[0], acq[1],
			   held[1]);
	else
		diag_begin(fb, "runtime", at, "lock order cycle of %lld locks "
			   "seen at run time: '%s' acquired while holding '%s'",
			   (long long)total, acq[0], held[0]);
	for (size_t i = 0; i < n; i++) {
		json_t *e = json_array_get(edges, i);
		const char *t = thread_name(json_object_get(e, "thread"));
		diag_note(fb, frame_pos(r, json_object_get(e, "held_stack")),
			  "thread '%s' acquires '%s' here", t, held[i]);
		diag_note(fb, frame_pos(r, json_object_get(e, "acquired_stack")),
			  "then '%s' here, while holding '%s'", acq[i],
			  held[i]);
		sb_printf(key, "|%s>%s", held[i], acq[i]);
	}
	if ((size_t)total > n)
		diag_note(fb, at, "and %lld more edges (see the log)",
			  (long long)total - (long long)n);
	return true;
}

static bool deadlock(const struct rlog *r, struct finding_builder *fb,
		     struct sb *key)
{
	json_t *blocked = json_object_get(r->o, "blocked");
	size_t n = json_array_size(blocked);
	if (!n)
		return false;
	json_t *w0 = json_array_get(blocked, 0);
	json_t *secs = json_object_get(r->o, "seconds");
	struct pos at = frame_pos(r, json_object_get(w0, "stack"));
	diag_begin(fb, "runtime", at, "deadlock seen at run time: %zu "
		   "thread%s blocked for %lld s", n, n == 1 ? "" : "s",
		   json_is_integer(secs) ? (long long)json_integer_value(secs)
					 : 0LL);
	size_t i;
	json_t *w;
	json_array_foreach(blocked, i, w) {
		const char *t = thread_name(json_object_get(w, "thread"));
		const char *l = lock_label(r, json_object_get(w, "lock"));
		if (!l)
			return false;
		diag_note(fb, frame_pos(r, json_object_get(w, "stack")),
			  "thread '%s' waits for '%s' here", t, l);
		struct sb who = { 0 };
		sb_printf(&who, "thread '%s'", t);
		held_notes(r, fb, json_object_get(w, "held"), sb_str(&who));
		sb_free(&who);
		sb_printf(key, "|%s", l);
	}
	return true;
}

/* double-lock, bad-unlock, destroy-held, free-held: about one lock. */
static bool one_lock(const struct rlog *r, struct finding_builder *fb,
		     const char *type, struct sb *key)
{
	const char *l = lock_label(r, json_object_get(r->o, "lock"));
	if (!l)
		return false;
	const char *t = thread_name(json_object_get(r->o, "thread"));
	struct pos at = frame_pos(r, json_object_get(r->o, "stack"));
	if (!strcmp(type, "double-lock"))
		diag_begin(fb, "runtime", at, "'%s' locked again by thread "
			   "'%s', which holds it (seen at run time)", l, t);
	else if (!strcmp(type, "bad-unlock"))
		diag_begin(fb, "runtime", at, "'%s' unlocked by thread '%s', "
			   "which does not hold it (seen at run time)", l, t);
	else if (!strcmp(type, "destroy-held"))
		diag_begin(fb, "runtime", at, "'%s' destroyed while it is held "
			   "(seen at run time)", l);
	else
		diag_begin(fb, "runtime", at, "memory of '%s' freed while it "
			   "is held (seen at run time)", l);
	json_t *holder = json_object_get(r->o, "holder");
	if (json_is_object(holder))
		diag_note(fb, frame_pos(r, json_object_get(r->o, "holder_stack")),
			  "thread '%s' took '%s' here", thread_name(holder), l);
	sb_printf(key, "|%s", l);
	return true;
}

/* Files the report on line r->lineno; false when it is malformed. */
static bool take(struct rlog *r)
{
	const char *type = str_of(r->o, "type");
	const char *tool = str_of(r->o, "tool");
	if (!type || !tool || strcmp(tool, "fearcheck-rt"))
		return false;
	r->locks = json_object_get(r->o, "locks");
	if (!json_is_array(r->locks))
		return false;
	struct finding_builder fb;
	struct sb key = { 0 };
	memset(&fb, 0, sizeof(fb));
	bool ok;
	sb_printf(&key, "runtime|%s", type);
	if (!strcmp(type, "lock-order-inversion")) {
		ok = cycle(r, &fb, &key);
	} else if (!strcmp(type, "deadlock")) {
		ok = deadlock(r, &fb, &key);
	} else if (!strcmp(type, "double-lock") ||
		   !strcmp(type, "bad-unlock") ||
		   !strcmp(type, "destroy-held") ||
		   !strcmp(type, "free-held")) {
		ok = one_lock(r, &fb, type, &key);
	} else if (!strcmp(type, "exit-held")) {
		const char *t = thread_name(json_object_get(r->o, "thread"));
		json_t *h0 = json_array_get(json_object_get(r->o, "held"), 0);
		const char *l = lock_label(r, json_object_get(h0, "lock"));
		struct pos at = frame_pos(r, json_object_get(r->o, "stack"));
		/* The exit may have no stack: then where the lock was taken. */
		if (at.file == r->disp && h0)
			at = frame_pos(r, json_object_get(h0, "stack"));
		diag_begin(&fb, "runtime", at, "thread '%s' exited holding "
			   "'%s' (seen at run time)", t, l ? l : "a lock");
		struct sb who = { 0 };
		sb_printf(&who, "thread '%s'", t);
		held_notes(r, &fb, json_object_get(r->o, "held"),
			   sb_str(&who));
		sb_free(&who);
		ok = true;
	} else {
		/* A report type newer than this fearcheck. */
		diag_begin(&fb, "runtime",
			   frame_pos(r, json_object_get(r->o, "stack")),
			   "%s seen at run time (see the log)", type);
		ok = true;
	}
	if (!ok) {
		/* A begun finding is dropped with its notes. */
		vec_free(&fb.notes);
		sb_free(&fb.fp);
		sb_free(&key);
		return false;
	}
	lock_sites(r, &fb);
	diag_fingerprint(&fb, "%s", sb_str(&key));
	sb_printf(&key, "|%s:%u", fb.f.pos.file ? fb.f.pos.file : "",
		  fb.f.pos.line);
	diag_end(&fb, sb_str(&key));
	sb_free(&key);
	return true;
}

int rtlog_load(const char *path)
{
	struct check_def *c = options_find_check("runtime");
	size_t len;
	char *text = read_file(path, &len);
	const char *disp = path_display(path);
	if (!text) {
		diag_error("--runtime-log %s: cannot read: %m", disp);
		return 2;
	}
	struct rlog r = { .disp = disp };
	int rc = 0;
	for (char *p = text, *end = text + len; p < end && !rc;) {
		char *nl = memchr(p, '\n', (size_t)(end - p));
		char *le = nl ? nl : end;
		r.lineno++;
		const char *q = p;
		while (q < le && (*q == ' ' || *q == '\t' || *q == '\r'))
			q++;
		if (q < le) {
			json_error_t err;
			r.o = json_loadb(p, (size_t)(le - p), JSON_REJECT_DUPLICATES,
					 &err);
			if (!r.o) {
				diag_error("%s:%u:%d: malformed runtime log: %s",
					   disp, r.lineno, err.column, err.text);
				rc = 2;
			} else if (!json_is_object(r.o) ||
				   ((!c || c->enabled) && !take(&r))) {
				diag_error("%s:%u: not a report of the runtime "
					   "tracker", disp, r.lineno);
				rc = 2;
			}
			json_decref(r.o);
		}
		p = le + 1;
	}
	free(text);
	return rc;
}
