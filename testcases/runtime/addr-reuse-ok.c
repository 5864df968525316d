// SPDX-License-Identifier: MIT
/*
 * A lock whose memory is reused is a new lock: a heap object's mutex is
 * taken under registry and the object freed; a new object that malloc()
 * places at the same address has its mutex taken *before* registry.  The
 * same goes for a mutex destroyed and initialised again, and for one in a
 * page that is unmapped and mapped again.  Each pair of orders involves
 * two different locks that merely share an address: silent.
 */
#define _GNU_SOURCE
#include <pthread.h>
#include <stdlib.h>
#include <sys/mman.h>

struct obj {
	pthread_mutex_t lock;
	int refs;		/* guarded by lock */
};

static pthread_mutex_t registry = PTHREAD_MUTEX_INITIALIZER;
static pthread_mutex_t slot;

static void *other_thread(void *arg)
{
	struct obj *o = arg;

	pthread_mutex_lock(&o->lock);
	pthread_mutex_lock(&registry);
	o->refs--;
	pthread_mutex_unlock(&registry);
	pthread_mutex_unlock(&o->lock);
	return NULL;
}

static void reuse_heap(void)
{
	struct obj *o = malloc(sizeof(*o));
	pthread_t t;

	if (!o)
		abort();
	pthread_mutex_init(&o->lock, NULL);
	pthread_mutex_lock(&registry);
	pthread_mutex_lock(&o->lock);
	o->refs = 1;
	pthread_mutex_unlock(&o->lock);
	pthread_mutex_unlock(&registry);
	free(o);		/* no destroy: the free ends the lock */

	o = malloc(sizeof(*o));	/* very likely at the same address */
	if (!o)
		abort();
	pthread_mutex_init(&o->lock, NULL);
	o->refs = 1;
	if (pthread_create(&t, NULL, other_thread, o) != 0)
		abort();
	pthread_join(t, NULL);
	pthread_mutex_destroy(&o->lock);
	free(o);
}

static void *slot_then_registry(void *arg)
{
	(void)arg;
	pthread_mutex_lock(&slot);
	pthread_mutex_lock(&registry);
	pthread_mutex_unlock(&registry);
	pthread_mutex_unlock(&slot);
	return NULL;
}

static void reuse_static(void)
{
	pthread_t t;

	pthread_mutex_init(&slot, NULL);
	pthread_mutex_lock(&registry);
	pthread_mutex_lock(&slot);
	pthread_mutex_unlock(&slot);
	pthread_mutex_unlock(&registry);
	pthread_mutex_destroy(&slot);

	pthread_mutex_init(&slot, NULL);
	if (pthread_create(&t, NULL, slot_then_registry, NULL) != 0)
		abort();
	pthread_join(t, NULL);
	pthread_mutex_destroy(&slot);
}

static void reuse_mapping(void)
{
	size_t len = 4096;
	struct obj *o = mmap(NULL, len, PROT_READ | PROT_WRITE,
			     MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	void *where = o;
	pthread_t t;

	if (o == MAP_FAILED)
		abort();
	pthread_mutex_init(&o->lock, NULL);
	pthread_mutex_lock(&registry);
	pthread_mutex_lock(&o->lock);
	pthread_mutex_unlock(&o->lock);
	pthread_mutex_unlock(&registry);
	munmap(o, len);

	o = mmap(where, len, PROT_READ | PROT_WRITE,
		 MAP_PRIVATE | MAP_ANONYMOUS | MAP_FIXED_NOREPLACE, -1, 0);
	if (o == MAP_FAILED)
		abort();
	/* a fresh zero page: a valid PTHREAD_MUTEX_INITIALIZER mutex */
	if (pthread_create(&t, NULL, other_thread, o) != 0)
		abort();
	pthread_join(t, NULL);
	munmap(o, len);
}

int main(void)
{
	reuse_heap();
	reuse_static();
	reuse_mapping();
	return 0;
}

/*
 * check-name: a reused address is a new lock (free, destroy+init, munmap)
 * check-command: fc-rt-run $file
 * check-exit-value: 0
 */
