// SPDX-License-Identifier: MIT
/*
 * main allocates a buffer and publishes it in a global pointer before it
 * creates the thread; both then write its first element.
 */
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>

static int *buf;

static void *warn_writer(void *arg)
{
	(void)arg;
	buf[0] = 8;
	return NULL;
}

int main(void)
{
	pthread_t t;

	buf = malloc(4 * sizeof(*buf));
	if (!buf)
		return 1;
	pthread_create(&t, NULL, warn_writer, NULL);
	buf[0] = 9;
	pthread_join(t, NULL);
	printf("%d\n", buf[0]);
	free(buf);
	return 0;
}

/*
 * check-name: data-race: heap memory shared through a global pointer
 * check-description: The buffer main allocated is reached by the thread through the global; both write buf[0] with no lock.
 * check-tsan: race
 * check-exit-value: 1
 *
 * check-error-start
data-race/global-heap-ptr-ko.c:15:2: warning: data race on '*buf': write in thread 'warn_writer' holding no lock [data-race]
data-race/global-heap-ptr-ko.c:27:2: note: conflicting write in thread 'main' holding no lock
data-race/global-heap-ptr-ko.c:26:2: note: thread 'warn_writer' created here by thread 'main'
 * check-error-end
 */
