// SPDX-License-Identifier: MIT
/*
 * One loader thread fills the global lookup table and its length; no
 * other thread is running meanwhile except main, which only waits for
 * it.  main reads the table after joining the loader.  A location
 * written by a single thread and read by main only after that thread's
 * join has no concurrent access, lock or not.
 */
#include <pthread.h>
#include <stdio.h>

#define TABLE_SIZE 64

static unsigned int table[TABLE_SIZE];
static int table_len;

static void *good_loader(void *arg)
{
	(void)arg;
	for (int i = 0; i < TABLE_SIZE; i++)
		table[i] = (unsigned int)i * 2654435761u;
	table_len = TABLE_SIZE;
	return NULL;
}

int main(void)
{
	pthread_t loader;
	unsigned int x = 0;

	pthread_create(&loader, NULL, good_loader, NULL);
	pthread_join(loader, NULL);
	for (int i = 0; i < table_len; i++)
		x ^= table[i];
	printf("checksum %08x\n", x);
	return 0;
}

/*
 * check-name: data-race: a single thread writes a global, main reads it after the join
 * check-description: Stay silent: only good_loader writes table and table_len, and main reads them only after pthread_join(loader).
 * check-tsan: clean
 */
