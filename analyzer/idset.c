// SPDX-License-Identifier: MIT
/*
 * idset.c - interned sorted sets of uint32, and their algebra.
 *
 * Sets are small (a handful of locks held, a few threads running), so the
 * operations merge sorted arrays into a scratch buffer and intern the
 * result.  Memoizing the binary operations was measured unnecessary.
 */
#include "idset.h"

#include <stdlib.h>
#include <string.h>

#include "util.h"

static struct {
	const struct idset **slot;
	size_t cap, n;
	struct arena mem;
	uint32_t *tmp;
	size_t tmpcap;
} T;

static uint64_t hash_vals(const uint32_t *v, uint32_t n)
{
	return fc_hash(v, sizeof(uint32_t) * n, n);
}

static void grow(void)
{
	size_t ncap = T.cap ? T.cap * 2 : 1024;
	const struct idset **ns = xcalloc(ncap, sizeof(*ns));
	for (size_t i = 0; i < T.cap; i++) {
		const struct idset *s = T.slot[i];
		if (!s)
			continue;
		size_t j = hash_vals(s->v, s->n) & (ncap - 1);
		while (ns[j])
			j = (j + 1) & (ncap - 1);
		ns[j] = s;
	}
	free(T.slot);
	T.slot = ns;
	T.cap = ncap;
}

/* v must be sorted and unique. */
static const struct idset *intern_set(const uint32_t *v, uint32_t n)
{
	if (T.n * 2 >= T.cap)
		grow();
	size_t j = hash_vals(v, n) & (T.cap - 1);
	for (;;) {
		const struct idset *s = T.slot[j];
		if (!s)
			break;
		if (s->n == n && (!n || !memcmp(s->v, v, sizeof(uint32_t) * n)))
			return s;
		j = (j + 1) & (T.cap - 1);
	}
	struct idset *s = arena_alloc(&T.mem, sizeof(*s) + sizeof(uint32_t) * n);
	s->n = n;
	s->id = (uint32_t)T.n;
	if (n)
		memcpy(s->v, v, sizeof(uint32_t) * n);
	T.slot[j] = s;
	T.n++;
	return s;
}

static uint32_t *scratch(size_t n)
{
	if (n > T.tmpcap) {
		T.tmpcap = n * 2 + 16;
		T.tmp = xrealloc(T.tmp, sizeof(uint32_t) * T.tmpcap);
	}
	return T.tmp;
}

const struct idset *idset_empty(void)
{
	static const struct idset *e;
	if (!e)
		e = intern_set(NULL, 0);
	return e;
}

static int cmp_u32(const void *a, const void *b)
{
	uint32_t x = *(const uint32_t *)a, y = *(const uint32_t *)b;
	return (x > y) - (x < y);
}

const struct idset *idset_make(const uint32_t *v, uint32_t n)
{
	uint32_t *t = scratch(n);
	if (n)
		memcpy(t, v, sizeof(uint32_t) * n);
	fc_sort(t, n, sizeof(uint32_t), cmp_u32);
	uint32_t k = 0;
	for (uint32_t i = 0; i < n; i++)
		if (!k || t[k - 1] != t[i])
			t[k++] = t[i];
	return intern_set(t, k);
}

bool idset_has(const struct idset *s, uint32_t x)
{
	uint32_t lo = 0, hi = s->n;
	while (lo < hi) {
		uint32_t mid = (lo + hi) / 2;
		if (s->v[mid] == x)
			return true;
		if (s->v[mid] < x)
			lo = mid + 1;
		else
			hi = mid;
	}
	return false;
}

const struct idset *idset_add(const struct idset *s, uint32_t x)
{
	if (idset_has(s, x))
		return s;
	uint32_t *t = scratch(s->n + 1);
	uint32_t k = 0, i = 0;
	while (i < s->n && s->v[i] < x)
		t[k++] = s->v[i++];
	t[k++] = x;
	while (i < s->n)
		t[k++] = s->v[i++];
	return intern_set(t, k);
}

const struct idset *idset_del(const struct idset *s, uint32_t x)
{
	if (!idset_has(s, x))
		return s;
	uint32_t *t = scratch(s->n);
	uint32_t k = 0;
	for (uint32_t i = 0; i < s->n; i++)
		if (s->v[i] != x)
			t[k++] = s->v[i];
	return intern_set(t, k);
}

const struct idset *idset_union(const struct idset *a, const struct idset *b)
{
	if (a == b || !b->n)
		return a;
	if (!a->n)
		return b;
	uint32_t *t = scratch(a->n + b->n);
	uint32_t i = 0, j = 0, k = 0;
	while (i < a->n || j < b->n) {
		if (j >= b->n || (i < a->n && a->v[i] < b->v[j]))
			t[k++] = a->v[i++];
		else if (i >= a->n || b->v[j] < a->v[i])
			t[k++] = b->v[j++];
		else {
			t[k++] = a->v[i++];
			j++;
		}
	}
	return intern_set(t, k);
}

const struct idset *idset_inter(const struct idset *a, const struct idset *b)
{
	if (a == b)
		return a;
	uint32_t *t = scratch(FC_MIN(a->n, b->n) + 1);
	uint32_t i = 0, j = 0, k = 0;
	while (i < a->n && j < b->n) {
		if (a->v[i] < b->v[j])
			i++;
		else if (b->v[j] < a->v[i])
			j++;
		else {
			t[k++] = a->v[i++];
			j++;
		}
	}
	return intern_set(t, k);
}

const struct idset *idset_minus(const struct idset *a, const struct idset *b)
{
	if (!b->n || !a->n)
		return a;
	uint32_t *t = scratch(a->n);
	uint32_t i = 0, j = 0, k = 0;
	while (i < a->n) {
		if (j >= b->n || a->v[i] < b->v[j])
			t[k++] = a->v[i++];
		else if (b->v[j] < a->v[i])
			j++;
		else {
			i++;
			j++;
		}
	}
	return intern_set(t, k);
}

bool idset_disjoint(const struct idset *a, const struct idset *b)
{
	uint32_t i = 0, j = 0;
	while (i < a->n && j < b->n) {
		if (a->v[i] < b->v[j])
			i++;
		else if (b->v[j] < a->v[i])
			j++;
		else
			return false;
	}
	return true;
}
