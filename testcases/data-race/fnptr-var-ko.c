// SPDX-License-Identifier: MIT
/*
 * main picks the flusher's thread function at run time, storing either
 * warn_flush or warn_flush_verbose in a function-pointer variable, and
 * starts two flusher threads through that variable.  Whichever target
 * is chosen, both threads run it and both clear the global dirty_pages
 * with no lock, so the writes race.  A checker must follow the variable
 * to its possible targets to see the spawns at all.
 */
#include <pthread.h>
#include <stdio.h>

static unsigned long dirty_pages = 100;

static void *warn_flush(void *arg)
{
	(void)arg;
	dirty_pages = 0;                /* races with the other flusher */
	return NULL;
}

static void *warn_flush_verbose(void *arg)
{
	(void)arg;
	printf("flushing %lu pages\n", dirty_pages);
	dirty_pages = 0;                /* races with the other flusher */
	return NULL;
}

int main(int argc, char **argv)
{
	void *(*flusher)(void *) = warn_flush;
	pthread_t a, b;

	(void)argv;
	if (argc > 1)
		flusher = warn_flush_verbose;
	pthread_create(&a, NULL, flusher, NULL);
	pthread_create(&b, NULL, flusher, NULL);
	pthread_join(a, NULL);
	pthread_join(b, NULL);
	printf("%lu dirty pages left\n", dirty_pages);
	return 0;
}

/*
 * check-name: data-race: threads spawned through a function-pointer variable
 * check-description: Report the unlocked writes of dirty_pages in warn_flush (and warn_flush_verbose): both are possible targets of the flusher variable passed to pthread_create twice.
 * check-tsan: race
 * check-known-to-fail
 * check-exit-value: 1
 * check-error-ignore
 * check-error-contains: data race on 'dirty_pages'
 */
