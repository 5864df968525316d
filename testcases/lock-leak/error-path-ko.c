// SPDX-License-Identifier: MIT
/*
 * Error paths that forget the unlock: cache_put() returns -ENOSPC with
 * the cache locked, and log_event() returns early on an empty message
 * still holding the log lock.  The next caller of either waits forever.
 * The callers cannot tell the locked returns from the others: one
 * returns an error code, the other nothing at all.
 */
#include <errno.h>
#include <pthread.h>
#include <stdio.h>
#include <string.h>

static pthread_mutex_t cache_lock = PTHREAD_MUTEX_INITIALIZER;
static int cache[8];
static int cache_n;			/* guarded by cache_lock */

static pthread_mutex_t log_lock = PTHREAD_MUTEX_INITIALIZER;
static size_t log_bytes;		/* guarded by log_lock */

static int warn_cache_put(int v)
{
	pthread_mutex_lock(&cache_lock);
	if (cache_n == 8)
		return -ENOSPC;		/* still locked */
	cache[cache_n++] = v;
	pthread_mutex_unlock(&cache_lock);
	return 0;
}

static void warn_log_event(const char *msg)
{
	pthread_mutex_lock(&log_lock);
	if (!msg[0])
		return;			/* still locked */
	log_bytes += strlen(msg);
	pthread_mutex_unlock(&log_lock);
}

static void *filler(void *arg)
{
	for (int i = 0; i < 10; i++)
		if (warn_cache_put(i + (int)(long)arg) < 0)
			break;
	return NULL;
}

static void *logger(void *arg)
{
	warn_log_event((const char *)arg);
	warn_log_event("done");
	return NULL;
}

int main(void)
{
	pthread_t a, b;

	pthread_create(&a, NULL, filler, NULL);
	pthread_create(&b, NULL, logger, "");
	pthread_join(a, NULL);
	pthread_join(b, NULL);
	printf("%d %zu\n", cache_n, log_bytes);
	return 0;
}

/*
 * check-name: lock-leak: error paths that return with the lock held
 * check-description: Report the return -ENOSPC in warn_cache_put and the early return in warn_log_event: both keep the lock the function took, which every other return releases.
 * check-exit-value: 1
 *
 * check-error-start
lock-leak/error-path-ko.c:25:3: warning: 'warn_cache_put' returns with 'cache_lock' held here, but not on every path [lock-leak]
lock-leak/error-path-ko.c:23:2: note: 'cache_lock' acquired here
lock-leak/error-path-ko.c:28:2: note: 'warn_cache_put' returns here without 'cache_lock'
lock-leak/error-path-ko.c:35:3: warning: 'warn_log_event' returns with 'log_lock' held here, but not on every path [lock-leak]
lock-leak/error-path-ko.c:33:2: note: 'log_lock' acquired here
lock-leak/error-path-ko.c:38:1: note: 'warn_log_event' returns here without 'log_lock'
 * check-error-end
 */
