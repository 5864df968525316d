// SPDX-License-Identifier: MIT
/*
 * config.c - read the configuration file (`.fearcheck`, or --config FILE).
 *
 * Pass: inputs, before anything is parsed.  Input: a text file of
 * `key = value` lines, `#` comments and blank lines (docs/usage.md,
 * "Configuration file").  Output: checks enabled or disabled and paths
 * excluded in struct options (the command line, applied afterwards, wins),
 * and the tables of config.h for later passes: thread entry points, lock
 * wrappers, channel models, the docs URL.  Values are comma-separated
 * lists; a function may carry argument numbers, `name(1, 2)`, counted
 * from 1 as a reader counts them and stored from 0.
 *
 * Anything malformed is one message `FILE:LINE:COL: error: ...` and exit
 * status 2: a configuration that is silently half-read would make a CI
 * lint step pass for the wrong reason.
 */
#include "config.h"

#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "diag.h"

const char **config_thread_entries;
size_t config_nthread_entries;
const struct config_lock_wrapper *config_lock_wrappers;
size_t config_nlock_wrappers;
const struct config_chan_model *config_chan_models;
size_t config_nchan_models;
const char *config_docs_url;
const char *config_path;

#define CONFIG_VERSION 1

enum key_kind { K_VERSION, K_ENABLE, K_DISABLE, K_EXCLUDE, K_THREAD, K_LOCK,
		K_CHAN, K_DOCS };

static const struct key {
	const char *name;
	enum key_kind kind;
	int sub;		/* K_LOCK: config_lock_kind; K_CHAN: chan_op */
	int nargs;		/* argument numbers a function may carry */
	int def0, def1;		/* their defaults, 1-based; 0: none */
} keys[] = {
	{ "version", K_VERSION, 0, 0, 0, 0 },
	{ "enable", K_ENABLE, 0, 0, 0, 0 },
	{ "disable", K_DISABLE, 0, 0, 0, 0 },
	{ "exclude", K_EXCLUDE, 0, 0, 0, 0 },
	{ "thread-entry", K_THREAD, 0, 0, 0, 0 },
	{ "lock-acquire", K_LOCK, CFG_LOCK_ACQUIRE, 1, 1, 0 },
	{ "lock-acquire-shared", K_LOCK, CFG_LOCK_ACQUIRE_SHARED, 1, 1, 0 },
	{ "lock-try-acquire", K_LOCK, CFG_LOCK_TRY_ACQUIRE, 1, 1, 0 },
	{ "lock-release", K_LOCK, CFG_LOCK_RELEASE, 1, 1, 0 },
	{ "channel-new", K_CHAN, CH_NEW, 2, 1, 2 },
	{ "channel-send", K_CHAN, CH_SEND, 2, 1, 2 },
	{ "channel-recv", K_CHAN, CH_RECV, 2, 1, 2 },
	{ "channel-try-recv", K_CHAN, CH_TRY_RECV, 2, 1, 2 },
	{ "channel-recv-timeout", K_CHAN, CH_RECV_TIMEOUT, 2, 1, 2 },
	{ "channel-clone", K_CHAN, CH_CLONE, 1, 1, 0 },
	{ "channel-drop-sender", K_CHAN, CH_DROP_TX, 1, 1, 0 },
	{ "channel-drop-receiver", K_CHAN, CH_DROP_RX, 1, 1, 0 },
	{ "docs-url", K_DOCS, 0, 0, 0, 0 },
};

/* --model FILE, in the order given: read after the configuration. */
static VEC(const char *) model_files;
const char *const *config_model_files;
size_t config_nmodel_files;

/* The state of one file being read. */
struct reader {
	struct options *o;
	bool model_only;	/* a --model file: channel-* keys only */
	bool nested;		/* a .fearcheck below the first PATH */
	const char *disp;	/* display path, interned */
	const char *dir;	/* its directory, for relative excludes */
	const char *line;	/* start of the current line */
	uint32_t lineno;
	bool seen_version;
	VEC(const char *) threads;
	VEC(struct config_lock_wrapper) locks;
	VEC(struct config_chan_model) chans;
};

static void err_at(const struct reader *r, const char *at, const char *fmt,
		   ...) FC_PRINTF(3, 4);
