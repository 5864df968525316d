// SPDX-License-Identifier: MIT
/*
 * main creates a helper thread while it holds the lock, but releases the
 * lock before joining it: the helper's unlocked write can then overlap the
 * other thread's locked one.
 */
#include <pthread.h>
#include <stdio.h>
#include <unistd.h>

static pthread_mutex_t mu = PTHREAD_MUTEX_INITIALIZER;
static int total;

static void *warn_locked(void *arg)
{
	(void)arg;
	usleep(2000);
	pthread_mutex_lock(&mu);
	total++;
	pthread_mutex_unlock(&mu);
	return NULL;
}

static void *warn_outside(void *arg)
{
	(void)arg;
	total += 10;
	return NULL;
}

int main(void)
{
	pthread_t t1, t2;

	pthread_create(&t1, NULL, warn_locked, NULL);
	pthread_mutex_lock(&mu);
	pthread_create(&t2, NULL, warn_outside, NULL);
	pthread_mutex_unlock(&mu);
	pthread_join(t2, NULL);
	pthread_join(t1, NULL);
	printf("%d\n", total);
	return 0;
}

/*
 * check-name: data-race: creator's lock released before the join
 * check-description: main unlocks mu while warn_outside may still run: its write races with warn_locked's.
 * check-tsan: race
 * check-exit-value: 1
 *
 * check-error-start
data-race/creation-lock-released-ko.c:19:2: warning: data race on 'total': write in thread 'warn_locked' holding 'mu' [data-race]
data-race/creation-lock-released-ko.c:27:2: note: conflicting write in thread 'warn_outside' holding no lock
data-race/creation-lock-released-ko.c:35:2: note: thread 'warn_locked' created here by thread 'main'
data-race/creation-lock-released-ko.c:37:2: note: thread 'warn_outside' created here by thread 'main'
 * check-error-end
 */
