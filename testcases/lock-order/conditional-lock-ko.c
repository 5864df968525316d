// SPDX-License-Identifier: MIT
/*
 * The first thread takes b inside a only when asked to, the second always
 * takes a inside b.  On the path where the first thread does nest them,
 * the two can deadlock.
 */
#include <pthread.h>
#include <stdbool.h>
#include <stdio.h>

static pthread_mutex_t a = PTHREAD_MUTEX_INITIALIZER;
static pthread_mutex_t b = PTHREAD_MUTEX_INITIALIZER;
static int count, audit;

static void *warn_maybe_nested(void *arg)
{
	bool audited = arg != NULL;

	pthread_mutex_lock(&a);
	count++;
	if (audited) {
		pthread_mutex_lock(&b);
		audit++;
		pthread_mutex_unlock(&b);
	}
	pthread_mutex_unlock(&a);
	return NULL;
}

static void *warn_b_then_a(void *arg)
{
	(void)arg;
	pthread_mutex_lock(&b);
	pthread_mutex_lock(&a);
	audit += count;
	pthread_mutex_unlock(&a);
	pthread_mutex_unlock(&b);
	return NULL;
}

int main(void)
{
	pthread_t t1, t2;
	static int token;

	pthread_create(&t1, NULL, warn_maybe_nested, &token);
	pthread_create(&t2, NULL, warn_b_then_a, NULL);
	pthread_join(t1, NULL);
	pthread_join(t2, NULL);
	printf("%d %d\n", count, audit);
	return 0;
}

/*
 * check-name: lock-order: an inversion on a conditional path
 * check-description: b is taken under a only in one branch; that branch is enough for the inversion with the other thread.
 * check-exit-value: 1
 *
 * check-error-start
lock-order/conditional-lock-ko.c:22:3: warning: lock order inversion: 'b' acquired while holding 'a', elsewhere 'a' while holding 'b' [lock-order]
lock-order/conditional-lock-ko.c:19:2: note: thread 'warn_maybe_nested' acquires 'a' here
lock-order/conditional-lock-ko.c:22:3: note: then 'b' here, while holding 'a'
lock-order/conditional-lock-ko.c:46:2: note: thread 'warn_maybe_nested' created here by thread 'main'
lock-order/conditional-lock-ko.c:33:2: note: thread 'warn_b_then_a' acquires 'b' here
lock-order/conditional-lock-ko.c:34:2: note: then 'a' here, while holding 'b'
lock-order/conditional-lock-ko.c:47:2: note: thread 'warn_b_then_a' created here by thread 'main'
 * check-error-end
 */
