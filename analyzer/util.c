// SPDX-License-Identifier: MIT
/*
 * util.c - arenas, interned strings, string buffers, hashing and paths.
 *
 * Shared by every pass.  Nothing here knows about libclang or the IR.  The
 * intern table is process-wide and single-threaded: the analyzer runs its
 * parse workers as processes, never as threads.
 */
#include "util.h"

#include <errno.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

void fc_oom(void)
{
	static const char msg[] = "fearcheck: error: out of memory\n";
	ssize_t r = write(2, msg, sizeof(msg) - 1);
	(void)r;
	_exit(2);
}

void *xmalloc(size_t n)
{
	void *p = malloc(n ? n : 1);
	if (!p)
		fc_oom();
	return p;
}

void *xcalloc(size_t n, size_t m)
{
	void *p = calloc(n ? n : 1, m ? m : 1);
	if (!p)
		fc_oom();
	return p;
}

void *xrealloc(void *p, size_t n)
{
	p = realloc(p, n ? n : 1);
	if (!p)
		fc_oom();
	return p;
}

char *xstrdup(const char *s)
{
	size_t n = strlen(s) + 1;
	return memcpy(xmalloc(n), s, n);
}

/* ------------------------------------------------------------------ arena */

struct arena_chunk {
	struct arena_chunk *next;
	size_t size;
	max_align_t data[];
};

#define ARENA_CHUNK (64 * 1024)

void *arena_alloc(struct arena *a, size_t n)
{
	size_t align = _Alignof(max_align_t);
	n = (n + align - 1) & ~(align - 1);
	if (!a->head || a->used + n > a->head->size) {
		size_t sz = n > ARENA_CHUNK / 4 ? n : ARENA_CHUNK;
		struct arena_chunk *c = xmalloc(sizeof(*c) + sz);
		c->size = sz;
		if (a->head && n > ARENA_CHUNK / 4) {
			/* Big block: keep the current chunk open. */
			c->next = a->head->next;
			a->head->next = c;
			a->total += sz;
			memset(c->data, 0, n);
			return c->data;
		}
		c->next = a->head;
		a->head = c;
		a->used = 0;
		a->total += sz;
	}
	void *p = (char *)a->head->data + a->used;
	a->used += n;
	memset(p, 0, n);
	return p;
}

char *arena_strndup(struct arena *a, const char *s, size_t n)
{
	char *p = arena_alloc(a, n + 1);
	memcpy(p, s, n);
	p[n] = 0;
	return p;
}

char *arena_strdup(struct arena *a, const char *s)
{
	return arena_strndup(a, s, strlen(s));
}

char *arena_printf(struct arena *a, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	int n = vsnprintf(NULL, 0, fmt, ap);
	va_end(ap);
	char *p = arena_alloc(a, (size_t)n + 1);
	va_start(ap, fmt);
	vsnprintf(p, (size_t)n + 1, fmt, ap);
	va_end(ap);
	return p;
}

void arena_free(struct arena *a)
{
	struct arena_chunk *c = a->head, *next;
	for (; c; c = next) {
		next = c->next;
		free(c);
	}
	a->head = NULL;
	a->used = a->total = 0;
}

/* ------------------------------------------------------------------- hash */

uint64_t fc_hash(const void *p, size_t n, uint64_t seed)
{
	/* FNV-1a, then a finalizer: fast enough, and well spread. */
	const unsigned char *s = p;
	uint64_t h = 0xcbf29ce484222325ULL ^ seed;
	for (size_t i = 0; i < n; i++) {
		h ^= s[i];
		h *= 0x100000001b3ULL;
	}
	h ^= h >> 29;
	h *= 0xbf58476d1ce4e5b9ULL;
	h ^= h >> 32;
	return h;
}

/* ----------------------------------------------------------------- intern */

static struct {
	const char **slot;
	size_t cap, n;
	struct arena mem;
} itab;

static void intern_grow(void)
{
	size_t ncap = itab.cap ? itab.cap * 2 : 4096;
	const char **ns = xcalloc(ncap, sizeof(*ns));
	for (size_t i = 0; i < itab.cap; i++) {
		const char *s = itab.slot[i];
		if (!s)
			continue;
		size_t j = fc_hash(s, strlen(s), 0) & (ncap - 1);
		while (ns[j])
			j = (j + 1) & (ncap - 1);
		ns[j] = s;
	}
	free(itab.slot);
	itab.slot = ns;
	itab.cap = ncap;
}

const char *intern_n(const char *s, size_t n)
{
	/* A string ends at its first NUL (source text may hold one). */
	n = strnlen(s, n);
	if (itab.n * 2 >= itab.cap)
		intern_grow();
	size_t j = fc_hash(s, n, 0) & (itab.cap - 1);
	for (;;) {
		const char *t = itab.slot[j];
		if (!t)
			break;
		if (strncmp(t, s, n) == 0 && t[n] == 0)
			return t;
		j = (j + 1) & (itab.cap - 1);
	}
	const char *c = arena_strndup(&itab.mem, s, n);
	itab.slot[j] = c;
	itab.n++;
	return c;
}

