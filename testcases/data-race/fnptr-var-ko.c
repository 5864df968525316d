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
 * check-exit-value: 1
 *
 * check-error-start
data-race/fnptr-var-ko.c:18:2: warning: data race on 'dirty_pages': write in thread 'warn_flush' holding no lock [data-race]
data-race/fnptr-var-ko.c:18:2: note: conflicting write in thread 'warn_flush' (another instance) holding no lock
data-race/fnptr-var-ko.c:38:2: note: thread 'warn_flush' (many instances) created here by thread 'main'
data-race/fnptr-var-ko.c:39:2: note: and here
data-race/fnptr-var-ko.c:18:2: warning: data race on 'dirty_pages': write in thread 'warn_flush' holding no lock [data-race]
data-race/fnptr-var-ko.c:25:33: note: conflicting read in thread 'warn_flush_verbose' holding no lock
data-race/fnptr-var-ko.c:38:2: note: thread 'warn_flush' (many instances) created here by thread 'main'
data-race/fnptr-var-ko.c:39:2: note: and here
data-race/fnptr-var-ko.c:38:2: note: thread 'warn_flush_verbose' (many instances) created here by thread 'main'
data-race/fnptr-var-ko.c:39:2: note: and here
data-race/fnptr-var-ko.c:18:2: warning: data race on 'dirty_pages': write in thread 'warn_flush' holding no lock [data-race]
data-race/fnptr-var-ko.c:26:2: note: conflicting write in thread 'warn_flush_verbose' holding no lock
data-race/fnptr-var-ko.c:38:2: note: thread 'warn_flush' (many instances) created here by thread 'main'
data-race/fnptr-var-ko.c:39:2: note: and here
data-race/fnptr-var-ko.c:38:2: note: thread 'warn_flush_verbose' (many instances) created here by thread 'main'
data-race/fnptr-var-ko.c:39:2: note: and here
data-race/fnptr-var-ko.c:26:2: warning: data race on 'dirty_pages': write in thread 'warn_flush_verbose' holding no lock [data-race]
data-race/fnptr-var-ko.c:25:33: note: conflicting read in thread 'warn_flush_verbose' (another instance) holding no lock
data-race/fnptr-var-ko.c:38:2: note: thread 'warn_flush_verbose' (many instances) created here by thread 'main'
data-race/fnptr-var-ko.c:39:2: note: and here
data-race/fnptr-var-ko.c:26:2: warning: data race on 'dirty_pages': write in thread 'warn_flush_verbose' holding no lock [data-race]
data-race/fnptr-var-ko.c:26:2: note: conflicting write in thread 'warn_flush_verbose' (another instance) holding no lock
data-race/fnptr-var-ko.c:38:2: note: thread 'warn_flush_verbose' (many instances) created here by thread 'main'
data-race/fnptr-var-ko.c:39:2: note: and here
 * check-error-end
 */
