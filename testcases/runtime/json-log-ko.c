// SPDX-License-Identifier: MIT
/*
 * The JSON log (log=FILE): an ABBA between two named locks is reported on
 * stderr and, as one JSON object, in the log, which fc-rt-run --log
 * prints on stdout (indented) after the run.  Deterministic mode keeps
 * addresses, thread ids and the pid out of it too.
 */
#include <pthread.h>
#include <stdlib.h>

#include <fearcheck/rt.h>

static pthread_mutex_t accounts = PTHREAD_MUTEX_INITIALIZER;
static pthread_rwlock_t index_lock = PTHREAD_RWLOCK_INITIALIZER;

static void *reindex(void *arg)
{
	(void)arg;
	pthread_rwlock_wrlock(&index_lock);
	pthread_mutex_lock(&accounts);
	pthread_mutex_unlock(&accounts);
	pthread_rwlock_unlock(&index_lock);
	return NULL;
}

int main(void)
{
	pthread_t t;

	FEARCHECK_RT_NAME_LOCK(&accounts, "accounts");
	FEARCHECK_RT_NAME_LOCK(&index_lock, "index");
	pthread_mutex_lock(&accounts);
	pthread_rwlock_rdlock(&index_lock);
	pthread_rwlock_unlock(&index_lock);
	pthread_mutex_unlock(&accounts);
	if (pthread_create(&t, NULL, reindex, NULL) != 0)
		abort();
	pthread_join(t, NULL);
	return 0;
}

/*
 * check-name: JSON log of a lock-order inversion
 * check-command: fc-rt-run --log $file
 * check-exit-value: 1
 *
 * check-output-start
{
 "tool": "fearcheck-rt",
 "type": "lock-order-inversion",
 "thread": {
  "name": "T1"
 },
 "stack": [
  {
   "function": "reindex",
   "file": "json-log-ko.c",
   "line": 20,
   "module": "json-log-ko"
  }
 ],
 "locks": [
  {
   "label": "accounts",
   "kind": "mutex",
   "name": "accounts",
   "first_taken": {
    "function": "main",
    "file": "json-log-ko.c",
    "line": 32
   },
   "destroyed": false
  },
  {
   "label": "index",
   "kind": "rwlock",
   "name": "index",
   "first_taken": {
    "function": "main",
    "file": "json-log-ko.c",
    "line": 33
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
    "name": "T1"
   },
   "held_stack": [
    {
     "function": "reindex",
     "file": "json-log-ko.c",
     "line": 19,
     "module": "json-log-ko"
    }
   ],
   "acquired_stack": [
    {
     "function": "reindex",
     "file": "json-log-ko.c",
     "line": 20,
     "module": "json-log-ko"
    }
   ]
  },
  {
   "held": 0,
   "acquired": 1,
   "held_mode": "write",
   "acquired_mode": "read",
   "thread": {
    "name": "main"
   },
   "held_stack": [
    {
     "function": "main",
     "file": "json-log-ko.c",
     "line": 32,
     "module": "json-log-ko"
    }
   ],
   "acquired_stack": [
    {
     "function": "main",
     "file": "json-log-ko.c",
     "line": 33,
     "module": "json-log-ko"
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
     "function": "reindex",
     "file": "json-log-ko.c",
     "line": 19,
     "module": "json-log-ko"
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
thread T1 is trying to acquire lock:
 (accounts) at:
    #0 reindex json-log-ko.c:20

but thread T1 already holds lock:
 (index) at:
    #0 reindex json-log-ko.c:19

which lock already depends on the new lock.

the existing dependency chain (in reverse order) is:

-> #1 (index):
       read-locked by thread main while holding (accounts), at:
    #0 main json-log-ko.c:33
       (accounts) was taken at:
    #0 main json-log-ko.c:32

-> #0 (accounts):
       taken by thread T1 while holding (index), at:
    #0 reindex json-log-ko.c:20
       (index) was taken at:
    #0 reindex json-log-ko.c:19

other info that might help us debug this:

 Possible unsafe locking scenario:

       main                    T1
       ----                    ----
  lock(accounts);
                               lock(index);
                               lock(accounts);
  rlock(index);

 *** DEADLOCK ***

1 lock held by T1:
 #0: (index), at: reindex json-log-ko.c:19

the locks:
 (accounts): mutex, first taken at main json-log-ko.c:32
 (index): rwlock, first taken at main json-log-ko.c:33
======================================================================
 * check-error-end
 */
