// SPDX-License-Identifier: MIT
/*
 * Destroying a mutex that is still locked: glibc refuses with EBUSY, the
 * tracker reports where it is destroyed and where it was taken.
 */
#include <errno.h>
#include <pthread.h>

struct conn {
	pthread_mutex_t lock;
	int open;		/* guarded by lock */
};

static int conn_close(struct conn *c)
{
	pthread_mutex_lock(&c->lock);
	c->open = 0;
	return pthread_mutex_destroy(&c->lock);	/* still held */
}

int main(void)
{
	struct conn c = { .open = 1 };
	int err;

	pthread_mutex_init(&c.lock, NULL);
	err = conn_close(&c);
	pthread_mutex_unlock(&c.lock);
	pthread_mutex_destroy(&c.lock);
	return err == EBUSY ? 0 : 2;
}

/*
 * check-name: destroy of a held mutex
 * check-command: fc-rt-run $file
 * check-exit-value: 1
 *
 * check-error-start
fearcheck: WARNING: held lock destroyed (destroy of a locked lock)
----------------------------------------------------------------------
thread main is destroying lock:
 (mutex@destroy-held-ko.c:26) at:
    #0 conn_close destroy-held-ko.c:18
    #1 main destroy-held-ko.c:27

but thread main holds it, taken at:
    #0 conn_close destroy-held-ko.c:16
    #1 main destroy-held-ko.c:27

1 lock held by main:
 #0: (mutex@destroy-held-ko.c:26), at: conn_close destroy-held-ko.c:16

the locks:
 (mutex@destroy-held-ko.c:26): mutex, initialised at main destroy-held-ko.c:26
======================================================================
 * check-error-end
 */
