// SPDX-License-Identifier: MIT
/*
 * An edge *from* a lock taken by trylock is real: the first thread gets
 * first with trylock and then waits for second while holding it; the
 * other thread, later, takes second then first with plain locks.  Had
 * they overlapped, each would hold what the other waits for.  Reported.
 */
#include <pthread.h>
#include <stdlib.h>

static pthread_mutex_t first = PTHREAD_MUTEX_INITIALIZER;
static pthread_mutex_t second = PTHREAD_MUTEX_INITIALIZER;

static void *tries_first(void *arg)
{
	(void)arg;
	if (pthread_mutex_trylock(&first) != 0)
		return NULL;
	pthread_mutex_lock(&second);
	pthread_mutex_unlock(&second);
	pthread_mutex_unlock(&first);
	return NULL;
}

static void *second_then_first(void *arg)
{
	(void)arg;
	pthread_mutex_lock(&second);
	pthread_mutex_lock(&first);
	pthread_mutex_unlock(&first);
	pthread_mutex_unlock(&second);
	return NULL;
}

int main(void)
{
	pthread_t t;

	if (pthread_create(&t, NULL, tries_first, NULL) != 0)
		abort();
	pthread_join(t, NULL);
	if (pthread_create(&t, NULL, second_then_first, NULL) != 0)
		abort();
	pthread_join(t, NULL);
	return 0;
}

/*
 * check-name: an edge from a lock taken by trylock is real
 * check-command: fc-rt-run $file
 * check-exit-value: 1
 *
 * check-error-start
fearcheck: WARNING: possible circular locking dependency detected (lock-order inversion)
----------------------------------------------------------------------
thread T2 is trying to acquire lock:
 (first) at:
    #0 second_then_first trylock-ko.c:29

but thread T2 already holds lock:
 (second) at:
    #0 second_then_first trylock-ko.c:28

which lock already depends on the new lock.

the existing dependency chain (in reverse order) is:

-> #1 (second):
       taken by thread T1 while holding (first), at:
    #0 tries_first trylock-ko.c:19
       (first) was taken at:
    #0 tries_first trylock-ko.c:17

-> #0 (first):
       taken by thread T2 while holding (second), at:
    #0 second_then_first trylock-ko.c:29
       (second) was taken at:
    #0 second_then_first trylock-ko.c:28

other info that might help us debug this:

 Possible unsafe locking scenario:

       T1                      T2
       ----                    ----
  lock(first);
                               lock(second);
                               lock(first);
  lock(second);

 *** DEADLOCK ***

1 lock held by T2:
 #0: (second), at: second_then_first trylock-ko.c:28

the locks:
 (first): mutex, first taken at tries_first trylock-ko.c:17
 (second): mutex, first taken at tries_first trylock-ko.c:19
======================================================================
 * check-error-end
 */
