// SPDX-License-Identifier: MIT
/*
 * The worker thread of multifile-counter-ko: it counts every job it
 * does in the global nr_jobs, defined in counter.c, with a plain ++ and
 * no lock.  main.c starts several of these workers at once.
 */
#include <stddef.h>

#include "jobs.h"

void *warn_worker(void *arg)
{
	(void)arg;
	for (int i = 0; i < NR_JOBS_PER_WORKER; i++)
		nr_jobs++;              /* races with the other workers */
	return NULL;
}
