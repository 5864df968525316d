// SPDX-License-Identifier: MIT
/*
 * parse.c - libclang parsing in isolated worker processes.
 *
 * Pass: jobs -> per-TU facts.  The parent forks -j long-lived workers; each
 * takes job numbers from a pipe, parses that TU with libclang, extracts its
 * facts (facts.c), writes them back as IR text and disposes the TU at once,
 * so one parse at a time is alive per worker.  A worker that crashes or
 * exceeds the per-TU timeout costs that TU only: the parent reports it,
 * kills and replaces the worker, and goes on.
 *
 * A parse is judged by its diagnostics, not by libclang's return code: a
 * fatal error (a missing header) or an error located in the source makes the
 * TU skipped, with its errors printed; a location-less error (a compiler
 * flag clang does not know) does not.
 *
 * DESIGN
 * Messages on a worker's result pipe: u32 job, u32 status (0 parsed,
 * 1 skipped), u64 length and the facts text, u64 length and the diagnostic
 * text.  The parent prints diagnostics in job order after all jobs finish,
 * so output does not depend on scheduling.
 */
#include "parse.h"

#include <clang-c/Index.h>
#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <pthread.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "diag.h"
#include "openguard.h"

#ifndef FC_CLANG_RESOURCE_DIR
#define FC_CLANG_RESOURCE_DIR ""
#endif

static const char *resource_dir(void)
{
	static const char *dir;
	static bool done;
	if (!done) {
		done = true;
		const char *env = getenv("FEARCHECK_RESOURCE_DIR");
		const char *cand = env && env[0] ? env : FC_CLANG_RESOURCE_DIR;
		struct stat st;
		if (cand[0] && stat(cand, &st) == 0 && S_ISDIR(st.st_mode))
			dir = cand;
	}
	return dir;
}

/*
 * fearcheck's own headers (<fearcheck/chan.h>), searched after everything
 * else like a compiler's builtin headers: next to an installed binary, else
 * in the source tree it was built from.
 */
static const char *own_include_dir(void)
{
	static const char *dir;
	static bool done;
	if (done)
		return dir;
	done = true;
	char exe[4096];
	ssize_t n = readlink("/proc/self/exe", exe, sizeof(exe) - 1);
	if (n > 0) {
		exe[n] = 0;
		char *slash = strrchr(exe, '/');
		if (slash) {
			*slash = 0;
			char *cand = path_join(exe, "../include");
			char *hdr = path_join(cand, "fearcheck/chan.h");
			struct stat st;
			if (stat(hdr, &st) == 0)
				dir = cand;
			else
				free(cand);
			free(hdr);
		}
	}
#ifdef FC_SOURCE_INCLUDE_DIR
	struct stat st;
	if (!dir && stat(FC_SOURCE_INCLUDE_DIR "/fearcheck/chan.h", &st) == 0)
		dir = FC_SOURCE_INCLUDE_DIR;
#endif
	return dir;
}

static const char *diag_file(CXSourceLocation loc, unsigned *line,
			     unsigned *col)
{
	CXFile f;
	clang_getExpansionLocation(loc, &f, line, col, NULL);
	if (!f)
		return NULL;
	CXString s = clang_getFileName(f);
	char *abs = path_absolute(clang_getCString(s));
	clang_disposeString(s);
	const char *d = path_display(abs);
	free(abs);
	return d;
}

/*
 * Collects the TU's errors into diags; returns true when the TU must be
 * skipped (a fatal error, or an error located in a file).
 */
