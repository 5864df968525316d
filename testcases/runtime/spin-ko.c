// SPDX-License-Identifier: MIT
/*
 * ABBA with spin locks, apart in time: spinning threads deadlock as
 * surely as sleeping ones.  Reported.
 */
#include <pthread.h>
#include <stdlib.h>

static pthread_spinlock_t head, tail;

static void *head_then_tail(void *arg)
{
	(void)arg;
	pthread_spin_lock(&head);
	pthread_spin_lock(&tail);
	pthread_spin_unlock(&tail);
	pthread_spin_unlock(&head);
	return NULL;
}

static void *tail_then_head(void *arg)
{
	(void)arg;
	pthread_spin_lock(&tail);
	pthread_spin_lock(&head);
	pthread_spin_unlock(&head);
	pthread_spin_unlock(&tail);
	return NULL;
}

int main(void)
{
	pthread_t t;

	pthread_spin_init(&head, PTHREAD_PROCESS_PRIVATE);
	pthread_spin_init(&tail, PTHREAD_PROCESS_PRIVATE);
	if (pthread_create(&t, NULL, head_then_tail, NULL) != 0)
		abort();
	pthread_join(t, NULL);
	if (pthread_create(&t, NULL, tail_then_head, NULL) != 0)
		abort();
	pthread_join(t, NULL);
	pthread_spin_destroy(&head);
	pthread_spin_destroy(&tail);
	return 0;
}

/*
 * check-name: ABBA with spin locks
 * check-command: fc-rt-run $file
 * check-exit-value: 1
 *
 * check-error-start
fearcheck: WARNING: possible circular locking dependency detected (lock-order inversion)
----------------------------------------------------------------------
thread T2 is trying to acquire lock:
 (head) at:
    #0 tail_then_head spin-ko.c:25

but thread T2 already holds lock:
 (tail) at:
    #0 tail_then_head spin-ko.c:24

which lock already depends on the new lock.

the existing dependency chain (in reverse order) is:

-> #1 (tail):
       taken by thread T1 while holding (head), at:
    #0 head_then_tail spin-ko.c:15
       (head) was taken at:
    #0 head_then_tail spin-ko.c:14

-> #0 (head):
       taken by thread T2 while holding (tail), at:
    #0 tail_then_head spin-ko.c:25
       (tail) was taken at:
    #0 tail_then_head spin-ko.c:24

other info that might help us debug this:

 Possible unsafe locking scenario:

       T1                      T2
       ----                    ----
  lock(head);
                               lock(tail);
                               lock(head);
  lock(tail);

 *** DEADLOCK ***

1 lock held by T2:
 #0: (tail), at: tail_then_head spin-ko.c:24

the locks:
 (head): spinlock, initialised at main spin-ko.c:35
 (tail): spinlock, initialised at main spin-ko.c:36
======================================================================
 * check-error-end
 */
