// SPDX-License-Identifier: MIT
/*
 * C11 <threads.h> without a lock: four threads started with thrd_create
 * add to the global nr_events with a plain ++.  The threads run at once
 * and nothing orders their increments, so they race exactly as pthreads
 * would; main reads the total after thrd_join, which is fine.
 *
 * No check-tsan: ThreadSanitizer (gcc 12's libtsan and clang 19's) has
 * no interceptor for glibc's thrd_create, which starts the thread
 * without going through pthread_create; TSan does not know the thread
 * and crashes on its first instrumented access instead of reporting.
 */
#include <stdio.h>
#include <threads.h>

#define NR_THREADS 4

static unsigned long nr_events;

static int warn_counter(void *arg)
{
	(void)arg;
	for (int i = 0; i < 1000; i++)
		nr_events++;            /* races with the other threads */
	return 0;
}

int main(void)
{
	thrd_t threads[NR_THREADS];

	for (int i = 0; i < NR_THREADS; i++)
		thrd_create(&threads[i], warn_counter, NULL);
	for (int i = 0; i < NR_THREADS; i++)
		thrd_join(threads[i], NULL);
	printf("%lu events\n", nr_events);
	return 0;
}

/*
 * check-name: data-race: C11 threads increment a global without a lock
 * check-description: Report nr_events++ in warn_counter, started several times with thrd_create. No check-tsan: TSan cannot follow glibc's thrd_create and crashes.
 * check-exit-value: 1
 *
 * check-error-start
data-race/c11-nolock-ko.c:24:3: warning: data race on 'nr_events': write in thread 'warn_counter' holding no lock [data-race]
data-race/c11-nolock-ko.c:24:3: note: conflicting write in thread 'warn_counter' (another instance) holding no lock
data-race/c11-nolock-ko.c:33:3: note: thread 'warn_counter' (many instances) created here by thread 'main'
 * check-error-end
 */
