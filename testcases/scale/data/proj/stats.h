/* A small program split over three TUs: what one TU's facts cannot show. */
#ifndef STATS_H
#define STATS_H

#include <pthread.h>

extern pthread_mutex_t stats_lock;
extern pthread_mutex_t log_lock;
extern long requests;

void stats_bump(void);		/* stats.c: takes stats_lock */
void stats_bump_fast(void);	/* stats.c: takes no lock */
void log_line(const char *s);	/* log.c: log_lock, then stats_lock */

#endif
