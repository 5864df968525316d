// SPDX-License-Identifier: MIT
/*
 * Destroys where the lock is not held: after a trylock that failed (the
 * lock is someone else's business, and the code only retires it once
 * the threads are gone), after an unlock wrapper, after a conditional
 * acquire reported failure, and one element of an array destroyed while
 * another element is held.  Silent.
 */
#include <pthread.h>
#include <stdio.h>

static pthread_mutex_t a_lock, b_lock;
static pthread_mutex_t ring[2];
static int a_count;			/* guarded by a_lock */

static void unlock_a(void)
{
	pthread_mutex_unlock(&a_lock);
}

/* Returns 0 with b_lock held, -1 without it. */
static int take_b(int want)
{
	if (!want)
		return -1;
	pthread_mutex_lock(&b_lock);
	return 0;
}

static void *good_user(void *arg)
{
	(void)arg;
	if (pthread_mutex_trylock(&a_lock) == 0) {
		a_count++;
		unlock_a();
	}
	return NULL;
}

int main(void)
{
	pthread_t t;

	pthread_mutex_init(&a_lock, NULL);
	pthread_mutex_init(&b_lock, NULL);
	pthread_mutex_init(&ring[0], NULL);
	pthread_mutex_init(&ring[1], NULL);
	pthread_create(&t, NULL, good_user, NULL);
	pthread_join(t, NULL);
	pthread_mutex_lock(&a_lock);
	a_count++;
	unlock_a();
	pthread_mutex_destroy(&a_lock);
	if (take_b(0) == 0)
		pthread_mutex_unlock(&b_lock);
	else
		pthread_mutex_destroy(&b_lock);
	pthread_mutex_lock(&ring[0]);
	pthread_mutex_destroy(&ring[1]);
	pthread_mutex_unlock(&ring[0]);
	pthread_mutex_destroy(&ring[0]);
	printf("%d\n", a_count);
	return 0;
}

/*
 * check-name: destroy-held: destroys where the lock is not held
 * check-description: Stay silent: a_lock is destroyed after unlock_a() released it, b_lock on the branch where take_b() did not take it, ring[1] while only ring[0] is held, and ring[0] after its unlock.
 */
