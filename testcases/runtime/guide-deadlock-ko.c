// SPDX-License-Identifier: MIT
/*
 * The guide's deadlock example (testcases/guide/deadlock-ko.c) run under
 * the runtime tracker: thread 1 takes lock1 then lock2, thread 2 lock2
 * then lock1, 200 ms later, so the run never hangs and only a lock-order
 * tracker sees the inversion.
 */
#include "../guide/deadlock-ko.c"

/*
 * check-name: guide: deadlock example, reported without hanging
 * check-command: fc-rt-run $file
 * check-exit-value: 1
 *
 * check-error-start
fearcheck: WARNING: possible circular locking dependency detected (lock-order inversion)
----------------------------------------------------------------------
thread T2 is trying to acquire lock:
 (mutex@deadlock-ko.c:93) at:
    #0 thread2 deadlock-ko.c:81

but thread T2 already holds lock:
 (mutex@deadlock-ko.c:94) at:
    #0 thread2 deadlock-ko.c:79

which lock already depends on the new lock.

the existing dependency chain (in reverse order) is:

-> #1 (mutex@deadlock-ko.c:94):
       taken by thread T1 while holding (mutex@deadlock-ko.c:93), at:
    #0 thread1 deadlock-ko.c:64
       (mutex@deadlock-ko.c:93) was taken at:
    #0 thread1 deadlock-ko.c:62

-> #0 (mutex@deadlock-ko.c:93):
       taken by thread T2 while holding (mutex@deadlock-ko.c:94), at:
    #0 thread2 deadlock-ko.c:81
       (mutex@deadlock-ko.c:94) was taken at:
    #0 thread2 deadlock-ko.c:79

other info that might help us debug this:

 Possible unsafe locking scenario:

       T1                      T2
       ----                    ----
  lock(mutex@deadlock-ko.c:93);
                               lock(mutex@deadlock-ko.c:94);
                               lock(mutex@deadlock-ko.c:93);
  lock(mutex@deadlock-ko.c:94);

 *** DEADLOCK ***

1 lock held by T2:
 #0: (mutex@deadlock-ko.c:94), at: thread2 deadlock-ko.c:79

the locks:
 (mutex@deadlock-ko.c:93): mutex, initialised at main deadlock-ko.c:93
 (mutex@deadlock-ko.c:94): mutex, initialised at main deadlock-ko.c:94
======================================================================
 * check-error-end
 */
