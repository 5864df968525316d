// SPDX-License-Identifier: MIT
/*
 * A real deadlock, caught by the watchdog (watchdog=1): the first thread
 * holds a and waits for b, the second holds b and waits for a.  The
 * tracker reports the inversion as the second thread starts waiting; one
 * second later the watchdog sees both threads blocked on each other,
 * prints the wait-for cycle and ends the process with the exit code
 * (exitcode=1), since nothing else could end it.
 */
#include <pthread.h>
#include <semaphore.h>
#include <stdlib.h>
#include <time.h>

static pthread_mutex_t a = PTHREAD_MUTEX_INITIALIZER;
static pthread_mutex_t b = PTHREAD_MUTEX_INITIALIZER;
static sem_t a_held, b_held;

static void sleep_ms(long ms)
{
	struct timespec ts = { ms / 1000, (ms % 1000) * 1000000L };

	nanosleep(&ts, NULL);
}

static void *first(void *arg)
{
	(void)arg;
	pthread_mutex_lock(&a);
	sem_post(&a_held);
	sem_wait(&b_held);
	pthread_mutex_lock(&b);		/* blocks for good */
	pthread_mutex_unlock(&b);
	pthread_mutex_unlock(&a);
	return NULL;
}

static void *second(void *arg)
{
	(void)arg;
	sem_wait(&a_held);
	pthread_mutex_lock(&b);
	sem_post(&b_held);
	sleep_ms(300);			/* let first block on b */
	pthread_mutex_lock(&a);		/* blocks for good */
	pthread_mutex_unlock(&a);
	pthread_mutex_unlock(&b);
	return NULL;
}

int main(void)
{
	pthread_t t1, t2;

	sem_init(&a_held, 0, 0);
	sem_init(&b_held, 0, 0);
	if (pthread_create(&t1, NULL, first, NULL) != 0 ||
	    pthread_create(&t2, NULL, second, NULL) != 0)
		abort();
	pthread_join(t1, NULL);
	pthread_join(t2, NULL);
	return 0;
}

/*
 * check-name: watchdog reports a real deadlock and ends the process
 * check-timeout: 30
 * check-command: fc-rt-run -o watchdog=1 $file
 * check-exit-value: 1
 *
 * check-error-start
fearcheck: WARNING: possible circular locking dependency detected (lock-order inversion)
----------------------------------------------------------------------
thread T2 is trying to acquire lock:
 (a) at:
    #0 second watchdog-ko.c:45

but thread T2 already holds lock:
 (b) at:
    #0 second watchdog-ko.c:42

which lock already depends on the new lock.

the existing dependency chain (in reverse order) is:

-> #1 (b):
       taken by thread T1 while holding (a), at:
    #0 first watchdog-ko.c:32
       (a) was taken at:
    #0 first watchdog-ko.c:29

-> #0 (a):
       taken by thread T2 while holding (b), at:
    #0 second watchdog-ko.c:45
       (b) was taken at:
    #0 second watchdog-ko.c:42

other info that might help us debug this:

 Possible unsafe locking scenario:

       T1                      T2
       ----                    ----
  lock(a);
                               lock(b);
                               lock(a);
  lock(b);

 *** DEADLOCK ***

1 lock held by T2:
 #0: (b), at: second watchdog-ko.c:42

the locks:
 (a): mutex, first taken at first watchdog-ko.c:29
 (b): mutex, first taken at second watchdog-ko.c:42
======================================================================
fearcheck: WARNING: deadlock detected: 2 threads blocked on each other for 1 s (watchdog)
----------------------------------------------------------------------
thread T1 is blocked acquiring (b) at:
    #0 first watchdog-ko.c:32
while holding:
 #0: (a), at: first watchdog-ko.c:29

thread T2 is blocked acquiring (a) at:
    #0 second watchdog-ko.c:45
while holding:
 #0: (b), at: second watchdog-ko.c:42

 *** DEADLOCK ***

the locks:
 (b): mutex, first taken at second watchdog-ko.c:42
 (a): mutex, first taken at first watchdog-ko.c:29
======================================================================
 * check-error-end
 */
