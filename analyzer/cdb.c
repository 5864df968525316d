// SPDX-License-Identifier: MIT
/*
 * cdb.c - inputs: compilation databases, directories and files to jobs.
 *
 * Pass: inputs -> jobs.  A compile_commands.json is read with libclang's
 * compilation-database API; when libclang refuses one, jansson reads it
 * again only to say precisely what is wrong (line and column, or which
 * entry lacks which key).  A directory without a database is scanned for .c
 * files (symlink loops are detected, hidden and CMakeFiles directories
 * skipped).
 *
 * Every database flag goes through cdb_sanitize_arg(): fearcheck runs on
 * untrusted trees in CI, so flags that would load a plugin, write a file
 * (dependency files, -save-temps, traces) or turn warnings into errors are
 * dropped, and nothing named in a database is ever executed.
 */
#include "cdb.h"

#include <clang-c/CXCompilationDatabase.h>
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <jansson.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "diag.h"

static bool is_c_source(const char *p)
{
	return path_has_suffix(p, ".c");
}

/* Flags taking a separate argument that we keep, with it. */
static const char *const keep_pair[] = {
	"-I", "-D", "-U", "-include", "-isystem", "-iquote", "-idirafter",
	"-imacros", "-iprefix", "-iwithprefix", "-isysroot", "--sysroot",
	"-x", "-target", "--target", "-std", "-imultilib",
};
/* Prefixes of flags we keep as one argument. */
static const char *const keep_prefix[] = {
	"-I", "-D", "-U", "-std=", "-isystem", "-iquote", "-idirafter",
	"-include", "-imacros", "--sysroot=", "-isysroot", "-m", "-f",
	"-O", "-g", "-W", "-x", "--target=", "-target=", "-pthread",
	"-ansi", "-nostdinc", "-undef", "-trigraphs", "-pedantic",
	"-funsigned-char", "-fsigned-char",
};
/* Flags that start with a kept prefix but must go. */
static const char *const drop_prefix[] = {
	"-fplugin", "-fpass-plugin", "-fcrash-diagnostics", "-fprofile",
	"-fsave-optimization-record", "-ftime-trace", "-fmodules-cache-path",
	"-fmodule-file", "-fdump", "-fdebug-prefix", "-Werror", "-Wfatal",
	"-Wl,", "-Wa,", "-Wp,", "-fsanitize-ignorelist",
	"-fsanitize-blacklist", "-fprofile-instr", "-fcoverage",
	"-femit-", "-fxray", "-fmodules", "-fimplicit-modules",
	"-fprebuilt-module", "-fbuild-session", "-mllvm",
};

int cdb_sanitize_arg(const char *a, const char *next)
{
	if (a[0] != '-')
		return 0;	/* inputs, response files (@file), garbage */
	for (size_t i = 0; i < FC_ARRAY_SIZE(drop_prefix); i++)
		if (!strncmp(a, drop_prefix[i], strlen(drop_prefix[i])))
			return 0;
	for (size_t i = 0; i < FC_ARRAY_SIZE(keep_pair); i++)
		if (!strcmp(a, keep_pair[i]))
			return next ? 2 : 0;
	for (size_t i = 0; i < FC_ARRAY_SIZE(keep_prefix); i++)
		if (!strncmp(a, keep_prefix[i], strlen(keep_prefix[i])))
			return 1;
	return 0;
}

static char **sanitize(char **in, int n, int *nout)
{
	char **out = xcalloc((size_t)n + 1, sizeof(char *));
	int k = 0;
	for (int i = 0; i < n; i++) {
		int r = cdb_sanitize_arg(in[i], i + 1 < n ? in[i + 1] : NULL);
		if (r >= 1)
			out[k++] = xstrdup(in[i]);
		if (r == 2)
			out[k++] = xstrdup(in[++i]);
	}
	*nout = k;
	return out;
}

