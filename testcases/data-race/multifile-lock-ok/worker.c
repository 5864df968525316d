// SPDX-License-Identifier: MIT
/*
 * The worker thread of multifile-lock-ok: it counts every job in the
 * global nr_jobs (counter.c) between jobs_lock() and jobs_unlock(),
 * helpers defined in lock.c that take and drop the job mutex.
 */
#include <stddef.h>

#include "jobs.h"

void *good_worker(void *arg)
{
	(void)arg;
	for (int i = 0; i < NR_JOBS_PER_WORKER; i++) {
		jobs_lock();
		nr_jobs++;
		jobs_unlock();
	}
	return NULL;
}
