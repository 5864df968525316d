// SPDX-License-Identifier: MIT
/*
 * Tear-down that destroys locks still held: the connection close path
 * takes the connection lock to mark it dead and destroys it before
 * unlocking (pthread_mutex_destroy of a locked mutex is undefined, EBUSY
 * at best), and the shutdown helper destroys the registry lock its caller
 * holds.
 */
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>

struct conn {
	pthread_mutex_t lock;
	int dead;			/* guarded by lock */
};

static pthread_mutex_t registry_lock = PTHREAD_MUTEX_INITIALIZER;
static int registry_open = 1;		/* guarded by registry_lock */

static void warn_conn_close(struct conn *c)
{
	pthread_mutex_lock(&c->lock);
	c->dead = 1;
	pthread_mutex_destroy(&c->lock);	/* still locked */
	free(c);
}

static void registry_free(void)
{
	pthread_mutex_destroy(&registry_lock);
}

static void *warn_shutdown(void *arg)
{
	(void)arg;
	pthread_mutex_lock(&registry_lock);
	registry_open = 0;
	registry_free();		/* destroys the lock we hold */
	return NULL;
}

int main(void)
{
	struct conn *c = calloc(1, sizeof(*c));
	pthread_t t;

	if (!c)
		return 1;
	pthread_mutex_init(&c->lock, NULL);
	pthread_create(&t, NULL, warn_shutdown, NULL);
	pthread_join(t, NULL);
	warn_conn_close(c);
	printf("%d\n", registry_open);
	return 0;
}

/*
 * check-name: destroy-held: a mutex destroyed while its holder still holds it
 * check-description: Report the pthread_mutex_destroy in warn_conn_close (c->lock held) and the one in registry_free(), called by warn_shutdown with registry_lock held.
 * check-exit-value: 1
 *
 * check-error-start
destroy-held/destroy-locked-ko.c:25:2: warning: destroying 'c->lock' while it is held [destroy-held]
destroy-held/destroy-locked-ko.c:23:2: note: 'c->lock' acquired here
destroy-held/destroy-locked-ko.c:31:2: warning: destroying 'registry_lock' while it is held [destroy-held]
destroy-held/destroy-locked-ko.c:39:2: note: 'warn_shutdown' calls 'registry_free' here
destroy-held/destroy-locked-ko.c:37:2: note: 'registry_lock' acquired here
 * check-error-end
 */
