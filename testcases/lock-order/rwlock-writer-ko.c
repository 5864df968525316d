// SPDX-License-Identifier: MIT
/*
 * Each thread reads one table and then writes the other, in opposite
 * orders: a write lock waits for readers, so the two can deadlock even
 * though half of the acquisitions are reads.
 */
#include <pthread.h>
#include <stdio.h>

static pthread_rwlock_t a = PTHREAD_RWLOCK_INITIALIZER;
static pthread_rwlock_t b = PTHREAD_RWLOCK_INITIALIZER;
static int ta = 1, tb = 2;

static void *warn_read_a_write_b(void *arg)
{
	(void)arg;
	pthread_rwlock_rdlock(&a);
	pthread_rwlock_wrlock(&b);
	tb += ta;
	pthread_rwlock_unlock(&b);
	pthread_rwlock_unlock(&a);
	return NULL;
}

static void *warn_read_b_write_a(void *arg)
{
	(void)arg;
	pthread_rwlock_rdlock(&b);
	pthread_rwlock_wrlock(&a);
	ta += tb;
	pthread_rwlock_unlock(&a);
	pthread_rwlock_unlock(&b);
	return NULL;
}

int main(void)
{
	pthread_t t1, t2;

	pthread_create(&t1, NULL, warn_read_a_write_b, NULL);
	pthread_create(&t2, NULL, warn_read_b_write_a, NULL);
	pthread_join(t1, NULL);
	pthread_join(t2, NULL);
	printf("%d %d\n", ta, tb);
	return 0;
}

/*
 * check-name: lock-order: read then write of two rwlocks, both orders
 * check-description: The write acquisitions wait for the other thread's read locks: a real cycle despite the reads.
 * check-exit-value: 1
 *
 * check-error-start
lock-order/rwlock-writer-ko.c:18:2: warning: lock order inversion: 'b' acquired while holding 'a', elsewhere 'a' while holding 'b' [lock-order]
lock-order/rwlock-writer-ko.c:17:2: note: thread 'warn_read_a_write_b' acquires 'a' here
lock-order/rwlock-writer-ko.c:18:2: note: then 'b' here, while holding 'a'
lock-order/rwlock-writer-ko.c:40:2: note: thread 'warn_read_a_write_b' created here by thread 'main'
lock-order/rwlock-writer-ko.c:28:2: note: thread 'warn_read_b_write_a' acquires 'b' here
lock-order/rwlock-writer-ko.c:29:2: note: then 'a' here, while holding 'b'
lock-order/rwlock-writer-ko.c:41:2: note: thread 'warn_read_b_write_a' created here by thread 'main'
 * check-error-end
 */
