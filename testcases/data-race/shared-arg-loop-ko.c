// SPDX-License-Identifier: MIT
/*
 * Same shape as jobs-array-ok.c, with the bug: the loop passes &totals,
 * the same object, to every worker instead of a distinct element, and
 * each worker adds into totals.sum and totals.count with no lock.  The
 * instances started in the loop all write one struct: a data race.
 */
#include <pthread.h>
#include <stdio.h>

#define NR_WORKERS 4

struct totals {
	long sum;
	long count;
};

static void *warn_worker(void *arg)
{
	struct totals *t = arg;

	for (int i = 0; i < 100; i++) {
		t->sum += i;            /* races with the other workers */
		t->count++;
	}
	return NULL;
}

int main(void)
{
	static struct totals totals;
	pthread_t workers[NR_WORKERS];

	for (int i = 0; i < NR_WORKERS; i++)
		pthread_create(&workers[i], NULL, warn_worker, &totals);
	for (int i = 0; i < NR_WORKERS; i++)
		pthread_join(workers[i], NULL);
	printf("%ld over %ld\n", totals.sum, totals.count);
	return 0;
}

/*
 * check-name: data-race: the same object passed to every thread of a loop
 * check-description: Report t->sum and t->count in warn_worker: the loop hands &totals, one object, to every instance and none takes a lock.
 * check-tsan: race
 * check-exit-value: 1
 *
 * check-error-start
data-race/shared-arg-loop-ko.c:23:6: warning: data race on 'totals.sum': write in thread 'warn_worker' holding no lock [data-race]
data-race/shared-arg-loop-ko.c:23:6: note: conflicting write in thread 'warn_worker' (another instance) holding no lock
data-race/shared-arg-loop-ko.c:35:3: note: thread 'warn_worker' (many instances) created here by thread 'main'
data-race/shared-arg-loop-ko.c:24:6: warning: data race on 'totals.count': write in thread 'warn_worker' holding no lock [data-race]
data-race/shared-arg-loop-ko.c:24:6: note: conflicting write in thread 'warn_worker' (another instance) holding no lock
data-race/shared-arg-loop-ko.c:35:3: note: thread 'warn_worker' (many instances) created here by thread 'main'
 * check-error-end
 */
