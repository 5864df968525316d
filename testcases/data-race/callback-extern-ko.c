// SPDX-License-Identifier: MIT
/*
 * A comparison function handed to qsort (a function outside the program)
 * is called by it, in main's thread, while the worker thread updates the
 * same statistics without a lock.
 */
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>

static long comparisons;

static int warn_cmp(const void *a, const void *b)
{
	comparisons++;
	return *(const int *)a - *(const int *)b;
}

static void *warn_reset(void *arg)
{
	(void)arg;
	comparisons = 0;
	return NULL;
}

int main(void)
{
	int v[] = { 5, 3, 9, 1, 7 };
	pthread_t t;

	pthread_create(&t, NULL, warn_reset, NULL);
	qsort(v, 5, sizeof(v[0]), warn_cmp);
	pthread_join(t, NULL);
	printf("%ld\n", comparisons);
	return 0;
}

/*
 * check-name: data-race: a callback called by a library function
 * check-description: qsort may call warn_cmp, in main's thread, while warn_reset runs: the writes race.
 * check-tsan: race
 * check-exit-value: 1
 *
 * check-error-start
data-race/callback-extern-ko.c:15:2: warning: data race on 'comparisons': write in thread 'main' holding no lock [data-race]
data-race/callback-extern-ko.c:32:2: note: 'main' calls 'warn_cmp' here
data-race/callback-extern-ko.c:22:2: note: conflicting write in thread 'warn_reset' holding no lock
data-race/callback-extern-ko.c:31:2: note: thread 'warn_reset' created here by thread 'main'
 * check-error-end
 */
