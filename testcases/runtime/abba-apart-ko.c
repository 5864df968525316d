// SPDX-License-Identifier: MIT
/*
 * ABBA between two threads run apart in time: the first thread takes
 * first then second and is joined before the second thread takes them in
 * the opposite order.  Only a lock-order tracker sees the inversion; the
 * run itself cannot hang.  The locks live on main's stack and are named by
 * where they were initialised.
 */
#include <pthread.h>
#include <stdlib.h>

struct pair {
	pthread_mutex_t first;
	pthread_mutex_t second;
	long count;		/* guarded by both */
};

static void *forward(void *arg)
{
	struct pair *p = arg;

	pthread_mutex_lock(&p->first);
	pthread_mutex_lock(&p->second);
	p->count++;
	pthread_mutex_unlock(&p->second);
	pthread_mutex_unlock(&p->first);
	return NULL;
}

static void *backward(void *arg)
{
	struct pair *p = arg;

	pthread_mutex_lock(&p->second);
	pthread_mutex_lock(&p->first);
	p->count--;
	pthread_mutex_unlock(&p->first);
	pthread_mutex_unlock(&p->second);
	return NULL;
}

int main(void)
{
	struct pair p = { .count = 0 };
	pthread_t t;

	pthread_mutex_init(&p.first, NULL);
	pthread_mutex_init(&p.second, NULL);

	if (pthread_create(&t, NULL, forward, &p) != 0)
		abort();
	pthread_join(t, NULL);
	if (pthread_create(&t, NULL, backward, &p) != 0)
		abort();
	pthread_join(t, NULL);

	pthread_mutex_destroy(&p.first);
	pthread_mutex_destroy(&p.second);
	return (int)p.count;
}

/*
 * check-name: ABBA between two threads run apart in time
 * check-command: fc-rt-run $file
 * check-exit-value: 1
 *
 * check-error-start
fearcheck: WARNING: possible circular locking dependency detected (lock-order inversion)
----------------------------------------------------------------------
thread T2 is trying to acquire lock:
 (mutex@abba-apart-ko.c:47) at:
    #0 backward abba-apart-ko.c:35

but thread T2 already holds lock:
 (mutex@abba-apart-ko.c:48) at:
    #0 backward abba-apart-ko.c:34

which lock already depends on the new lock.

the existing dependency chain (in reverse order) is:

-> #1 (mutex@abba-apart-ko.c:48):
       taken by thread T1 while holding (mutex@abba-apart-ko.c:47), at:
    #0 forward abba-apart-ko.c:23
       (mutex@abba-apart-ko.c:47) was taken at:
    #0 forward abba-apart-ko.c:22

-> #0 (mutex@abba-apart-ko.c:47):
       taken by thread T2 while holding (mutex@abba-apart-ko.c:48), at:
    #0 backward abba-apart-ko.c:35
       (mutex@abba-apart-ko.c:48) was taken at:
    #0 backward abba-apart-ko.c:34

other info that might help us debug this:

 Possible unsafe locking scenario:

       T1                      T2
       ----                    ----
  lock(mutex@abba-apart-ko.c:47);
                               lock(mutex@abba-apart-ko.c:48);
                               lock(mutex@abba-apart-ko.c:47);
  lock(mutex@abba-apart-ko.c:48);

 *** DEADLOCK ***

1 lock held by T2:
 #0: (mutex@abba-apart-ko.c:48), at: backward abba-apart-ko.c:34

the locks:
 (mutex@abba-apart-ko.c:47): mutex, initialised at main abba-apart-ko.c:47
 (mutex@abba-apart-ko.c:48): mutex, initialised at main abba-apart-ko.c:48
======================================================================
 * check-error-end
 */
