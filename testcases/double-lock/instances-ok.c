// SPDX-License-Identifier: MIT
/*
 * Locks named alike are not one lock: two elements of a lock array, two
 * accounts passed to transfer(), the nodes of a list locked hand over
 * hand, the two halves of a pair picked by index.  Taking two of them is
 * ordering business (lock-order), not a self-deadlock.  Two read locks of
 * one rwlock are fine too.
 */
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>

#define NBUCKETS 8

struct account {
	pthread_mutex_t mu;
	long balance;			/* guarded by mu */
};

struct node {
	pthread_mutex_t mu;
	struct node *next;
	int value;			/* guarded by mu */
};

static pthread_mutex_t buckets[NBUCKETS];
static int counts[NBUCKETS];		/* counts[i] guarded by buckets[i] */
static struct account accounts[4];
static struct node *head;
static pthread_rwlock_t config_lock = PTHREAD_RWLOCK_INITIALIZER;
static int config_version;		/* guarded by config_lock */

static void good_move(int from, int to)
{
	int lo = from < to ? from : to, hi = from < to ? to : from;

	if (lo == hi)
		return;
	pthread_mutex_lock(&buckets[lo]);
	pthread_mutex_lock(&buckets[hi]);
	counts[from]--;
	counts[to]++;
	pthread_mutex_unlock(&buckets[hi]);
	pthread_mutex_unlock(&buckets[lo]);
}

static void good_transfer(struct account *from, struct account *to, long n)
{
	if (from == to)
		return;
	if (from > to) {
		pthread_mutex_lock(&to->mu);
		pthread_mutex_lock(&from->mu);
	} else {
		pthread_mutex_lock(&from->mu);
		pthread_mutex_lock(&to->mu);
	}
	from->balance -= n;
	to->balance += n;
	pthread_mutex_unlock(&to->mu);
	pthread_mutex_unlock(&from->mu);
}

static void good_walk(void)
{
	struct node *cur = head, *next;

	if (!cur)
		return;
	pthread_mutex_lock(&cur->mu);
	while ((next = cur->next)) {
		pthread_mutex_lock(&next->mu);
		cur->value++;
		pthread_mutex_unlock(&cur->mu);
		cur = next;
	}
	cur->value++;
	pthread_mutex_unlock(&cur->mu);
}

static void good_pair(pthread_mutex_t *pair)
{
	pthread_mutex_lock(&pair[0]);
	pthread_mutex_lock(&pair[1]);
	pthread_mutex_unlock(&pair[1]);
	pthread_mutex_unlock(&pair[0]);
}

static int good_read_twice(void)
{
	int v;

	pthread_rwlock_rdlock(&config_lock);
	pthread_rwlock_rdlock(&config_lock);
	v = config_version;
	pthread_rwlock_unlock(&config_lock);
	pthread_rwlock_unlock(&config_lock);
	return v;
}

static void *good_worker(void *arg)
{
	long id = (long)arg;

	good_move((int)id, (int)(id + 1) % NBUCKETS);
	good_transfer(&accounts[id % 4], &accounts[(id + 1) % 4], 5);
	good_walk();
	good_pair(&buckets[2]);
	return (void *)(long)good_read_twice();
}

int main(void)
{
	pthread_t t[4];

	for (int i = 0; i < NBUCKETS; i++)
		pthread_mutex_init(&buckets[i], NULL);
	for (int i = 0; i < 4; i++)
		pthread_mutex_init(&accounts[i].mu, NULL);
	for (int i = 0; i < 3; i++) {
		struct node *n = calloc(1, sizeof(*n));

		if (!n)
			return 1;
		pthread_mutex_init(&n->mu, NULL);
		n->next = head;
		head = n;
	}
	for (long i = 0; i < 4; i++)
		pthread_create(&t[i], NULL, good_worker, (void *)i);
	for (int i = 0; i < 4; i++)
		pthread_join(t[i], NULL);
	printf("%d %ld\n", counts[0], accounts[0].balance);
	return 0;
}

/*
 * check-name: double-lock: many locks of one name, and two read locks
 * check-description: Stay silent: array elements, two accounts, list nodes hand over hand, pair[0] and pair[1], and a rwlock read-locked twice are all taken by one thread without locking any one mutex twice.
 */
