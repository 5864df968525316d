// SPDX-License-Identifier: MIT
/*
 * The fixed struct-field-ko.c: struct account carries its own mutex, mu,
 * and deposit() takes &a->mu around the update of a->balance.  Two
 * tellers deposit into the same account and two more into a second one;
 * each account's lock guards that account's fields, so nothing races.
 */
#include <pthread.h>
#include <stdio.h>

struct account {
	pthread_mutex_t mu;
	long id;
	long balance;                   /* guarded by mu */
};

static void good_deposit(struct account *a, long amount)
{
	pthread_mutex_lock(&a->mu);
	a->balance += amount;
	pthread_mutex_unlock(&a->mu);
}

static void *good_teller(void *arg)
{
	struct account *a = arg;

	for (int i = 0; i < 500; i++)
		good_deposit(a, 10);
	return NULL;
}

static struct account checking = { PTHREAD_MUTEX_INITIALIZER, 1, 0 };
static struct account savings = { PTHREAD_MUTEX_INITIALIZER, 2, 0 };

int main(void)
{
	struct account *accts[] = { &checking, &checking, &savings, &savings };
	pthread_t tellers[4];

	for (int i = 0; i < 4; i++)
		pthread_create(&tellers[i], NULL, good_teller, accts[i]);
	for (int i = 0; i < 4; i++)
		pthread_join(tellers[i], NULL);
	printf("checking %ld, savings %ld\n", checking.balance,
	       savings.balance);
	return 0;
}

/*
 * check-name: data-race: struct fields guarded by the lock inside the struct
 * check-description: Stay silent: a->balance is only written with a->mu held, the lock of that same instance, and main reads balances after the joins.
 * check-tsan: clean
 */
