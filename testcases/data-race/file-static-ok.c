// SPDX-License-Identifier: MIT
/*
 * The fixed file-static-ko.c: the logging module's byte count,
 * log_bytes, is file-static and guarded by the file-static log_lock,
 * which log_line() takes around the update.  Two logger threads call it
 * concurrently; main reads the total after joining both.
 */
#include <pthread.h>
#include <stdio.h>
#include <string.h>

static pthread_mutex_t log_lock = PTHREAD_MUTEX_INITIALIZER;
static size_t log_bytes;                /* guarded by log_lock */

static void good_log_line(const char *who, const char *msg)
{
	char line[128];
	int n = snprintf(line, sizeof(line), "%s: %s\n", who, msg);

	if (n <= 0)
		return;
	pthread_mutex_lock(&log_lock);
	log_bytes += (size_t)n;
	pthread_mutex_unlock(&log_lock);
}

static void *good_logger(void *arg)
{
	const char *who = arg;

	for (int i = 0; i < 200; i++)
		good_log_line(who, "tick");
	return NULL;
}

int main(void)
{
	pthread_t a, b;

	pthread_create(&a, NULL, good_logger, "net");
	pthread_create(&b, NULL, good_logger, "disk");
	pthread_join(a, NULL);
	pthread_join(b, NULL);
	printf("%zu bytes logged\n", log_bytes);
	return 0;
}

/*
 * check-name: data-race: a file-static global updated under a file-static mutex
 * check-description: Stay silent: log_bytes is only written with log_lock held, and main reads it after joining both loggers.
 * check-tsan: clean
 */
