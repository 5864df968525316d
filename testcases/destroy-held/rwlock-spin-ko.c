// SPDX-License-Identifier: MIT
/*
 * The other lock kinds have the same rule: a reader that destroys the
 * rwlock it holds for reading, a spinlock destroyed while spun on, and a
 * C11 mutex destroyed while locked.
 */
#include <pthread.h>
#include <stdio.h>
#include <threads.h>

static pthread_rwlock_t map_lock = PTHREAD_RWLOCK_INITIALIZER;
static int map_size;			/* guarded by map_lock */
static pthread_spinlock_t stat_spin;
static long stat_hits;			/* guarded by stat_spin */
static mtx_t job_mtx;
static int jobs;			/* guarded by job_mtx */

static void *warn_map_fini(void *arg)
{
	int n;

	(void)arg;
	pthread_rwlock_rdlock(&map_lock);
	n = map_size;
	pthread_rwlock_destroy(&map_lock);
	return (void *)(long)n;
}

static void *warn_stat_fini(void *arg)
{
	(void)arg;
	pthread_spin_lock(&stat_spin);
	stat_hits = 0;
	pthread_spin_destroy(&stat_spin);
	return NULL;
}

static int warn_job_fini(void *arg)
{
	(void)arg;
	mtx_lock(&job_mtx);
	jobs = 0;
	mtx_destroy(&job_mtx);
	return 0;
}

int main(void)
{
	pthread_t a, b;
	thrd_t c;

	pthread_spin_init(&stat_spin, PTHREAD_PROCESS_PRIVATE);
	mtx_init(&job_mtx, mtx_plain);
	pthread_create(&a, NULL, warn_map_fini, NULL);
	pthread_create(&b, NULL, warn_stat_fini, NULL);
	thrd_create(&c, warn_job_fini, NULL);
	pthread_join(a, NULL);
	pthread_join(b, NULL);
	thrd_join(c, NULL);
	printf("done\n");
	return 0;
}

/*
 * check-name: destroy-held: rwlock, spinlock and C11 mutex destroyed while held
 * check-description: Report pthread_rwlock_destroy with map_lock read-locked, pthread_spin_destroy with stat_spin held and mtx_destroy with job_mtx locked.
 * check-exit-value: 1
 *
 * check-error-start
destroy-held/rwlock-spin-ko.c:25:2: warning: destroying 'map_lock' while it is held for reading [destroy-held]
destroy-held/rwlock-spin-ko.c:23:2: note: 'map_lock' acquired here
destroy-held/rwlock-spin-ko.c:34:2: warning: destroying 'stat_spin' while it is held [destroy-held]
destroy-held/rwlock-spin-ko.c:32:2: note: 'stat_spin' acquired here
destroy-held/rwlock-spin-ko.c:43:2: warning: destroying 'job_mtx' while it is held [destroy-held]
destroy-held/rwlock-spin-ko.c:41:2: note: 'job_mtx' acquired here
 * check-error-end
 */
