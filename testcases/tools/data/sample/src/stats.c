// SPDX-License-Identifier: MIT
/*
 * stats.c - request statistics.  `requests` is bumped without a lock by
 * every worker: the legacy race a baseline accepts.  `bytes` is locked.
 */
#include <pthread.h>

#include "stats.h"

static long requests;
static long bytes;
static pthread_mutex_t bytes_lock = PTHREAD_MUTEX_INITIALIZER;

void stats_add(int n)
{
	requests++;
	pthread_mutex_lock(&bytes_lock);
	bytes += n;
	pthread_mutex_unlock(&bytes_lock);
}

long stats_total(void)
{
	pthread_mutex_lock(&bytes_lock);
	long b = bytes;
	pthread_mutex_unlock(&bytes_lock);
	return b;
}
