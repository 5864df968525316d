// SPDX-License-Identifier: MIT
/*
 * Transfers between accounts of an array, each thread given its pair:
 * transfer() locks the source, then the destination.  A thread moving
 * money from 0 to 1 and another from 1 to 0 each hold their source and
 * wait for the other's.
 */
#include <pthread.h>
#include <stdio.h>

struct account {
	pthread_mutex_t mu;
	long balance;
};

struct order {
	int from, to;
	long amount;
};

static struct account accounts[4];

static void warn_transfer(struct account *from, struct account *to,
			  long amount)
{
	pthread_mutex_lock(&from->mu);
	pthread_mutex_lock(&to->mu);
	from->balance -= amount;
	to->balance += amount;
	pthread_mutex_unlock(&to->mu);
	pthread_mutex_unlock(&from->mu);
}

static void *teller(void *arg)
{
	struct order *o = arg;

	warn_transfer(&accounts[o->from], &accounts[o->to], o->amount);
	return NULL;
}

int main(void)
{
	struct order orders[2] = { { 0, 1, 10 }, { 1, 0, 20 } };
	pthread_t t[2];

	for (int i = 0; i < 4; i++) {
		pthread_mutex_init(&accounts[i].mu, NULL);
		accounts[i].balance = 100;
	}
	for (int i = 0; i < 2; i++)
		pthread_create(&t[i], NULL, teller, &orders[i]);
	for (int i = 0; i < 2; i++)
		pthread_join(t[i], NULL);
	printf("%ld %ld\n", accounts[0].balance, accounts[1].balance);
	return 0;
}

/*
 * check-name: lock-order: transfers between elements of an array of accounts
 * check-description: accounts[from].mu then accounts[to].mu, the pair from each thread's argument, in two threads: instances of one lock taken nested in no fixed order.
 * check-exit-value: 1
 *
 * check-error-start
lock-order/transfer-array-ko.c:27:2: warning: 'accounts[].mu' acquired while holding another 'accounts[].mu': instances of one lock taken nested in no fixed order can deadlock [lock-order]
lock-order/transfer-array-ko.c:26:2: note: thread 'teller' acquires one 'accounts[].mu' here
lock-order/transfer-array-ko.c:38:2: note: 'teller' calls 'warn_transfer' here
lock-order/transfer-array-ko.c:27:2: note: then another here, while holding it; nothing orders the two (take them by index or address, e.g. the lower first)
lock-order/transfer-array-ko.c:38:2: note: 'teller' calls 'warn_transfer' here
lock-order/transfer-array-ko.c:52:3: note: thread 'teller' (many instances) created here by thread 'main'
 * check-error-end
 */
