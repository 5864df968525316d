// SPDX-License-Identifier: MIT
/*
 * Lock wrappers hide the second acquisition: queue_lock() is called twice
 * on the same queue, once by the producer and once more by the helper it
 * calls with the queue locked.  And transfer(a, b), which locks both
 * accounts, deadlocks on itself when both are the same account: the bank
 * must check for a transfer to oneself first.
 */
#include <pthread.h>
#include <stdio.h>

struct queue {
	pthread_mutex_t lock;
	int items[16];
	int n;				/* guarded by lock */
};

struct account {
	pthread_mutex_t mu;
	long balance;			/* guarded by mu */
};

static struct queue q = { .lock = PTHREAD_MUTEX_INITIALIZER };
static struct account savings = { .mu = PTHREAD_MUTEX_INITIALIZER,
				  .balance = 100 };

static void queue_lock(struct queue *qu)
{
	pthread_mutex_lock(&qu->lock);
}

static void queue_unlock(struct queue *qu)
{
	pthread_mutex_unlock(&qu->lock);
}

static int queue_full(struct queue *qu)
{
	int full;

	queue_lock(qu);
	full = qu->n == 16;
	queue_unlock(qu);
	return full;
}

static void *warn_producer(void *arg)
{
	(void)arg;
	queue_lock(&q);
	if (!queue_full(&q))		/* locks q again */
		q.items[q.n++] = 1;
	queue_unlock(&q);
	return NULL;
}

static void transfer(struct account *from, struct account *to, long amount)
{
	pthread_mutex_lock(&from->mu);
	pthread_mutex_lock(&to->mu);
	from->balance -= amount;
	to->balance += amount;
	pthread_mutex_unlock(&to->mu);
	pthread_mutex_unlock(&from->mu);
}

static void *warn_sweep(void *arg)
{
	(void)arg;
	transfer(&savings, &savings, 10);	/* one account, locked twice */
	return NULL;
}

int main(void)
{
	pthread_t a, b;

	pthread_create(&a, NULL, warn_producer, NULL);
	pthread_create(&b, NULL, warn_sweep, NULL);
	pthread_join(a, NULL);
	pthread_join(b, NULL);
	printf("%d items, %ld\n", q.n, savings.balance);
	return 0;
}

/*
 * check-name: double-lock: through lock wrappers, and transfer() to the same account
 * check-description: Report queue_lock()'s pthread_mutex_lock reached again through queue_full() with q.lock held, and the second lock in transfer() when warn_sweep passes savings twice.
 * check-exit-value: 1
 *
 * check-error-start
double-lock/wrapper-ko.c:29:2: warning: acquiring 'q.lock' that is already held: self-deadlock [double-lock]
double-lock/wrapper-ko.c:51:7: note: 'warn_producer' calls 'queue_full' here
double-lock/wrapper-ko.c:41:2: note: 'queue_full' calls 'queue_lock' here
double-lock/wrapper-ko.c:29:2: note: 'q.lock' first acquired here
double-lock/wrapper-ko.c:50:2: note: 'warn_producer' calls 'queue_lock' here
double-lock/wrapper-ko.c:60:2: warning: acquiring 'savings.mu' that is already held: self-deadlock [double-lock]
double-lock/wrapper-ko.c:70:2: note: 'warn_sweep' calls 'transfer' here
double-lock/wrapper-ko.c:59:2: note: 'savings.mu' first acquired here
double-lock/wrapper-ko.c:70:2: note: 'warn_sweep' calls 'transfer' here
 * check-error-end
 */
