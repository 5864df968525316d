// SPDX-License-Identifier: MIT
/*
 * Recursive mutexes may be locked again by their holder, however they
 * were made recursive: with a mutex attribute of type
 * PTHREAD_MUTEX_RECURSIVE, with glibc's static
 * PTHREAD_RECURSIVE_MUTEX_INITIALIZER_NP, or as a C11 mtx_t created with
 * mtx_recursive.  Each is locked twice and unlocked twice: silent.
 */
#define _GNU_SOURCE

#include <pthread.h>
#include <stdio.h>
#include <threads.h>

static pthread_mutex_t tree_lock;
static pthread_mutex_t env_lock = PTHREAD_RECURSIVE_MUTEX_INITIALIZER_NP;
static mtx_t log_mtx;
static int tree_size, env_size, log_size;

static void good_tree_add(int depth)
{
	pthread_mutex_lock(&tree_lock);
	tree_size++;
	if (depth > 0)
		good_tree_add(depth - 1);
	pthread_mutex_unlock(&tree_lock);
}

static void good_env_set(void)
{
	pthread_mutex_lock(&env_lock);
	pthread_mutex_lock(&env_lock);
	env_size++;
	pthread_mutex_unlock(&env_lock);
	pthread_mutex_unlock(&env_lock);
}

static void good_log_twice(void)
{
	mtx_lock(&log_mtx);
	log_size++;
	mtx_lock(&log_mtx);
	log_size++;
	mtx_unlock(&log_mtx);
	mtx_unlock(&log_mtx);
}

static void good_tree_rebalance(void)
{
	pthread_mutex_lock(&tree_lock);
	good_tree_add(0);		/* locks tree_lock again */
	pthread_mutex_unlock(&tree_lock);
}

static void *good_worker(void *arg)
{
	(void)arg;
	good_tree_add(2);
	good_tree_rebalance();
	good_env_set();
	good_log_twice();
	return NULL;
}

int main(void)
{
	pthread_mutexattr_t attr;
	pthread_t a, b;

	pthread_mutexattr_init(&attr);
	pthread_mutexattr_settype(&attr, PTHREAD_MUTEX_RECURSIVE);
	pthread_mutex_init(&tree_lock, &attr);
	pthread_mutexattr_destroy(&attr);
	mtx_init(&log_mtx, mtx_plain | mtx_recursive);

	pthread_create(&a, NULL, good_worker, NULL);
	pthread_create(&b, NULL, good_worker, NULL);
	pthread_join(a, NULL);
	pthread_join(b, NULL);
	printf("%d %d %d\n", tree_size, env_size, log_size);
	mtx_destroy(&log_mtx);
	return 0;
}

/*
 * check-name: double-lock: recursive mutexes locked again by their holder
 * check-description: Stay silent: tree_lock is made recursive with pthread_mutexattr_settype, env_lock with PTHREAD_RECURSIVE_MUTEX_INITIALIZER_NP and log_mtx with mtx_recursive.
 */
