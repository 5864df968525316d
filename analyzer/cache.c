// SPDX-License-Identifier: MIT
/*
 * cache.c - the facts cache (--cache DIR) and facts files (--emit-facts).
 *
 * Pass: around parse.  Extraction is a pure function of a TU's source,
 * the files it includes, its flags and fearcheck's own version and
 * configuration, so its facts can be kept.  An entry is named by a hash
 * of everything but the file contents (file, directory, flags, versions,
 * configuration); inside, it lists every file the TU read with a hash of
 * its contents, then the facts.  A lookup rehashes those files (each file
 * once per run) and uses the facts only when all still match: touching
 * one source re-extracts the TUs that read it, and nothing else.
 *
 * Entries are written to a temporary file and renamed, so an interrupted
 * run or two runs sharing a cache never leave half an entry.  A damaged
 * entry is a miss.
 */
#include "cache.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "config.h"
#include "diag.h"
#include "ir.h"

#ifndef FC_VERSION
#define FC_VERSION "0.0.0"
#endif

#define CACHE_MAGIC "fearcheck-cache 1\n"

/* Content hashes of the files read this run: path -> hash. */
static struct {
	const char **path;
	uint64_t *hash;
	bool *ok;
	size_t cap, n;
} seen;

static bool file_hash(const char *path, uint64_t *out)
{
	const char *key = intern(path);
	if (seen.n * 2 >= seen.cap) {
		size_t nc = seen.cap ? seen.cap * 2 : 1024;
		const char **np = xcalloc(nc, sizeof(*np));
		uint64_t *nh = xcalloc(nc, sizeof(*nh));
		bool *no = xcalloc(nc, sizeof(*no));
		for (size_t i = 0; i < seen.cap; i++) {
			if (!seen.path[i])
				continue;
			size_t j = fc_hash_ptr(seen.path[i]) & (nc - 1);
			while (np[j])
				j = (j + 1) & (nc - 1);
			np[j] = seen.path[i];
			nh[j] = seen.hash[i];
			no[j] = seen.ok[i];
		}
		free(seen.path);
		free(seen.hash);
		free(seen.ok);
		seen.path = np;
		seen.hash = nh;
		seen.ok = no;
		seen.cap = nc;
	}
	size_t j = fc_hash_ptr(key) & (seen.cap - 1);
	while (seen.path[j] && seen.path[j] != key)
		j = (j + 1) & (seen.cap - 1);
	if (!seen.path[j]) {
		size_t len;
		char *data = read_file(path, &len);
		seen.path[j] = key;
		seen.ok[j] = data != NULL;
		seen.hash[j] = data ? fc_hash(data, len, len) : 0;
		free(data);
		seen.n++;
	}
	*out = seen.hash[j];
	return seen.ok[j];
}

/* The configuration's contents take part in every key. */
static uint64_t config_digest(void)
{
	static bool done;
	static uint64_t h;
	if (done)
		return h;
	done = true;
	/* The configuration, then the --model files, in their order. */
	for (size_t i = 0; i <= config_nmodel_files; i++) {
		const char *f = i ? config_model_files[i - 1] : config_path;
		size_t len;
		char *data = f ? read_file(f, &len) : NULL;
		h = fc_hash_mix(h, data ? fc_hash(data, len, 7 + i) : i);
		free(data);
	}
	return h;
}

static const char *entry_name(const char *dir, const struct job *j)
{
	uint64_t h = fc_hash(FC_VERSION, strlen(FC_VERSION), FC_IR_VERSION);
	h = fc_hash(j->file, strlen(j->file), h);
	if (j->dir)
		h = fc_hash(j->dir, strlen(j->dir), h);
	for (int i = 0; i < j->argc; i++)
		h = fc_hash(j->argv[i], strlen(j->argv[i]) + 1, h);
	h = fc_hash_mix(h, config_digest());
	return internf("%s/%016llx.fcc", dir, (unsigned long long)h);
}

char *cache_lookup(const char *dir, const struct job *j, size_t *len)
{
	size_t n;
	char *data = read_file(entry_name(dir, j), &n);
	if (!data)
		return NULL;
	size_t ml = strlen(CACHE_MAGIC);
	char *p = data + ml, *end = data + n;
	if (n < ml || memcmp(data, CACHE_MAGIC, ml))
		goto miss;
	/* "d HASH PATH" lines, then "facts\n" and the facts. */
	while (p < end && p[0] == 'd' && p[1] == ' ') {
		char *nl = memchr(p, '\n', (size_t)(end - p));
		if (!nl)
			goto miss;
		*nl = 0;
		char *sp = strchr(p + 2, ' ');
		if (!sp)
			goto miss;
		*sp = 0;
		uint64_t want = strtoull(p + 2, NULL, 16), got;
		if (!file_hash(sp + 1, &got) || got != want)
			goto miss;
		p = nl + 1;
	}
	if ((size_t)(end - p) < 6 || memcmp(p, "facts\n", 6))
		goto miss;
	p += 6;
	*len = (size_t)(end - p);
	memmove(data, p, *len);
	data[*len] = 0;
	return data;
miss:
	free(data);
	return NULL;
}

void cache_store(const char *dir, const struct job *j, const char *text,
		 size_t len, const char *deps)
{
	const char *name = entry_name(dir, j);
	char *tmp = xmalloc(strlen(name) + 32);
	sprintf(tmp, "%s.%ld.tmp", name, (long)getpid());
	FILE *f = fopen(tmp, "wb");
	if (!f) {
		free(tmp);
		return;
	}
	fputs(CACHE_MAGIC, f);
	uint64_t h;
	bool ok = file_hash(j->file, &h);
	if (ok)
		fprintf(f, "d %016llx %s\n", (unsigned long long)h, j->file);
	for (const char *p = deps; ok && p && *p;) {
		const char *nl = strchr(p, '\n');
		size_t n = nl ? (size_t)(nl - p) : strlen(p);
		const char *path = intern_n(p, n);
		if (strcmp(path, j->file) && strchr(path, ' ') == NULL) {
			if (!file_hash(path, &h))
				ok = false;
			else
				fprintf(f, "d %016llx %s\n",
					(unsigned long long)h, path);
		}
		p = nl ? nl + 1 : p + n;
	}
	fputs("facts\n", f);
	fwrite(text, 1, len, f);
	if (fclose(f) != 0 || !ok || rename(tmp, name) != 0)
		unlink(tmp);
	free(tmp);
}

int cache_prepare(const char *dir)
{
	struct stat st;
	if (stat(dir, &st) == 0) {
		if (S_ISDIR(st.st_mode))
			return 0;
		diag_error("--cache %s: not a directory", dir);
		return 2;
	}
	if (mkdir(dir, 0777) != 0 && errno != EEXIST) {
		diag_error("--cache %s: cannot create: %s", dir,
			   strerror(errno));
		return 2;
	}
	return 0;
}

/*
 * The name of the facts file of a TU in --emit-facts DIR: its display
 * path with '/' as '%2F' (and '%' as '%25'), so distinct TUs never share
 * one.  Interned.
 */
const char *cache_facts_name(const char *dir, const struct job *j)
{
	struct sb b = { 0 };
	sb_printf(&b, "%s/", dir);
	for (const char *p = j->display; *p; p++) {
		if (*p == '/')
			sb_puts(&b, "%2F");
		else if (*p == '%')
			sb_puts(&b, "%25");
		else
			sb_putc(&b, *p);
	}
	sb_puts(&b, ".facts");
	const char *r = intern(sb_str(&b));
	sb_free(&b);
	return r;
}