static void add_job(struct jobs *js, const char *file, const char *dir,
		    char **argv, int argc)
{
	struct job j = { 0 };
	j.file = path_absolute(file);
	j.display = path_display(j.file);
	j.dir = xstrdup(dir);
	j.argv = sanitize(argv, argc, &j.argc);
	vec_push(&js->v, j);
}

static bool excluded(const struct cdb_options *o, const char *abs)
{
	for (int i = 0; i < o->nexclude; i++) {
		const char *x = o->exclude[i];
		size_t n = strlen(x);
		if (!strncmp(abs, x, n) && (abs[n] == '/' || abs[n] == 0 ||
					    (n && x[n - 1] == '/')))
			return true;
	}
	return false;
}

/* ------------------------------------------------------- database errors */

/*
 * Reads the database with jansson before libclang does, to name a problem
 * precisely (invalid JSON at line:col, an entry without a key) where
 * libclang's reader would print its own noise or accept a truncated file.
 * Returns true when the database is well formed.
 */
static bool db_well_formed(const char *json)
{
	bool ok = false;
	json_error_t e;
	json_t *root = json_load_file(json, JSON_REJECT_DUPLICATES, &e);
	if (!root) {
		if (e.line > 0)
			diag_error("%s:%d:%d: malformed compilation database: %s",
				   path_display(json), e.line, e.column, e.text);
		else
			diag_error("%s: cannot read compilation database: %s",
				   path_display(json), e.text);
		return false;
	}
	if (!json_is_array(root)) {
		diag_error("%s: malformed compilation database: expected an "
			   "array of entries", path_display(json));
		goto out;
	}
	size_t i;
	json_t *ent;
	json_array_foreach(root, i, ent) {
		if (!json_is_object(ent)) {
			diag_error("%s: malformed compilation database: entry "
				   "%zu is not an object", path_display(json), i);
			goto out;
		}
		const char *need[] = { "directory", "file" };
		for (size_t k = 0; k < 2; k++) {
			json_t *v = json_object_get(ent, need[k]);
			if (!json_is_string(v)) {
				diag_error("%s: malformed compilation database: "
					   "entry %zu has no string \"%s\"",
					   path_display(json), i, need[k]);
				goto out;
			}
		}
		json_t *cmd = json_object_get(ent, "command");
		json_t *args = json_object_get(ent, "arguments");
		if (!json_is_string(cmd) && !json_is_array(args)) {
			diag_error("%s: malformed compilation database: entry "
				   "%zu has neither \"command\" nor \"arguments\"",
				   path_display(json), i);
			goto out;
		}
	}
	if (!json_array_size(root))
		diag_error("%s: the compilation database has no entries",
			   path_display(json));
	else
		ok = true;
out:
	json_decref(root);
	return ok;
}

/*
 * libclang's loader prints its own messages ("LIBCLANG TOOLING ERROR")
 * on stderr: silence them, fearcheck says what went wrong itself.
 */
static CXCompilationDatabase quiet_load(const char *dir,
					CXCompilationDatabase_Error *err)
{
	fflush(stderr);
	int saved = dup(2), null = open("/dev/null", O_WRONLY | O_CLOEXEC);
	if (saved >= 0 && null >= 0)
		dup2(null, 2);
	CXCompilationDatabase db = clang_CompilationDatabase_fromDirectory(dir,
									   err);
	if (saved >= 0 && null >= 0)
		dup2(saved, 2);
	if (saved >= 0)
		close(saved);
	if (null >= 0)
		close(null);
	return db;
}

