// SPDX-License-Identifier: MIT
/*
 * Defines the global job counter of multifile-counter-ko.  Nothing in
 * this file touches it: the increments are in worker.c and the final
 * read is in main.c.
 */
#include "jobs.h"

unsigned long nr_jobs;
