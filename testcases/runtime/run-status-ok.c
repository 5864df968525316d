// SPDX-License-Identifier: MIT
/*
 * `fearcheck run` passes the program's own exit status on when the
 * tracker found nothing: here 3, after clean locking on two threads.
 */
#include <pthread.h>
#include <stdlib.h>

static pthread_mutex_t m = PTHREAD_MUTEX_INITIALIZER;
static int hits;		/* guarded by m */

static void *hit(void *arg)
{
	(void)arg;
	pthread_mutex_lock(&m);
	hits++;
	pthread_mutex_unlock(&m);
	return NULL;
}

int main(void)
{
	pthread_t t[2];

	for (int i = 0; i < 2; i++)
		if (pthread_create(&t[i], NULL, hit, NULL) != 0)
			abort();
	for (int i = 0; i < 2; i++)
		pthread_join(t[i], NULL);
	return hits + 1;
}

/*
 * check-name: fearcheck run: the program's own status otherwise
 * check-command: fc-rt-run --run $file
 * check-exit-value: 3
 */
