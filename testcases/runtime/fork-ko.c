// SPDX-License-Identifier: MIT
/*
 * The lock-order graph survives fork(): a thread of the parent takes a
 * then b; then a forked child takes b then a.  The child reports the
 * inversion (and exits 1, as FEARCHECK_RT asks); the parent passes the
 * child's status on.  (Had the parent's main thread taken a then b
 * itself, the child - that same thread, continued - would have made a
 * one-thread cycle, which is not reported by default.)
 */
#include <pthread.h>
#include <stdlib.h>
#include <sys/wait.h>
#include <unistd.h>

static pthread_mutex_t a = PTHREAD_MUTEX_INITIALIZER;
static pthread_mutex_t b = PTHREAD_MUTEX_INITIALIZER;

static void *a_then_b(void *arg)
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
	pthread_t t;
	int status;
	pid_t pid;

	if (pthread_create(&t, NULL, a_then_b, NULL) != 0)
		abort();
	pthread_join(t, NULL);

	pid = fork();
	if (pid < 0)
		abort();
	if (pid == 0) {
		pthread_mutex_lock(&b);
		pthread_mutex_lock(&a);
		pthread_mutex_unlock(&a);
		pthread_mutex_unlock(&b);
		exit(0);
	}
	if (waitpid(pid, &status, 0) != pid || !WIFEXITED(status))
		return 2;
	return WEXITSTATUS(status);
}

/*
 * check-name: an inversion completed in a forked child
 * check-command: fc-rt-run $file
 * check-exit-value: 1
 *
 * check-error-start
fearcheck: WARNING: possible circular locking dependency detected (lock-order inversion)
----------------------------------------------------------------------
thread main is trying to acquire lock:
 (a) at:
    #0 main fork-ko.c:43

but thread main already holds lock:
 (b) at:
    #0 main fork-ko.c:42

which lock already depends on the new lock.

the existing dependency chain (in reverse order) is:

-> #1 (b):
       taken by thread T1 while holding (a), at:
    #0 a_then_b fork-ko.c:22
       (a) was taken at:
    #0 a_then_b fork-ko.c:21

-> #0 (a):
       taken by thread main while holding (b), at:
    #0 main fork-ko.c:43
       (b) was taken at:
    #0 main fork-ko.c:42

other info that might help us debug this:

 Possible unsafe locking scenario:

       T1                      main
       ----                    ----
  lock(a);
                               lock(b);
                               lock(a);
  lock(b);

 *** DEADLOCK ***

1 lock held by main:
 #0: (b), at: main fork-ko.c:42

the locks:
 (a): mutex, first taken at a_then_b fork-ko.c:21
 (b): mutex, first taken at a_then_b fork-ko.c:22
======================================================================
 * check-error-end
 */
