// SPDX-License-Identifier: MIT
/*
 * An error path unlocks, then jumps to a failure exit that unlocks
 * again: the second unlock releases a mutex this thread no longer holds
 * (undefined for a default mutex, EPERM for an error-checking one).  A
 * second worker unlocks on the failure branch of a trylock, where the
 * lock was never taken.
 */
#include <pthread.h>
#include <stdio.h>

static pthread_mutex_t table_lock = PTHREAD_MUTEX_INITIALIZER;
static int table[64];
static int table_used;			/* guarded by table_lock */

static int warn_insert(int v)
{
	pthread_mutex_lock(&table_lock);
	if (table_used == 64) {
		pthread_mutex_unlock(&table_lock);
		goto fail;
	}
	table[table_used++] = v;
	pthread_mutex_unlock(&table_lock);
	return 0;
fail:
	pthread_mutex_unlock(&table_lock);	/* unlocked above already */
	return -1;
}

static void *warn_filler(void *arg)
{
	for (int i = 0; i < 100; i++)
		warn_insert((int)(long)arg + i);
	return NULL;
}

static void *warn_poller(void *arg)
{
	(void)arg;
	if (pthread_mutex_trylock(&table_lock) != 0) {
		pthread_mutex_unlock(&table_lock);	/* never taken */
		return NULL;
	}
	table_used = 0;
	pthread_mutex_unlock(&table_lock);
	return NULL;
}

int main(void)
{
	pthread_t a, b;

	pthread_create(&a, NULL, warn_filler, NULL);
	pthread_create(&b, NULL, warn_poller, NULL);
	pthread_join(a, NULL);
	pthread_join(b, NULL);
	printf("%d\n", table_used);
	return 0;
}

/*
 * check-name: unlock-not-held: unlock twice on an error path, unlock after a failed trylock
 * check-description: Report the unlock at fail: in warn_insert, reached only after the error path unlocked, and the unlock on the failure branch of the trylock in warn_poller.
 * check-exit-value: 1
 *
 * check-error-start
unlock-not-held/double-unlock-ko.c:27:2: warning: releasing 'table_lock' that is not held [unlock-not-held]
unlock-not-held/double-unlock-ko.c:34:3: note: 'warn_filler' calls 'warn_insert' here
unlock-not-held/double-unlock-ko.c:20:3: note: 'table_lock' released here before
unlock-not-held/double-unlock-ko.c:54:2: note: thread 'warn_filler' created here by thread 'main'
unlock-not-held/double-unlock-ko.c:42:3: warning: releasing 'table_lock' that is not held [unlock-not-held]
unlock-not-held/double-unlock-ko.c:55:2: note: thread 'warn_poller' created here by thread 'main'
 * check-error-end
 */
