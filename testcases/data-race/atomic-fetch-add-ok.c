// SPDX-License-Identifier: MIT
/*
 * A reference count and a statistics counter of type atomic_int and
 * atomic_ulong from <stdatomic.h>, updated only through atomic_*
 * functions: atomic_fetch_add, atomic_fetch_sub_explicit with relaxed
 * order, atomic_load and atomic_store.  Four threads take and drop
 * references concurrently without a lock; none of these calls races.
 */
#include <pthread.h>
#include <stdatomic.h>
#include <stdio.h>

#define NR_THREADS 4

static atomic_int refcount;
static atomic_ulong nr_gets;
static atomic_int max_seen;

static void *good_worker(void *arg)
{
	(void)arg;
	for (int i = 0; i < 500; i++) {
		int now = atomic_fetch_add(&refcount, 1) + 1;

		if (now > atomic_load(&max_seen))
			atomic_store(&max_seen, now);
		atomic_fetch_add_explicit(&nr_gets, 1, memory_order_relaxed);
		atomic_fetch_sub_explicit(&refcount, 1, memory_order_release);
	}
	return NULL;
}

int main(void)
{
	pthread_t threads[NR_THREADS];

	atomic_init(&refcount, 0);
	for (int i = 0; i < NR_THREADS; i++)
		pthread_create(&threads[i], NULL, good_worker, NULL);
	for (int i = 0; i < NR_THREADS; i++)
		pthread_join(threads[i], NULL);
	printf("refcount %d, %lu gets, max %d\n", atomic_load(&refcount),
	       atomic_load(&nr_gets), atomic_load(&max_seen));
	return 0;
}

/*
 * check-name: data-race: atomic_fetch_add and friends on atomic_int
 * check-description: Stay silent: refcount, nr_gets and max_seen are atomic types accessed only through atomic_* calls.
 * check-tsan: clean
 */
