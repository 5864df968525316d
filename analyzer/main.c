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
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cdb.h"
#include "checks.h"
#include "diag.h"
#include "link.h"
#include "options.h"
#include "parse.h"
#include "report.h"
#if __has_include("run.h")
#include "run.h"
#define FC_HAVE_RUN 1
#endif

static int analyze(struct options *o)
{
	struct jobs js;
	int rc = cdb_collect(&o->cdb, &js);
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
	size_t n;
	struct finding **v = report_collect(&n);
	size_t shown = n;
	if (o->max_warnings >= 0 && (size_t)o->max_warnings < n)
		shown = (size_t)o->max_warnings;
	FILE *out = stderr;
	if (o->output) {
		out = fopen(o->output, "w");
		if (!out) {
			diag_error("-o %s: cannot write: %m", o->output);
			out = stderr;
			rc = 2;
		}
	}
	report_text(out, v, shown);
	if (shown < n)
		fprintf(stderr, "fearcheck: note: --max-warnings %ld reached; "
				"%zu more findings not shown\n",
			o->max_warnings, n - shown);
	if (out != stderr)
		fclose(out);
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
	rc = analyze(&o);
	options_free(&o);
	return rc;
}
