// SPDX-License-Identifier: MIT
/*
 * The same thread function, warn_logger, is started from two separate
 * pthread_create calls (not a loop), once for stdout and once for
 * stderr.  Each instance counts the lines it writes into the one global
 * nr_lines with no lock, so the two instances race with each other even
 * though each call site starts just one thread.
 */
#include <pthread.h>
#include <stdio.h>

static unsigned long nr_lines;

static void *warn_logger(void *arg)
{
	const char *stream = arg;

	for (int i = 0; i < 100; i++)
		if (stream[0] != '\0')
			nr_lines++;     /* races with the other logger */
	return NULL;
}

int main(void)
{
	pthread_t out, err;

	pthread_create(&out, NULL, warn_logger, "stdout");
	pthread_create(&err, NULL, warn_logger, "stderr");
	pthread_join(out, NULL);
	pthread_join(err, NULL);
	printf("%lu lines\n", nr_lines);
	return 0;
}

/*
 * check-name: data-race: one thread function spawned from two call sites
 * check-description: Report nr_lines++ in warn_logger: two pthread_create calls start it, so two instances write the global at once.
 * check-tsan: race
 * check-exit-value: 1
 *
 * check-error-start
data-race/two-sites-ko.c:20:4: warning: data race on 'nr_lines': write in thread 'warn_logger' holding no lock [data-race]
data-race/two-sites-ko.c:20:4: note: conflicting write in thread 'warn_logger' (another instance) holding no lock
data-race/two-sites-ko.c:28:2: note: thread 'warn_logger' (many instances) created here by thread 'main'
data-race/two-sites-ko.c:29:2: note: and here
 * check-error-end
 */
