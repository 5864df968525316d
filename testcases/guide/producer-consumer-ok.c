// SPDX-License-Identifier: MIT
/*
 * Port of the guide's producer_consumer_example: two producers push ten
 * items each onto a shared bounded buffer (a Vec with a capacity, used as
 * a stack) and three consumers pop them, all under one mutex.  When the
 * buffer is full a producer drops the lock, sleeps and retries; when it
 * is empty a consumer drops the lock and tries again at once, as the
 * guide's `continue` does.  Sleeps are a tenth of the guide's.
 *
 * The guide's consumers loop forever and the program just stops after a
 * two-second sleep.  Here main, once it has joined the producers, sets a
 * producers_done flag under the lock, and a consumer that finds the
 * buffer empty with the flag set returns, so main can join it: every
 * item is consumed and the program ends on its own.  All of the buffer,
 * its length and the flag are only touched with the lock held: the
 * program must stay silent.
 */
#define _POSIX_C_SOURCE 200809L

#include <errno.h>
#include <pthread.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#define NR_PRODUCERS 2
#define NR_CONSUMERS 3
#define NR_ITEMS 10		/* per producer */
#define CAPACITY 5

struct producer_consumer {
	pthread_mutex_t lock;
	int *buffer;		/* guarded by lock */
	size_t len;		/* guarded by lock */
	size_t capacity;	/* set once, before any thread starts */
	bool producers_done;	/* guarded by lock */
};

/* What each thread's closure captures: the shared state and its id. */
struct role {
	struct producer_consumer *pc;
	int id;
};

/* Abort with a message when a call that the Rust code unwraps fails. */
static void check(int err, const char *what)
{
	if (err) {
		fprintf(stderr, "%s: %s\n", what, strerror(err));
		abort();
	}
}

static void sleep_ms(unsigned int ms)
{
	struct timespec ts = { ms / 1000, (ms % 1000) * 1000000L };

	while (nanosleep(&ts, &ts) == -1 && errno == EINTR)
		;
}

/*
 * Return a new, empty buffer of the given capacity, or NULL when out of
 * memory.  The caller frees it with pc_free() once no thread uses it.
 */
static struct producer_consumer *pc_new(size_t capacity)
{
	struct producer_consumer *pc = malloc(sizeof(*pc));

	if (!pc)
		return NULL;
	pc->buffer = malloc(capacity * sizeof(*pc->buffer));
	if (!pc->buffer) {
		free(pc);
		return NULL;
	}
	check(pthread_mutex_init(&pc->lock, NULL), "pthread_mutex_init");
	pc->len = 0;
	pc->capacity = capacity;
	pc->producers_done = false;
	return pc;
}

static void pc_free(struct producer_consumer *pc)
{
	check(pthread_mutex_destroy(&pc->lock), "pthread_mutex_destroy");
	free(pc->buffer);
	free(pc);
}

static void pc_producer(struct producer_consumer *pc, int id, int count)
{
	for (int i = 0; i < count; i++) {
		int item = id * 1000 + i;

		for (;;) {
			check(pthread_mutex_lock(&pc->lock),
			      "pthread_mutex_lock");
			if (pc->len < pc->capacity) {
				pc->buffer[pc->len++] = item;
				printf("Producer %d produced: %d\n", id, item);
				check(pthread_mutex_unlock(&pc->lock),
				      "pthread_mutex_unlock");
				break;
			}
			/* Buffer full, release lock and try again. */
			check(pthread_mutex_unlock(&pc->lock),
			      "pthread_mutex_unlock");
			sleep_ms(1);
		}
		sleep_ms(5);
	}
}

/* Consume until the producers are done and the buffer is empty. */
static void pc_consumer(struct producer_consumer *pc, int id)
{
	for (;;) {
		bool done;
		int item;

		check(pthread_mutex_lock(&pc->lock), "pthread_mutex_lock");
		if (pc->len > 0) {
			item = pc->buffer[--pc->len];
			check(pthread_mutex_unlock(&pc->lock),
			      "pthread_mutex_unlock");
			printf("Consumer %d consumed: %d\n", id, item);
			sleep_ms(10);
			continue;
		}
		/* Buffer empty. */
		done = pc->producers_done;
		check(pthread_mutex_unlock(&pc->lock), "pthread_mutex_unlock");
		if (done)
			return;
	}
}

static void *producer_main(void *arg)
{
	struct role *role = arg;

	pc_producer(role->pc, role->id, NR_ITEMS);
	return NULL;
}

static void *consumer_main(void *arg)
{
	struct role *role = arg;

	pc_consumer(role->pc, role->id);
	return NULL;
}

int main(void)
{
	struct producer_consumer *pc = pc_new(CAPACITY);
	struct role producers[NR_PRODUCERS], consumers[NR_CONSUMERS];
	pthread_t producer_handles[NR_PRODUCERS];
	pthread_t consumer_handles[NR_CONSUMERS];

	if (!pc) {
		fprintf(stderr, "out of memory\n");
		return EXIT_FAILURE;
	}

	/* Start producers */
	for (int i = 0; i < NR_PRODUCERS; i++) {
		producers[i] = (struct role){ .pc = pc, .id = i };
		check(pthread_create(&producer_handles[i], NULL, producer_main,
				     &producers[i]), "pthread_create");
	}

	/* Start consumers */
	for (int i = 0; i < NR_CONSUMERS; i++) {
		consumers[i] = (struct role){ .pc = pc, .id = i };
		check(pthread_create(&consumer_handles[i], NULL, consumer_main,
				     &consumers[i]), "pthread_create");
	}

	/* Wait for producers to finish */
	for (int i = 0; i < NR_PRODUCERS; i++)
		check(pthread_join(producer_handles[i], NULL), "pthread_join");

	/* Let the consumers drain the buffer and stop. */
	check(pthread_mutex_lock(&pc->lock), "pthread_mutex_lock");
	pc->producers_done = true;
	check(pthread_mutex_unlock(&pc->lock), "pthread_mutex_unlock");
	for (int i = 0; i < NR_CONSUMERS; i++)
		check(pthread_join(consumer_handles[i], NULL), "pthread_join");

	pc_free(pc);
	return 0;
}

/*
 * check-name: guide: producer-consumer on a mutex-guarded bounded buffer
 * check-description: Two producers push onto a capacity-5 buffer under a mutex, retrying with a sleep when full; three consumers pop under the same mutex until the producers are done and it is empty.
 * check-tsan: clean
 */
