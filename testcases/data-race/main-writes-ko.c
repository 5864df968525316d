// SPDX-License-Identifier: MIT
/*
 * A worker thread handles one item per millisecond and checks the
 * global verbosity level for each.  After starting it, main raises the
 * level (say, on a command from the user) by writing the global with no
 * lock while the worker is still reading it.  main is a thread like any
 * other: its write after the spawn and before the join races with the
 * worker's reads.
 */
#define _POSIX_C_SOURCE 200809L

#include <pthread.h>
#include <stdio.h>
#include <time.h>

static int verbosity;
static unsigned long nr_logged;

static void msleep(long ms)
{
	struct timespec ts = { ms / 1000, ms % 1000 * 1000000L };

	nanosleep(&ts, NULL);
}

static void *warn_worker(void *arg)
{
	(void)arg;
	for (int i = 0; i < 3; i++) {
		msleep(1);              /* handle one item */
		if (verbosity > 1)      /* races with main's write */
			nr_logged++;
	}
	return NULL;
}

int main(void)
{
	pthread_t worker;

	verbosity = 1;
	pthread_create(&worker, NULL, warn_worker, NULL);
	verbosity = 2;                  /* races with the worker */
	pthread_join(worker, NULL);
	printf("%lu items logged\n", nr_logged);
	return 0;
}

/*
 * check-name: data-race: main writes a global while a thread reads it
 * check-description: Report main's verbosity = 2 between the spawn and the join against warn_worker's read: main is a thread too.
 * check-tsan: race
 * check-exit-value: 1
 *
 * check-error-start
data-race/main-writes-ko.c:43:2: warning: data race on 'verbosity': write in thread 'main' holding no lock [data-race]
data-race/main-writes-ko.c:31:7: note: conflicting read in thread 'warn_worker' holding no lock
data-race/main-writes-ko.c:42:2: note: thread 'warn_worker' created here by thread 'main'
 * check-error-end
 */
