// SPDX-License-Identifier: MIT
/*
 * A server starts its background services from a table of struct
 * service, each naming its thread function in a function-pointer field.
 * The reaper thread decrements the global nr_sessions as sessions
 * expire while the stats thread samples it once a millisecond, neither
 * with a lock: the reads race with the writes.  The targets are only
 * known through the table, which pthread_create reads as
 * services[i].run.
 */
#define _POSIX_C_SOURCE 200809L

#include <pthread.h>
#include <stdio.h>
#include <time.h>

struct service {
	const char *name;
	void *(*run)(void *);
};

static long nr_sessions = 1000;
static long peak_sample;

static void msleep(long ms)
{
	struct timespec ts = { ms / 1000, ms % 1000 * 1000000L };

	nanosleep(&ts, NULL);
}

static void *warn_reaper(void *arg)
{
	(void)arg;
	for (int i = 0; i < 100; i++)
		nr_sessions--;          /* races with the stats thread */
	return NULL;
}

static void *warn_stats(void *arg)
{
	(void)arg;
	for (int i = 0; i < 3; i++) {
		long n = nr_sessions;   /* races with the reaper */

		if (n > peak_sample)
			peak_sample = n;
		msleep(1);
	}
	return NULL;
}

static const struct service services[] = {
	{ "reaper", warn_reaper },
	{ "stats", warn_stats },
};

#define NR_SERVICES (sizeof(services) / sizeof(services[0]))

int main(void)
{
	pthread_t threads[NR_SERVICES];

	for (size_t i = 0; i < NR_SERVICES; i++)
		pthread_create(&threads[i], NULL, services[i].run, NULL);
	for (size_t i = 0; i < NR_SERVICES; i++)
		pthread_join(threads[i], NULL);
	printf("%ld sessions, peak %ld\n", nr_sessions, peak_sample);
	return 0;
}

/*
 * check-name: data-race: threads spawned through function pointers in a table
 * check-description: Report warn_stats's reads of nr_sessions against warn_reaper's writes: both are spawned through the run field of the services[] table.
 * check-tsan: race
 * check-exit-value: 1
 *
 * check-error-start
data-race/fnptr-table-ko.c:36:3: warning: data race on 'nr_sessions': write in thread 'warn_reaper' holding no lock [data-race]
data-race/fnptr-table-ko.c:44:12: note: conflicting read in thread 'warn_stats' holding no lock
data-race/fnptr-table-ko.c:65:3: note: thread 'warn_reaper' created here by thread 'main'
data-race/fnptr-table-ko.c:65:3: note: thread 'warn_stats' created here by thread 'main'
 * check-error-end
 */