static void err_at(const struct reader *r, const char *at, const char *fmt,
		   ...)
{
	struct pos p = { r->disp, r->lineno, (uint32_t)(at - r->line) + 1 };
	struct sb m = { 0 };
	va_list ap;
	va_start(ap, fmt);
	sb_vprintf(&m, fmt, ap);
	va_end(ap);
	diag_error_at(p, "%s", sb_str(&m));
	sb_free(&m);
}

static bool is_ident(const char *s, size_t n)
{
	if (!n || (s[0] >= '0' && s[0] <= '9'))
		return false;
	for (size_t i = 0; i < n; i++)
		if (!((s[i] >= 'a' && s[i] <= 'z') ||
		      (s[i] >= 'A' && s[i] <= 'Z') ||
		      (s[i] >= '0' && s[i] <= '9') || s[i] == '_'))
			return false;
	return true;
}

/*
 * One function item, "name" or "name(N[, M])", at [s, e) into name and
 * args (1-based; defaults from k).  False after a message.
 */
static bool parse_fn(struct reader *r, const struct key *k, const char *s,
		     const char *e, const char **name, int args[2])
{
	const char *paren = memchr(s, '(', (size_t)(e - s));
	const char *ne = paren ? paren : e;
	while (ne > s && ne[-1] == ' ')
		ne--;
	if (!is_ident(s, (size_t)(ne - s))) {
		err_at(r, s, "'%.*s' is not a function name", (int)(e - s), s);
		return false;
	}
	*name = intern_n(s, (size_t)(ne - s));
	args[0] = k->def0;
	args[1] = k->def1;
	if (!paren)
		return true;
	if (e[-1] != ')') {
		err_at(r, paren, "expected ')' to close the argument numbers "
		       "of '%s'", *name);
		return false;
	}
	const char *p = paren + 1;
	int n = 0;
	while (p < e - 1) {
		while (*p == ' ')
			p++;
		char *end;
		long v = strtol(p, &end, 10);
		/* channel-new = queue_new(0): it returns its one handle. */
		bool ret_ok = n == 1 || (k->kind == K_CHAN &&
					 k->sub == CH_NEW);
		if (end == p || v < 0 || v > 64 || (v == 0 && !ret_ok)) {
			err_at(r, p, "'%s': an argument number is 1 to 64 (0, "
			       "for the second, means the return value)",
			       *name);
			return false;
		}
		if (v == 0 && n == 1 && k->kind == K_CHAN &&
		    k->sub == CH_SEND) {
			err_at(r, p, "'%s': the message of channel-send is an "
			       "argument, not the return value", *name);
			return false;
		}
		if (v == 0 && n == 1 && args[0] == 0) {
			err_at(r, p, "'%s': the handle and the receiver cannot "
			       "both be the return value", *name);
			return false;
		}
		if (n == k->nargs) {
			err_at(r, p, "'%s': %s takes at most %d argument "
			       "number%s", *name, k->name, k->nargs,
			       k->nargs == 1 ? "" : "s");
			return false;
		}
		args[n++] = (int)v;
		p = end;
		while (*p == ' ')
			p++;
		if (*p == ',')
			p++;
		else if (p != e - 1) {
			err_at(r, p, "'%s': expected ',' or ')' between "
			       "argument numbers", *name);
			return false;
		}
	}
	if (!n) {
		err_at(r, paren, "'%s': empty argument list", *name);
		return false;
	}
	return true;
}

