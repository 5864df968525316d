// SPDX-License-Identifier: MIT
/*
 * Freeing memory that holds a locked mutex: the object goes away while a
 * thread still holds its lock.  The tracker sees the free() and reports
 * it, then forgets the lock.
 */
#include <pthread.h>
#include <stdlib.h>

struct session {
	int id;
	pthread_mutex_t lock;
};

int main(void)
{
	struct session *s = malloc(sizeof(*s));

	if (!s)
		return 2;
	s->id = 1;
	pthread_mutex_init(&s->lock, NULL);
	pthread_mutex_lock(&s->lock);
	free(s);		/* still locked */
	return 0;
}

/*
 * check-name: free of memory holding a held mutex
 * check-command: fc-rt-run $file
 * check-exit-value: 1
 *
 * check-error-start
fearcheck: WARNING: held lock freed (free of memory that holds a locked lock)
----------------------------------------------------------------------
thread main is freeing memory that holds lock:
 (mutex@free-held-ko.c:22) at:
    #0 main free-held-ko.c:24

but thread main holds it, taken at:
    #0 main free-held-ko.c:23

1 lock held by main:
 #0: (mutex@free-held-ko.c:22), at: main free-held-ko.c:23

the locks:
 (mutex@free-held-ko.c:22): mutex, initialised at main free-held-ko.c:22
======================================================================
 * check-error-end
 */
