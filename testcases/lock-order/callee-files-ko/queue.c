// SPDX-License-Identifier: MIT
/* The queue: queue_mu guards its length. */
#include "locks.h"

pthread_mutex_t queue_mu = PTHREAD_MUTEX_INITIALIZER;
static int length;

void queue_push(int v)
{
	pthread_mutex_lock(&queue_mu);
	length += v;
	pthread_mutex_unlock(&queue_mu);
}
