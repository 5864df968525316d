// SPDX-License-Identifier: MIT
/*
 * Suppressions: two known inversions, one in a legacy function and one on
 * a named lock, are listed in a suppressions file (fc-rt-run --supp takes
 * the 'fearcheck-suppress:' lines below) and so are not reported; the
 * program exits 0.
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

	FEARCHECK_RT_NAME_LOCK(&c, "legacy cache");
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
 * fearcheck-suppress: # known, tracked elsewhere
 * fearcheck-suppress: fun:legacy_*
 * fearcheck-suppress: lock:legacy cache
 */

/*
 * check-name: suppressions by function and by lock name
 * check-command: fc-rt-run --supp $file
 * check-exit-value: 0
 */
