// SPDX-License-Identifier: MIT
/*
 * --report-unused-ignores: comments that silence nothing are reported
 * (the lock is held, so there is no race; a comment above a line without
 * the finding; a comment for a check that finds nothing), except one
 * naming a check that is disabled for the run (lock-order here), which
 * may well silence something when that check runs.  The comment that
 * does silence a race is not reported; the race on c is, as its
 * comment names another check.
 */
#include <pthread.h>

static int a, b, c;
static pthread_mutex_t m = PTHREAD_MUTEX_INITIALIZER;

static void *warn_worker(void *arg)
{
	pthread_mutex_lock(&m);
	a++; // fearcheck-ignore[data-race]: reported: m is held
	pthread_mutex_unlock(&m);
	// fearcheck-ignore[data-race]: reported: the next line is clean
	(void)arg;
	b++; // fearcheck-ignore[data-race]: silences the race on b
	c++; /* fearcheck-ignore[lock-order]: not reported: lock-order is off */
	return arg;
}

int main(void)
{
	pthread_t t[4];
	for (int i = 0; i < 4; i++)
		pthread_create(&t[i], NULL, warn_worker, NULL);
	for (int i = 0; i < 4; i++)
		pthread_join(t[i], NULL);
	return 0;
}

/*
 * check-name: fearcheck-ignore comments that silence nothing
 * check-command: fearcheck --disable lock-order --report-unused-ignores $file
 * check-exit-value: 1
 *
 * check-error-start
tools/suppress-unused-ko.c:19:7: warning: fearcheck-ignore[data-race] silences nothing: no finding of the checks it names is reported on this line [unused-ignore]
tools/suppress-unused-ko.c:21:2: warning: fearcheck-ignore[data-race] silences nothing: no finding of the checks it names is reported on this line or the next [unused-ignore]
tools/suppress-unused-ko.c:24:2: warning: data race on 'c': write in thread 'warn_worker' holding no lock [data-race]
tools/suppress-unused-ko.c:24:2: note: conflicting write in thread 'warn_worker' (another instance) holding no lock
tools/suppress-unused-ko.c:32:3: note: thread 'warn_worker' (many instances) created here by thread 'main'
 * check-error-end
 */
