// SPDX-License-Identifier: MIT
/*
 * run.c - `fearcheck run [options] [--] PROGRAM [ARGS...]`: run a program
 * under the runtime lock-order tracker and turn what it found into an
 * exit status.
 *
 * The tracker is libfearcheck-rt.so, found through FEARCHECK_RT_LIB, else
 * next to this executable: ../runtime/ in a build tree, ../lib/ or
 * ../lib/<multiarch>/ once installed.  The program runs with that library
 * prepended to LD_PRELOAD and the options in FEARCHECK_RT (after any the
 * environment already had, so the command line wins), with stdin, stdout
 * and stderr passed through untouched; the tracker prints its reports on
 * the program's stderr.
 *
 * How we learn that something was reported: the tracker appends a line to
 * a result file we name with result=FILE - "start PID" when it starts in
 * a process, "report TYPE" per report - so reports from child processes
 * the program forks or execs (which inherit the environment) count too,
 * even if the program exits with _exit() or dies.  No "start" line means
 * the tracker never ran (a static or setuid program): we warn.
 *
 * Exit status: --exit-code N (default 1) when anything was reported, else
 * the program's status, 128 + N when signal N killed it; 2 for a bad
 * option or a missing tracker; 126 or 127 when PROGRAM cannot be run.
 *
 * This file uses no libclang and nothing of the analyzer: it only runs a
 * process.
 */
#include <errno.h>
#include <fcntl.h>
#include <glob.h>
#include <limits.h>
#include <signal.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/types.h>
#include <sys/wait.h>
#include <unistd.h>

#include "run.h"

#define RT_LIB "libfearcheck-rt.so"

#if defined(__x86_64__) && defined(__ILP32__)
#define MULTIARCH "x86_64-linux-gnux32"
#elif defined(__x86_64__)
#define MULTIARCH "x86_64-linux-gnu"
#elif defined(__aarch64__)
#define MULTIARCH "aarch64-linux-gnu"
#elif defined(__i386__)
#define MULTIARCH "i386-linux-gnu"
#elif defined(__arm__)
#define MULTIARCH "arm-linux-gnueabihf"
#elif defined(__powerpc64__) && __BYTE_ORDER__ == __ORDER_LITTLE_ENDIAN__
#define MULTIARCH "powerpc64le-linux-gnu"
#elif defined(__s390x__)
#define MULTIARCH "s390x-linux-gnu"
#elif defined(__riscv) && __riscv_xlen == 64
#define MULTIARCH "riscv64-linux-gnu"
#else
#define MULTIARCH ""
#endif

static const char usage[] =
	"usage: fearcheck run [options] [--] PROGRAM [ARGS...]\n"
	"\n"
	"Run PROGRAM under the runtime lock-order tracker (libfearcheck-rt.so)\n"
	"and exit non-zero when it reported anything.\n"
	"\n"
	"options:\n"
	"  --log FILE            also write every report as JSON to FILE\n"
	"  --watchdog SECONDS    report threads blocked on each other for\n"
	"                        SECONDS, then end the program\n"
	"  --suppressions FILE   do not report what FILE lists (fun:, src:,\n"
	"                        lock:, type: patterns)\n"
	"  --deterministic       no addresses, thread ids or times in reports\n"
	"  --abort               abort the program at the first report\n"
	"  --report first|all    stop after the first report, or report all\n"
	"                        (default)\n"
	"  --single-thread       also report cycles made by one thread alone\n"
	"  --stack-depth N       frames per stack, 1 to 64 (default 16)\n"
	"  --quiet               no report text on stderr (see --log)\n"
	"  --exit-code N         exit status when anything was reported\n"
	"                        (default 1)\n"
	"  --rt-options OPTS     more FEARCHECK_RT options, as they are\n"
	"  -h, --help            show this help\n"
	"\n"
	"The tracker is found through FEARCHECK_RT_LIB, else next to fearcheck.\n"
	"Exit status: the --exit-code value when anything was reported, else\n"
	"PROGRAM's (128+N if killed by signal N); 2 for a usage error.\n";

struct run_opts {
	char rt[8192];		/* FEARCHECK_RT options we add */
	size_t rtlen;
	int exit_code;
	int watchdog;
	char **argv;		/* PROGRAM ARGS..., NULL-terminated */
};

