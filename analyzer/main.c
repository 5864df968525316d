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
#include <dirent.h>
#include <errno.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "baseline.h"
#include "cache.h"
#include "cdb.h"
#include "checks.h"
#include "config.h"
#include "diag.h"
#include "link.h"
#include "options.h"
#include "parse.h"
#include "report.h"
#include "rtlog.h"
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

static double now(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

/* Wall time of each pass, for FEARCHECK_STATS=1 (bench/passes). */
static double t_parse, t_link, t_threads;

/* --cache: a stored entry for job j, if every file it read is unchanged. */
static char *cached_facts(const struct job *j, size_t *len, void *arg)
{
	const struct options *o = arg;
	return o->cache ? cache_lookup(o->cache, j, len) : NULL;
}

static int emit_failed;

/* Appends a path to a make rule, escaped the way gcc -MD does. */
static void rule_path(FILE *f, const char *p)
{
	for (; *p; p++) {
		if (*p == ' ' || *p == '\t' || *p == '#' || *p == '\\')
			fputc('\\', f);
		else if (*p == '$')
			fputc('$', f);
		fputc(*p, f);
	}
}

/* --depfile: "facts: source headers...", for make and ninja. */
static void write_depfile(const struct options *o, const struct job *j,
			  const char *deps)
{
	FILE *f = fopen(o->depfile, "w");
	if (!f) {
		diag_error("--depfile %s: cannot write: %m", o->depfile);
		emit_failed = 1;
		return;
	}
	rule_path(f, o->emit_facts);
	fputs(":", f);
	fputs(" ", f);
	rule_path(f, j->file);
	for (const char *p = deps; p && *p;) {
		const char *nl = strchr(p, '\n');
		size_t n = nl ? (size_t)(nl - p) : strlen(p);
		fputs(" \\\n ", f);
		rule_path(f, intern_n(p, n));
		p = nl ? nl + 1 : p + n;
	}
	fputc('\n', f);
	if (fclose(f) != 0) {
		diag_error("--depfile %s: cannot write: %m", o->depfile);
		emit_failed = 1;
	}
}

/* Keeps a fresh TU's facts: in the cache, in --emit-facts. */
static void keep_facts(const struct job *j, const char *text, size_t len,
		       const char *deps, void *arg)
{
	const struct options *o = arg;
	if (o->cache)
		cache_store(o->cache, j, text, len, deps);
	if (!o->emit_facts)
		return;
	if (o->depfile)
		write_depfile(o, j, deps);
	const char *name = o->emit_dir ? cache_facts_name(o->emit_facts, j)
				       : o->emit_facts;
	FILE *f = fopen(name, "wb");
	if (!f || fwrite(text, 1, len, f) != len || fclose(f) != 0) {
		diag_error("--emit-facts %s: cannot write: %m", name);
		emit_failed = 1;
	}
}

/*
 * --link: read the facts files (or the *.facts of directories) named on
 * the command line into tus.  Returns the number of TUs, or -1 after a
 * message.
 */
static long read_linked(const struct options *o, struct arena *mem,
			struct tu **out)
{
	VEC(const char *) files = { 0 };
	for (int i = 0; i < o->cdb.npaths; i++) {
		struct stat st;
		const char *p = o->cdb.paths[i];
		if (stat(p, &st) != 0) {
			diag_error("--link %s: %m", p);
			goto bad;
		}
		if (!S_ISDIR(st.st_mode)) {
			vec_push(&files, intern(p));
			continue;
		}
		DIR *d = opendir(p);
		if (!d) {
			diag_error("--link %s: %m", p);
			goto bad;
		}
		size_t first = files.n;
		for (struct dirent *e; (e = readdir(d));) {
			size_t l = strlen(e->d_name);
			if (l > 6 && !strcmp(e->d_name + l - 6, ".facts"))
				vec_push(&files, internf("%s/%s", p,
							 e->d_name));
		}
		closedir(d);
		/* readdir's order is the file system's: sort for stable runs. */
		fc_sort(files.a + first, files.n - first, sizeof(*files.a),
		      fc_cmp_str);
	}
	if (!files.n) {
		diag_error("--link: no facts files given");
		goto bad;
	}
	struct tu *tus = arena_alloc(mem, sizeof(struct tu) * files.n);
	for (size_t i = 0; i < files.n; i++) {
		size_t len;
		char *err = NULL, *text = read_file(files.a[i], &len);
		if (!text) {
			diag_error("--link %s: cannot read: %m", files.a[i]);
			goto bad;
		}
		int r = ir_read(text, len, mem, &tus[i], &err);
		free(text);
		if (r != 0) {
			diag_error("--link %s: not a facts file: %s",
				   files.a[i], err);
			free(err);
			goto bad;
		}
	}
	*out = tus;
	long n = (long)files.n;
	vec_free(&files);
	/*
	 * The nested .fearcheck files of the TUs' directories, as a run from
	 * here over the sources would read them (facts name their files
	 * relative to the directory extraction ran in: this one).
	 */
	struct jobs js = { 0 };
	for (long i = 0; i < n; i++) {
		struct job j = { .file = path_absolute(tus[i].path) };
		vec_push(&js.v, j);
	}
	char *here[] = { "." };
	struct options lo = *o;
	lo.cdb.paths = here;
	lo.cdb.npaths = 1;
	int rc = config_load_nested(&lo, &js);
	for (size_t i = 0; i < js.v.n; i++)
		free(js.v.a[i].file);
	vec_free(&js.v);
	return rc ? -1 : n;
bad:
	vec_free(&files);
	return -1;
}

/* Parses the inputs into tus; returns the number of TUs, -1 on error. */
static long read_sources(struct options *o, struct jobs *js,
			 struct arena *mem, struct tu **out, int *skipped)
{
	if (cdb_collect(&o->cdb, js))
		return -1;
	if (!o->cdb.npaths && !o->cdb.build_dir) {
		diag_error("no input: give a directory, source files or a "
			   "compile_commands.json (see --help)");
		return -1;
	}
	if (!js->v.n) {
		diag_error("no C source files to analyse");
		return -1;
	}
	if (config_load_nested(o, js))
		return -1;
	if (o->cache && cache_prepare(o->cache))
		return -1;
	if (o->emit_facts) {
		struct stat st;
		size_t l = strlen(o->emit_facts);
		o->emit_dir = js->v.n > 1 || o->emit_facts[l - 1] == '/' ||
			      (stat(o->emit_facts, &st) == 0 &&
			       S_ISDIR(st.st_mode));
		if (o->emit_dir && o->depfile) {
			diag_error("--depfile: --emit-facts %s writes more than "
				   "one TU's facts", o->emit_facts);
			return -1;
		}
		if (o->emit_dir && mkdir(o->emit_facts, 0777) != 0 &&
		    errno != EEXIST) {
			diag_error("--emit-facts %s: cannot create: %m",
				   o->emit_facts);
			return -1;
		}
	}
	struct parse_options po = {
		.jobs = o->jobs,
		.timeout = o->timeout,
		.progress = !o->quiet && (o->progress || isatty(2)),
		.on_facts = o->cache || o->emit_facts ? keep_facts : NULL,
		.on_facts_arg = o,
		.cached = o->cache ? cached_facts : NULL,
	};
	struct tu *tus = arena_alloc(mem, sizeof(struct tu) * js->v.n);
	double t0 = now();
	*skipped = parse_all(js, &po, mem, tus);
	t_parse = now() - t0;
	*out = tus;
	return (long)js->v.n;
}

static int analyze(struct options *o)
{
	int rc = config_load(o);
	if (rc)
		return rc;
	options_apply_check_ops(o);
	if (o->baseline && (rc = baseline_load(o->baseline)))
		return rc;
	struct jobs js = { 0 };
	struct arena mem = { 0 };
	struct tu *tus = NULL;
	int skipped = 0;
	/* --runtime-log alone reads no source. */
	bool sources = o->nlink_mode || o->cdb.npaths || o->cdb.build_dir ||
		       !o->nrtlogs;
	long ntu = !sources ? 0
		 : o->nlink_mode ? read_linked(o, &mem, &tus)
				 : read_sources(o, &js, &mem, &tus, &skipped);
	if (ntu < 0) {
		arena_free(&mem);
		cdb_free(&js);
		return 2;
	}
	if (o->emit_facts) {
		/* Extraction only: the link step runs the checks. */
		arena_free(&mem);
		cdb_free(&js);
		return skipped || emit_failed || diag_error_count() ? 2 : 0;
	}

	uint32_t np = 0;
	double t0 = now();
	struct program *ps = ntu ? link_programs(tus, (uint32_t)ntu, &np)
				 : NULL;
	t_link = now() - t0;
	size_t nchecks;
	struct check_def *checks = options_checks(&nchecks);
	double *t_check = xcalloc(nchecks + 1, sizeof(double));
	for (uint32_t k = 0; k < np; k++) {
		t0 = now();
		threads_build(&ps[k]);
		t_threads += now() - t0;
		for (size_t c = 0; c < nchecks; c++)
			if (checks[c].enabled && checks[c].run) {
				t0 = now();
				checks[c].run(&ps[k]);
				t_check[c] += now() - t0;
			}
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
		fprintf(stderr, "fearcheck: stats: time: parse %.3f s, link "
				"%.3f s, threads and summaries %.3f s",
			t_parse, t_link, t_threads);
		for (size_t c = 0; c < nchecks; c++)
			if (t_check[c] > 0)
				fprintf(stderr, ", %s %.3f s", checks[c].id,
					t_check[c]);
		fputc('\n', stderr);
		for (uint32_t k = 0; k < np; k++) {
			size_t acc = 0;
			for (size_t t = 0; t < ps[k].threads.n; t++)
				acc += ps[k].threads.a[t].acc.n;
			fprintf(stderr, "fearcheck: stats: %s: %zu functions, "
					"%zu threads, %zu accesses\n",
				ps[k].name, ps[k].funcs.n, ps[k].threads.n, acc);
		}
	}
	for (int i = 0; i < o->nrtlogs; i++)
		if (rtlog_load(o->rtlogs[i]))
			rc = 2;
	if (checks_graph_finish() != 0) {
		diag_error("--graph: could not write the graph");
		rc = 2;
	}
	suppress_apply(tus, (uint32_t)ntu);
	diag_finalize(tus, (uint32_t)ntu);
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
		.ntus = (size_t)ntu,
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
			skipped, (size_t)ntu);
	free(v);
	free(t_check);
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
