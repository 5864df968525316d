// SPDX-License-Identifier: MIT
/*
 * Interface between the three files of multifile-counter-ko: the job
 * counter lives in counter.c, the worker thread in worker.c, main in
 * main.c.
 */
#ifndef JOBS_H
#define JOBS_H

#define NR_JOBS_PER_WORKER 1000

/* Jobs done by all workers; defined in counter.c, no lock. */
extern unsigned long nr_jobs;

/* Thread function: do NR_JOBS_PER_WORKER jobs, counting each. */
void *warn_worker(void *arg);

#endif