/* One list item [s, e) of key k; false after a message. */
static bool item(struct reader *r, const struct key *k, const char *s,
		 const char *e)
{
	const char *v = intern_n(s, (size_t)(e - s));
	const char *name;
	int args[2];
	switch (k->kind) {
	case K_VERSION: {
		if (r->seen_version) {
			err_at(r, s, "'version' is given twice");
			return false;
		}
		if (strcmp(v, "1")) {
			err_at(r, s, "version '%s' is not supported (this "
			       "fearcheck reads version %d)", v,
			       CONFIG_VERSION);
			return false;
		}
		r->seen_version = true;
		return true;
	}
	case K_ENABLE:
	case K_DISABLE: {
		if (!strcmp(v, "all")) {
			size_t n;
			struct check_def *c = options_checks(&n);
			for (size_t i = 0; i < n; i++)
				c[i].enabled = k->kind == K_ENABLE;
			return true;
		}
		struct check_def *c = options_find_check(v);
		if (!c) {
			err_at(r, s, "unknown check '%s' (see --list-checks)",
			       v);
			return false;
		}
		c->enabled = k->kind == K_ENABLE;
		return true;
	}
	case K_EXCLUDE: {
		char *rel = path_join(r->dir, v);
		char *abs = path_absolute(rel);
		struct cdb_options *c = &r->o->cdb;
		c->exclude = xrealloc((void *)c->exclude,
				      sizeof(*c->exclude) * (c->nexclude + 1));
		c->exclude[c->nexclude++] = intern(abs);
		free(abs);
		free(rel);
		return true;
	}
	case K_THREAD:
		if (!is_ident(s, (size_t)(e - s))) {
			err_at(r, s, "'%s' is not a function name", v);
			return false;
		}
		vec_push(&r->threads, v);
		return true;
	case K_LOCK: {
		if (!parse_fn(r, k, s, e, &name, args))
			return false;
		struct config_lock_wrapper w = { name, k->sub, args[0] - 1 };
		vec_push(&r->locks, w);
		return true;
	}
	case K_CHAN: {
		if (!parse_fn(r, k, s, e, &name, args))
			return false;
		struct config_chan_model m = { name, k->sub, args[0] - 1,
					       args[1] - 1 };
		vec_push(&r->chans, m);
		return true;
	}
	case K_DOCS:
		for (const char *c = v; *c; c++)
			if (*c <= ' ' || *c > '~') {
				err_at(r, s + (c - v), "docs-url: only "
				       "printable ASCII without spaces");
				return false;
			}
		config_docs_url = v;
		return true;
	}
	return false;
}

/* One "key = value" line at [s, e), comments already cut; false on error. */
static bool line(struct reader *r, const char *s, const char *e)
{
	const char *eq = memchr(s, '=', (size_t)(e - s));
	if (!eq) {
		err_at(r, s, "expected 'key = value'");
		return false;
	}
	const char *ke = eq;
	while (ke > s && (ke[-1] == ' ' || ke[-1] == '\t'))
		ke--;
	const struct key *k = NULL;
	for (size_t i = 0; i < FC_ARRAY_SIZE(keys); i++)
		if (strlen(keys[i].name) == (size_t)(ke - s) &&
		    !strncmp(keys[i].name, s, (size_t)(ke - s)))
			k = &keys[i];
	if (!k) {
		err_at(r, s, "unknown key '%.*s' (see docs/usage.md, "
		       "\"Configuration file\")", (int)(ke - s), s);
		return false;
	}
	if (r->nested && (k->kind == K_ENABLE || k->kind == K_DISABLE ||
			  k->kind == K_EXCLUDE || k->kind == K_DOCS)) {
		/* What the run does is the top file's and the command line's. */
		diag_tool_warning("%s:%u: '%s' is read only from the top "
				  "configuration; ignored here", r->disp,
				  r->lineno, k->name);
		return true;
	}
	if (r->model_only && k->kind != K_CHAN) {
		err_at(r, s, "'%s' does not belong in a model file, which "
		       "holds channel-* keys (see docs/channels.md)", k->name);
		return false;
	}
	const char *p = eq + 1;
	bool any = false;
	for (;;) {
		while (p < e && (*p == ' ' || *p == '\t'))
			p++;
		/* An item ends at a comma outside parentheses. */
		const char *q = p;
		int depth = 0;
		while (q < e && (depth || *q != ',')) {
			depth += (*q == '(') - (*q == ')');
			q++;
		}
		const char *ie = q;
		while (ie > p && (ie[-1] == ' ' || ie[-1] == '\t'))
			ie--;
		if (ie == p) {
			err_at(r, p, "'%s': empty value%s", k->name,
			       q < e || any ? " between commas" : "");
			return false;
		}
		if (!item(r, k, p, ie))
			return false;
		any = true;
		if (q >= e)
			return true;
		p = q + 1;
	}
}

