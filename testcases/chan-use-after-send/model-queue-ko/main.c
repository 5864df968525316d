// SPDX-License-Identifier: MIT
/*
 * A hand-written work queue (a mutex, a condition variable and a ring)
 * used the way the channel checks catch with fearcheck's own API, once
 * queue.model maps its functions to channel roles: an item pushed and
 * then written by the producer, which no longer owns it; a push after
 * the queue was closed; and a queue closed twice.
 */
#include <pthread.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>

#define QUEUE_CAP 64

struct queue {
	pthread_mutex_t lock;
	pthread_cond_t changed;
	void *items[QUEUE_CAP];
	unsigned head, len;
	bool closed;
};

/* A new empty queue, or NULL.  Free it with queue_free(). */
struct queue *queue_new(void)
{
	struct queue *q = calloc(1, sizeof(*q));

	if (!q)
		return NULL;
	pthread_mutex_init(&q->lock, NULL);
	pthread_cond_init(&q->changed, NULL);
	return q;
}

/* Appends item: 0, or -1 when the queue is closed or full (item stays
 * the caller's). */
int queue_push(struct queue *q, void *item)
{
	int rc = -1;

	pthread_mutex_lock(&q->lock);
	if (!q->closed && q->len < QUEUE_CAP) {
		q->items[(q->head + q->len++) % QUEUE_CAP] = item;
		pthread_cond_signal(&q->changed);
		rc = 0;
	}
	pthread_mutex_unlock(&q->lock);
	return rc;
}

/* The oldest item, waiting for one; NULL once closed and empty. */
void *queue_pop(struct queue *q)
{
	void *item = NULL;

	pthread_mutex_lock(&q->lock);
	while (!q->len && !q->closed)
		pthread_cond_wait(&q->changed, &q->lock);
	if (q->len) {
		item = q->items[q->head];
		q->head = (q->head + 1) % QUEUE_CAP;
		q->len--;
	}
	pthread_mutex_unlock(&q->lock);
	return item;
}

/* No more pushes: queue_pop() returns NULL once the queue is empty. */
void queue_close(struct queue *q)
{
	pthread_mutex_lock(&q->lock);
	q->closed = true;
	pthread_cond_broadcast(&q->changed);
	pthread_mutex_unlock(&q->lock);
}

void queue_free(struct queue *q)
{
	pthread_cond_destroy(&q->changed);
	pthread_mutex_destroy(&q->lock);
	free(q);
}

struct item {
	int n;
	int done;
};

static void *warn_producer(void *arg)
{
	struct queue *q = arg;

	for (int i = 0; i < 3; i++) {
		struct item *it = malloc(sizeof(*it));

		if (!it)
			break;
		it->n = i;
		it->done = 0;
		if (queue_push(q, it) != 0) {
			free(it);
			break;
		}
		it->done = 1;		/* the consumer owns it now */
	}
	queue_close(q);
	queue_push(q, NULL);		/* after the close */
	queue_close(q);			/* and closed twice */
	return NULL;
}

int main(void)
{
	struct queue *q = queue_new();
	struct item *it;
	pthread_t t;

	if (!q)
		return 1;
	if (pthread_create(&t, NULL, warn_producer, q))
		return 1;
	while ((it = queue_pop(q)) != NULL) {
		printf("%d %d\n", it->n, it->done);
		free(it);
	}
	pthread_join(t, NULL);
	queue_free(q);
	return 0;
}

/*
 * check-name: chan-use-after-send: a hand-written queue through --model
 * check-command: fearcheck --model $dir/queue.model $dir
 * check-description: With queue.model, report the write of it->done after queue_push() succeeded, the push after queue_close(), and the second queue_close().
 * check-exit-value: 1
 *
 * check-error-start
chan-use-after-send/model-queue-ko/main.c:105:7: warning: 'it->done' written after 'it' was sent: the receiver owns it now [chan-use-after-send]
chan-use-after-send/model-queue-ko/main.c:101:7: note: 'it' sent here through 'q'
chan-use-after-send/model-queue-ko/main.c:108:2: warning: sending through sender 'q' after it was dropped [chan-send-after-drop]
chan-use-after-send/model-queue-ko/main.c:107:2: note: 'q' dropped here by 'queue_close'
chan-use-after-send/model-queue-ko/main.c:109:2: warning: dropping sender 'q', which was already dropped [chan-double-drop]
chan-use-after-send/model-queue-ko/main.c:107:2: note: 'q' dropped here by 'queue_close'
 * check-error-end
 */
