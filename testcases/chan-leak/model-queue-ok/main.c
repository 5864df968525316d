// SPDX-License-Identifier: MIT
/*
 * The hand-written work queue of chan-use-after-send/model-queue-ko, used
 * correctly: each producer item is the consumer's once pushed (and the
 * producer's again when the push fails), the queue is closed once by the
 * one producer, and main frees it after the consumer loop and the join.
 * With queue.model the channel checks judge it like a channel: stay
 * silent.
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
};

static void *good_producer(void *arg)
{
	struct queue *q = arg;

	for (int i = 0; i < 3; i++) {
		struct item *it = malloc(sizeof(*it));

		if (!it)
			break;
		it->n = i;
		if (queue_push(q, it) != 0) {
			fprintf(stderr, "dropped item %d\n", it->n);
			free(it);
			break;
		}
	}
	queue_close(q);
	return NULL;
}

static int good_run(void)
{
	struct queue *q = queue_new();
	struct item *it;
	pthread_t t;
	int sum = 0;

	if (!q)
		return -1;
	if (pthread_create(&t, NULL, good_producer, q)) {
		queue_free(q);
		return -1;
	}
	while ((it = queue_pop(q)) != NULL) {
		sum += it->n;
		free(it);
	}
	pthread_join(t, NULL);
	queue_free(q);
	return sum;
}

int main(void)
{
	printf("%d\n", good_run());
	return 0;
}

/*
 * check-name: chan-leak: a hand-written queue used correctly, through --model
 * check-command: fearcheck --model $dir/queue.model $dir
 * check-description: With queue.model, a queue made, closed once by its producer and freed by its owner after the join, with items handed over by each successful push: stay silent.
 * check-tsan: clean
 */
