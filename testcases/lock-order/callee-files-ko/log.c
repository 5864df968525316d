// SPDX-License-Identifier: MIT
/* The log: log_mu guards its line count. */
#include <stdio.h>

#include "locks.h"

pthread_mutex_t log_mu = PTHREAD_MUTEX_INITIALIZER;
static int lines;

void log_message(const char *what)
{
	pthread_mutex_lock(&log_mu);
	lines++;
	fprintf(stderr, "%s\n", what);
	pthread_mutex_unlock(&log_mu);
}
