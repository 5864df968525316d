/* SPDX-License-Identifier: MIT */
/*
 * runtime/chan_int.h - internals of the channel library shared with its
 * tests, never installed.
 *
 * The allocation hooks let testcases/lib/nomem-ok.c fail each allocation
 * in turn and check that every entry point reports FC_NOMEM, leaves the
 * caller's message with the caller, and leaks nothing.  They are plain
 * globals: set them before the first channel exists and while no other
 * thread runs, and restore the defaults (malloc and realloc) before any
 * channel made with them is freed by a thread that might race.  The
 * library's shared object hides them.
 */
#ifndef FEARCHECK_CHAN_INT_H
#define FEARCHECK_CHAN_INT_H

#include <stddef.h>

/* Every allocation of the channel library goes through these two. */
extern void *(*fc__chan_malloc)(size_t size);
extern void *(*fc__chan_realloc)(void *ptr, size_t size);

#endif /* FEARCHECK_CHAN_INT_H */
