// SPDX-License-Identifier: MIT
/*
 * main starts a parser and an indexer thread, joins only the parser,
 * and then reports what both produced: nr_records, written by the
 * parser, and nr_keys, written by the indexer, which main has not
 * joined yet and which takes a couple of milliseconds longer.  The read
 * of nr_records is ordered by the join; the read of nr_keys races with
 * the indexer's write.  The indexer is joined only at the end.
 */
#define _POSIX_C_SOURCE 200809L

#include <pthread.h>
#include <stdio.h>
#include <time.h>

static int nr_records;
static int nr_keys;

static void msleep(long ms)
{
	struct timespec ts = { ms / 1000, ms % 1000 * 1000000L };

	nanosleep(&ts, NULL);
}

static void *good_parser(void *arg)
{
	(void)arg;
	for (int i = 0; i < 50; i++)
		nr_records++;
	return NULL;
}

static void *warn_indexer(void *arg)
{
	(void)arg;
	msleep(2);                      /* build the index */
	nr_keys = 20;                   /* races with main's read */
	return NULL;
}

int main(void)
{
	pthread_t parser, indexer;

	pthread_create(&parser, NULL, good_parser, NULL);
	pthread_create(&indexer, NULL, warn_indexer, NULL);
	pthread_join(parser, NULL);
	printf("%d records, %d keys\n", nr_records,
	       nr_keys);                /* races with the indexer */
	pthread_join(indexer, NULL);
	return 0;
}

/*
 * check-name: data-race: only one of two threads joined before main reads
 * check-description: Report main's read of nr_keys against warn_indexer's write (the indexer is not joined yet); nr_records, written by the joined parser, is fine.
 * check-tsan: race
 * check-exit-value: 1
 *
 * check-error-start
data-race/partial-join-ko.c:38:2: warning: data race on 'nr_keys': write in thread 'warn_indexer' holding no lock [data-race]
data-race/partial-join-ko.c:50:9: note: conflicting read in thread 'main' holding no lock
data-race/partial-join-ko.c:47:2: note: thread 'warn_indexer' created here by thread 'main'
 * check-error-end
 */
