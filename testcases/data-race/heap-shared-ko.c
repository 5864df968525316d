// SPDX-License-Identifier: MIT
/*
 * main allocates one event log on the heap and passes the same pointer
 * to two recorder threads, which both append to it: each reads
 * log->len, stores an entry at that index and increments len, with no
 * lock.  The log has room for every entry, so nothing overflows, but
 * both threads write len and may write the same slot: a data race on
 * the one heap object they share.
 */
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>

#define NR_EVENTS 100

struct event_log {
	size_t len;
	int events[2 * NR_EVENTS];
};

static void *warn_recorder(void *arg)
{
	struct event_log *log = arg;

	for (int i = 0; i < NR_EVENTS; i++) {
		size_t n = log->len;    /* races with the other recorder */

		if (n < 2 * NR_EVENTS) {
			log->events[n] = i;
			log->len = n + 1;
		}
	}
	return NULL;
}

int main(void)
{
	struct event_log *log = calloc(1, sizeof(*log));
	pthread_t a, b;

	if (!log)
		abort();
	pthread_create(&a, NULL, warn_recorder, log);
	pthread_create(&b, NULL, warn_recorder, log);
	pthread_join(a, NULL);
	pthread_join(b, NULL);
	printf("%zu events\n", log->len);
	free(log);
	return 0;
}

/*
 * check-name: data-race: two threads append to one shared heap object
 * check-description: Report the unlocked reads and writes of log->len and log->events[] in warn_recorder: both recorders get the same malloc'd log.
 * check-tsan: race
 * check-exit-value: 1
 *
 * check-error-start
data-race/heap-shared-ko.c:29:4: warning: data race on 'log->events[]': write in thread 'warn_recorder' holding no lock [data-race]
data-race/heap-shared-ko.c:29:4: note: conflicting write in thread 'warn_recorder' (another instance) holding no lock
data-race/heap-shared-ko.c:43:2: note: thread 'warn_recorder' (many instances) created here by thread 'main'
data-race/heap-shared-ko.c:44:2: note: and here
data-race/heap-shared-ko.c:30:9: warning: data race on 'log->len': write in thread 'warn_recorder' holding no lock [data-race]
data-race/heap-shared-ko.c:26:19: note: conflicting read in thread 'warn_recorder' (another instance) holding no lock
data-race/heap-shared-ko.c:43:2: note: thread 'warn_recorder' (many instances) created here by thread 'main'
data-race/heap-shared-ko.c:44:2: note: and here
data-race/heap-shared-ko.c:30:9: warning: data race on 'log->len': write in thread 'warn_recorder' holding no lock [data-race]
data-race/heap-shared-ko.c:30:9: note: conflicting write in thread 'warn_recorder' (another instance) holding no lock
data-race/heap-shared-ko.c:43:2: note: thread 'warn_recorder' (many instances) created here by thread 'main'
data-race/heap-shared-ko.c:44:2: note: and here
 * check-error-end
 */
