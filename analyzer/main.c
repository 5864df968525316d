// SPDX-License-Identifier: MIT
/*
 * main.c - fearcheck's command line: run the passes in order.
 *
 *   inputs -> jobs -> parse+extract (workers) -> link -> checks -> report
 *
 * Each pass is a module of its own (cdb.c, parse.c + facts*.c, link.c +
 * summary.c + threads.c, one file per check, report*.c); this file only
 * strings them together and turns the outcome into the exit status: 0 no
 * findings, 1 findings, 2 a usage or tool error (a TU that could not be
 * analysed included).
 */
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "baseline.h"
#include "cdb.h"
#include "checks.h"
#include "config.h"
#include "diag.h"
#include "link.h"
#include "options.h"
#include "parse.h"
#include "report.h"
#include "suppress.h"
#if __has_include("run.h")
#include "run.h"
#define FC_HAVE_RUN 1
#endif

#ifndef FC_DOCS_URL
#define FC_DOCS_URL \
	"https://github.com/fearcheck/fearcheck/blob/main/docs/checks/"
#endif

/*
 * Writes the report in o->format to -o FILE (else text on stderr, json and
 * sarif on stdout); a json or sarif report is also printed as text on
 * stderr unless --quiet.  Returns 0, or 2 when the output failed.
 */
static int render(const struct options *o, struct finding **v, size_t n,
		  const struct report_run *run)
{
	int rc = 0;
	FILE *out = o->format == FMT_TEXT ? stderr : stdout;
	if (o->output && !(out = fopen(o->output, "w"))) {
		diag_error("-o %s: cannot write: %m", o->output);
		rc = 2;
		if (o->format == FMT_TEXT)
			out = stderr;
	}
	if (o->format != FMT_TEXT && !o->quiet && out != stdout)
		report_text(stderr, v, n);
	if (out && o->format == FMT_TEXT)
		report_text(out, v, n);
	else if (out && (o->format == FMT_JSON ? report_json(out, v, n, run)
					       : report_sarif(out, v, n, run))) {
		diag_error("%s: cannot write the report: %m",
			   o->output ? o->output : "standard output");
		rc = 2;
	}
	if (out && out != stderr && out != stdout && fclose(out) != 0 && !rc) {
		diag_error("-o %s: cannot write: %m", o->output);
		rc = 2;
	}
	return rc;
}

static int analyze(struct options *o)
{
	int rc = config_load(o);
	if (rc)
		return rc;
	options_apply_check_ops(o);
	if (o->baseline && (rc = baseline_load(o->baseline)))
		return rc;
	struct jobs js;
	rc = cdb_collect(&o->cdb, &js);
	if (rc)
		return rc;
	if (!o->cdb.npaths && !o->cdb.build_dir) {
		diag_error("no input: give a directory, source files or a "
			   "compile_commands.json (see --help)");
		cdb_free(&js);
		return 2;
	}
	if (!js.v.n) {
		diag_error("no C source files to analyse");
		cdb_free(&js);
		return 2;
	}
	struct parse_options po = {
		.jobs = o->jobs,
		.timeout = o->timeout,
		.progress = !o->quiet && (o->progress || isatty(2)),
	};
	struct arena mem = { 0 };
	struct tu *tus = arena_alloc(&mem, sizeof(struct tu) * js.v.n);
	int skipped = parse_all(&js, &po, &mem, tus);

	uint32_t np;
	struct program *ps = link_programs(tus, (uint32_t)js.v.n, &np);
	size_t nchecks;
	struct check_def *checks = options_checks(&nchecks);
	for (uint32_t k = 0; k < np; k++) {
		threads_build(&ps[k]);
		for (size_t c = 0; c < nchecks; c++)
			if (checks[c].enabled && checks[c].run)
				checks[c].run(&ps[k]);
	}

	const char *stats = getenv("FEARCHECK_STATS");
	const char *dump = getenv("FEARCHECK_DUMP");
	for (uint32_t k = 0; dump && k < np; k++)
		for (size_t i = 0; i < ps[k].funcs.n; i++) {
			if (strcmp(ps[k].funcs.a[i].fn->name, dump))
				continue;
			const struct summary *s = summary_get(&ps[k], (int32_t)i);
			fprintf(stderr, "%s: %zu acc, %zu acq, %zu spawns, %zu "
					"blocks\n", dump, s ? s->acc.n : 0,
				s ? s->acq.n : 0, s ? s->spawns.n : 0,
				s ? s->blocks.n : 0);
		}
	if (stats && stats[0] == '1') {
		summary_stats(stderr);
		for (uint32_t k = 0; k < np; k++) {
			size_t acc = 0;
			for (size_t t = 0; t < ps[k].threads.n; t++)
				acc += ps[k].threads.a[t].acc.n;
			fprintf(stderr, "fearcheck: stats: %s: %zu functions, "
					"%zu threads, %zu accesses\n",
				ps[k].name, ps[k].funcs.n, ps[k].threads.n, acc);
		}
	}
	if (checks_graph_finish() != 0) {
		diag_error("--graph: could not write the graph");
		rc = 2;
	}
	suppress_apply(tus, (uint32_t)js.v.n);
	diag_finalize(tus, (uint32_t)js.v.n);
	size_t n, nsup, nbase;
	struct finding **v = report_collect(&n, &nsup);
	if (o->baseline_write) {
		/* Recorded findings are accepted: none is reported. */
		if (baseline_write(o->baseline_write, v, n))
			rc = 2;
		else if (!o->quiet)
			fprintf(stderr, "fearcheck: %s: recorded %zu finding%s "
					"in the baseline\n",
				path_display(o->baseline_write), n,
				n == 1 ? "" : "s");
		nbase = n;
		n = 0;
	} else {
		nbase = baseline_filter(v, &n);
	}
	size_t shown = n;
	if (o->max_warnings >= 0 && (size_t)o->max_warnings < n)
		shown = (size_t)o->max_warnings;
	char cwd[PATH_MAX];
	struct report_run run = {
		.root = getcwd(cwd, sizeof(cwd)) ? cwd : ".",
		.total = n,
		.suppressed = nsup,
		.baselined = nbase,
		.ntus = js.v.n,
		.skipped = skipped,
		.errors = rc || skipped || diag_error_count(),
		.docs_url = config_docs_url ? config_docs_url : FC_DOCS_URL,
	};
	if (render(o, v, shown, &run))
		rc = 2;
	if (shown < n)
		fprintf(stderr, "fearcheck: note: --max-warnings %ld reached; "
				"%zu more findings not shown\n",
			o->max_warnings, n - shown);
	if (skipped)
		fprintf(stderr, "fearcheck: %d of %zu translation units "
				"skipped (errors above); they were not "
				"analysed\n",
			skipped, js.v.n);
	free(v);
	link_free(ps, np);
	arena_free(&mem);
	cdb_free(&js);
	if (rc)
		return rc;
	if (skipped || diag_error_count())
		return 2;
	return n ? 1 : 0;
}

int main(int argc, char **argv)
{
#ifdef FC_HAVE_RUN
	if (argc > 1 && !strcmp(argv[1], "run"))
		return run_main(argc - 1, argv + 1);
#endif
	struct options o;
	int rc = options_parse(argc, argv, &o);
	if (rc >= 0)
		return rc;
	if (o.explain)
		rc = report_explain(o.explain);
	else
		rc = analyze(&o);
	options_free(&o);
	return rc;
}
