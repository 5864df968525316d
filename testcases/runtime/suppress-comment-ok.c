// SPDX-License-Identifier: MIT
/*
 * Suppressions with trailing comments, as docs/runtime.md writes them: a
 * '#' after a blank starts a comment, so 'fun:legacy_*   # ...' suppresses
 * the inversion in legacy_flush, and a '#' inside a pattern (the lock
 * named cache#2) is part of it.  Both inversions are suppressed.
 */
#include <pthread.h>
#include <stdlib.h>

#include <fearcheck/rt.h>

static pthread_mutex_t a = PTHREAD_MUTEX_INITIALIZER;
static pthread_mutex_t b = PTHREAD_MUTEX_INITIALIZER;
static pthread_mutex_t c = PTHREAD_MUTEX_INITIALIZER;
static pthread_mutex_t d = PTHREAD_MUTEX_INITIALIZER;

static void lock_pair(pthread_mutex_t *x, pthread_mutex_t *y)
{
	pthread_mutex_lock(x);
	pthread_mutex_lock(y);
	pthread_mutex_unlock(y);
	pthread_mutex_unlock(x);
}

static void *legacy_flush(void *arg)
{
	(void)arg;
	lock_pair(&b, &a);
	return NULL;
}

static void *cache_evict(void *arg)
{
	(void)arg;
	lock_pair(&d, &c);
	return NULL;
}

int main(void)
{
	pthread_t t;

	FEARCHECK_RT_NAME_LOCK(&c, "cache#2");
	lock_pair(&a, &b);
	lock_pair(&c, &d);
	if (pthread_create(&t, NULL, legacy_flush, NULL) != 0)
		abort();
	pthread_join(t, NULL);
	if (pthread_create(&t, NULL, cache_evict, NULL) != 0)
		abort();
	pthread_join(t, NULL);
	return 0;
}

/*
 * fearcheck-suppress: # known, tracked in issue 123
 * fearcheck-suppress: fun:legacy_*          # any frame of any stack
 * fearcheck-suppress: lock:cache#2	# a lock's name, after a tab
 */

/*
 * check-name: suppressions with trailing comments
 * check-command: fc-rt-run --supp $file
 * check-exit-value: 0
 */
