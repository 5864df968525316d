// SPDX-License-Identifier: MIT
/*
 * A helper called with the lock held drops it around a slow step and
 * takes it back; the writes before and after are both protected, and the
 * unlocked stretch touches nothing shared.
 */
#include <pthread.h>
#include <stdio.h>
#include <unistd.h>

static pthread_mutex_t mu = PTHREAD_MUTEX_INITIALIZER;
static int progress;

static void good_step(void)
{
	progress++;
	pthread_mutex_unlock(&mu);
	usleep(100);
	pthread_mutex_lock(&mu);
	progress++;
}

static void *good_worker(void *arg)
{
	(void)arg;
	pthread_mutex_lock(&mu);
	for (int i = 0; i < 3; i++)
		good_step();
	pthread_mutex_unlock(&mu);
	return NULL;
}

int main(void)
{
	pthread_t t[2];

	for (int i = 0; i < 2; i++)
		pthread_create(&t[i], NULL, good_worker, NULL);
	for (int i = 0; i < 2; i++)
		pthread_join(t[i], NULL);
	printf("%d\n", progress);
	return 0;
}

/*
 * check-name: data-race: a callee that drops and retakes its caller's lock
 * check-description: good_step releases mu and takes it back; both writes hold it, and the sleep in between holds nothing: stay silent.
 * check-tsan: clean
 */
