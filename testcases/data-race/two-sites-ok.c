// SPDX-License-Identifier: MIT
/*
 * The same thread function, good_logger, is started from two separate
 * pthread_create calls, each with a different struct stream (out and
 * err, two distinct globals).  Each instance writes only the fields of
 * its own stream, so although the function and the struct type are the
 * same, no object is written by both threads.  main reads the counts
 * after the joins.
 */
#include <pthread.h>
#include <stdio.h>

struct stream {
	const char *name;
	unsigned long nr_lines;
};

static struct stream out = { "stdout", 0 };
static struct stream err = { "stderr", 0 };

static void *good_logger(void *arg)
{
	struct stream *s = arg;

	for (int i = 0; i < 100; i++)
		s->nr_lines++;
	return NULL;
}

int main(void)
{
	pthread_t out_thread, err_thread;

	pthread_create(&out_thread, NULL, good_logger, &out);
	pthread_create(&err_thread, NULL, good_logger, &err);
	pthread_join(out_thread, NULL);
	pthread_join(err_thread, NULL);
	printf("%s %lu, %s %lu\n", out.name, out.nr_lines, err.name,
	       err.nr_lines);
	return 0;
}

/*
 * check-name: data-race: one thread function spawned twice, each with its own object
 * check-description: Stay silent: the two instances of good_logger get &out and &err, distinct objects, so s->nr_lines is never written by both.
 * check-tsan: clean
 */