static bool judge(CXTranslationUnit tu, const struct job *j, struct sb *diags)
{
	unsigned n = clang_getNumDiagnostics(tu);
	unsigned shown = 0, nerr = 0;
	bool skip = false;
	for (unsigned i = 0; i < n; i++) {
		CXDiagnostic d = clang_getDiagnostic(tu, i);
		enum CXDiagnosticSeverity sev = clang_getDiagnosticSeverity(d);
		if (sev < CXDiagnostic_Error) {
			clang_disposeDiagnostic(d);
			continue;
		}
		unsigned line = 0, col = 0;
		const char *file = diag_file(clang_getDiagnosticLocation(d),
					     &line, &col);
		if (sev == CXDiagnostic_Fatal || file)
			skip = true;
		nerr++;
		if (shown < 10) {
			CXString sp = clang_getDiagnosticSpelling(d);
			struct pos p = { file, line, col };
			struct sb one = { 0 };
			if (p.file) {
				diag_escape(&one, p.file);
				sb_printf(&one, ":%u:%u: ", line, col);
			} else {
				sb_puts(&one, "fearcheck: ");
				diag_escape(&one, j->display);
				sb_puts(&one, ": ");
			}
			sb_puts(&one, sev == CXDiagnostic_Fatal ? "fatal error: "
								: "error: ");
			diag_escape(&one, clang_getCString(sp));
			sb_putc(&one, '\n');
			sb_puts(diags, sb_str(&one));
			sb_free(&one);
			clang_disposeString(sp);
			shown++;
		}
		clang_disposeDiagnostic(d);
	}
	if (nerr > shown)
		sb_printf(diags, "fearcheck: %s: %u more errors not shown\n",
			  j->display, nerr - shown);
	return skip;
}

static void inclusion(CXFile f, CXSourceLocation *stack, unsigned depth,
		      CXClientData data)
{
	(void)stack;
	(void)depth;
	struct sb *deps = data;
	CXString s = clang_getFileName(f);
	const char *name = clang_getCString(s);
	if (name) {
		char *abs = path_absolute(name);
		sb_puts(deps, abs);
		sb_putc(deps, '\n');
		free(abs);
	}
	clang_disposeString(s);
}

/* The files the TU read but its main file, each once, sorted. */
static void inclusions(CXTranslationUnit tu, const struct job *j,
		       struct sb *deps)
{
	struct sb all = { 0 };
	clang_getInclusions(tu, inclusion, &all);
	VEC(const char *) v = { 0 };
	for (const char *p = sb_str(&all); *p;) {
		const char *nl = strchr(p, '\n');
		vec_push(&v, intern_n(p, (size_t)(nl - p)));
		p = nl + 1;
	}
	sb_free(&all);
	fc_sort(v.a, v.n, sizeof(*v.a), fc_cmp_str);
	const char *main_file = intern(j->file);
	for (size_t i = 0; i < v.n; i++) {
		if (v.a[i] == main_file || (i && v.a[i] == v.a[i - 1]))
			continue;
		sb_puts(deps, v.a[i]);
		sb_putc(deps, '\n');
	}
	vec_free(&v);
}

