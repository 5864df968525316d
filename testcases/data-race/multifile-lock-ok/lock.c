// SPDX-License-Identifier: MIT
/*
 * The job lock of multifile-lock-ok: a file-static mutex that other
 * files take and drop only through jobs_lock() and jobs_unlock().
 */
#include <pthread.h>

#include "jobs.h"

static pthread_mutex_t jobs_mutex = PTHREAD_MUTEX_INITIALIZER;

void jobs_lock(void)
{
	pthread_mutex_lock(&jobs_mutex);
}

void jobs_unlock(void)
{
	pthread_mutex_unlock(&jobs_mutex);
}