static int load_db(const struct cdb_options *o, const char *dir,
		   struct jobs *js)
{
	CXCompilationDatabase_Error err;
	char *json = path_join(dir, "compile_commands.json");
	if (!db_well_formed(json)) {
		free(json);
		return 2;
	}
	CXCompilationDatabase db = quiet_load(dir, &err);
	if (err != CXCompilationDatabase_NoError || !db) {
		diag_error("%s: libclang cannot load this compilation database",
			   path_display(json));
		free(json);
		if (db)
			clang_CompilationDatabase_dispose(db);
		return 2;
	}
	CXCompileCommands cmds = clang_CompilationDatabase_getAllCompileCommands(db);
	unsigned n = cmds ? clang_CompileCommands_getSize(cmds) : 0;
	for (unsigned i = 0; i < n; i++) {
		CXCompileCommand cc = clang_CompileCommands_getCommand(cmds, i);
		CXString d = clang_CompileCommand_getDirectory(cc);
		CXString f = clang_CompileCommand_getFilename(cc);
		const char *ds = clang_getCString(d), *fs = clang_getCString(f);
		char *abs = fs && ds ? path_join(ds, fs) : NULL;
		if (abs && is_c_source(abs)) {
			char *canon = path_absolute(abs);
			if (!excluded(o, canon)) {
				unsigned na = clang_CompileCommand_getNumArgs(cc);
				char **argv = xcalloc(na + 1, sizeof(char *));
				int argc = 0;
				/* argv[0] is the compiler: never kept. */
				for (unsigned k = 1; k < na; k++) {
					CXString s = clang_CompileCommand_getArg(cc, k);
					argv[argc++] = xstrdup(clang_getCString(s));
					clang_disposeString(s);
				}
				add_job(js, abs, ds, argv, argc);
				for (int k = 0; k < argc; k++)
					free(argv[k]);
				free(argv);
			}
			free(canon);
		}
		free(abs);
		clang_disposeString(d);
		clang_disposeString(f);
	}
	if (cmds)
		clang_CompileCommands_dispose(cmds);
	clang_CompilationDatabase_dispose(db);
	if (!n) {
		diag_error("%s: libclang read no entry from this compilation "
			   "database", path_display(json));
		free(json);
		return 2;
	}
	free(json);
	return 0;
}

/* ------------------------------------------------------------ directories */

struct seen_dir {
	dev_t dev;
	ino_t ino;
};
struct seen_list {
	struct seen_dir *a;
	size_t n, cap;
};
struct str_list {
	char **a;
	size_t n, cap;
};

static void scan_dir(const struct cdb_options *o, const char *dir, int depth,
		     struct seen_list *seen, struct str_list *files)
{
	struct stat st;
	if (stat(dir, &st) != 0)
		return;
	if (depth > 1000) {
		/* Bounds the recursion; a loop is caught below. */
		diag_error("%s: directories nested more than 1000 deep; not "
			   "scanned", path_display(dir));
		return;
	}
	for (size_t i = 0; i < seen->n; i++)
		if (seen->a[i].dev == st.st_dev && seen->a[i].ino == st.st_ino)
			return;	/* a symlink loop, or seen already */
	vec_push(seen, ((struct seen_dir){ st.st_dev, st.st_ino }));
	DIR *d = opendir(dir);
	if (!d) {
		diag_error("%s: cannot read directory: %s", path_display(dir),
			   strerror(errno));
		return;
	}
	VEC(char *) names = { 0 };
	struct dirent *de;
	while ((de = readdir(d)))
		if (de->d_name[0] != '.' && strcmp(de->d_name, "CMakeFiles"))
			vec_push(&names, xstrdup(de->d_name));
	closedir(d);
	for (size_t i = 0; i < names.n; i++) {
		char *p = path_join(dir, names.a[i]);
		if (excluded(o, p)) {
			free(p);
		} else if (stat(p, &st) != 0) {
			free(p);	/* dangling symlink */
		} else if (S_ISDIR(st.st_mode)) {
			scan_dir(o, p, depth + 1, seen, files);
			free(p);
		} else if (S_ISREG(st.st_mode) && is_c_source(p)) {
			vec_push(files, p);
		} else {
			free(p);
		}
		free(names.a[i]);
	}
	vec_free(&names);
}

static bool file_exists(const char *p)
{
	struct stat st;
	return stat(p, &st) == 0 && S_ISREG(st.st_mode);
}

