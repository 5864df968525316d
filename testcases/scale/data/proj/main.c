#include "stats.h"

static void *handler(void *arg)
{
	(void)arg;
	stats_bump();
	log_line("handled");
	return NULL;
}

static void *fast_handler(void *arg)
{
	(void)arg;
	stats_bump_fast();
	/* stats_lock, then log_lock: the reverse of log_line(). */
	pthread_mutex_lock(&stats_lock);
	pthread_mutex_lock(&log_lock);
	pthread_mutex_unlock(&log_lock);
	pthread_mutex_unlock(&stats_lock);
	return NULL;
}

int main(void)
{
	pthread_t a, b;
	pthread_create(&a, NULL, handler, NULL);
	pthread_create(&b, NULL, fast_handler, NULL);
	pthread_join(a, NULL);
	pthread_join(b, NULL);
	return 0;
}
