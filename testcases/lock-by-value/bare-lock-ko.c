// SPDX-License-Identifier: MIT
/*
 * The synchronisation objects themselves copied: a mutex initialised
 * from the global one, a condition variable assigned from another, an
 * rwlock passed by value, and a C11 mutex in an array of structs copied
 * element by element.
 */
#include <pthread.h>
#include <stdio.h>
#include <threads.h>

struct slot {
	mtx_t lock;
	int used;			/* guarded by lock */
};

static pthread_mutex_t big_lock = PTHREAD_MUTEX_INITIALIZER;
static pthread_cond_t wakeup = PTHREAD_COND_INITIALIZER;
static pthread_rwlock_t table_lock = PTHREAD_RWLOCK_INITIALIZER;
static struct slot slots[2];

static int warn_read_table(pthread_rwlock_t l)
{
	int r = pthread_rwlock_rdlock(&l);

	if (!r)
		pthread_rwlock_unlock(&l);
	return r;
}

static void warn_copies(void)
{
	pthread_mutex_t mine = big_lock;
	pthread_cond_t cv;

	cv = wakeup;
	slots[1] = slots[0];
	pthread_mutex_lock(&mine);
	pthread_mutex_unlock(&mine);
	pthread_cond_signal(&cv);
	warn_read_table(table_lock);
}

int main(void)
{
	mtx_init(&slots[0].lock, mtx_plain);
	warn_copies();
	printf("%d\n", slots[1].used);
	return 0;
}

/*
 * check-name: lock-by-value: mutex, condition variable, rwlock and C11 mutex copied
 * check-description: Report the by-value rwlock parameter of warn_read_table, mine initialised from big_lock, cv assigned from wakeup, the struct slot (holding an mtx_t) assigned, and table_lock passed by value.
 * check-exit-value: 1
 *
 * check-error-start
lock-by-value/bare-lock-ko.c:22:45: warning: by-value parameter 'l' of 'warn_read_table' copies a 'pthread_rwlock_t' [lock-by-value]
lock-by-value/bare-lock-ko.c:22:45: note: a copy of a 'pthread_rwlock_t' is a different object: threads using the copy and the original do not synchronize
lock-by-value/bare-lock-ko.c:33:25: warning: initializing 'mine' copies a 'pthread_mutex_t' [lock-by-value]
lock-by-value/bare-lock-ko.c:33:25: note: a copy of a 'pthread_mutex_t' is a different object: threads using the copy and the original do not synchronize
lock-by-value/bare-lock-ko.c:36:2: warning: assignment to 'cv' copies a 'pthread_cond_t' [lock-by-value]
lock-by-value/bare-lock-ko.c:36:2: note: a copy of a 'pthread_cond_t' is a different object: threads using the copy and the original do not synchronize
lock-by-value/bare-lock-ko.c:37:2: warning: assignment to 'slots[]' copies 'struct slot', which holds the 'mtx_t' 'lock' [lock-by-value]
lock-by-value/bare-lock-ko.c:37:2: note: a copy of a 'mtx_t' is a different object: threads using the copy and the original do not synchronize
lock-by-value/bare-lock-ko.c:41:18: warning: passing 'table_lock' by value copies a 'pthread_rwlock_t' [lock-by-value]
lock-by-value/bare-lock-ko.c:41:18: note: a copy of a 'pthread_rwlock_t' is a different object: threads using the copy and the original do not synchronize
 * check-error-end
 */