static void run_error(const char *fmt, ...)
	__attribute__((format(printf, 1, 2)));
static void run_error(const char *fmt, ...)
{
	va_list ap;

	fputs("fearcheck run: ", stderr);
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fputc('\n', stderr);
}

/* Append ",key=value" (or the raw text when key is NULL) to the options. */
static int rt_add(struct run_opts *o, const char *key, const char *val)
{
	int n;

	n = snprintf(o->rt + o->rtlen, sizeof(o->rt) - o->rtlen, "%s%s%s%s",
		     o->rtlen ? "," : "", key ? key : "", key ? "=" : "", val);
	if (n < 0 || (size_t)n >= sizeof(o->rt) - o->rtlen) {
		run_error("tracker options too long");
		return -1;
	}
	o->rtlen += n;
	return 0;
}

static int parse_number(const char *opt, const char *val, long lo, long hi,
			long *out)
{
	char *end;
	long v;

	errno = 0;
	v = strtol(val, &end, 10);
	if (!*val || *end || errno || v < lo || v > hi) {
		run_error("%s: '%s' is not a number from %ld to %ld", opt, val,
			  lo, hi);
		return -1;
	}
	*out = v;
	return 0;
}

/* A value for FEARCHECK_RT must not contain its separators. */
static int check_value(const char *opt, const char *val)
{
	if (!*val || strpbrk(val, ",:")) {
		run_error("%s: '%s' must be non-empty and contain no ',' or ':'",
			  opt, val);
		return -1;
	}
	return 0;
}

enum { NO_ARG, WITH_ARG };

static const struct {
	const char *name;
	int arg;
} known[] = {
	{ "--log", WITH_ARG },		{ "--watchdog", WITH_ARG },
	{ "--suppressions", WITH_ARG },	{ "--deterministic", NO_ARG },
	{ "--abort", NO_ARG },		{ "--report", WITH_ARG },
	{ "--single-thread", NO_ARG },	{ "--stack-depth", WITH_ARG },
	{ "--quiet", NO_ARG },		{ "--exit-code", WITH_ARG },
	{ "--rt-options", WITH_ARG },
};

static int apply(struct run_opts *o, const char *name, const char *val)
{
	long v;

	if (!strcmp(name, "--log") || !strcmp(name, "--suppressions")) {
		if (check_value(name, val))
			return -1;
		return rt_add(o, name[2] == 'l' ? "log" : "suppressions", val);
	}
	if (!strcmp(name, "--watchdog")) {
		if (parse_number(name, val, 1, 86400, &v))
			return -1;
		o->watchdog = (int)v;
		return rt_add(o, "watchdog", val);
	}
	if (!strcmp(name, "--deterministic"))
		return rt_add(o, "deterministic", "1");
	if (!strcmp(name, "--abort"))
		return rt_add(o, "abort", "1");
	if (!strcmp(name, "--single-thread"))
		return rt_add(o, "single_thread", "1");
	if (!strcmp(name, "--quiet"))
		return rt_add(o, "quiet", "1");
	if (!strcmp(name, "--report")) {
		if (strcmp(val, "first") && strcmp(val, "all")) {
			run_error("--report: '%s' is neither first nor all", val);
			return -1;
		}
		return rt_add(o, "report", val);
	}
	if (!strcmp(name, "--stack-depth")) {
		if (parse_number(name, val, 1, 64, &v))
			return -1;
		return rt_add(o, "stack_depth", val);
	}
	if (!strcmp(name, "--exit-code")) {
		if (parse_number(name, val, 1, 255, &v))
			return -1;
		o->exit_code = (int)v;
		return 0;
	}
	/* --rt-options: passed on as it is, even empty */
	return *val ? rt_add(o, NULL, val) : 0;
}