static bool parse(struct reader *r, const char *text, size_t len)
{
	const char *p = text, *end = text + len;
	if (memchr(text, '\0', len)) {
		r->line = text;
		r->lineno = 1;
		err_at(r, text, "not a text file (it holds NUL bytes)");
		return false;
	}
	while (p < end) {
		const char *nl = memchr(p, '\n', (size_t)(end - p));
		const char *le = nl ? nl : end;
		r->line = p;
		r->lineno++;
		/* Cut a comment: '#' at the start or after a blank. */
		const char *ce = p;
		while (ce < le && !(*ce == '#' && (ce == p || ce[-1] == ' ' ||
						    ce[-1] == '\t')))
			ce++;
		while (ce > p && (ce[-1] == ' ' || ce[-1] == '\t' ||
				  ce[-1] == '\r'))
			ce--;
		const char *s = p;
		while (s < ce && (*s == ' ' || *s == '\t'))
			s++;
		if (s < ce && *s == '[') {
			err_at(r, s, "sections are not used: write 'key = "
			       "value' lines");
			return false;
		}
		if (s < ce && !line(r, s, ce))
			return false;
		p = nl ? nl + 1 : end;
	}
	return true;
}

/* FEARCHECK_DUMP_CONFIG=1: the tables for later passes, for tests. */
static void dump(const struct reader *r)
{
	static const char *const lk[] = { "acquire", "acquire-shared",
					  "try-acquire", "release" };
	for (size_t i = 0; i < r->threads.n; i++)
		fprintf(stderr, "config: thread-entry %s\n", r->threads.a[i]);
	for (size_t i = 0; i < r->locks.n; i++)
		fprintf(stderr, "config: lock %s %s arg %d\n",
			lk[r->locks.a[i].kind], r->locks.a[i].name,
			r->locks.a[i].arg);
	for (size_t i = 0; i < r->chans.n; i++)
		fprintf(stderr, "config: channel op %d %s handle %d msg %d\n",
			r->chans.a[i].op, r->chans.a[i].name,
			r->chans.a[i].handle_arg, r->chans.a[i].msg_arg);
	size_t n;
	const struct check_def *c = options_checks(&n);
	for (size_t i = 0; i < n; i++)
		fprintf(stderr, "config: check %s %s\n", c[i].id,
			c[i].enabled ? "on" : "off");
	for (int i = 0; i < r->o->cdb.nexclude; i++)
		fprintf(stderr, "config: exclude %s\n", r->o->cdb.exclude[i]);
}

/* The configuration file to read: malloc'd path, or NULL for none. */
static char *find(const struct options *o)
{
	struct stat st;
	if (o->config)
		return xstrdup(o->config);
	if (o->cdb.npaths && stat(o->cdb.paths[0], &st) == 0 &&
	    S_ISDIR(st.st_mode)) {
		char *c = path_join(o->cdb.paths[0], ".fearcheck");
		if (stat(c, &st) == 0)
			return c;
		free(c);
	}
	if (stat(".fearcheck", &st) == 0)
		return xstrdup(".fearcheck");
	return NULL;
}

/*
 * Reads the file at path into r (r->disp and r->dir are set here); what
 * reading a configuration or a model file have in common.  Returns true,
 * or false after one message.
 */
static bool read_into(struct reader *r, const char *path, const char *what)
{
	struct stat st;
	size_t len = 0;
	char *text = NULL;
	if (stat(path, &st) == 0 && S_ISDIR(st.st_mode))
		errno = EISDIR;
	else
		text = read_file(path, &len);
	if (!text) {
		diag_error("%s: cannot read the %s: %m", path_display(path),
			   what);
		return false;
	}
	char *abs = path_absolute(path);
	char *slash = strrchr(abs, '/');
	if (slash)
		slash[slash == abs ? 1 : 0] = 0;
	r->disp = path_display(path);
	r->dir = abs;
	r->line = NULL;
	r->lineno = 0;
	bool ok = parse(r, text, len);
	r->dir = NULL;
	free(abs);
	free(text);
	return ok;
}

/*
 * Nested configuration files: a `.fearcheck` in a directory below a
 * directory PATH, between it and a source file, describes that code's own
 * functions (thread entries, lock wrappers, channel models).  Functions
 * are the program's, so these are merged with the top file's; the keys
 * that steer the run (enable, disable, exclude, docs-url) are the top
 * file's alone.
 */
