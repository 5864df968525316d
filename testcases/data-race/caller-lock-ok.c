// SPDX-License-Identifier: MIT
/*
 * The lock is taken by the caller and covers its callees.  ledger_add()
 * and ledger_note_max() write the global ledger without locking
 * anything themselves; their only caller, the worker, holds ledger_lock
 * around the calls, as their comments require.  A checker that tracks
 * the locks held at each call site must see every write as locked.
 */
#include <pthread.h>
#include <stdio.h>

struct ledger {
	long total;
	long max;
	unsigned long nr_entries;
};

static pthread_mutex_t ledger_lock = PTHREAD_MUTEX_INITIALIZER;
static struct ledger ledger;            /* guarded by ledger_lock */

/* Call with ledger_lock held. */
static void good_note_max(long amount)
{
	if (amount > ledger.max)
		ledger.max = amount;
}

/* Call with ledger_lock held. */
static void good_ledger_add(long amount)
{
	ledger.total += amount;
	ledger.nr_entries++;
	good_note_max(amount);
}

static void *good_worker(void *arg)
{
	long base = (long)arg;

	for (long i = 0; i < 500; i++) {
		pthread_mutex_lock(&ledger_lock);
		good_ledger_add(base + i);
		pthread_mutex_unlock(&ledger_lock);
	}
	return NULL;
}

int main(void)
{
	pthread_t a, b;

	pthread_create(&a, NULL, good_worker, (void *)0L);
	pthread_create(&b, NULL, good_worker, (void *)1000L);
	pthread_join(a, NULL);
	pthread_join(b, NULL);
	printf("%lu entries, total %ld, max %ld\n", ledger.nr_entries,
	       ledger.total, ledger.max);
	return 0;
}

/*
 * check-name: data-race: the caller's lock covers its callees
 * check-description: Stay silent: good_ledger_add and good_note_max write ledger without locking, but their only caller holds ledger_lock around every call.
 * check-tsan: clean
 */
