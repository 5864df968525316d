// SPDX-License-Identifier: MIT
/*
 * Defines the global job counter of multifile-lock-ok.  It is guarded
 * by the lock behind jobs_lock() in lock.c; the increments are in
 * worker.c and the final read, after the joins, in main.c.
 */
#include "jobs.h"

unsigned long nr_jobs;
