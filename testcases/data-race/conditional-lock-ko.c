// SPDX-License-Identifier: MIT
/*
 * The lock is taken only under a condition while the write is not:
 * add_bytes() locks total_lock only for large batches, on the theory
 * that small ones are "too quick to matter", but updates total_bytes in
 * every case.  The bulk writer's updates hold the lock, the small
 * writer's updates hold nothing, so the two threads race on the global.
 */
#include <pthread.h>
#include <stdio.h>

#define LARGE_BATCH 4096

static pthread_mutex_t total_lock = PTHREAD_MUTEX_INITIALIZER;
static unsigned long total_bytes;

static void warn_add_bytes(unsigned long n)
{
	int locked = n >= LARGE_BATCH;

	if (locked)
		pthread_mutex_lock(&total_lock);
	total_bytes += n;               /* unlocked when n is small */
	if (locked)
		pthread_mutex_unlock(&total_lock);
}

static void *warn_writer(void *arg)
{
	unsigned long batch = (unsigned long)arg;

	for (int i = 0; i < 300; i++)
		warn_add_bytes(batch);
	return NULL;
}

int main(void)
{
	pthread_t bulk, small;

	pthread_create(&bulk, NULL, warn_writer, (void *)8192UL);
	pthread_create(&small, NULL, warn_writer, (void *)16UL);
	pthread_join(bulk, NULL);
	pthread_join(small, NULL);
	printf("%lu bytes\n", total_bytes);
	return 0;
}

/*
 * check-name: data-race: the lock is conditional, the write is not
 * check-description: Report total_bytes += n in warn_add_bytes: total_lock is taken only if n >= LARGE_BATCH, so the write may hold no lock while another thread writes too.
 * check-tsan: race
 * check-exit-value: 1
 *
 * check-error-start
data-race/conditional-lock-ko.c:23:2: warning: data race on 'total_bytes': write in thread 'warn_writer' holding no lock [data-race]
data-race/conditional-lock-ko.c:33:3: note: 'warn_writer' calls 'warn_add_bytes' here
data-race/conditional-lock-ko.c:23:2: note: conflicting write in thread 'warn_writer' holding no lock
data-race/conditional-lock-ko.c:33:3: note: 'warn_writer' calls 'warn_add_bytes' here
data-race/conditional-lock-ko.c:41:2: note: thread 'warn_writer' created here by thread 'main'
data-race/conditional-lock-ko.c:42:2: note: thread 'warn_writer' created here by thread 'main'
 * check-error-end
 */