/* Returns 0 to run, 1 after --help, -1 on a usage error. */
static int parse_args(int argc, char **argv, struct run_opts *o)
{
	int i;

	memset(o, 0, sizeof(*o));
	o->exit_code = 1;
	for (i = 1; i < argc; i++) {
		const char *arg = argv[i], *eq, *val = NULL;
		size_t len;
		unsigned int k;

		if (!strcmp(arg, "--")) {
			i++;
			break;
		}
		if (!strcmp(arg, "-h") || !strcmp(arg, "--help")) {
			fputs(usage, stdout);
			return 1;
		}
		if (arg[0] != '-' || !arg[1])
			break;		/* PROGRAM */
		eq = strchr(arg, '=');
		len = eq ? (size_t)(eq - arg) : strlen(arg);
		for (k = 0; k < sizeof(known) / sizeof(known[0]); k++)
			if (strlen(known[k].name) == len &&
			    !strncmp(arg, known[k].name, len))
				break;
		if (k == sizeof(known) / sizeof(known[0])) {
			run_error("unknown option '%.*s' (see fearcheck run --help)",
				  (int)len, arg);
			return -1;
		}
		if (known[k].arg == NO_ARG && eq) {
			run_error("%s takes no value", known[k].name);
			return -1;
		}
		if (known[k].arg == WITH_ARG) {
			if (eq) {
				val = eq + 1;
			} else if (i + 1 < argc) {
				val = argv[++i];
			} else {
				run_error("%s needs a value", known[k].name);
				return -1;
			}
		}
		if (apply(o, known[k].name, val ? val : ""))
			return -1;
	}
	if (i >= argc) {
		run_error("no program to run (usage: fearcheck run [options] -- PROGRAM [ARGS...])");
		return -1;
	}
	o->argv = argv + i;
	return 0;
}

static int usable(const char *path)
{
	struct stat st;

	return stat(path, &st) == 0 && S_ISREG(st.st_mode);
}

/*
 * Find libfearcheck-rt.so; store its absolute path in out (PATH_MAX
 * bytes).  Returns 0, or
 * -1 after saying where we looked.
 */
static int find_library(char *out)
{
	static const char *const rel[] = {
		"../runtime/" RT_LIB,
		"../lib/" RT_LIB,
		"../lib/" MULTIARCH "/" RT_LIB,
		"../lib64/" RT_LIB,
		RT_LIB,
	};
	const char *env = getenv("FEARCHECK_RT_LIB");
	char exe[PATH_MAX], cand[PATH_MAX + 64], *slash;
	ssize_t n;

	if (env && *env) {
		if (!usable(env) || !realpath(env, out)) {
			run_error("FEARCHECK_RT_LIB=%s: no such library", env);
			return -1;
		}
		return 0;
	}
	n = readlink("/proc/self/exe", exe, sizeof(exe) - 1);
	if (n <= 0) {
		run_error("cannot find " RT_LIB ": /proc/self/exe: %s; set FEARCHECK_RT_LIB",
			  strerror(errno));
		return -1;
	}
	exe[n] = 0;
	slash = strrchr(exe, '/');
	if (slash)
		slash[1] = 0;
	for (unsigned int i = 0; i < sizeof(rel) / sizeof(rel[0]); i++) {
		snprintf(cand, sizeof(cand), "%s%s", exe, rel[i]);
		if (usable(cand) && realpath(cand, out))
			return 0;
	}
	/* an install for another multiarch triplet */
	snprintf(cand, sizeof(cand), "%s../lib/*/" RT_LIB, exe);
	{
		glob_t g;
		int found = 0;

		if (glob(cand, 0, NULL, &g) == 0 && g.gl_pathc &&
		    realpath(g.gl_pathv[0], out))
			found = 1;
		globfree(&g);
		if (found)
			return 0;
	}
	run_error("cannot find " RT_LIB " in %s../runtime, %s../lib or %s../lib/" MULTIARCH "; set FEARCHECK_RT_LIB",
		  exe, exe, exe);
	return -1;
}

static int set_env(const char *lib, const struct run_opts *o,
		   const char *result)
{
	const char *old = getenv("LD_PRELOAD"), *oldrt = getenv("FEARCHECK_RT");
	size_t n;
	char *v;

	n = strlen(lib) + (old ? strlen(old) : 0) + 2;
	v = malloc(n);
	if (!v)
		return -1;
	snprintf(v, n, "%s%s%s", lib, old && *old ? ":" : "",
		 old ? old : "");
	if (setenv("LD_PRELOAD", v, 1))
		return free(v), -1;
	free(v);
	n = (oldrt ? strlen(oldrt) : 0) + o->rtlen + strlen(result) + 32;
	v = malloc(n);
	if (!v)
		return -1;
	snprintf(v, n, "%s%s%s%sresult=%s", oldrt ? oldrt : "",
		 oldrt && *oldrt ? "," : "", o->rt, o->rtlen ? "," : "",
		 result);
	/* the watchdog can only end a deadlocked program with an exit code */
	if (o->watchdog) {
		size_t len = strlen(v);

		snprintf(v + len, n - len, ",exitcode=%d", o->exit_code);
	}
	if (setenv("FEARCHECK_RT", v, 1))
		return free(v), -1;
	free(v);
	return 0;
}

