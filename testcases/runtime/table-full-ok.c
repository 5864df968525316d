// SPDX-License-Identifier: MIT
/*
 * A full table never harms the program: with max_locks=64 (a testing
 * knob that lowers FC_MAX_LOCKS) the 65th lock fills the lock table, the
 * tracker prints one line and stops tracking, and the program goes on
 * normally.  The inversion it makes afterwards is not seen, by design.
 */
#include <pthread.h>
#include <stdlib.h>

#define NLOCKS 100

static pthread_mutex_t locks[NLOCKS];

int main(void)
{
	for (int i = 0; i < NLOCKS; i++) {
		pthread_mutex_init(&locks[i], NULL);
		pthread_mutex_lock(&locks[i]);
		pthread_mutex_unlock(&locks[i]);
	}
	pthread_mutex_lock(&locks[0]);
	pthread_mutex_lock(&locks[1]);
	pthread_mutex_unlock(&locks[1]);
	pthread_mutex_unlock(&locks[0]);
	pthread_mutex_lock(&locks[1]);
	pthread_mutex_lock(&locks[0]);
	pthread_mutex_unlock(&locks[0]);
	pthread_mutex_unlock(&locks[1]);
	for (int i = 0; i < NLOCKS; i++)
		pthread_mutex_destroy(&locks[i]);
	return 0;
}

/*
 * check-name: a full lock table prints one line and stops tracking
 * check-command: fc-rt-run -o max_locks=64 $file
 * check-exit-value: 0
 *
 * check-error-start
fearcheck: BUG: FC_MAX_LOCKS too low, tracking disabled
 * check-error-end
 */
