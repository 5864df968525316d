// SPDX-License-Identifier: MIT
/*
 * Stress at scale (issue 7): stress-order-ok.c's 64 threads and 10,000
 * locks, with one inconsistent pair: T1 takes pair_a then pair_b before
 * the rounds, T2 takes pair_b then pair_a after the halfway barrier (see
 * stress-order.h).  Exactly one report, on stderr and as one line in the
 * JSON log (printed here by fc-rt-run --log), and the second half of the
 * run, with a cycle in the graph, is no slower than the first.
 */
#define STRESS_INVERT 1
#include "stress-order.h"

/*
 * check-name: stress: 64 threads, 10,000 locks, one inverted pair
 * check-command: fc-rt-run --log $file
 * check-exit-value: 1
 * check-timeout: 120
 *
 * check-output-start
{
 "tool": "fearcheck-rt",
 "type": "lock-order-inversion",
 "thread": {
  "name": "T2"
 },
 "stack": [
  {
   "function": "pair_again",
   "file": "stress-order.h",
   "line": 177,
   "module": "stress-order-ko"
  },
  {
   "function": "worker",
   "file": "stress-order.h",
   "line": 196,
   "module": "stress-order-ko"
  }
 ],
 "locks": [
  {
   "label": "pair_a",
   "kind": "mutex",
   "name": null,
   "initialised": {
    "function": "main",
    "file": "stress-order.h",
    "line": 212
   },
   "destroyed": false
  },
  {
   "label": "pair_b",
   "kind": "mutex",
   "name": null,
   "initialised": {
    "function": "main",
    "file": "stress-order.h",
    "line": 213
   },
   "destroyed": false
  }
 ],
 "edges": [
  {
   "held": 1,
   "acquired": 0,
   "held_mode": "write",
   "acquired_mode": "write",
   "thread": {
    "name": "T2"
   },
   "held_stack": [
    {
     "function": "pair_again",
     "file": "stress-order.h",
     "line": 176,
     "module": "stress-order-ko"
    },
    {
     "function": "worker",
     "file": "stress-order.h",
     "line": 196,
     "module": "stress-order-ko"
    }
   ],
   "acquired_stack": [
    {
     "function": "pair_again",
     "file": "stress-order.h",
     "line": 177,
     "module": "stress-order-ko"
    },
    {
     "function": "worker",
     "file": "stress-order.h",
     "line": 196,
     "module": "stress-order-ko"
    }
   ]
  },
  {
   "held": 0,
   "acquired": 1,
   "held_mode": "write",
   "acquired_mode": "write",
   "thread": {
    "name": "T1"
   },
   "held_stack": [
    {
     "function": "pair_in_order",
     "file": "stress-order.h",
     "line": 165,
     "module": "stress-order-ko"
    },
    {
     "function": "worker",
     "file": "stress-order.h",
     "line": 192,
     "module": "stress-order-ko"
    }
   ],
   "acquired_stack": [
    {
     "function": "pair_in_order",
     "file": "stress-order.h",
     "line": 166,
     "module": "stress-order-ko"
    },
    {
     "function": "worker",
     "file": "stress-order.h",
     "line": 192,
     "module": "stress-order-ko"
    }
   ]
  }
 ],
 "cycle_length": 2,
 "single_thread": false,
 "held": [
  {
   "lock": 1,
   "mode": "write",
   "trylock": false,
   "stack": [
    {
     "function": "pair_again",
     "file": "stress-order.h",
     "line": 176,
     "module": "stress-order-ko"
    },
    {
     "function": "worker",
     "file": "stress-order.h",
     "line": 196,
     "module": "stress-order-ko"
    }
   ]
  }
 ],
 "held_count": 1
}
 * check-output-end
 *
 * check-error-start
fearcheck: WARNING: possible circular locking dependency detected (lock-order inversion)
----------------------------------------------------------------------
thread T2 is trying to acquire lock:
 (pair_a) at:
    #0 pair_again stress-order.h:177
    #1 worker stress-order.h:196

but thread T2 already holds lock:
 (pair_b) at:
    #0 pair_again stress-order.h:176
    #1 worker stress-order.h:196

which lock already depends on the new lock.

the existing dependency chain (in reverse order) is:

-> #1 (pair_b):
       taken by thread T1 while holding (pair_a), at:
    #0 pair_in_order stress-order.h:166
    #1 worker stress-order.h:192
       (pair_a) was taken at:
    #0 pair_in_order stress-order.h:165
    #1 worker stress-order.h:192

-> #0 (pair_a):
       taken by thread T2 while holding (pair_b), at:
    #0 pair_again stress-order.h:177
    #1 worker stress-order.h:196
       (pair_b) was taken at:
    #0 pair_again stress-order.h:176
    #1 worker stress-order.h:196

other info that might help us debug this:

 Possible unsafe locking scenario:

       T1                      T2
       ----                    ----
  lock(pair_a);
                               lock(pair_b);
                               lock(pair_a);
  lock(pair_b);

 *** DEADLOCK ***

1 lock held by T2:
 #0: (pair_b), at: pair_again stress-order.h:176

the locks:
 (pair_a): mutex, initialised at main stress-order.h:212
 (pair_b): mutex, initialised at main stress-order.h:213
======================================================================
 * check-error-end
 */
