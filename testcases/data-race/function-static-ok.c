// SPDX-License-Identifier: MIT
/*
 * The fixed function-static-ko.c: the session counter is still a
 * function-static local of the thread function, but it is read and
 * incremented only with the function-static session_lock held, so the
 * three connection threads each get a distinct number.
 */
#include <pthread.h>
#include <stdio.h>

#define NR_CONNECTIONS 3

static void *good_connection(void *arg)
{
	static pthread_mutex_t session_lock = PTHREAD_MUTEX_INITIALIZER;
	static unsigned int next_session = 1;   /* guarded by session_lock */
	unsigned int session;

	(void)arg;
	pthread_mutex_lock(&session_lock);
	session = next_session++;
	pthread_mutex_unlock(&session_lock);
	return (void *)(unsigned long)session;
}

int main(void)
{
	pthread_t conns[NR_CONNECTIONS];

	for (int i = 0; i < NR_CONNECTIONS; i++)
		pthread_create(&conns[i], NULL, good_connection, NULL);
	for (int i = 0; i < NR_CONNECTIONS; i++) {
		void *session;

		pthread_join(conns[i], &session);
		printf("connection %d: session %lu\n", i,
		       (unsigned long)session);
	}
	return 0;
}

/*
 * check-name: data-race: a function-static local updated under a static mutex
 * check-description: Stay silent: every access to the function-static next_session happens with the function-static session_lock held.
 * check-tsan: clean
 */
