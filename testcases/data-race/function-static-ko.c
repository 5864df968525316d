// SPDX-License-Identifier: MIT
/*
 * Each connection thread takes a session number from a counter kept as a
 * function-static local, next_session, in the thread function itself.
 * A function-static local has one instance for the whole program, not
 * one per call or per thread, so the three threads running
 * warn_connection read and write the same object with no lock: a data
 * race, and two sessions may get the same number.
 */
#include <pthread.h>
#include <stdio.h>

#define NR_CONNECTIONS 3

static void *warn_connection(void *arg)
{
	static unsigned int next_session = 1;
	unsigned int session;

	(void)arg;
	session = next_session++;       /* races with the other threads */
	return (void *)(unsigned long)session;
}

int main(void)
{
	pthread_t conns[NR_CONNECTIONS];

	for (int i = 0; i < NR_CONNECTIONS; i++)
		pthread_create(&conns[i], NULL, warn_connection, NULL);
	for (int i = 0; i < NR_CONNECTIONS; i++) {
		void *session;

		pthread_join(conns[i], &session);
		printf("connection %d: session %lu\n", i,
		       (unsigned long)session);
	}
	return 0;
}

/*
 * check-name: data-race: threads update a function-static local
 * check-description: Report next_session++ in warn_connection: a function-static local is one object shared by every instance of the thread.
 * check-tsan: race
 * check-exit-value: 1
 *
 * check-error-start
data-race/function-static-ko.c:21:12: warning: data race on 'next_session': write in thread 'warn_connection' holding no lock [data-race]
data-race/function-static-ko.c:21:12: note: conflicting write in thread 'warn_connection' (another instance) holding no lock
data-race/function-static-ko.c:30:3: note: thread 'warn_connection' (many instances) created here by thread 'main'
 * check-error-end
 */