char *parse_one_text(void *cx_index, const struct job *j,
		     const struct parse_options *o, size_t *len,
		     struct sb *diags, struct sb *deps)
{
	VEC(const char *) args = { 0 };
	for (int i = 0; i < j->argc; i++)
		vec_push(&args, j->argv[i]);
	char *wd = NULL, *rd = NULL;
	if (j->dir) {
		size_t n = strlen(j->dir) + 32;
		wd = xmalloc(n);
		snprintf(wd, n, "-working-directory=%s", j->dir);
		vec_push(&args, wd);
	}
	if (resource_dir()) {
		size_t n = strlen(resource_dir()) + 32;
		rd = xmalloc(n);
		snprintf(rd, n, "-resource-dir=%s", resource_dir());
		vec_push(&args, rd);
	}
	char *inc = NULL;
	if (own_include_dir()) {
		size_t n = strlen(own_include_dir()) + 16;
		inc = xmalloc(n);
		snprintf(inc, n, "-idirafter%s", own_include_dir());
		vec_push(&args, inc);
	}
	vec_push(&args, "-w");	/* warnings cannot skip a TU, or be errors */
	vec_push(&args, "-ferror-limit=20");
	CXTranslationUnit tu = NULL;
	char *text = NULL;
	struct stat st;
	const char *why = NULL;
	/* A FIFO or a device would hang the parse, not fail it. */
	if (stat(j->file, &st) != 0)
		why = strerror(errno);
	else if (S_ISDIR(st.st_mode))
		why = "it is a directory";
	else if (!S_ISREG(st.st_mode))
		why = "not a regular file";
	else if (access(j->file, R_OK) != 0)
		why = strerror(errno);
	if (why) {
		sb_puts(diags, "fearcheck: ");
		diag_escape(diags, j->display);
		sb_printf(diags, ": error: cannot read it: %s\n", why);
		goto out;
	}
	unsigned flags = CXTranslationUnit_IgnoreNonErrorsFromIncludedFiles;
	enum CXErrorCode ec = clang_parseTranslationUnit2(
		cx_index, j->file, args.a, (int)args.n, NULL, 0, flags, &tu);
	if (ec != CXError_Success || !tu) {
		sb_puts(diags, "fearcheck: ");
		diag_escape(diags, j->display);
		sb_printf(diags, ": error: libclang could not parse it "
				 "(error %d)\n", (int)ec);
		goto out;
	}
	if (judge(tu, j, diags))
		goto out;
	if (deps)
		inclusions(tu, j, deps);
	struct arena a = { 0 };
	struct tu facts;
	facts_extract(tu, j->display, &o->facts, &a, &facts);
	FILE *f = open_memstream(&text, len);
	if (!f)
		fc_oom();
	ir_write(f, &facts);
	fclose(f);
	arena_free(&a);
out:
	if (tu)
		clang_disposeTranslationUnit(tu);
	free(wd);
	free(rd);
	free(inc);
	vec_free(&args);
	return text;
}

/* ---------------------------------------------------------------- workers */

static bool write_full(int fd, const void *p, size_t n)
{
	const char *c = p;
	while (n) {
		ssize_t w = write(fd, c, n);
		if (w < 0 && errno == EINTR)
			continue;
		if (w <= 0)
			return false;
		c += w;
		n -= (size_t)w;
	}
	return true;
}

static bool read_full(int fd, void *p, size_t n)
{
	char *c = p;
	while (n) {
		ssize_t r = read(fd, c, n);
		if (r < 0 && errno == EINTR)
			continue;
		if (r <= 0)
			return false;
		c += r;
		n -= (size_t)r;
	}
	return true;
}

struct worker_args {
	const struct jobs *js;
	const struct parse_options *o;
	int in, out;
};

static void *worker_loop(void *arg)
{
	const struct worker_args *wa = arg;
	const struct jobs *js = wa->js;
	CXIndex idx = clang_createIndex(0, 0);
	for (;;) {
		uint32_t ji;
		if (!read_full(wa->in, &ji, sizeof(ji)) || ji >= js->v.n)
			break;
		struct sb diags = { 0 }, deps = { 0 };
		size_t len = 0;
		char *text = parse_one_text(idx, &js->v.a[ji], wa->o, &len,
					    &diags, &deps);
		uint32_t status = text ? 0 : 1;
		uint64_t l1 = text ? len : 0, l2 = diags.len, l3 = deps.len;
		int out = wa->out;
		bool ok = write_full(out, &ji, sizeof(ji)) &&
			  write_full(out, &status, sizeof(status)) &&
			  write_full(out, &l1, sizeof(l1)) &&
			  write_full(out, text ? text : "", l1) &&
			  write_full(out, &l2, sizeof(l2)) &&
			  write_full(out, sb_str(&diags), l2) &&
			  write_full(out, &l3, sizeof(l3)) &&
			  write_full(out, sb_str(&deps), l3);
		free(text);
		sb_free(&diags);
		sb_free(&deps);
		if (!ok)
			break;
	}
	clang_disposeIndex(idx);
	return NULL;
}

