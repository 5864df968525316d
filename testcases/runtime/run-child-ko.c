// SPDX-License-Identifier: MIT
/*
 * `fearcheck run` counts reports from child processes too: the program
 * re-executes itself, the child makes an inversion on two threads and
 * leaves with _exit(0), and the parent exits 0 as well.  The tracker, in
 * the child through the inherited environment, still tells fearcheck run,
 * which exits with --exit-code 7.
 */
#include <pthread.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

static pthread_mutex_t a = PTHREAD_MUTEX_INITIALIZER;
static pthread_mutex_t b = PTHREAD_MUTEX_INITIALIZER;

static void *lock_pair(void *arg)
{
	pthread_mutex_t **pair = arg;

	pthread_mutex_lock(pair[0]);
	pthread_mutex_lock(pair[1]);
	pthread_mutex_unlock(pair[1]);
	pthread_mutex_unlock(pair[0]);
	return NULL;
}

static void child(void)
{
	pthread_mutex_t *forward[2] = { &a, &b }, *backward[2] = { &b, &a };
	pthread_t t;

	if (pthread_create(&t, NULL, lock_pair, forward) != 0)
		abort();
	pthread_join(t, NULL);
	if (pthread_create(&t, NULL, lock_pair, backward) != 0)
		abort();
	pthread_join(t, NULL);
	_exit(0);
}

int main(int argc, char **argv)
{
	int status;
	pid_t pid;

	if (argc > 1 && !strcmp(argv[1], "child"))
		child();
	pid = fork();
	if (pid < 0)
		abort();
	if (pid == 0) {
		execl("/proc/self/exe", argv[0], "child", (char *)NULL);
		_exit(127);
	}
	if (waitpid(pid, &status, 0) != pid)
		return 2;
	return 0;
}

/*
 * check-name: fearcheck run: reports from a child process count
 * check-command: fc-rt-run --run --run-opt --exit-code=7 $file
 * check-exit-value: 7
 *
 * check-error-start
fearcheck: WARNING: possible circular locking dependency detected (lock-order inversion)
----------------------------------------------------------------------
thread T2 is trying to acquire lock:
 (a) at:
    #0 lock_pair run-child-ko.c:23

but thread T2 already holds lock:
 (b) at:
    #0 lock_pair run-child-ko.c:22

which lock already depends on the new lock.

the existing dependency chain (in reverse order) is:

-> #1 (b):
       taken by thread T1 while holding (a), at:
    #0 lock_pair run-child-ko.c:23
       (a) was taken at:
    #0 lock_pair run-child-ko.c:22

-> #0 (a):
       taken by thread T2 while holding (b), at:
    #0 lock_pair run-child-ko.c:23
       (b) was taken at:
    #0 lock_pair run-child-ko.c:22

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
 #0: (b), at: lock_pair run-child-ko.c:22

the locks:
 (a): mutex, first taken at lock_pair run-child-ko.c:22
 (b): mutex, first taken at lock_pair run-child-ko.c:23
======================================================================
 * check-error-end
 */
