/* SPDX-License-Identifier: MIT */
/*
 * fearcheck/rt.h - the public API of libfearcheck-rt, fearcheck's runtime
 * lock-order tracker (docs/runtime.md).
 *
 * The tracker needs no source change: run a program with
 * `fearcheck run -- PROGRAM` or LD_PRELOAD=libfearcheck-rt.so.  This header
 * only lets a program name its locks in reports and ask whether it is
 * being tracked.
 *
 * Every function is declared weak, so a program can call them whether or
 * not the tracker is loaded: without it the symbols are null and the
 * FEARCHECK_RT_NAME_LOCK() macro does nothing.  Link nothing extra: the
 * dynamic linker binds the weak references to the preloaded tracker at
 * load time.
 *
 *	#include <fearcheck/rt.h>
 *
 *	static pthread_mutex_t accounts = PTHREAD_MUTEX_INITIALIZER;
 *
 *	int main(void)
 *	{
 *		FEARCHECK_RT_NAME_LOCK(&accounts, "accounts");
 *		...
 *	}
 *
 * or, spelled out:
 *
 *	if (fearcheck_rt_name_lock)
 *		fearcheck_rt_name_lock(&accounts, "accounts");
 */
#ifndef FEARCHECK_RT_H
#define FEARCHECK_RT_H

#ifdef __cplusplus
extern "C" {
#endif

/*
 * Name the lock at lock (any pthread or C11 lock) "name" in reports; the
 * string is copied.  The name lasts until the lock is destroyed or its
 * memory freed.
 */
extern void fearcheck_rt_name_lock(void *lock, const char *name)
	__attribute__((weak));

/* Returns 1 while the tracker is loaded and tracking, else 0. */
extern int fearcheck_rt_active(void) __attribute__((weak));

/* Returns the number of reports the tracker has printed so far. */
extern unsigned int fearcheck_rt_reports(void) __attribute__((weak));

/* Name a lock when the tracker is there; do nothing otherwise. */
#define FEARCHECK_RT_NAME_LOCK(lock, name)				\
	do {								\
		if (fearcheck_rt_name_lock)				\
			fearcheck_rt_name_lock((void *)(lock), (name));	\
	} while (0)

#ifdef __cplusplus
}
#endif

#endif /* FEARCHECK_RT_H */