/*
 * A worker parses on a thread of its own with a deep stack, and tells
 * libclang not to start its own (8 MB) parse thread: clang's parser and
 * our walk recurse once per nesting level, and generated code nests
 * `else if` chains and expressions tens of thousands deep.  Stack is
 * reserved, not committed: what a TU does not use costs nothing.
 */
#define WORKER_STACK ((size_t)1 << 30)

/* Runs fn(arg) on a thread with a WORKER_STACK stack, else right here. */
static void on_deep_stack(void *(*fn)(void *), void *arg)
{
	pthread_attr_t attr;
	pthread_t t;
	pthread_attr_init(&attr);
	setenv("LIBCLANG_NOTHREADS", "1", 1);
	if (pthread_attr_setstacksize(&attr, WORKER_STACK) != 0 ||
	    pthread_create(&t, &attr, fn, arg) != 0) {
		unsetenv("LIBCLANG_NOTHREADS");
		fn(arg);
	} else {
		pthread_join(t, NULL);
	}
	pthread_attr_destroy(&attr);
}

FC_NORETURN static void worker_main(const struct jobs *js,
				    const struct parse_options *o, int in,
				    int out)
{
	struct worker_args wa = { js, o, in, out };
	openguard_enable(true);
	on_deep_stack(worker_loop, &wa);
	_exit(0);
}

struct worker {
	pid_t pid;
	int to, from;		/* job pipe (write end), result pipe */
	long job;		/* job in progress, or -1 */
	struct timespec start;
};

/*
 * Starts worker w.  The child closes the pipes of every other worker it
 * inherited (all of ws[0..nw)), or an older worker would never see the end
 * of its job pipe.
 */
/*
 * A worker's memory is bounded, so that a TU that includes /dev/zero or
 * a generated monster costs that TU, not the machine: by default the
 * physical memory shared among the workers and fearcheck itself, at
 * least 2 GiB; FEARCHECK_WORKER_MEMORY=MB sets it.  Not under ASan, whose
 * shadow memory counts as data.
 */
static void limit_memory(int nw)
{
#if !defined(__SANITIZE_ADDRESS__) && !defined(__SANITIZE_THREAD__)
	const char *env = getenv("FEARCHECK_WORKER_MEMORY");
	unsigned long long lim = 0;
	if (env && *env)
		lim = strtoull(env, NULL, 10) << 20;
	if (!lim) {
		long pages = sysconf(_SC_PHYS_PAGES), psz = sysconf(_SC_PAGESIZE);
		if (pages > 0 && psz > 0)
			lim = (unsigned long long)pages * (unsigned long long)psz /
			      (unsigned long long)(nw + 1);
		if (lim < (2ull << 30))
			lim = 2ull << 30;
	}
	struct rlimit rl = { lim, lim };
	setrlimit(RLIMIT_DATA, &rl);
#else
	(void)nw;
#endif
}

static bool spawn_worker(struct worker *w, struct worker *ws, int nw,
			 const struct jobs *js, const struct parse_options *o)
{
	int jp[2], rp[2];
	if (pipe(jp) != 0)
		return false;
	if (pipe(rp) != 0) {
		close(jp[0]);
		close(jp[1]);
		return false;
	}
	fflush(stdout);
	fflush(stderr);
	pid_t pid = fork();
	if (pid < 0) {
		close(jp[0]);
		close(jp[1]);
		close(rp[0]);
		close(rp[1]);
		return false;
	}
	if (pid == 0) {
		close(jp[1]);
		close(rp[0]);
		for (int i = 0; i < nw; i++) {
			if (&ws[i] == w || ws[i].pid <= 0)
				continue;
			close(ws[i].to);
			close(ws[i].from);
		}
		signal(SIGPIPE, SIG_DFL);
		/* Nothing a TU includes may read the terminal. */
		int null = open("/dev/null", O_RDONLY | O_CLOEXEC);
		if (null >= 0) {
			dup2(null, 0);
			close(null);
		}
		limit_memory(nw);
		worker_main(js, o, jp[0], rp[1]);
	}
	close(jp[0]);
	close(rp[1]);
	w->pid = pid;
	w->to = jp[1];
	w->from = rp[0];
	w->job = -1;
	return true;
}