static volatile sig_atomic_t child_pid;

static void forward_signal(int sig)
{
	if (child_pid > 0)
		kill((pid_t)child_pid, sig);
}

/* Count the "report" and "start" lines of the result file. */
static void read_result(const char *path, int *reports, int *started)
{
	char line[256];
	FILE *f = fopen(path, "r");

	*reports = *started = 0;
	if (!f)
		return;
	while (fgets(line, sizeof(line), f)) {
		if (!strncmp(line, "report ", 7))
			(*reports)++;
		else if (!strncmp(line, "start ", 6))
			(*started)++;
	}
	fclose(f);
}

/* See run.h.  Runs the program in a child process and waits for it. */
int run_main(int argc, char **argv)
{
	struct sigaction ign, fwd, old_int, old_quit, old_term, old_hup;
	char lib[PATH_MAX], result[PATH_MAX];
	const char *tmpdir = getenv("TMPDIR");
	int status, reports, started, fd, rc;
	struct run_opts o;
	pid_t pid;

	rc = parse_args(argc, argv, &o);
	if (rc)
		return rc > 0 ? 0 : 2;
	if (find_library(lib))
		return 2;
	snprintf(result, sizeof(result), "%s/fearcheck-run.XXXXXX",
		 tmpdir && *tmpdir ? tmpdir : "/tmp");
	fd = mkstemp(result);
	if (fd < 0) {
		run_error("cannot create a result file in %s: %s",
			  tmpdir && *tmpdir ? tmpdir : "/tmp", strerror(errno));
		return 2;
	}
	close(fd);
	fflush(NULL);

	memset(&ign, 0, sizeof(ign));
	ign.sa_handler = SIG_IGN;
	sigemptyset(&ign.sa_mask);
	memset(&fwd, 0, sizeof(fwd));
	fwd.sa_handler = forward_signal;
	sigemptyset(&fwd.sa_mask);
	/* like system(): the terminal's signals go to the program only */
	sigaction(SIGINT, &ign, &old_int);
	sigaction(SIGQUIT, &ign, &old_quit);
	sigaction(SIGTERM, &fwd, &old_term);
	sigaction(SIGHUP, &fwd, &old_hup);

	pid = fork();
	if (pid < 0) {
		run_error("fork: %s", strerror(errno));
		unlink(result);
		return 2;
	}
	if (pid == 0) {
		int err;

		sigaction(SIGINT, &old_int, NULL);
		sigaction(SIGQUIT, &old_quit, NULL);
		sigaction(SIGTERM, &old_term, NULL);
		sigaction(SIGHUP, &old_hup, NULL);
		if (set_env(lib, &o, result)) {
			run_error("out of memory");
			_exit(2);
		}
		execvp(o.argv[0], o.argv);
		err = errno;
		run_error("cannot run '%s': %s", o.argv[0], strerror(err));
		_exit(err == ENOENT ? 127 : 126);
	}
	child_pid = pid;
	while (waitpid(pid, &status, 0) < 0) {
		if (errno != EINTR) {
			run_error("waitpid: %s", strerror(errno));
			status = 2 << 8;
			break;
		}
	}
	child_pid = 0;
	sigaction(SIGINT, &old_int, NULL);
	sigaction(SIGQUIT, &old_quit, NULL);
	sigaction(SIGTERM, &old_term, NULL);
	sigaction(SIGHUP, &old_hup, NULL);

	read_result(result, &reports, &started);
	unlink(result);
	if (WIFEXITED(status))
		rc = WEXITSTATUS(status);
	else if (WIFSIGNALED(status))
		rc = 128 + WTERMSIG(status);
	else
		rc = 2;
	if (!started && rc != 126 && rc != 127)
		run_error("warning: the tracker did not start in '%s' (a static or setuid program?)",
			  o.argv[0]);
	return reports ? o.exit_code : rc;
}
