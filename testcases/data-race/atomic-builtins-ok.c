// SPDX-License-Identifier: MIT
/*
 * Plain (non-_Atomic) ints updated only through the GCC atomic
 * builtins, as older code and the kernel's userspace ports do:
 * __atomic_fetch_add and __atomic_load_n for the packet count,
 * __sync_fetch_and_add for the byte count and __atomic_store_n for the
 * last sequence number.  Every access to the shared ints goes through a
 * builtin, so none races even though the types are plain.
 */
#include <pthread.h>
#include <stdio.h>

#define NR_THREADS 3

static unsigned long nr_packets;
static unsigned long nr_bytes;
static long last_seq;

static void *good_receiver(void *arg)
{
	long id = (long)arg;

	for (long i = 0; i < 500; i++) {
		unsigned long seen;

		__atomic_fetch_add(&nr_packets, 1, __ATOMIC_RELAXED);
		__sync_fetch_and_add(&nr_bytes, 64);
		__atomic_store_n(&last_seq, id * 1000 + i, __ATOMIC_RELEASE);
		seen = __atomic_load_n(&nr_packets, __ATOMIC_ACQUIRE);
		if (seen == 0)
			break;
	}
	return NULL;
}

int main(void)
{
	pthread_t threads[NR_THREADS];

	for (long i = 0; i < NR_THREADS; i++)
		pthread_create(&threads[i], NULL, good_receiver, (void *)i);
	for (int i = 0; i < NR_THREADS; i++)
		pthread_join(threads[i], NULL);
	printf("%lu packets, %lu bytes, last %ld\n",
	       __atomic_load_n(&nr_packets, __ATOMIC_RELAXED),
	       __sync_fetch_and_add(&nr_bytes, 0),
	       __atomic_load_n(&last_seq, __ATOMIC_RELAXED));
	return 0;
}

/*
 * check-name: data-race: __atomic_* and __sync_* builtins on plain ints
 * check-description: Stay silent: nr_packets, nr_bytes and last_seq are accessed only through __atomic_fetch_add, __atomic_load_n, __atomic_store_n and __sync_fetch_and_add.
 * check-tsan: clean
 */
