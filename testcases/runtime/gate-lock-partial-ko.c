// SPDX-License-Identifier: MIT
/*
 * A gate that is not always held: the first two threads take a and b in
 * opposite orders under gate (fine between themselves), but a third thread
 * takes a then b without the gate, and it can deadlock with the second
 * one.  When the third thread's a -> b loses the gate, the cycle must be
 * judged again and reported.  The threads run one after the other.
 */
#include <pthread.h>
#include <stdlib.h>

static pthread_mutex_t gate = PTHREAD_MUTEX_INITIALIZER;
static pthread_mutex_t a = PTHREAD_MUTEX_INITIALIZER;
static pthread_mutex_t b = PTHREAD_MUTEX_INITIALIZER;

static void *gated_a_then_b(void *arg)
{
	(void)arg;
	pthread_mutex_lock(&gate);
	pthread_mutex_lock(&a);
	pthread_mutex_lock(&b);
	pthread_mutex_unlock(&b);
	pthread_mutex_unlock(&a);
	pthread_mutex_unlock(&gate);
	return NULL;
}

static void *gated_b_then_a(void *arg)
{
	(void)arg;
	pthread_mutex_lock(&gate);
	pthread_mutex_lock(&b);
	pthread_mutex_lock(&a);
	pthread_mutex_unlock(&a);
	pthread_mutex_unlock(&b);
	pthread_mutex_unlock(&gate);
	return NULL;
}

static void *ungated_a_then_b(void *arg)
{
	(void)arg;
	pthread_mutex_lock(&a);
	pthread_mutex_lock(&b);
	pthread_mutex_unlock(&b);
	pthread_mutex_unlock(&a);
	return NULL;
}

int main(void)
{
	void *(*steps[])(void *) = {
		gated_a_then_b, gated_b_then_a, ungated_a_then_b,
	};
	pthread_t t;

	for (unsigned int i = 0; i < sizeof(steps) / sizeof(steps[0]); i++) {
		if (pthread_create(&t, NULL, steps[i], NULL) != 0)
			abort();
		pthread_join(t, NULL);
	}
	return 0;
}

/*
 * check-name: a cycle whose gate is missing on one edge
 * check-command: fc-rt-run $file
 * check-exit-value: 1
 *
 * check-error-start
fearcheck: WARNING: possible circular locking dependency detected (lock-order inversion)
----------------------------------------------------------------------
thread T3 is trying to acquire lock:
 (b) at:
    #0 ungated_a_then_b gate-lock-partial-ko.c:44

but thread T3 already holds lock:
 (a) at:
    #0 ungated_a_then_b gate-lock-partial-ko.c:43

which lock already depends on the new lock.

the existing dependency chain (in reverse order) is:

-> #1 (a):
       taken by thread T2 while holding (b), at:
    #0 gated_b_then_a gate-lock-partial-ko.c:33
       (b) was taken at:
    #0 gated_b_then_a gate-lock-partial-ko.c:32

-> #0 (b):
       taken by thread T3 while holding (a), at:
    #0 ungated_a_then_b gate-lock-partial-ko.c:44
       (a) was taken at:
    #0 ungated_a_then_b gate-lock-partial-ko.c:43

other info that might help us debug this:

 Possible unsafe locking scenario:

       T2                      T3
       ----                    ----
  lock(b);
                               lock(a);
                               lock(b);
  lock(a);

 *** DEADLOCK ***

1 lock held by T3:
 #0: (a), at: ungated_a_then_b gate-lock-partial-ko.c:43

the locks:
 (b): mutex, first taken at gated_a_then_b gate-lock-partial-ko.c:21
 (a): mutex, first taken at gated_a_then_b gate-lock-partial-ko.c:20
======================================================================
 * check-error-end
 */
