// SPDX-License-Identifier: MIT
/*
 * Dining philosophers done right: each philosopher takes the lower
 * numbered of its two forks first, so the forks are always taken in one
 * global order and no cycle can form.  Five threads eat at once, many
 * times, with heap-allocated forks.  Silent.
 */
#include <pthread.h>
#include <stdlib.h>

#define N 5
#define MEALS 2000

struct table {
	pthread_mutex_t *forks;
	long meals;		/* guarded by meals_lock */
	pthread_mutex_t meals_lock;
};

struct seat {
	struct table *table;
	int i;
};

static void *philosopher(void *arg)
{
	struct seat *s = arg;
	int left = s->i, right = (s->i + 1) % N;
	int first = left < right ? left : right;
	int second = left < right ? right : left;

	for (int m = 0; m < MEALS; m++) {
		pthread_mutex_lock(&s->table->forks[first]);
		pthread_mutex_lock(&s->table->forks[second]);
		pthread_mutex_lock(&s->table->meals_lock);
		s->table->meals++;
		pthread_mutex_unlock(&s->table->meals_lock);
		pthread_mutex_unlock(&s->table->forks[second]);
		pthread_mutex_unlock(&s->table->forks[first]);
	}
	return NULL;
}

int main(void)
{
	struct table table = { .meals = 0 };
	struct seat seats[N];
	pthread_t t[N];

	table.forks = calloc(N, sizeof(*table.forks));
	if (!table.forks)
		return 2;
	pthread_mutex_init(&table.meals_lock, NULL);
	for (int i = 0; i < N; i++)
		pthread_mutex_init(&table.forks[i], NULL);
	for (int i = 0; i < N; i++) {
		seats[i].table = &table;
		seats[i].i = i;
		if (pthread_create(&t[i], NULL, philosopher, &seats[i]) != 0)
			abort();
	}
	for (int i = 0; i < N; i++)
		pthread_join(t[i], NULL);
	for (int i = 0; i < N; i++)
		pthread_mutex_destroy(&table.forks[i]);
	free(table.forks);
	pthread_mutex_destroy(&table.meals_lock);
	return table.meals != (long)N * MEALS;
}

/*
 * check-name: dining philosophers with ordered forks
 * check-command: fc-rt-run $file
 * check-exit-value: 0
 */
