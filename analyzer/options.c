// SPDX-License-Identifier: MIT
/*
 * options.c - command-line options and the table of checks.
 *
 * Every check has one kebab-case id used for --enable/--disable, in the
 * `[id]` suffix of its warnings, for its docs page (docs/checks/<id>.md) and
 * its testcase directory.  Options are parsed with getopt_long; everything
 * after `--` is compiler flags for sources given without a database.  A
 * malformed option gets one precise message and exit status 2.
 */
#include "options.h"

#include <errno.h>
#include <getopt.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "checks.h"
#include "config.h"
#include "diag.h"

#ifndef FC_VERSION
#define FC_VERSION "0.0.0"
#endif

static struct check_def checks[] = {
	{ "data-race", "two threads access one location, one writes, no "
		       "common lock", check_data_race, true },
	{ "lock-order", "locks taken in inconsistent orders by threads that "
			"may run at once (potential deadlock)", check_lock_order,
	  true },
	{ "double-lock", "a non-recursive lock acquired again by the thread "
			 "that holds it", check_double_lock, true },
	{ "unlock-not-held", "a lock released where it is not held",
	  check_unlock_not_held, true },
	{ "lock-leak", "a return with a lock held on some paths only, or a "
		       "thread exiting with a lock held", check_lock_leak,
	  true },
	{ "destroy-held", "a lock destroyed while it is held",
	  check_destroy_held, true },
	{ "cond-wait", "a condition wait without its mutex held, or outside "
		       "a loop", check_cond_wait, true },
	{ "blocking-under-lock", "a blocking call (sleep, join, read, "
				 "channel receive) while a lock is held",
	  check_blocking_under_lock, true },
	{ "lock-by-value", "a mutex, rwlock or condition variable copied or "
			   "passed by value", check_lock_by_value, true },
	{ "chan-use-after-send", "a message used after a successful send "
				 "moved it to the receiver",
	  check_chan_use_after_send, true },
	{ "chan-send-after-drop", "a send, clone or receive through a "
				  "channel handle already dropped",
	  check_chan_send_after_drop, true },
	{ "chan-double-drop", "a channel sender or receiver dropped twice",
	  check_chan_double_drop, true },
	{ "chan-recv-never-ends", "a loop receiving until disconnection "
				  "while a sender of the channel stays alive",
	  check_chan_recv_never_ends, true },
	{ "chan-unchecked", "a received message used though the receive's "
			    "result is ignored", check_chan_unchecked, true },
	{ "chan-leak", "a channel sender or receiver not dropped on some "
		       "path", check_chan_leak, true },
	/* Findings about fearcheck-ignore comments (suppress.c). */
	{ "runtime", "a report of the runtime tracker, read from its JSON "
		     "log with --runtime-log", NULL, true },
	{ "invalid-ignore", "a fearcheck-ignore comment without a reason, "
			    "or naming an unknown check", NULL, true },
	{ "unused-ignore", "a fearcheck-ignore comment that silences "
			   "nothing (--report-unused-ignores)", NULL, false },
};

struct check_def *options_checks(size_t *n)
{
	*n = FC_ARRAY_SIZE(checks);
	return checks;
}

struct check_def *options_find_check(const char *id)
{
	for (size_t i = 0; i < FC_ARRAY_SIZE(checks); i++)
		if (!strcmp(checks[i].id, id))
			return &checks[i];
	return NULL;
}

