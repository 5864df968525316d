// SPDX-License-Identifier: MIT
/*
 * memcached's crawler, reduced: a trylock wrapper returns the lock it took
 * or NULL, and the caller tests `(hold = good_item_trylock(k)) == NULL`
 * to give up and drop the LRU lock.  Every path out of the loop has
 * dropped the LRU lock, so taking crawler_lock after the loop makes no
 * order with it; the maintainer takes crawler_lock, then an LRU lock.
 * A pointer compared with NULL is not a call's "0 on success": silent.
 */
#include <pthread.h>
#include <stdio.h>

#define NR_LRU 4

static pthread_mutex_t lru_locks[NR_LRU];
static pthread_mutex_t item_locks[16];
static pthread_mutex_t crawler_lock = PTHREAD_MUTEX_INITIALIZER;
static int crawled;			/* guarded by crawler_lock */
static int lru_sizes[NR_LRU];		/* lru_sizes[i] guarded by lru_locks[i] */
static int needs_lock;			/* set before the threads start */

struct item {
	int refs;
};

static struct item items[NR_LRU];

static struct item *good_crawl_next(int i)
{
	return lru_sizes[i] > 0 ? &items[i] : NULL;
}

/* Called with lru_locks[i] held; drops it. */
static void good_class_done(int i)
{
	lru_sizes[i] = 0;
	pthread_mutex_unlock(&lru_locks[i]);
}

static pthread_mutex_t *good_item_trylock(unsigned k)
{
	pthread_mutex_t *l = &item_locks[k % 16];

	if (pthread_mutex_trylock(l) == 0)
		return l;
	return NULL;
}

static void good_note_done(void)
{
	pthread_mutex_lock(&crawler_lock);
	crawled++;
	pthread_mutex_unlock(&crawler_lock);
}

static void *good_crawler(void *arg)
{
	pthread_mutex_t *hold;

	(void)arg;
	pthread_mutex_lock(&crawler_lock);
	for (int round = 0; round < 3; round++) {
		for (int i = 0; i < NR_LRU; i++) {
			struct item *search;

			pthread_mutex_lock(&lru_locks[i]);
			search = good_crawl_next(i);
			if (search == NULL) {
				good_class_done(i);
				continue;
			}
			if ((hold = good_item_trylock((unsigned)i)) == NULL) {
				pthread_mutex_unlock(&lru_locks[i]);
				continue;
			}
			if (search->refs != 0) {
				if (hold)
					pthread_mutex_unlock(hold);
				pthread_mutex_unlock(&lru_locks[i]);
				continue;
			}
			if (!needs_lock)
				pthread_mutex_unlock(&lru_locks[i]);
			search->refs++;
			if (hold)
				pthread_mutex_unlock(hold);
			if (needs_lock)
				pthread_mutex_unlock(&lru_locks[i]);
			/* Let others in between items. */
			pthread_mutex_unlock(&crawler_lock);
			pthread_mutex_lock(&crawler_lock);
		}
	}
	crawled++;
	pthread_mutex_unlock(&crawler_lock);
	good_note_done();
	return NULL;
}

static void *good_maintainer(void *arg)
{
	(void)arg;
	pthread_mutex_lock(&crawler_lock);
	pthread_mutex_lock(&lru_locks[0]);
	lru_sizes[0]++;
	crawled = 0;
	pthread_mutex_unlock(&lru_locks[0]);
	pthread_mutex_unlock(&crawler_lock);
	return NULL;
}

int main(void)
{
	pthread_t a, b;

	for (int i = 0; i < NR_LRU; i++)
		pthread_mutex_init(&lru_locks[i], NULL);
	for (int i = 0; i < 16; i++)
		pthread_mutex_init(&item_locks[i], NULL);
	needs_lock = 1;
	pthread_create(&a, NULL, good_crawler, NULL);
	pthread_create(&b, NULL, good_maintainer, NULL);
	pthread_join(a, NULL);
	pthread_join(b, NULL);
	printf("%d %d\n", crawled, lru_sizes[0]);
	return 0;
}

/*
 * check-name: lock-order: a trylock wrapper's NULL tested after an LRU lock
 * check-description: (hold = trylock_wrapper()) == NULL drops the LRU lock; after the loop none is held when crawler_lock is taken: stay silent.
 * check-tsan: clean
 */
