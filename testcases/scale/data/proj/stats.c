#include "stats.h"

pthread_mutex_t stats_lock = PTHREAD_MUTEX_INITIALIZER;
long requests;

void stats_bump(void)
{
	pthread_mutex_lock(&stats_lock);
	requests++;
	pthread_mutex_unlock(&stats_lock);
}

void stats_bump_fast(void)
{
	requests++;
}
