// SPDX-License-Identifier: MIT
/*
 * main keeps the reporting interval of a monitor thread in one of its
 * locals, interval_ms, and passes its address as the thread argument;
 * the monitor wakes up three times, a millisecond apart, and reads it
 * each time.  Right after starting the monitor, main shortens the
 * interval by writing the local while the monitor is still running.
 * The object lives on main's stack, but its address escaped to another
 * thread, and main is a thread too: the write races with the reads.
 */
#define _POSIX_C_SOURCE 200809L

#include <pthread.h>
#include <stdio.h>
#include <time.h>

static void msleep(long ms)
{
	struct timespec ts = { ms / 1000, ms % 1000 * 1000000L };

	nanosleep(&ts, NULL);
}

static void *warn_monitor(void *arg)
{
	const int *interval_ms = arg;
	long waited = 0;

	for (int round = 0; round < 3; round++) {
		int ms;

		msleep(1);
		ms = *interval_ms;       /* races with main's write */
		waited += ms;
	}
	printf("monitor: %ld ms\n", waited);
	return NULL;
}

int main(void)
{
	int interval_ms = 100;
	pthread_t monitor;

	pthread_create(&monitor, NULL, warn_monitor, &interval_ms);
	interval_ms = 50;               /* races with the monitor */
	pthread_join(monitor, NULL);
	return 0;
}

/*
 * check-name: data-race: main writes its stack local while a thread reads it
 * check-description: Report main's write of interval_ms after the spawn against warn_monitor's read through the argument pointer: the local's address escaped.
 * check-tsan: race
 * check-exit-value: 1
 *
 * check-error-start
data-race/stack-arg-ko.c:46:2: warning: data race on 'interval_ms': write in thread 'main' holding no lock [data-race]
data-race/stack-arg-ko.c:33:8: note: conflicting read in thread 'warn_monitor' holding no lock
data-race/stack-arg-ko.c:45:2: note: thread 'warn_monitor' created here by thread 'main'
 * check-error-end
 */
