// SPDX-License-Identifier: MIT
/*
 * transfer() locks the source account, then the destination.  One thread
 * moves money from x to y while another moves it from y to x: each can
 * hold its source and wait for the other's.
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
	pthread_mutex_lock(&from->mu);
	pthread_mutex_lock(&to->mu);
	from->balance -= amount;
	to->balance += amount;
	pthread_mutex_unlock(&to->mu);
	pthread_mutex_unlock(&from->mu);
}

static void *warn_x_to_y(void *arg)
{
	(void)arg;
	transfer(&x, &y, 10);
	return NULL;
}

static void *warn_y_to_x(void *arg)
{
	(void)arg;
	transfer(&y, &x, 20);
	return NULL;
}

int main(void)
{
	pthread_t t1, t2;

	pthread_create(&t1, NULL, warn_x_to_y, NULL);
	pthread_create(&t2, NULL, warn_y_to_x, NULL);
	pthread_join(t1, NULL);
	pthread_join(t2, NULL);
	printf("%ld %ld\n", x.balance, y.balance);
	return 0;
}

/*
 * check-name: lock-order: transfer(a, b) run as (x, y) and (y, x)
 * check-description: Two instances of struct account.mu taken in argument order from two threads with swapped arguments: an inconsistent order between instances of the class.
 * check-exit-value: 1
 *
 * check-error-start
lock-order/transfer-ko.c:21:2: warning: lock order inversion: 'y.mu' acquired while holding 'x.mu', elsewhere 'x.mu' while holding 'y.mu' (two instances of 'struct account.mu' taken in both orders) [lock-order]
lock-order/transfer-ko.c:20:2: note: thread 'warn_x_to_y' acquires 'x.mu' here
lock-order/transfer-ko.c:31:2: note: 'warn_x_to_y' calls 'transfer' here
lock-order/transfer-ko.c:21:2: note: then 'y.mu' here, while holding 'x.mu'
lock-order/transfer-ko.c:31:2: note: 'warn_x_to_y' calls 'transfer' here
lock-order/transfer-ko.c:46:2: note: thread 'warn_x_to_y' created here by thread 'main'
lock-order/transfer-ko.c:20:2: note: thread 'warn_y_to_x' acquires 'y.mu' here
lock-order/transfer-ko.c:38:2: note: 'warn_y_to_x' calls 'transfer' here
lock-order/transfer-ko.c:21:2: note: then 'x.mu' here, while holding 'y.mu'
lock-order/transfer-ko.c:38:2: note: 'warn_y_to_x' calls 'transfer' here
lock-order/transfer-ko.c:47:2: note: thread 'warn_y_to_x' created here by thread 'main'
 * check-error-end
 */