int config_load_nested(struct options *o, const struct jobs *js)
{
	struct reader r = { .o = o, .nested = true };
	for (size_t i = 0; i < config_nthread_entries; i++)
		vec_push(&r.threads, config_thread_entries[i]);
	for (size_t i = 0; i < config_nlock_wrappers; i++)
		vec_push(&r.locks, config_lock_wrappers[i]);
	for (size_t i = 0; i < config_nchan_models; i++)
		vec_push(&r.chans, config_chan_models[i]);
	VEC(const char *) tops = { 0 }, seen = { 0 };
	for (int i = 0; i < o->cdb.npaths; i++) {
		struct stat st;
		if (stat(o->cdb.paths[i], &st) == 0 && S_ISDIR(st.st_mode)) {
			char *abs = path_absolute(o->cdb.paths[i]);
			vec_push(&tops, intern(abs));
			free(abs);
		}
	}
	const char *top_file = NULL;
	if (config_path) {
		char *abs = path_absolute(config_path);
		top_file = intern(abs);
		free(abs);
	}
	bool ok = true;
	for (size_t j = 0; ok && tops.n && j < js->v.n; j++) {
		/* Walk up from the file's directory, below a PATH only. */
		char *d = xstrdup(js->v.a[j].file);
		for (char *slash; ok && (slash = strrchr(d, '/')) && slash > d;) {
			*slash = 0;
			const char *dir = intern(d);
			bool below = false;
			for (size_t t = 0; t < tops.n; t++) {
				size_t n = strlen(tops.a[t]);
				if (dir != tops.a[t] && !strncmp(dir, tops.a[t], n) &&
				    dir[n] == '/')
					below = true;
			}
			if (!below)
				break;
			bool done = false;
			for (size_t s = 0; s < seen.n && !done; s++)
				done = seen.a[s] == dir;
			if (done)
				break;	/* this directory and above: seen */
			vec_push(&seen, dir);
			const char *f = internf("%s/.fearcheck", dir);
			struct stat st;
			if (f == top_file || stat(f, &st) != 0)
				continue;
			r.seen_version = false;
			ok = read_into(&r, f, "configuration");
			/* Its contents are part of the facts cache's key. */
			vec_push(&model_files, f);
		}
		free(d);
	}
	vec_free(&tops);
	vec_free(&seen);
	if (!ok) {
		vec_free(&r.threads);
		vec_free(&r.locks);
		vec_free(&r.chans);
		return 2;
	}
	free((void *)config_thread_entries);
	free((void *)config_lock_wrappers);
	free((void *)config_chan_models);
	config_thread_entries = r.threads.a;
	config_nthread_entries = r.threads.n;
	config_lock_wrappers = r.locks.a;
	config_nlock_wrappers = r.locks.n;
	config_chan_models = r.chans.a;
	config_nchan_models = r.chans.n;
	config_model_files = model_files.a;
	config_nmodel_files = model_files.n;
	return 0;
}

void config_reset(void)
{
	free((void *)config_thread_entries);
	free((void *)config_lock_wrappers);
	free((void *)config_chan_models);
	config_thread_entries = NULL;
	config_lock_wrappers = NULL;
	config_chan_models = NULL;
	config_nthread_entries = config_nlock_wrappers = 0;
	config_nchan_models = 0;
	vec_free(&model_files);
	config_model_files = NULL;
	config_nmodel_files = 0;
	config_path = NULL;
}

void config_add_model(const char *path)
{
	vec_push(&model_files, path);
}

int config_load(struct options *o)
{
	char *path = find(o);
	struct reader r = { .o = o };
	bool ok = !path || read_into(&r, path, "configuration");
	if (ok && path)
		config_path = r.disp;
	/* --model files: channel models, after the configuration's own. */
	r.model_only = true;
	for (size_t i = 0; ok && i < model_files.n; i++)
		ok = read_into(&r, model_files.a[i], "model");
	if (ok && getenv("FEARCHECK_DUMP_CONFIG"))
		dump(&r);
	if (ok) {
		config_thread_entries = r.threads.a;
		config_nthread_entries = r.threads.n;
		config_lock_wrappers = r.locks.a;
		config_nlock_wrappers = r.locks.n;
		config_chan_models = r.chans.a;
		config_nchan_models = r.chans.n;
	} else {
		vec_free(&r.threads);
		vec_free(&r.locks);
		vec_free(&r.chans);
	}
	/* Kept: what extraction reads, for the facts cache's key. */
	config_model_files = model_files.a;
	config_nmodel_files = model_files.n;
	free(path);
	return ok ? 0 : 2;
}