static const char usage[] =
"usage: fearcheck [options] [PATH...] [-- compiler flags]\n"
"       fearcheck --link [options] FACTS...\n"
"       fearcheck run [options] -- PROGRAM [ARGS...]\n"
"\n"
"Finds data races, lock-order deadlocks and lock and channel misuse in\n"
"C programs that use pthreads or C11 threads.  PATH is a directory, a C\n"
"source file or a compile_commands.json.  A directory is analysed through\n"
"DIR/compile_commands.json or DIR/build/compile_commands.json when one\n"
"exists, else every .c file below it is, with the flags after `--`.\n"
"\n"
"options:\n"
"  -p DIR                 read DIR/compile_commands.json\n"
"  -j N                   parse N translation units at once (default: one\n"
"                         per core)\n"
"  --enable CHECK[,...]   enable checks ('all' for every check)\n"
"  --disable CHECK[,...]  disable checks ('all' for every check)\n"
"  --list-checks          list the checks and exit\n"
"  --explain CHECK        print a check's documentation and exit\n"
"  --config FILE          read this configuration file (default: .fearcheck\n"
"                         in the first PATH, else in the current directory)\n"
"  --model FILE           read channel models (channel-* keys) from FILE\n"
"                         (repeatable; see docs/channels.md)\n"
"  --baseline FILE        report only findings that FILE does not record\n"
"  --baseline-write FILE  record every finding in FILE (accepting them)\n"
"  --report-unused-ignores  report fearcheck-ignore comments that silence\n"
"                         nothing\n"
"  --max-warnings N       report at most N findings\n"
"  --format FMT           text (default), json or sarif\n"
"  -o FILE                write the report to FILE (json and sarif: the\n"
"                         findings are also printed as text on stderr)\n"
"  --timeout SECONDS      give up on a TU that takes longer to parse\n"
"                         (default 300; 0: no limit)\n"
"  --exclude PATH         leave out files below PATH (repeatable)\n"
"  --cache DIR            keep each TU's facts in DIR; a rerun extracts\n"
"                         again only the TUs whose files changed\n"
"  --emit-facts PATH      extract only: write the facts to PATH (one TU)\n"
"                         or to PATH/*.facts, and run no check\n"
"  --depfile FILE         with --emit-facts FILE: write a make rule of the\n"
"                         files the TU read (for make, ninja)\n"
"  --link                 the PATHs are facts files (or directories of\n"
"                         them) from --emit-facts: link and check them\n"
"  --runtime-log FILE     also report what the runtime tracker logged in\n"
"                         FILE (fearcheck run --log FILE); alone, only that\n"
"  --graph FILE.dot       write the lock-order graph in Graphviz form\n"
"  -q, --quiet            no progress line, no text copy of a json or\n"
"                         sarif report\n"
"  -h, --help             show this help and exit\n"
"  --version              show the version and exit\n"
"\n"
"exit status: 0 no findings, 1 findings, 2 usage or tool error.\n";

enum {
	OPT_ENABLE = 256, OPT_DISABLE, OPT_LIST, OPT_EXPLAIN, OPT_MAXW,
	OPT_FORMAT, OPT_TIMEOUT, OPT_EXCLUDE, OPT_VERSION, OPT_EMIT, OPT_LINK, OPT_CACHE, OPT_DEPFILE, OPT_RTLOG,
	OPT_PROGRESS, OPT_GRAPH, OPT_CONFIG, OPT_BASELINE, OPT_BASELINE_WRITE,
	OPT_UNUSED_IGNORES, OPT_MODEL,
};

static const struct option longopts[] = {
	{ "enable", required_argument, NULL, OPT_ENABLE },
	{ "disable", required_argument, NULL, OPT_DISABLE },
	{ "list-checks", no_argument, NULL, OPT_LIST },
	{ "explain", required_argument, NULL, OPT_EXPLAIN },
	{ "max-warnings", required_argument, NULL, OPT_MAXW },
	{ "format", required_argument, NULL, OPT_FORMAT },
	{ "output", required_argument, NULL, 'o' },
	{ "timeout", required_argument, NULL, OPT_TIMEOUT },
	{ "exclude", required_argument, NULL, OPT_EXCLUDE },
	{ "jobs", required_argument, NULL, 'j' },
	{ "quiet", no_argument, NULL, 'q' },
	{ "progress", no_argument, NULL, OPT_PROGRESS },
	{ "graph", required_argument, NULL, OPT_GRAPH },
	{ "config", required_argument, NULL, OPT_CONFIG },
	{ "model", required_argument, NULL, OPT_MODEL },
	{ "baseline", required_argument, NULL, OPT_BASELINE },
	{ "baseline-write", required_argument, NULL, OPT_BASELINE_WRITE },
	{ "report-unused-ignores", no_argument, NULL, OPT_UNUSED_IGNORES },
	{ "cache", required_argument, NULL, OPT_CACHE },
	{ "emit-facts", required_argument, NULL, OPT_EMIT },
	{ "link", no_argument, NULL, OPT_LINK },
	{ "depfile", required_argument, NULL, OPT_DEPFILE },
	{ "runtime-log", required_argument, NULL, OPT_RTLOG },
	{ "help", no_argument, NULL, 'h' },
	{ "version", no_argument, NULL, OPT_VERSION },
	{ NULL, 0, NULL, 0 },
};

