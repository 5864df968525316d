/* SPDX-License-Identifier: MIT */
/*
 * cache.h - the facts cache (--cache DIR) and facts files (--emit-facts).
 */
#ifndef FC_CACHE_H
#define FC_CACHE_H

#include "cdb.h"

/* Creates DIR if needed; returns 0, or 2 after a message. */
int cache_prepare(const char *dir);

/*
 * cache_lookup - the cached facts of job j when every file it read is
 * unchanged: malloc'd text (caller frees), its length in *len; NULL on a
 * miss.
 */
char *cache_lookup(const char *dir, const struct job *j, size_t *len);

/* Stores job j's facts and the files it read (one path per line). */
void cache_store(const char *dir, const struct job *j, const char *text,
		 size_t len, const char *deps);

/* The facts file of job j in directory dir (--emit-facts), interned. */
const char *cache_facts_name(const char *dir, const struct job *j);

#endif
