// SPDX-License-Identifier: MIT
/*
 * A bounded queue whose push and pop leave early on errors: push
 * unlocks and returns -1 when the queue is full, pop jumps to an
 * out_unlock label when it is empty, and a bad argument is rejected
 * with goto before the update.  Every path that leaves the functions
 * drops the lock, and every access to the queue happens between the
 * lock and one of those unlocks, so the producer and consumer never
 * race (and never leave the lock held).
 */
#include <errno.h>
#include <pthread.h>
#include <stdio.h>

#define QUEUE_SIZE 8

struct queue {
	pthread_mutex_t lock;
	int items[QUEUE_SIZE];          /* guarded by lock */
	int head, len;                  /* guarded by lock */
	unsigned long nr_full, nr_empty; /* guarded by lock */
};

static struct queue queue = { .lock = PTHREAD_MUTEX_INITIALIZER };

static int good_push(struct queue *q, int item)
{
	int err = 0;

	pthread_mutex_lock(&q->lock);
	if (item < 0) {
		err = -EINVAL;
		goto out_unlock;
	}
	if (q->len == QUEUE_SIZE) {
		q->nr_full++;
		pthread_mutex_unlock(&q->lock);
		return -ENOSPC;
	}
	q->items[(q->head + q->len) % QUEUE_SIZE] = item;
	q->len++;
out_unlock:
	pthread_mutex_unlock(&q->lock);
	return err;
}

static int good_pop(struct queue *q, int *item)
{
	int err = -EAGAIN;

	pthread_mutex_lock(&q->lock);
	if (q->len == 0) {
		q->nr_empty++;
		goto out_unlock;
	}
	*item = q->items[q->head];
	q->head = (q->head + 1) % QUEUE_SIZE;
	q->len--;
	err = 0;
out_unlock:
	pthread_mutex_unlock(&q->lock);
	return err;
}

static void *good_producer(void *arg)
{
	(void)arg;
	for (int i = 0; i < 500; i++)
		good_push(&queue, i % 7 == 6 ? -1 : i);
	return NULL;
}

static void *good_consumer(void *arg)
{
	long sum = 0;
	int item;

	(void)arg;
	for (int i = 0; i < 500; i++)
		if (good_pop(&queue, &item) == 0)
			sum += item;
	return (void *)sum;
}

int main(void)
{
	pthread_t prod, cons;

	pthread_create(&prod, NULL, good_producer, NULL);
	pthread_create(&cons, NULL, good_consumer, NULL);
	pthread_join(prod, NULL);
	pthread_join(cons, NULL);
	printf("%d left, %lu full, %lu empty\n", queue.len, queue.nr_full,
	       queue.nr_empty);
	return 0;
}

/*
 * check-name: data-race: early return and goto error paths that unlock
 * check-description: Stay silent: good_push and good_pop leave through return after an unlock or through goto out_unlock, so every queue access is between lock and unlock.
 * check-tsan: clean
 */
