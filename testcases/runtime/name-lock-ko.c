// SPDX-License-Identifier: MIT
/*
 * Lock names: heap locks have no name of their own, so the program names
 * them with fearcheck_rt_name_lock() (declared weak in <fearcheck/rt.h>:
 * the same binary runs without the tracker).  The inversion between two
 * accounts' locks is reported with those names.
 */
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>

#include <fearcheck/rt.h>

struct account {
	pthread_mutex_t lock;
	long balance;		/* guarded by lock */
};

struct transfer {
	struct account *from, *to;
	long amount;
};

static struct account *account_new(const char *name, long balance)
{
	struct account *a = malloc(sizeof(*a));

	if (!a)
		abort();
	pthread_mutex_init(&a->lock, NULL);
	a->balance = balance;
	if (fearcheck_rt_name_lock)
		fearcheck_rt_name_lock(&a->lock, name);
	return a;
}

static void *transfer(void *arg)
{
	struct transfer *t = arg;

	pthread_mutex_lock(&t->from->lock);
	pthread_mutex_lock(&t->to->lock);
	t->from->balance -= t->amount;
	t->to->balance += t->amount;
	pthread_mutex_unlock(&t->to->lock);
	pthread_mutex_unlock(&t->from->lock);
	return NULL;
}

int main(void)
{
	struct account *alice = account_new("alice", 100);
	struct account *bob = account_new("bob", 50);
	struct transfer pay = { alice, bob, 10 }, refund = { bob, alice, 10 };
	pthread_t t;

	if (pthread_create(&t, NULL, transfer, &pay) != 0)
		abort();
	pthread_join(t, NULL);
	if (pthread_create(&t, NULL, transfer, &refund) != 0)
		abort();
	pthread_join(t, NULL);
	pthread_mutex_destroy(&alice->lock);
	pthread_mutex_destroy(&bob->lock);
	free(alice);
	free(bob);
	return 0;
}

/*
 * check-name: locks named with fearcheck_rt_name_lock
 * check-command: fc-rt-run $file
 * check-exit-value: 1
 *
 * check-error-start
fearcheck: WARNING: possible circular locking dependency detected (lock-order inversion)
----------------------------------------------------------------------
thread T2 is trying to acquire lock:
 (alice) at:
    #0 transfer name-lock-ko.c:42

but thread T2 already holds lock:
 (bob) at:
    #0 transfer name-lock-ko.c:41

which lock already depends on the new lock.

the existing dependency chain (in reverse order) is:

-> #1 (bob):
       taken by thread T1 while holding (alice), at:
    #0 transfer name-lock-ko.c:42
       (alice) was taken at:
    #0 transfer name-lock-ko.c:41

-> #0 (alice):
       taken by thread T2 while holding (bob), at:
    #0 transfer name-lock-ko.c:42
       (bob) was taken at:
    #0 transfer name-lock-ko.c:41

other info that might help us debug this:

 Possible unsafe locking scenario:

       T1                      T2
       ----                    ----
  lock(alice);
                               lock(bob);
                               lock(alice);
  lock(bob);

 *** DEADLOCK ***

1 lock held by T2:
 #0: (bob), at: transfer name-lock-ko.c:41

the locks:
 (alice): mutex, initialised at account_new name-lock-ko.c:30
 (bob): mutex, initialised at account_new name-lock-ko.c:30
======================================================================
 * check-error-end
 */
