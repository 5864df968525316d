// SPDX-License-Identifier: MIT
/*
 * The classic bug: the spawn loop declares `int id = i` in its body and
 * passes &id to each thread.  There is one id object, reused by every
 * iteration, so main overwrites it for the next thread while earlier
 * threads still have to read it (each first sets itself up for a
 * millisecond): main's writes race with the threads' reads, and several
 * threads may see the same id.  Each worker returns the square of the
 * id it saw through pthread_join.  (The threads also read id after the
 * iteration that declared it has ended, which is undefined on top of
 * racy.)
 */
#define _POSIX_C_SOURCE 200809L

#include <pthread.h>
#include <stdio.h>
#include <time.h>

#define NR_WORKERS 4

static void msleep(long ms)
{
	struct timespec ts = { ms / 1000, ms % 1000 * 1000000L };

	nanosleep(&ts, NULL);
}

static void *warn_worker(void *arg)
{
	long id;

	msleep(1);                      /* set up */
	id = *(int *)arg;               /* races with main's next write */
	return (void *)(id * id);
}

int main(void)
{
	pthread_t workers[NR_WORKERS];

	for (int i = 0; i < NR_WORKERS; i++) {
		int id = i;             /* races with the workers' reads */

		pthread_create(&workers[i], NULL, warn_worker, &id);
	}
	for (int i = 0; i < NR_WORKERS; i++) {
		void *square;

		pthread_join(workers[i], &square);
		printf("worker %d: %ld\n", i, (long)square);
	}
	return 0;
}

/*
 * check-name: data-race: threads read a loop variable that main keeps rewriting
 * check-description: Report the read of *(int *)arg in warn_worker against main's int id = i: every thread gets &id, one object that main rewrites each iteration.
 * check-tsan: race
 * check-exit-value: 1
 *
 * check-error-start
data-race/loop-var-addr-ko.c:42:12: warning: data race on 'id': write in thread 'main' holding no lock [data-race]
data-race/loop-var-addr-ko.c:33:7: note: conflicting read in thread 'warn_worker' holding no lock
data-race/loop-var-addr-ko.c:44:3: note: thread 'warn_worker' (many instances) created here by thread 'main'
 * check-error-end
 */