static void stop_worker(struct worker *w, bool kill_it)
{
	if (w->pid <= 0)
		return;
	if (kill_it)
		kill(w->pid, SIGKILL);
	if (w->to >= 0)
		close(w->to);
	close(w->from);
	int st;
	while (waitpid(w->pid, &st, 0) < 0 && errno == EINTR)
		;
	w->pid = -1;
}

static double elapsed(const struct timespec *t0)
{
	struct timespec t;
	clock_gettime(CLOCK_MONOTONIC, &t);
	return (double)(t.tv_sec - t0->tv_sec) +
	       (double)(t.tv_nsec - t0->tv_nsec) / 1e9;
}

struct result {
	char *diags;
	bool done;
};

static void take_facts(const struct jobs *js, const struct parse_options *o,
		       struct arena *a, struct tu *tus, uint32_t ji,
		       const char *text, size_t len, const char *deps,
		       struct result *res)
{
	const struct job *j = &js->v.a[ji];
	char *err = NULL;
	if (o->on_facts)
		o->on_facts(j, text, len, deps, o->on_facts_arg);
	if (ir_read(text, len, a, &tus[ji], &err) != 0) {
		struct sb b = { 0 };
		sb_printf(&b, "fearcheck: %s: error: bad facts: %s\n",
			  j->display, err);
		res->diags = xstrdup(sb_str(&b));
		sb_free(&b);
		free(err);
		tus[ji].skipped = true;
		tus[ji].path = j->display;
	}
}

static void mark_skipped(const struct jobs *js, struct tu *tus, uint32_t ji)
{
	memset(&tus[ji], 0, sizeof(tus[ji]));
	tus[ji].skipped = true;
	tus[ji].path = js->v.a[ji].display;
}

static void progress(const struct parse_options *o, size_t done, size_t total,
		     const struct timespec *t0)
{
	if (!o->progress)
		return;
	fprintf(stderr, "\r\033[Kfearcheck: %zu/%zu TUs parsed, %.1fs", done,
		total, elapsed(t0));
	if (done == total)
		fputs("\r\033[K", stderr);
	fflush(stderr);
}

/* FEARCHECK_NO_FORK=1: parse in this process, for debuggers. */
struct inprocess_args {
	const struct jobs *js;
	const struct parse_options *o;
	struct arena *a;
	struct tu *tus;
	int skipped;
};

static void *inprocess_loop(void *arg)
{
	struct inprocess_args *ia = arg;
	const struct jobs *js = ia->js;
	CXIndex idx = clang_createIndex(0, 0);
	for (size_t i = 0; i < js->v.n; i++) {
		struct sb d = { 0 }, deps = { 0 };
		size_t len = 0;
		char *text = parse_one_text(idx, &js->v.a[i], ia->o, &len, &d,
					    &deps);
		fputs(sb_str(&d), stderr);
		sb_free(&d);
		struct result r = { 0 };
		if (text)
			take_facts(js, ia->o, ia->a, ia->tus, (uint32_t)i, text,
				   len, sb_str(&deps), &r);
		else
			mark_skipped(js, ia->tus, (uint32_t)i);
		sb_free(&deps);
		if (r.diags)
			fputs(r.diags, stderr);
		free(r.diags);
		free(text);
		ia->skipped += ia->tus[i].skipped;
	}
	clang_disposeIndex(idx);
	return NULL;
}

