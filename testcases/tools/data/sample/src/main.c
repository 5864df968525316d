// SPDX-License-Identifier: MIT
/*
 * main.c - four workers serve requests and record them in stats.c.
 */
#include <pthread.h>
#include <stdio.h>

#include "stats.h"

static void *worker(void *arg)
{
	for (int i = 0; i < 1000; i++) {
		stats_add(i);
	}
	return arg;
}

int main(void)
{
	pthread_t t[4];
	for (int i = 0; i < 4; i++)
		pthread_create(&t[i], NULL, worker, NULL);
	for (int i = 0; i < 4; i++)
		pthread_join(t[i], NULL);
	printf("%ld\n", stats_total());
	return 0;
}
