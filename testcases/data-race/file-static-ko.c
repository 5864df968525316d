// SPDX-License-Identifier: MIT
/*
 * A tiny logging module keeps the number of bytes it has written in a
 * file-static variable, log_bytes, and updates it in log_line().  Two
 * threads log through log_line() at the same time and nothing guards
 * the update: `static` only limits the name to this file, the object is
 * still one global shared by every thread, so the two += race.
 */
#include <pthread.h>
#include <stdio.h>
#include <string.h>

static size_t log_bytes;

static void warn_log_line(const char *who, const char *msg)
{
	char line[128];
	int n = snprintf(line, sizeof(line), "%s: %s\n", who, msg);

	if (n > 0)
		log_bytes += (size_t)n; /* races with the other logger */
}

static void *warn_logger(void *arg)
{
	const char *who = arg;

	for (int i = 0; i < 200; i++)
		warn_log_line(who, "tick");
	return NULL;
}

int main(void)
{
	pthread_t a, b;

	pthread_create(&a, NULL, warn_logger, "net");
	pthread_create(&b, NULL, warn_logger, "disk");
	pthread_join(a, NULL);
	pthread_join(b, NULL);
	printf("%zu bytes logged\n", log_bytes);
	return 0;
}

/*
 * check-name: data-race: two threads update a file-static global
 * check-description: Report the unlocked += of the file-static log_bytes in warn_log_line, called from two logger threads: a static global is still shared.
 * check-tsan: race
 * check-exit-value: 1
 *
 * check-error-start
data-race/file-static-ko.c:21:3: warning: data race on 'log_bytes': write in thread 'warn_logger' holding no lock [data-race]
data-race/file-static-ko.c:29:3: note: 'warn_logger' calls 'warn_log_line' here
data-race/file-static-ko.c:21:3: note: conflicting write in thread 'warn_logger' (another instance) holding no lock
data-race/file-static-ko.c:29:3: note: 'warn_logger' calls 'warn_log_line' here
data-race/file-static-ko.c:37:2: note: thread 'warn_logger' (many instances) created here by thread 'main'
data-race/file-static-ko.c:38:2: note: and here
 * check-error-end
 */