/* FEARCHECK_NO_FORK=1: everything in this process (for debuggers). */
static int parse_inprocess(const struct jobs *js, const struct parse_options *o,
			   struct arena *a, struct tu *tus)
{
	struct inprocess_args ia = { js, o, a, tus, 0 };
	openguard_enable(true);
	on_deep_stack(inprocess_loop, &ia);
	openguard_enable(false);
	unsetenv("LIBCLANG_NOTHREADS");
	return ia.skipped;
}

int parse_all(const struct jobs *js, const struct parse_options *o,
	      struct arena *a, struct tu *tus)
{
	size_t n = js->v.n;
	const char *nf = getenv("FEARCHECK_NO_FORK");
	if (nf && nf[0] == '1')
		return parse_inprocess(js, o, a, tus);
	struct result *res = xcalloc(n ? n : 1, sizeof(*res));
	size_t next = 0, done = 0;
	struct timespec t0;
	clock_gettime(CLOCK_MONOTONIC, &t0);

	/* Cached TUs need no worker. */
	size_t todo = 0;
	uint32_t *queue = xmalloc(sizeof(uint32_t) * (n ? n : 1));
	for (size_t i = 0; i < n; i++) {
		size_t len;
		char *text = o->cached ? o->cached(&js->v.a[i], &len,
						   o->on_facts_arg) : NULL;
		if (text) {
			char *err = NULL;
			if (ir_read(text, len, a, &tus[i], &err) == 0) {
				res[i].done = true;
				done++;
				free(text);
				continue;
			}
			free(err);
			free(text);
		}
		queue[todo++] = (uint32_t)i;
	}

	int nw = o->jobs > 0 ? o->jobs : (int)sysconf(_SC_NPROCESSORS_ONLN);
	if (nw < 1)
		nw = 1;
	if ((size_t)nw > todo)
		nw = (int)(todo ? todo : 1);
	struct worker *w = xcalloc((size_t)nw, sizeof(*w));
	void (*old_pipe)(int) = signal(SIGPIPE, SIG_IGN);
	for (int i = 0; i < nw && todo; i++)
		if (!spawn_worker(&w[i], w, nw, js, o)) {
			diag_error("cannot start a parse worker: %s",
				   strerror(errno));
			w[i].pid = -1;
		}

