// SPDX-License-Identifier: MIT
/*
 * one-thread-ok.c with single_thread=1: the cycle made by one thread alone
 * is reported too, and the report says so.
 */
#include "one-thread-ok.c"

/*
 * check-name: a one-thread cycle, reported with single_thread=1
 * check-command: fc-rt-run -o single_thread=1 $file
 * check-exit-value: 1
 *
 * check-error-start
fearcheck: WARNING: possible circular locking dependency detected (lock-order inversion)
----------------------------------------------------------------------
thread T1 is trying to acquire lock:
 (a) at:
    #0 only_user one-thread-ok.c:23

but thread T1 already holds lock:
 (b) at:
    #0 only_user one-thread-ok.c:22

which lock already depends on the new lock.
(every dependency in this cycle was made by thread T1; reported because single_thread=1)

the existing dependency chain (in reverse order) is:

-> #1 (b):
       taken by thread T1 while holding (a), at:
    #0 only_user one-thread-ok.c:18
       (a) was taken at:
    #0 only_user one-thread-ok.c:17

-> #0 (a):
       taken by thread T1 while holding (b), at:
    #0 only_user one-thread-ok.c:23
       (b) was taken at:
    #0 only_user one-thread-ok.c:22

other info that might help us debug this:

 Possible unsafe locking scenario:

       T1                      T1
       ----                    ----
  lock(a);
                               lock(b);
                               lock(a);
  lock(b);

 *** DEADLOCK ***

1 lock held by T1:
 #0: (b), at: only_user one-thread-ok.c:22

the locks:
 (a): mutex, first taken at only_user one-thread-ok.c:17
 (b): mutex, first taken at only_user one-thread-ok.c:18
======================================================================
 * check-error-end
 */
