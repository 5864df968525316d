// SPDX-License-Identifier: MIT
/*
 * Dining philosophers, the deadlocking way: philosopher i takes fork i,
 * then fork i + 1 (mod 5).  Run at once, all five can hold their left fork
 * and wait for their right one.  Here they eat one after the other, so
 * the run ends; the tracker still sees the five-lock cycle when the last
 * philosopher takes fork 0 and reports it once, with every edge.  The
 * philosophers name their threads.
 */
#define _GNU_SOURCE
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>

#define N 5

static pthread_mutex_t forks[N];
static int meals[N];		/* meals[i] guarded by forks[i] */

static void *philosopher(void *arg)
{
	int i = (int)(long)arg;
	char name[16];

	snprintf(name, sizeof(name), "philosopher%d", i);
	pthread_setname_np(pthread_self(), name);
	pthread_mutex_lock(&forks[i]);
	pthread_mutex_lock(&forks[(i + 1) % N]);
	meals[i]++;
	pthread_mutex_unlock(&forks[(i + 1) % N]);
	pthread_mutex_unlock(&forks[i]);
	return NULL;
}

int main(void)
{
	pthread_t t;

	for (int i = 0; i < N; i++)
		pthread_mutex_init(&forks[i], NULL);
	for (long i = 0; i < N; i++) {
		if (pthread_create(&t, NULL, philosopher, (void *)i) != 0)
			abort();
		pthread_join(t, NULL);
	}
	for (int i = 0; i < N; i++)
		pthread_mutex_destroy(&forks[i]);
	return 0;
}

/*
 * check-name: dining philosophers, five-lock cycle
 * check-command: fc-rt-run $file
 * check-exit-value: 1
 *
 * check-error-start
fearcheck: WARNING: possible circular locking dependency detected (lock-order inversion)
----------------------------------------------------------------------
thread philosopher4 is trying to acquire lock:
 (forks[0]) at:
    #0 philosopher philosophers-ko.c:28

but thread philosopher4 already holds lock:
 (forks[4]) at:
    #0 philosopher philosophers-ko.c:27

which lock already depends on the new lock.

the existing dependency chain (in reverse order) is:

-> #4 (forks[4]):
       taken by thread philosopher3 while holding (forks[3]), at:
    #0 philosopher philosophers-ko.c:28
       (forks[3]) was taken at:
    #0 philosopher philosophers-ko.c:27

-> #3 (forks[3]):
       taken by thread philosopher2 while holding (forks[2]), at:
    #0 philosopher philosophers-ko.c:28
       (forks[2]) was taken at:
    #0 philosopher philosophers-ko.c:27

-> #2 (forks[2]):
       taken by thread philosopher1 while holding (forks[1]), at:
    #0 philosopher philosophers-ko.c:28
       (forks[1]) was taken at:
    #0 philosopher philosophers-ko.c:27

-> #1 (forks[1]):
       taken by thread philosopher0 while holding (forks[0]), at:
    #0 philosopher philosophers-ko.c:28
       (forks[0]) was taken at:
    #0 philosopher philosophers-ko.c:27

-> #0 (forks[0]):
       taken by thread philosopher4 while holding (forks[4]), at:
    #0 philosopher philosophers-ko.c:28
       (forks[4]) was taken at:
    #0 philosopher philosophers-ko.c:27

other info that might help us debug this:

 Chain exists of:
   (forks[0]) --> (forks[1]) --> (forks[2]) --> (forks[3]) --> (forks[4])

 Possible unsafe locking scenario:

       philosopher3            philosopher4
       ----                    ----
  lock(forks[3]);
                               lock(forks[4]);
                               lock(forks[0]);
  lock(forks[4]);

 *** DEADLOCK ***

1 lock held by philosopher4:
 #0: (forks[4]), at: philosopher philosophers-ko.c:27

the locks:
 (forks[0]): mutex, initialised at main philosophers-ko.c:40
 (forks[4]): mutex, initialised at main philosophers-ko.c:40
 (forks[1]): mutex, initialised at main philosophers-ko.c:40
 (forks[2]): mutex, initialised at main philosophers-ko.c:40
 (forks[3]): mutex, initialised at main philosophers-ko.c:40
======================================================================
 * check-error-end
 */