	struct pollfd *pfd = xcalloc((size_t)nw, sizeof(*pfd));
	while (done < n) {
		/* Hand out work. */
		for (int i = 0; i < nw; i++) {
			if (w[i].pid <= 0 && next < todo &&
			    !spawn_worker(&w[i], w, nw, js, o))
				w[i].pid = -1;
			if (w[i].pid > 0 && w[i].job < 0 && next < todo) {
				uint32_t ji = queue[next++];
				if (!write_full(w[i].to, &ji, sizeof(ji))) {
					next--;
					stop_worker(&w[i], true);
					continue;
				}
				w[i].job = ji;
				clock_gettime(CLOCK_MONOTONIC, &w[i].start);
			}
		}
		int np = 0;
		for (int i = 0; i < nw; i++) {
			pfd[i].fd = w[i].pid > 0 && w[i].job >= 0 ? w[i].from
								  : -1;
			pfd[i].events = POLLIN;
			pfd[i].revents = 0;
			if (pfd[i].fd >= 0)
				np++;
		}
		if (!np) {
			/* No worker could be started: give the rest up. */
			for (size_t q = next; q < todo; q++) {
				mark_skipped(js, tus, queue[q]);
				res[queue[q]].diags = xstrdup(
					"fearcheck: error: no parse worker\n");
				res[queue[q]].done = true;
				done++;
			}
			next = todo;
			break;
		}
		int pr = poll(pfd, (nfds_t)nw, 1000);
		if (pr < 0 && errno != EINTR)
			break;
		for (int i = 0; i < nw; i++) {
			if (pfd[i].fd < 0)
				continue;
			uint32_t ji = (uint32_t)w[i].job;
			if (pfd[i].revents & (POLLIN | POLLHUP | POLLERR)) {
				uint32_t rji, status;
				uint64_t l1, l2, l3;
				char *text = NULL, *dtext = NULL, *deps = NULL;
				bool ok = read_full(w[i].from, &rji, 4) &&
					  rji == ji &&
					  read_full(w[i].from, &status, 4) &&
					  read_full(w[i].from, &l1, 8) &&
					  l1 < (1ull << 34);
				if (ok) {
					text = xmalloc(l1 + 1);
					ok = read_full(w[i].from, text, l1) &&
					     read_full(w[i].from, &l2, 8) &&
					     l2 < (1ull << 30);
					text[l1] = 0;
				}
				if (ok) {
					dtext = xmalloc(l2 + 1);
					ok = read_full(w[i].from, dtext, l2) &&
					     read_full(w[i].from, &l3, 8) &&
					     l3 < (1ull << 30);
					dtext[l2] = 0;
				}
				if (ok) {
					deps = xmalloc(l3 + 1);
					ok = read_full(w[i].from, deps, l3);
					deps[l3] = 0;
				}
				if (!ok) {
					int st = 0;
					kill(w[i].pid, SIGKILL);
					waitpid(w[i].pid, &st, 0);
					close(w[i].to);
					close(w[i].from);
					w[i].pid = -1;
					struct sb b = { 0 };
					sb_puts(&b, "fearcheck: ");
					diag_escape(&b, js->v.a[ji].display);
					if (WIFSIGNALED(st) &&
					    WTERMSIG(st) != SIGKILL)
						sb_printf(&b, ": error: the parse "
							  "worker crashed (%s%s); "
							  "skipped\n",
							  strsignal(WTERMSIG(st)),
							  WTERMSIG(st) == SIGABRT
							  ? ": out of memory, or "
							    "an internal error"
							  : "");
					else
						sb_puts(&b, ": error: the parse "
							    "worker died; skipped\n");
					res[ji].diags = xstrdup(sb_str(&b));
					sb_free(&b);
					mark_skipped(js, tus, ji);
				} else {
					res[ji].diags = l2 ? dtext : NULL;
					if (l2)
						dtext = NULL;
					if (status == 0)
						take_facts(js, o, a, tus, ji,
							   text, l1, deps,
							   &res[ji]);
					else
						mark_skipped(js, tus, ji);
					w[i].job = -1;
				}
				free(text);
				free(dtext);
				free(deps);
				res[ji].done = true;
				done++;
				progress(o, done, n, &t0);
			} else if (o->timeout &&
				   elapsed(&w[i].start) > (double)o->timeout) {
				stop_worker(&w[i], true);
				struct sb b = { 0 };
				sb_puts(&b, "fearcheck: ");
				diag_escape(&b, js->v.a[ji].display);
				sb_printf(&b, ": error: parsing took longer "
					  "than %us; skipped\n", o->timeout);
				res[ji].diags = xstrdup(sb_str(&b));
				sb_free(&b);
				mark_skipped(js, tus, ji);
				res[ji].done = true;
				done++;
				progress(o, done, n, &t0);
			}
		}
	}
	for (int i = 0; i < nw; i++) {
		if (w[i].pid > 0) {
			close(w[i].to);	/* end of jobs: workers exit */
			w[i].to = -1;
		}
	}
	for (int i = 0; i < nw; i++)
		stop_worker(&w[i], false);
	signal(SIGPIPE, old_pipe);
	free(pfd);
	free(w);
	free(queue);
	const char *st = getenv("FEARCHECK_STATS");
	if (o->cached && ((st && st[0] == '1') || o->progress))
		fprintf(stderr, "fearcheck: %zu of %zu translation units from "
				"the cache\n", n - todo, n);

	int skipped = 0;
	fflush(stdout);
	for (size_t i = 0; i < n; i++) {
		if (res[i].diags) {
			fputs(res[i].diags, stderr);
			free(res[i].diags);
		}
		if (tus[i].skipped)
			skipped++;
	}
	free(res);
	return skipped;
}
