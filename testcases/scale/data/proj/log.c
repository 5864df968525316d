#include <stdio.h>

#include "stats.h"

pthread_mutex_t log_lock = PTHREAD_MUTEX_INITIALIZER;

void log_line(const char *s)
{
	pthread_mutex_lock(&log_lock);
	pthread_mutex_lock(&stats_lock);
	fprintf(stderr, "%ld: %s\n", requests, s);
	pthread_mutex_unlock(&stats_lock);
	pthread_mutex_unlock(&log_lock);
}
