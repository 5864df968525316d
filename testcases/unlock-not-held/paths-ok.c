// SPDX-License-Identifier: MIT
/*
 * Every unlock follows a lock on its path: the success branch of a
 * trylock, an early return that unlocks first, a checked lock whose
 * failure returns, a loop that locks and unlocks each turn, a wait on a
 * condition variable (which gives the mutex back before it returns), a
 * lock taken on a flag and released on the same flag.  Silent.
 */
#include <pthread.h>
#include <stdio.h>

static pthread_mutex_t q_lock = PTHREAD_MUTEX_INITIALIZER;
static pthread_cond_t q_cond = PTHREAD_COND_INITIALIZER;
static int q_len;			/* guarded by q_lock */

static int good_try_pop(void)
{
	if (pthread_mutex_trylock(&q_lock) != 0)
		return -1;
	if (q_len == 0) {
		pthread_mutex_unlock(&q_lock);
		return -1;
	}
	q_len--;
	pthread_mutex_unlock(&q_lock);
	return 0;
}

static int good_checked_push(void)
{
	int err = pthread_mutex_lock(&q_lock);

	if (err)
		return err;
	q_len++;
	pthread_cond_signal(&q_cond);
	pthread_mutex_unlock(&q_lock);
	return 0;
}

static void good_pop_wait(void)
{
	pthread_mutex_lock(&q_lock);
	while (q_len == 0)
		pthread_cond_wait(&q_cond, &q_lock);
	q_len--;
	pthread_mutex_unlock(&q_lock);
}

static void good_flagged(int locked)
{
	if (locked)
		pthread_mutex_lock(&q_lock);
	if (locked)
		pthread_mutex_unlock(&q_lock);
}

static void *good_producer(void *arg)
{
	(void)arg;
	for (int i = 0; i < 10; i++)
		good_checked_push();
	good_flagged(1);
	return NULL;
}

static void *good_consumer(void *arg)
{
	(void)arg;
	for (int i = 0; i < 5; i++)
		good_pop_wait();
	while (good_try_pop() == 0)
		;
	return NULL;
}

int main(void)
{
	pthread_t a, b;

	pthread_create(&a, NULL, good_producer, NULL);
	pthread_create(&b, NULL, good_consumer, NULL);
	pthread_join(a, NULL);
	pthread_join(b, NULL);
	printf("%d\n", q_len);
	return 0;
}

/*
 * check-name: unlock-not-held: every unlock follows its lock
 * check-description: Stay silent: unlocks after a successful trylock, after a checked lock, around a condition wait, in a loop, and on the same flag that took the lock.
 */
