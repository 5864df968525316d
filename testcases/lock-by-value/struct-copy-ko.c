// SPDX-License-Identifier: MIT
/*
 * Copies of a struct that holds its own lock: a snapshot taken by
 * assignment, another by initialisation and a third by memcpy, an
 * account passed by value to a function that "locks" its copy, and a
 * constructor that returns the account (and its mutex) by value.  Each
 * copy has a mutex of its own: locking it excludes nobody who locks the
 * original, and copying a mutex another thread holds copies its state.
 */
#include <pthread.h>
#include <stdio.h>
#include <string.h>

struct account {
	pthread_mutex_t mu;
	long balance;			/* guarded by mu */
};

static struct account shared = { .mu = PTHREAD_MUTEX_INITIALIZER };

static long warn_audit(struct account a)
{
	long b;

	pthread_mutex_lock(&a.mu);	/* the copy's lock */
	b = a.balance;
	pthread_mutex_unlock(&a.mu);
	return b;
}

static struct account warn_open(long balance)
{
	struct account a = { .mu = PTHREAD_MUTEX_INITIALIZER };

	a.balance = balance;
	return a;
}

static void *warn_snapshots(void *arg)
{
	struct account snap, again = shared, third;

	(void)arg;
	pthread_mutex_lock(&shared.mu);
	snap = shared;
	memcpy(&third, &shared, sizeof(third));
	pthread_mutex_unlock(&shared.mu);
	return (void *)(snap.balance + again.balance + third.balance);
}

int main(void)
{
	pthread_t t;
	struct account fresh = warn_open(5);

	pthread_create(&t, NULL, warn_snapshots, NULL);
	pthread_mutex_lock(&shared.mu);
	shared.balance += fresh.balance;
	pthread_mutex_unlock(&shared.mu);
	pthread_join(t, NULL);
	printf("%ld\n", warn_audit(shared));
	return 0;
}

/*
 * check-name: lock-by-value: a struct holding a mutex copied, passed and returned by value
 * check-description: Report the by-value parameter of warn_audit, the return of warn_open, the initialisation of again, the assignment to snap, the memcpy into third, and the argument shared passed by value in main.
 * check-exit-value: 1
 *
 * check-error-start
lock-by-value/struct-copy-ko.c:21:39: warning: by-value parameter 'a' of 'warn_audit' copies 'struct account', which holds the 'pthread_mutex_t' 'mu' [lock-by-value]
lock-by-value/struct-copy-ko.c:21:39: note: a copy of a 'pthread_mutex_t' is a different object: threads using the copy and the original do not synchronize
lock-by-value/struct-copy-ko.c:36:9: warning: returning by value from 'warn_open' copies 'struct account', which holds the 'pthread_mutex_t' 'mu' [lock-by-value]
lock-by-value/struct-copy-ko.c:36:9: note: a copy of a 'pthread_mutex_t' is a different object: threads using the copy and the original do not synchronize
lock-by-value/struct-copy-ko.c:41:31: warning: initializing 'again' copies 'struct account', which holds the 'pthread_mutex_t' 'mu' [lock-by-value]
lock-by-value/struct-copy-ko.c:41:31: note: a copy of a 'pthread_mutex_t' is a different object: threads using the copy and the original do not synchronize
lock-by-value/struct-copy-ko.c:45:2: warning: assignment to 'snap' copies 'struct account', which holds the 'pthread_mutex_t' 'mu' [lock-by-value]
lock-by-value/struct-copy-ko.c:45:2: note: a copy of a 'pthread_mutex_t' is a different object: threads using the copy and the original do not synchronize
lock-by-value/struct-copy-ko.c:46:9: warning: memory copy into 'third' copies 'struct account', which holds the 'pthread_mutex_t' 'mu' [lock-by-value]
lock-by-value/struct-copy-ko.c:46:9: note: a copy of a 'pthread_mutex_t' is a different object: threads using the copy and the original do not synchronize
lock-by-value/struct-copy-ko.c:61:29: warning: passing 'shared' by value copies 'struct account', which holds the 'pthread_mutex_t' 'mu' [lock-by-value]
lock-by-value/struct-copy-ko.c:61:29: note: a copy of a 'pthread_mutex_t' is a different object: threads using the copy and the original do not synchronize
 * check-error-end
 */
