// SPDX-License-Identifier: MIT
/*
 * main allocates one struct chunk per worker with malloc, fills in its
 * data before starting that worker, and hands it over as the thread
 * argument.  From then on only that worker touches the chunk: it sorts
 * the data in place and stores the median.  main reads the median and
 * frees the chunk after the join.  Every heap object has one owner at a
 * time, so nothing races although all chunks come from the same
 * malloc call site.
 */
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>

#define NR_WORKERS 3
#define CHUNK 64

struct chunk {
	int data[CHUNK];
	int median;
};

static void *good_sorter(void *arg)
{
	struct chunk *c = arg;

	for (int i = 1; i < CHUNK; i++) {
		int v = c->data[i];
		int j = i;

		for (; j > 0 && c->data[j - 1] > v; j--)
			c->data[j] = c->data[j - 1];
		c->data[j] = v;
	}
	c->median = c->data[CHUNK / 2];
	return NULL;
}

int main(void)
{
	pthread_t workers[NR_WORKERS];
	struct chunk *chunks[NR_WORKERS];

	for (int i = 0; i < NR_WORKERS; i++) {
		chunks[i] = malloc(sizeof(*chunks[i]));
		if (!chunks[i])
			abort();
		for (int j = 0; j < CHUNK; j++)
			chunks[i]->data[j] = (j * 37 + i) % CHUNK;
		pthread_create(&workers[i], NULL, good_sorter, chunks[i]);
	}
	for (int i = 0; i < NR_WORKERS; i++) {
		pthread_join(workers[i], NULL);
		printf("chunk %d: median %d\n", i, chunks[i]->median);
		free(chunks[i]);
	}
	return 0;
}

/*
 * check-name: data-race: a heap object per thread, filled by main before the spawn
 * check-description: Stay silent: each chunk is written by main before its own pthread_create, then only by its worker, then read by main after the join.
 * check-tsan: clean
 */
