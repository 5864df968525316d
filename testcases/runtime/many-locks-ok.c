// SPDX-License-Identifier: MIT
/*
 * Scale: 100,000 live heap mutexes, each initialised, taken and released
 * once while an outer lock is held; then one thread holds 1,000 of them at
 * once (in index order), and releases them in the reverse order and then
 * in the same order; all are destroyed and freed at the end.  The tracker
 * must neither fill a table nor report anything.
 */
#include <pthread.h>
#include <stdlib.h>

#define LIVE 100000
#define HELD 1000

static pthread_mutex_t outer = PTHREAD_MUTEX_INITIALIZER;

struct item {
	pthread_mutex_t lock;
	long value;		/* guarded by lock */
};

int main(void)
{
	struct item **items = calloc(LIVE, sizeof(*items));

	if (!items)
		return 2;
	for (int i = 0; i < LIVE; i++) {
		items[i] = malloc(sizeof(*items[i]));
		if (!items[i])
			return 2;
		pthread_mutex_init(&items[i]->lock, NULL);
		items[i]->value = i;
	}
	pthread_mutex_lock(&outer);
	for (int i = 0; i < LIVE; i++) {
		pthread_mutex_lock(&items[i]->lock);
		items[i]->value++;
		pthread_mutex_unlock(&items[i]->lock);
	}
	pthread_mutex_unlock(&outer);

	for (int round = 0; round < 2; round++) {
		for (int i = 0; i < HELD; i++)
			pthread_mutex_lock(&items[i * 7]->lock);
		if (round == 0)
			for (int i = HELD - 1; i >= 0; i--)
				pthread_mutex_unlock(&items[i * 7]->lock);
		else
			for (int i = 0; i < HELD; i++)
				pthread_mutex_unlock(&items[i * 7]->lock);
	}

	for (int i = 0; i < LIVE; i++) {
		pthread_mutex_destroy(&items[i]->lock);
		free(items[i]);
	}
	free(items);
	return 0;
}

/*
 * check-name: 100,000 live locks, 1,000 held by one thread
 * check-command: fc-rt-run $file
 * check-exit-value: 0
 */
