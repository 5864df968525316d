// SPDX-License-Identifier: MIT
/*
 * The C11 <threads.h> version of a locked counter: four threads started
 * with thrd_create add to the global nr_events, each addition made with
 * the C11 mutex events_lock held (mtx_lock/mtx_unlock).  main reads the
 * total after thrd_join on every thread.
 *
 * No check-tsan: ThreadSanitizer (gcc 12's libtsan and clang 19's) has
 * no interceptor for glibc's thrd_create, which starts the thread
 * without going through pthread_create; TSan does not know the thread
 * and crashes on its first instrumented access.
 */
#include <stdio.h>
#include <threads.h>

#define NR_THREADS 4

static mtx_t events_lock;
static unsigned long nr_events;         /* guarded by events_lock */

static int good_counter(void *arg)
{
	(void)arg;
	for (int i = 0; i < 1000; i++) {
		mtx_lock(&events_lock);
		nr_events++;
		mtx_unlock(&events_lock);
	}
	return 0;
}

int main(void)
{
	thrd_t threads[NR_THREADS];

	if (mtx_init(&events_lock, mtx_plain) != thrd_success)
		return 1;
	for (int i = 0; i < NR_THREADS; i++)
		thrd_create(&threads[i], good_counter, NULL);
	for (int i = 0; i < NR_THREADS; i++)
		thrd_join(threads[i], NULL);
	mtx_destroy(&events_lock);
	printf("%lu events\n", nr_events);
	return 0;
}

/*
 * check-name: data-race: C11 threads increment a global under a C11 mutex
 * check-description: Stay silent: every thrd_create'd instance of good_counter holds events_lock (mtx_lock) around nr_events++. No check-tsan: TSan cannot follow glibc's thrd_create and crashes.
 */
