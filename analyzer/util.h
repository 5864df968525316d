/* SPDX-License-Identifier: MIT */
/*
 * util.h - the analyzer's small toolbox: arenas, interned strings, growable
 * arrays and hashing.
 *
 * Every pass allocates from an arena and releases it all at once; nothing
 * frees a single node.  Strings that name things (files, symbols, lock and
 * location keys) are interned in one run-wide table so that equal names are
 * equal pointers and compare with ==.
 */
#ifndef FC_UTIL_H
#define FC_UTIL_H

#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#define FC_ARRAY_SIZE(a) (sizeof(a) / sizeof((a)[0]))
#define FC_MIN(a, b) ((a) < (b) ? (a) : (b))
#define FC_MAX(a, b) ((a) > (b) ? (a) : (b))

#if defined(__GNUC__)
#define FC_PRINTF(f, a) __attribute__((format(printf, f, a)))
#define FC_NORETURN __attribute__((noreturn))
#else
#define FC_PRINTF(f, a)
#define FC_NORETURN
#endif

/* Allocation that cannot fail: on exhaustion the analyzer exits with 2. */
void *xmalloc(size_t n);
void *xcalloc(size_t n, size_t m);
void *xrealloc(void *p, size_t n);
char *xstrdup(const char *s);
FC_NORETURN void fc_oom(void);

/*
 * struct arena - a bump allocator.  arena_alloc() returns zeroed memory that
 * lives until arena_free() releases the whole arena.
 */
struct arena_chunk;
struct arena {
	struct arena_chunk *head;
	size_t used;		/* bytes used in head */
	size_t total;		/* bytes obtained from malloc, for stats */
};
void *arena_alloc(struct arena *a, size_t n);
char *arena_strdup(struct arena *a, const char *s);
char *arena_strndup(struct arena *a, const char *s, size_t n);
char *arena_printf(struct arena *a, const char *fmt, ...) FC_PRINTF(2, 3);
void arena_free(struct arena *a);

/*
 * Growable array of any element type: declare with VEC(type) name; and use
 * vec_push(&v, x), v.n, v.a[i].  vec_free() releases the storage.
 */
#define VEC(type) struct { type *a; size_t n, cap; }
#define vec_reserve(v, want) do {					\
	if ((want) > (v)->cap) {					\
		size_t nc_ = (v)->cap ? (v)->cap * 2 : 8;		\
		while (nc_ < (want))					\
			nc_ *= 2;					\
		(v)->a = xrealloc((v)->a, nc_ * sizeof(*(v)->a));	\
		(v)->cap = nc_;						\
	}								\
} while (0)
#define vec_push(v, x) do {						\
	vec_reserve((v), (v)->n + 1);					\
	(v)->a[(v)->n++] = (x);						\
} while (0)
#define vec_free(v) do { free((v)->a); (v)->a = NULL; (v)->n = (v)->cap = 0; } while (0)

/*
 * intern() returns the one run-wide copy of a string; equal strings give the
 * same pointer.  The memory lives until the process exits.
 */
const char *intern(const char *s);
const char *intern_n(const char *s, size_t n);
const char *internf(const char *fmt, ...) FC_PRINTF(1, 2);

uint64_t fc_hash(const void *p, size_t n, uint64_t seed);
/* For sorting arrays of C strings with fc_sort(). */
static inline int fc_cmp_str(const void *a, const void *b)
{
	return strcmp(*(const char *const *)a, *(const char *const *)b);
}

/* qsort() that takes an empty array as it comes: NULL base, n == 0. */
static inline void fc_sort(void *base, size_t n, size_t size,
			   int (*cmp)(const void *, const void *))
{
	if (n > 1)
		qsort(base, n, size, cmp);
}

static inline uint64_t fc_hash_ptr(const void *p)
{
	uint64_t x = (uint64_t)(uintptr_t)p;
	x ^= x >> 33;
	x *= 0xff51afd7ed558ccdULL;
	x ^= x >> 33;
	return x;
}
static inline uint64_t fc_hash_mix(uint64_t h, uint64_t v)
{
	h ^= v + 0x9e3779b97f4a7c15ULL + (h << 6) + (h >> 2);
	return h;
}

/*
 * A growable string buffer.  sb_printf() appends; sb.s is always
 * NUL-terminated once anything was appended.  sb_free() releases it.
 */
struct sb {
	char *s;
	size_t len, cap;
};
void sb_putc(struct sb *b, char c);
void sb_puts(struct sb *b, const char *s);
void sb_putn(struct sb *b, const char *s, size_t n);
void sb_printf(struct sb *b, const char *fmt, ...) FC_PRINTF(2, 3);
void sb_vprintf(struct sb *b, const char *fmt, va_list ap);
void sb_free(struct sb *b);
static inline const char *sb_str(const struct sb *b)
{
	return b->s ? b->s : "";
}

/* Paths: the cwd-relative form used in every report. */
const char *path_display(const char *abs_or_rel);
char *path_join(const char *dir, const char *name);
char *path_absolute(const char *p);
bool path_has_suffix(const char *p, const char *suffix);

/* Reads a whole file; returns malloc'd bytes (caller frees) or NULL. */
char *read_file(const char *path, size_t *len);

#endif