static bool parse_long(const char *s, long lo, long hi, long *out)
{
	char *e;
	errno = 0;
	long v = strtol(s, &e, 10);
	if (!s[0] || *e || errno || v < lo || v > hi)
		return false;
	*out = v;
	return true;
}

/* Applies --enable/--disable to a comma-separated list; false on error. */
static bool set_checks(const char *list, bool on)
{
	char *copy = xstrdup(list);
	bool ok = true;
	for (char *save = NULL, *t = strtok_r(copy, ",", &save); t;
	     t = strtok_r(NULL, ",", &save)) {
		if (!strcmp(t, "all")) {
			for (size_t i = 0; i < FC_ARRAY_SIZE(checks); i++)
				checks[i].enabled = on;
			continue;
		}
		struct check_def *c = options_find_check(t);
		if (!c) {
			diag_error("unknown check '%s' (see --list-checks)", t);
			ok = false;
			break;
		}
		c->enabled = on;
	}
	free(copy);
	return ok;
}

int options_parse(int argc, char **argv, struct options *o)
{
	memset(o, 0, sizeof(*o));
	o->max_warnings = -1;
	o->timeout = 300;
	/* Everything after the first "--" is compiler flags. */
	int end = argc;
	for (int i = 1; i < argc; i++)
		if (!strcmp(argv[i], "--")) {
			end = i;
			break;
		}
	if (end < argc) {
		o->cdb.extra = argv + end + 1;
		o->cdb.nextra = argc - end - 1;
	}
	VEC(char *) paths = { 0 };
	VEC(const char *) excl = { 0 };
	VEC(struct check_op) ops = { 0 };
	VEC(const char *) rtlogs = { 0 };
	int c;
	long v;
	opterr = 0;
	optind = 1;
	while ((c = getopt_long(end, argv, ":p:j:o:qh", longopts, NULL)) != -1) {
		switch (c) {
		case 'p':
			o->cdb.build_dir = optarg;
			break;
		case 'j':
			if (!parse_long(optarg, 1, 1024, &v)) {
				diag_error("-j: '%s' is not a number of jobs "
					   "(1 to 1024)", optarg);
				goto bad;
			}
			o->jobs = (int)v;
			break;
		case 'o':
			o->output = optarg;
			break;
		case 'q':
			o->quiet = true;
			break;
		case 'h':
			fputs(usage, stdout);
			goto done;
		case OPT_VERSION:
			printf("fearcheck %s\n", FC_VERSION);
			goto done;
		case OPT_ENABLE:
		case OPT_DISABLE:
			if (!set_checks(optarg, c == OPT_ENABLE))
				goto bad;
			vec_push(&ops, ((struct check_op){ optarg,
							  c == OPT_ENABLE }));
			break;
		case OPT_LIST:
			for (size_t i = 0; i < FC_ARRAY_SIZE(checks); i++)
				printf("%-22s %s%s\n", checks[i].id,
				       checks[i].summary,
				       checks[i].enabled ? "" : " (disabled)");
			goto done;
		case OPT_EXPLAIN:
			o->explain = optarg;
			break;
		case OPT_CONFIG:
			o->config = optarg;
			break;
		case OPT_MODEL:
			config_add_model(optarg);
			break;
		case OPT_BASELINE:
			o->baseline = optarg;
			break;
		case OPT_BASELINE_WRITE:
			o->baseline_write = optarg;
			break;
		case OPT_UNUSED_IGNORES:
			vec_push(&ops, ((struct check_op){ "unused-ignore",
							  true }));
			set_checks("unused-ignore", true);
			break;
		case OPT_MAXW:
			if (!parse_long(optarg, 0, LONG_MAX, &v)) {
				diag_error("--max-warnings: '%s' is not a "
					   "non-negative number", optarg);
				goto bad;
			}
			o->max_warnings = v;
			break;
		case OPT_FORMAT:
			if (!strcmp(optarg, "text"))
				o->format = FMT_TEXT;
			else if (!strcmp(optarg, "json"))
				o->format = FMT_JSON;
			else if (!strcmp(optarg, "sarif"))
				o->format = FMT_SARIF;
			else {
				diag_error("--format: '%s' is not one of text, "
					   "json, sarif", optarg);
				goto bad;
			}
			break;
		case OPT_TIMEOUT:
			if (!parse_long(optarg, 0, 86400, &v)) {
				diag_error("--timeout: '%s' is not a number of "
					   "seconds (0 to 86400)", optarg);
				goto bad;
			}
			o->timeout = (unsigned)v;
			break;
		case OPT_EXCLUDE: {
			char *abs = path_absolute(optarg);
			vec_push(&excl, intern(abs));
			free(abs);
			break;
		}
		case OPT_CACHE:
			if (!optarg[0]) {
				diag_error("--cache: empty directory name");
				goto bad;
			}
			o->cache = optarg;
			break;
		case OPT_EMIT:
			if (!optarg[0]) {
				diag_error("--emit-facts: empty path");
				goto bad;
			}
			o->emit_facts = optarg;
			break;
		case OPT_RTLOG:
			vec_push(&rtlogs, optarg);
			break;
		case OPT_DEPFILE:
			o->depfile = optarg;
			break;
		case OPT_LINK:
			o->nlink_mode = true;
			break;
		case OPT_PROGRESS:
			o->progress = true;
			break;
		case OPT_GRAPH:
			checks_graph_file = optarg;
			break;
		case ':':
			diag_error("option '%s' needs an argument",
				   argv[optind - 1]);
			goto bad;
		default:
			if (optopt)
				diag_error("unknown option '-%c' (see --help)",
					   optopt);
			else
				diag_error("unknown option '%s' (see --help)",
					   argv[optind - 1]);
			goto bad;
		}
	}
	for (int i = optind; i < end; i++)
		vec_push(&paths, argv[i]);
	o->cdb.paths = paths.a;
	o->cdb.npaths = (int)paths.n;
	o->cdb.exclude = excl.a;
	o->cdb.nexclude = (int)excl.n;
	if (o->nlink_mode && (o->emit_facts || o->cache || o->cdb.build_dir ||
			      o->cdb.nextra)) {
		diag_error("--link reads facts files: it takes no -p, --cache, "
			   "--emit-facts or compiler flags");
		goto bad;
	}
	if (o->depfile && !o->emit_facts) {
		diag_error("--depfile goes with --emit-facts FILE");
		goto bad;
	}
	if (o->nlink_mode && !paths.n) {
		diag_error("--link: no facts files given");
		goto bad;
	}
	o->rtlogs = rtlogs.a;
	o->nrtlogs = (int)rtlogs.n;
	o->check_ops = ops.a;
	o->ncheck_ops = (int)ops.n;
	return -1;
done:
	vec_free(&paths);
	vec_free(&excl);
	vec_free(&ops);
	vec_free(&rtlogs);
	return 0;
bad:
	vec_free(&paths);
	vec_free(&excl);
	vec_free(&ops);
	vec_free(&rtlogs);
	return 2;
}

void options_apply_check_ops(const struct options *o)
{
	for (int i = 0; i < o->ncheck_ops; i++)
		set_checks(o->check_ops[i].list, o->check_ops[i].on);
}

void options_free(struct options *o)
{
	free(o->cdb.paths);
	free((void *)o->cdb.exclude);
	free(o->check_ops);
	free(o->rtlogs);
}