static int add_dir(const struct cdb_options *o, const char *path,
		   struct jobs *js)
{
	char *abs = path_absolute(path);
	char *db = path_join(abs, "compile_commands.json");
	char *bdir = path_join(abs, "build");
	char *bdb = path_join(bdir, "compile_commands.json");
	int rc = 0;
	if (file_exists(db)) {
		rc = load_db(o, abs, js);
	} else if (file_exists(bdb)) {
		rc = load_db(o, bdir, js);
	} else {
		struct seen_list seen = { 0 };
		struct str_list files = { 0 };
		scan_dir(o, abs, 0, &seen, &files);
		fc_sort(files.a, files.n, sizeof(char *), fc_cmp_str);
		for (size_t i = 0; i < files.n; i++) {
			add_job(js, files.a[i], abs, o->extra, o->nextra);
			free(files.a[i]);
		}
		vec_free(&files);
		vec_free(&seen);
	}
	free(abs);
	free(db);
	free(bdir);
	free(bdb);
	return rc;
}

static int cmp_job(const void *a, const void *b)
{
	const struct job *x = a, *y = b;
	int c = strcmp(x->file, y->file);
	return c ? c : (x->seq > y->seq) - (x->seq < y->seq);
}

static void free_job(struct job *j)
{
	free(j->file);
	free(j->dir);
	for (int k = 0; k < j->argc; k++)
		free(j->argv[k]);
	free(j->argv);
}

int cdb_collect(const struct cdb_options *o, struct jobs *js)
{
	int rc = 0;
	memset(js, 0, sizeof(*js));
	if (o->build_dir) {
		struct stat st;
		if (stat(o->build_dir, &st) != 0 || !S_ISDIR(st.st_mode)) {
			diag_error("-p %s: not a directory", o->build_dir);
			return 2;
		}
		char *db = path_join(o->build_dir, "compile_commands.json");
		bool ok = file_exists(db);
		free(db);
		if (!ok) {
			diag_error("-p %s: no compile_commands.json there",
				   o->build_dir);
			return 2;
		}
		char *abs = path_absolute(o->build_dir);
		rc = load_db(o, abs, js);
		free(abs);
		if (rc)
			return rc;
	}
	for (int i = 0; i < o->npaths && !rc; i++) {
		const char *p = o->paths[i];
		struct stat st;
		if (stat(p, &st) != 0) {
			diag_error("%s: %s", p, strerror(errno));
			rc = 2;
		} else if (S_ISDIR(st.st_mode)) {
			rc = add_dir(o, p, js);
		} else if (path_has_suffix(p, ".json")) {
			const char *base = strrchr(p, '/');
			base = base ? base + 1 : p;
			if (strcmp(base, "compile_commands.json")) {
				diag_error("%s: a compilation database must be "
					   "named compile_commands.json", p);
				rc = 2;
				continue;
			}
			char *abs = path_absolute(p);
			*strrchr(abs, '/') = 0;
			rc = load_db(o, abs[0] ? abs : "/", js);
			free(abs);
		} else if (S_ISREG(st.st_mode)) {
			char *cwd = path_absolute(".");
			add_job(js, p, cwd, o->extra, o->nextra);
			free(cwd);
		} else {
			diag_error("%s: not a file or directory", p);
			rc = 2;
		}
	}
	if (rc)
		return rc;
	/* One job per file: the first database entry wins. */
	if (js->v.n > 1) {
		for (size_t i = 0; i < js->v.n; i++)
			js->v.a[i].seq = (unsigned)i;
		fc_sort(js->v.a, js->v.n, sizeof(struct job), cmp_job);
		size_t k = 0;
		for (size_t i = 0; i < js->v.n; i++) {
			if (k && !strcmp(js->v.a[k - 1].file, js->v.a[i].file)) {
				free_job(&js->v.a[i]);
				continue;
			}
			js->v.a[k++] = js->v.a[i];
		}
		js->v.n = k;
	}
	return 0;
}

void cdb_free(struct jobs *js)
{
	for (size_t i = 0; i < js->v.n; i++)
		free_job(&js->v.a[i]);
	vec_free(&js->v);
}
