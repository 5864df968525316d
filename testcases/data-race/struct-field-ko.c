// SPDX-License-Identifier: MIT
/*
 * Two teller threads deposit into the same account through a pointer:
 * main hands &acct to both, and deposit() does a->balance += amount with
 * no lock.  The field is reached through a pointer parameter in a helper
 * rather than named directly, but both threads reach the same struct
 * account, so the two read-modify-writes of balance race and deposits
 * may be lost.
 */
#include <pthread.h>
#include <stdio.h>

struct account {
	long id;
	long balance;
};

static void warn_deposit(struct account *a, long amount)
{
	a->balance += amount;           /* races with the other teller */
}

static void *warn_teller(void *arg)
{
	struct account *a = arg;

	for (int i = 0; i < 500; i++)
		warn_deposit(a, 10);
	return NULL;
}

static struct account acct = { .id = 42 };

int main(void)
{
	pthread_t t1, t2;

	pthread_create(&t1, NULL, warn_teller, &acct);
	pthread_create(&t2, NULL, warn_teller, &acct);
	pthread_join(t1, NULL);
	pthread_join(t2, NULL);
	printf("account %ld: %ld\n", acct.id, acct.balance);
	return 0;
}

/*
 * check-name: data-race: two threads update a struct field through a pointer
 * check-description: Report a->balance += amount in warn_deposit: both tellers get a pointer to the same struct account and neither holds a lock.
 * check-tsan: race
 * check-exit-value: 1
 *
 * check-error-start
data-race/struct-field-ko.c:20:5: warning: data race on 'acct.balance': write in thread 'warn_teller' holding no lock [data-race]
data-race/struct-field-ko.c:28:3: note: 'warn_teller' calls 'warn_deposit' here
data-race/struct-field-ko.c:20:5: note: conflicting write in thread 'warn_teller' (another instance) holding no lock
data-race/struct-field-ko.c:28:3: note: 'warn_teller' calls 'warn_deposit' here
data-race/struct-field-ko.c:38:2: note: thread 'warn_teller' (many instances) created here by thread 'main'
data-race/struct-field-ko.c:39:2: note: and here
 * check-error-end
 */
