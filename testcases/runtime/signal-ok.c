// SPDX-License-Identifier: MIT
/*
 * Signals: a handler that takes its own lock (not async-signal-safe, but
 * common) runs on main whenever a helper thread sends SIGUSR1, while main
 * keeps taking outer then inner, so the handler often runs with both held
 * - and sometimes in the middle of the tracker's own bookkeeping.  The
 * handler's lock is always innermost: one order, silent, no crash.
 */
#include <pthread.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>

#define ROUNDS 200000
#define SIGNALS 2000

static pthread_mutex_t outer = PTHREAD_MUTEX_INITIALIZER;
static pthread_mutex_t inner = PTHREAD_MUTEX_INITIALIZER;
static pthread_mutex_t counter_lock = PTHREAD_MUTEX_INITIALIZER;
static volatile sig_atomic_t handled;
static pthread_t main_thread;

static void on_usr1(int sig)
{
	(void)sig;
	pthread_mutex_lock(&counter_lock);
	handled++;
	pthread_mutex_unlock(&counter_lock);
}

static void *sender(void *arg)
{
	(void)arg;
	for (int i = 0; i < SIGNALS; i++)
		pthread_kill(main_thread, SIGUSR1);
	return NULL;
}

int main(void)
{
	struct sigaction sa;
	pthread_t t;

	memset(&sa, 0, sizeof(sa));
	sa.sa_handler = on_usr1;
	sa.sa_flags = SA_RESTART;
	sigemptyset(&sa.sa_mask);
	sigaction(SIGUSR1, &sa, NULL);
	main_thread = pthread_self();

	if (pthread_create(&t, NULL, sender, NULL) != 0)
		abort();
	for (int i = 0; i < ROUNDS; i++) {
		pthread_mutex_lock(&outer);
		pthread_mutex_lock(&inner);
		pthread_mutex_unlock(&inner);
		pthread_mutex_unlock(&outer);
	}
	pthread_join(t, NULL);
	return handled > 0 ? 0 : 0;
}

/*
 * check-name: signal handler taking a lock amid tracked locking
 * check-command: fc-rt-run $file
 * check-exit-value: 0
 */