const char *intern(const char *s)
{
	return intern_n(s, strlen(s));
}

const char *internf(const char *fmt, ...)
{
	char buf[512];
	va_list ap;
	va_start(ap, fmt);
	int n = vsnprintf(buf, sizeof(buf), fmt, ap);
	va_end(ap);
	if (n >= 0 && (size_t)n < sizeof(buf))
		return intern_n(buf, (size_t)n);
	char *big = xmalloc((size_t)n + 1);
	va_start(ap, fmt);
	vsnprintf(big, (size_t)n + 1, fmt, ap);
	va_end(ap);
	const char *r = intern_n(big, (size_t)n);
	free(big);
	return r;
}

/* --------------------------------------------------------- string buffer */

static void sb_grow(struct sb *b, size_t extra)
{
	if (b->len + extra + 1 <= b->cap)
		return;
	size_t nc = b->cap ? b->cap * 2 : 128;
	while (nc < b->len + extra + 1)
		nc *= 2;
	b->s = xrealloc(b->s, nc);
	b->cap = nc;
}

void sb_putn(struct sb *b, const char *s, size_t n)
{
	sb_grow(b, n);
	memcpy(b->s + b->len, s, n);
	b->len += n;
	b->s[b->len] = 0;
}

void sb_putc(struct sb *b, char c)
{
	sb_putn(b, &c, 1);
}

void sb_puts(struct sb *b, const char *s)
{
	sb_putn(b, s, strlen(s));
}

void sb_vprintf(struct sb *b, const char *fmt, va_list ap)
{
	va_list aq;
	va_copy(aq, ap);
	int n = vsnprintf(NULL, 0, fmt, aq);
	va_end(aq);
	if (n < 0)
		return;
	sb_grow(b, (size_t)n);
	vsnprintf(b->s + b->len, (size_t)n + 1, fmt, ap);
	b->len += (size_t)n;
}

void sb_printf(struct sb *b, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	sb_vprintf(b, fmt, ap);
	va_end(ap);
}

void sb_free(struct sb *b)
{
	free(b->s);
	b->s = NULL;
	b->len = b->cap = 0;
}

/* ------------------------------------------------------------------ paths */

static char *cwd_cache;

char *path_absolute(const char *p)
{
	char buf[PATH_MAX];
	if (realpath(p, buf))
		return xstrdup(buf);
	if (p[0] == '/')
		return xstrdup(p);
	if (!cwd_cache) {
		if (!getcwd(buf, sizeof(buf)))
			return xstrdup(p);
		cwd_cache = xstrdup(buf);
	}
	return path_join(cwd_cache, p);
}

char *path_join(const char *dir, const char *name)
{
	if (name[0] == '/' || !dir[0])
		return xstrdup(name);
	size_t dl = strlen(dir);
	while (dl > 1 && dir[dl - 1] == '/')
		dl--;
	size_t nl = strlen(name);
	char *r = xmalloc(dl + nl + 2);
	memcpy(r, dir, dl);
	r[dl] = '/';
	memcpy(r + dl + 1, name, nl + 1);
	return r;
}

/*
 * path_display - the name a report shows for a file: relative to the current
 * directory when the file is below it, else as given.  Returns an interned
 * string.
 */
const char *path_display(const char *p)
{
	char buf[PATH_MAX];
	if (!cwd_cache) {
		if (!getcwd(buf, sizeof(buf)))
			return intern(p);
		cwd_cache = xstrdup(buf);
	}
	size_t cl = strlen(cwd_cache);
	if (p[0] == '/' && strncmp(p, cwd_cache, cl) == 0 && p[cl] == '/')
		p += cl + 1;
	while (p[0] == '.' && p[1] == '/')
		p += 2;
	return intern(p);
}

bool path_has_suffix(const char *p, const char *suffix)
{
	size_t pl = strlen(p), sl = strlen(suffix);
	return pl >= sl && strcmp(p + pl - sl, suffix) == 0;
}

char *read_file(const char *path, size_t *len)
{
	FILE *f = fopen(path, "rb");
	if (!f)
		return NULL;
	struct sb b = { 0 };
	char buf[65536];
	size_t n;
	while ((n = fread(buf, 1, sizeof(buf), f)) > 0)
		sb_putn(&b, buf, n);
	int err = ferror(f);
	fclose(f);
	if (err) {
		sb_free(&b);
		return NULL;
	}
	if (!b.s)
		b.s = xcalloc(1, 1);
	if (len)
		*len = b.len;
	return b.s;
}
