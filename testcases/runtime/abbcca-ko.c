// SPDX-License-Identifier: MIT
/*
 * ABBCCA: three threads, three locks, each thread takes two of them: a
 * then b, b then c, c then a.  No two threads invert a pair, yet all
 * three together can each hold one lock and wait for the next.  The
 * threads run one after the other; the third closes the cycle.
 * Reported with the chain of all three dependencies.
 */
#include <pthread.h>
#include <stdlib.h>

static pthread_mutex_t a = PTHREAD_MUTEX_INITIALIZER;
static pthread_mutex_t b = PTHREAD_MUTEX_INITIALIZER;
static pthread_mutex_t c = PTHREAD_MUTEX_INITIALIZER;

struct pair {
	pthread_mutex_t *first, *second;
};

static void *take_pair(void *arg)
{
	struct pair *p = arg;

	pthread_mutex_lock(p->first);
	pthread_mutex_lock(p->second);
	pthread_mutex_unlock(p->second);
	pthread_mutex_unlock(p->first);
	return NULL;
}

int main(void)
{
	struct pair pairs[] = { { &a, &b }, { &b, &c }, { &c, &a } };
	pthread_t t;

	for (int i = 0; i < 3; i++) {
		if (pthread_create(&t, NULL, take_pair, &pairs[i]) != 0)
			abort();
		pthread_join(t, NULL);
	}
	return 0;
}

/*
 * check-name: three-lock cycle ABBCCA over three threads
 * check-command: fc-rt-run $file
 * check-exit-value: 1
 *
 * check-error-start
fearcheck: WARNING: possible circular locking dependency detected (lock-order inversion)
----------------------------------------------------------------------
thread T3 is trying to acquire lock:
 (a) at:
    #0 take_pair abbcca-ko.c:25

but thread T3 already holds lock:
 (c) at:
    #0 take_pair abbcca-ko.c:24

which lock already depends on the new lock.

the existing dependency chain (in reverse order) is:

-> #2 (c):
       taken by thread T2 while holding (b), at:
    #0 take_pair abbcca-ko.c:25
       (b) was taken at:
    #0 take_pair abbcca-ko.c:24

-> #1 (b):
       taken by thread T1 while holding (a), at:
    #0 take_pair abbcca-ko.c:25
       (a) was taken at:
    #0 take_pair abbcca-ko.c:24

-> #0 (a):
       taken by thread T3 while holding (c), at:
    #0 take_pair abbcca-ko.c:25
       (c) was taken at:
    #0 take_pair abbcca-ko.c:24

other info that might help us debug this:

 Chain exists of:
   (a) --> (b) --> (c)

 Possible unsafe locking scenario:

       T2                      T3
       ----                    ----
  lock(b);
                               lock(c);
                               lock(a);
  lock(c);

 *** DEADLOCK ***

1 lock held by T3:
 #0: (c), at: take_pair abbcca-ko.c:24

the locks:
 (a): mutex, first taken at take_pair abbcca-ko.c:24
 (c): mutex, first taken at take_pair abbcca-ko.c:25
 (b): mutex, first taken at take_pair abbcca-ko.c:25
======================================================================
 * check-error-end
 */
