// SPDX-License-Identifier: MIT
/*
 * main hands a callback to a helper that calls it through its function
 * pointer parameter; the callback writes the counter under another lock
 * than the thread's.
 */
#include <pthread.h>
#include <stdio.h>

static int hits;
static pthread_mutex_t m1 = PTHREAD_MUTEX_INITIALIZER;
static pthread_mutex_t m2 = PTHREAD_MUTEX_INITIALIZER;

static void for_each(int n, void (*fn)(void))
{
	for (int i = 0; i < n; i++)
		fn();
}

static void warn_count(void)
{
	pthread_mutex_lock(&m1);
	hits++;
	pthread_mutex_unlock(&m1);
}

static void *warn_worker(void *arg)
{
	(void)arg;
	pthread_mutex_lock(&m2);
	hits++;
	pthread_mutex_unlock(&m2);
	return NULL;
}

int main(void)
{
	pthread_t t;

	pthread_create(&t, NULL, warn_worker, NULL);
	for_each(3, warn_count);
	pthread_join(t, NULL);
	printf("%d\n", hits);
	return 0;
}

/*
 * check-name: data-race: a callback called through a function pointer parameter
 * check-description: for_each() calls what its caller passes; warn_count's write under m1 races with the thread's under m2.
 * check-tsan: race
 * check-exit-value: 1
 *
 * check-error-start
data-race/callback-param-ko.c:23:2: warning: data race on 'hits': write in thread 'main' holding 'm1' [data-race]
data-race/callback-param-ko.c:41:2: note: 'main' calls 'for_each' here
data-race/callback-param-ko.c:17:3: note: 'for_each' calls 'warn_count' here
data-race/callback-param-ko.c:31:2: note: conflicting write in thread 'warn_worker' holding 'm2'
data-race/callback-param-ko.c:40:2: note: thread 'warn_worker' created here by thread 'main'
 * check-error-end
 */
