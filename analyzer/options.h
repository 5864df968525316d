/* SPDX-License-Identifier: MIT */
/*
 * options.h - the command line, and the table of checks.
 */
#ifndef FC_OPTIONS_H
#define FC_OPTIONS_H

#include "cdb.h"
#include "link.h"

enum out_format { FMT_TEXT = 0, FMT_JSON, FMT_SARIF };

struct check_def {
	const char *id;		/* kebab-case, as in option, [id], docs */
	const char *summary;	/* one line for --list-checks */
	void (*run)(struct program *p);
	bool enabled;
};

struct options {
	struct cdb_options cdb;
	int jobs;
	unsigned timeout;
	long max_warnings;	/* -1: no limit */
	enum out_format format;
	const char *output;	/* -o FILE, NULL: stdout/stderr */
	bool quiet;
	bool progress;
	const char *explain;	/* --explain CHECK */
	const char *config;	/* --config FILE */
	const char *baseline;	/* --baseline FILE */
	const char *baseline_write;	/* --baseline-write FILE */
	struct check_op {	/* --enable/--disable, in order */
		const char *list;
		bool on;
	} *check_ops;
	int ncheck_ops;
	const char *cache;	/* --cache DIR */
	const char *emit_facts;	/* --emit-facts PATH */
	const char *depfile;	/* --depfile FILE: make rule of the inputs */
	bool emit_dir;		/* ... names a directory: one file per TU */
	bool nlink_mode;	/* --link: the PATHs are facts files */
	const char **rtlogs;	/* --runtime-log FILE, in order */
	int nrtlogs;
};

/* The check table; *n receives its length. */
struct check_def *options_checks(size_t *n);
struct check_def *options_find_check(const char *id);

/*
 * options_parse - parse argv into o.  Returns -1 to go on, or an exit
 * status: 0 after --help/--version/--list-checks, 2 after a message about a
 * malformed option.
 */
int options_parse(int argc, char **argv, struct options *o);

/*
 * options_apply_check_ops - apply --enable/--disable once more, in their
 * order, after the configuration file set its own, so the command line
 * wins.  The lists were checked by options_parse().
 */
void options_apply_check_ops(const struct options *o);
void options_free(struct options *o);

#endif
