// SPDX-License-Identifier: MIT
/*
 * transfer() locks the two accounts in address order, whichever is the
 * source: one thread moves money from x to y while another moves it from
 * y to x, and both take the lower account's mutex first.  No deadlock.
 */
#include <pthread.h>
#include <stdio.h>

struct account {
	pthread_mutex_t mu;
	long balance;
};

static struct account x = { PTHREAD_MUTEX_INITIALIZER, 100 };
static struct account y = { PTHREAD_MUTEX_INITIALIZER, 100 };

static void transfer(struct account *from, struct account *to, long amount)
{
	struct account *first = from < to ? from : to;
	struct account *second = from < to ? to : from;

	pthread_mutex_lock(&first->mu);
	pthread_mutex_lock(&second->mu);
	from->balance -= amount;
	to->balance += amount;
	pthread_mutex_unlock(&second->mu);
	pthread_mutex_unlock(&first->mu);
}

static void *good_x_to_y(void *arg)
{
	(void)arg;
	transfer(&x, &y, 10);
	return NULL;
}

static void *good_y_to_x(void *arg)
{
	(void)arg;
	transfer(&y, &x, 20);
	return NULL;
}

int main(void)
{
	pthread_t t1, t2;

	pthread_create(&t1, NULL, good_x_to_y, NULL);
	pthread_create(&t2, NULL, good_y_to_x, NULL);
	pthread_join(t1, NULL);
	pthread_join(t2, NULL);
	printf("%ld %ld\n", x.balance, y.balance);
	return 0;
}

/*
 * check-name: lock-order: transfer(a, b) locking in address order
 * check-description: Both threads take the lower account's mutex first (first = from < to ? from : to): stay silent.
 */
