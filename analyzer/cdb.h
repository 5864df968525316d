/* SPDX-License-Identifier: MIT */
/*
 * cdb.h - inputs to jobs: which translation units to parse, with which
 * flags, from which directory.
 */
#ifndef FC_CDB_H
#define FC_CDB_H

#include "util.h"

struct job {
	char *file;		/* absolute path of the source file */
	const char *display;	/* the name reports use (interned) */
	char *dir;		/* working directory for relative names */
	int argc;
	char **argv;		/* compiler flags, sanitized, no file name */
	unsigned seq;		/* order of appearance, for stable sorting */
};

struct jobs {
	VEC(struct job) v;
	int nerrors;		/* inputs that could not be read */
};

struct cdb_options {
	char **paths;		/* PATH arguments */
	int npaths;
	const char *build_dir;	/* -p DIR */
	char **extra;		/* flags after -- */
	int nextra;
	const char **exclude;	/* path prefixes to leave out */
	int nexclude;
};

/*
 * cdb_collect - turn the command line's inputs into jobs: a compilation
 * database (read with libclang's API), a directory (its database, or every
 * .c file below it), or source files.  Errors about an input are printed;
 * returns 0, or 2 when an input is unusable (a malformed database, a path
 * that does not exist).  Jobs are sorted by file and unique.
 */
int cdb_collect(const struct cdb_options *o, struct jobs *out);
void cdb_free(struct jobs *j);

/*
 * cdb_sanitize_arg - decide what happens to one flag of a database entry:
 * returns 0 to drop it, 1 to keep it, 2 to keep it and the next argument.
 * Flags that load code, write files or change diagnostics are dropped.
 */
int cdb_sanitize_arg(const char *a, const char *next);

#endif
