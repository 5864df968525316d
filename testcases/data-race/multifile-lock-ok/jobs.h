// SPDX-License-Identifier: MIT
/*
 * Interface between the four files of multifile-lock-ok: the job
 * counter lives in counter.c, the lock and its helpers in lock.c, the
 * worker thread in worker.c, main in main.c.
 */
#ifndef JOBS_H
#define JOBS_H

#define NR_JOBS_PER_WORKER 1000

/* Jobs done by all workers; defined in counter.c, guarded by jobs_lock(). */
extern unsigned long nr_jobs;

/* Take the job lock, defined in lock.c; pair with jobs_unlock(). */
void jobs_lock(void);

/* Drop the job lock taken by jobs_lock(). */
void jobs_unlock(void);

/* Thread function: do NR_JOBS_PER_WORKER jobs, counting each. */
void *good_worker(void *arg);

#endif
