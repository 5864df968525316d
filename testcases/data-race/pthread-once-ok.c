// SPDX-License-Identifier: MIT
/*
 * Every thread calls pthread_once to set up a table; pthread_once runs the
 * initializer exactly once and makes the others wait for it, so the writes
 * in good_init never race.
 */
#include <pthread.h>
#include <stdio.h>

static pthread_once_t once = PTHREAD_ONCE_INIT;
static int table[16];
static int ready;

static void good_init(void)
{
	for (int i = 0; i < 16; i++)
		table[i] = i * i;
	ready = 1;
}

static void *good_user(void *arg)
{
	(void)arg;
	pthread_once(&once, good_init);
	return NULL;
}

int main(void)
{
	pthread_t t[4];

	for (int i = 0; i < 4; i++)
		pthread_create(&t[i], NULL, good_user, NULL);
	for (int i = 0; i < 4; i++)
		pthread_join(t[i], NULL);
	printf("%d %d\n", ready, table[15]);
	return 0;
}

/*
 * check-name: data-race: initialisation under pthread_once
 * check-description: pthread_once runs good_init once, as if under a lock of its own: stay silent.
 * check-tsan: clean
 */
