// SPDX-License-Identifier: MIT
/*
 * rt_options.h - the tracker's options (FEARCHECK_RT, docs/runtime.md) and
 * their parser, rt_options.c.  Kept apart from rt.h so that the parser
 * builds on its own, without the interceptors: fuzz/fuzz_rt_options.c
 * links only rt_options.c.
 */
#ifndef FC_RT_OPTIONS_H
#define FC_RT_OPTIONS_H

#include <limits.h>
#include <stddef.h>
#include <stdint.h>

struct fc_opts {
	int deterministic;
	int abort_on_report;
	int exitcode;
	int report_all;		/* 0: stop after the first report */
	int single_thread;	/* report cycles made by one thread */
	int stack_depth;
	int watchdog;		/* seconds, 0 off */
	int quiet;		/* no text report on stderr */
	int stats;		/* print table use at exit */
	uint32_t max_locks;	/* testing knob, <= FC_MAX_LOCKS */
	char log[PATH_MAX];
	char result[PATH_MAX];
	char suppressions[PATH_MAX];
};

/* The options in force; the defaults until fc_init() parses FEARCHECK_RT. */
extern struct fc_opts fc_opt;

/* The longest option string accepted, NUL excluded. */
#define FC_OPTS_MAX_LEN	4095

void fc_options_default(struct fc_opts *o);
int fc_options_parse(struct fc_opts *o, const char *s, size_t len);

#endif /* FC_RT_OPTIONS_H */
