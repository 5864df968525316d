// SPDX-License-Identifier: MIT
/*
 * bench/chan/chan_bench.c - messages per second through the fc_* channel
 * against two peers in the same run: a plain mutex + condition variable
 * queue as people write it by hand, and a pipe carrying pointer-size
 * messages with write(2)/read(2).  Machines are noisy, so what matters is
 * the ratio printed on each line, not the absolute rate.
 *
 * Each row runs 1 or 4 producer threads sending n/P messages each to one
 * consumer (main), over an unbounded queue and a bounded one (-b slots).
 * The pipe is always bounded by the kernel's pipe buffer (64 KiB, 8192
 * messages), so its bounded row shrinks that to one page (512 messages).
 *
 * A last pair of rows measures the guide's thread pool: 4 workers taking
 * n jobs from one channel, first with every worker locking a mutex around
 * fc_recv (Rust's Arc<Mutex<Receiver>>), then calling fc_recv on the
 * shared receiver directly, which this library allows; and how long an
 * idle worker's 50 ms fc_recv_timeout really waits in each shape.
 *
 * Usage: chan_bench [-n messages] [-b bound]
 */
#define _GNU_SOURCE

#include <fcntl.h>
#include <pthread.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include <fearcheck/chan.h>

#define MAX_PRODUCERS	4
#define POOL_WORKERS	4

static void die(const char *what)
{
	perror(what);
	exit(2);
}

static double now(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec + ts.tv_nsec / 1e9;
}

/* ---- the hand-written peer: one mutex, two condition variables ---- */

struct node {
	struct node *next;
	void *msg;
};

struct mqueue {
	pthread_mutex_t lock;
	pthread_cond_t not_empty;
	pthread_cond_t not_full;
	size_t bound;		/* 0: unbounded linked list */
	size_t len;
	struct node *head, *tail;	/* unbounded */
	void **ring;			/* bounded */
	size_t rhead;
};

static void mq_init(struct mqueue *q, size_t bound)
{
	memset(q, 0, sizeof(*q));
	pthread_mutex_init(&q->lock, NULL);
	pthread_cond_init(&q->not_empty, NULL);
	pthread_cond_init(&q->not_full, NULL);
	q->bound = bound;
	if (bound && !(q->ring = calloc(bound, sizeof(void *))))
		die("calloc");
}

static void mq_destroy(struct mqueue *q)
{
	pthread_cond_destroy(&q->not_full);
	pthread_cond_destroy(&q->not_empty);
	pthread_mutex_destroy(&q->lock);
	free(q->ring);
}

static void mq_push(struct mqueue *q, void *msg)
{
	struct node *n = NULL;

	if (!q->bound) {
		n = malloc(sizeof(*n));
		if (!n)
			die("malloc");
		n->next = NULL;
		n->msg = msg;
	}
	pthread_mutex_lock(&q->lock);
	if (q->bound) {
		while (q->len == q->bound)
			pthread_cond_wait(&q->not_full, &q->lock);
		q->ring[(q->rhead + q->len) % q->bound] = msg;
	} else if (q->tail) {
		q->tail->next = n;
		q->tail = n;
	} else {
		q->head = q->tail = n;
	}
	q->len++;
	pthread_cond_signal(&q->not_empty);
	pthread_mutex_unlock(&q->lock);
}

static void *mq_pop(struct mqueue *q)
{
	struct node *n = NULL;
	void *msg;

	pthread_mutex_lock(&q->lock);
	while (!q->len)
		pthread_cond_wait(&q->not_empty, &q->lock);
	if (q->bound) {
		msg = q->ring[q->rhead];
		q->rhead = (q->rhead + 1) % q->bound;
		pthread_cond_signal(&q->not_full);
	} else {
		n = q->head;
		q->head = n->next;
		if (!q->head)
			q->tail = NULL;
		msg = n->msg;
	}
	q->len--;
	pthread_mutex_unlock(&q->lock);
	free(n);
	return msg;
}

/* ---- one producers -> consumer run per transport ---- */

enum transport { T_CHAN, T_MUTEXQ, T_PIPE };

struct run {
	enum transport t;
	size_t per_producer;
	fc_sender *tx[MAX_PRODUCERS];
	struct mqueue mq;
	int pipefd[2];
};

struct producer {
	struct run *run;
	int id;
};

static void *produce(void *arg)
{
	struct producer *p = arg;
	struct run *r = p->run;

	for (uintptr_t i = 1; i <= r->per_producer; i++) {
		void *msg = (void *)i;

		switch (r->t) {
		case T_CHAN:
			if (fc_send(r->tx[p->id], msg) != FC_OK)
				die("fc_send");
			break;
		case T_MUTEXQ:
			mq_push(&r->mq, msg);
			break;
		case T_PIPE:
			if (write(r->pipefd[1], &msg, sizeof(msg)) !=
			    sizeof(msg))
				die("write");
			break;
		}
	}
	if (r->t == T_CHAN)
		fc_sender_drop(r->tx[p->id]);
	return NULL;
}

/* Return messages per second for @nprod producers. */
static double run_once(enum transport t, int nprod, size_t n, size_t bound)
{
	struct producer prod[MAX_PRODUCERS];
	pthread_t th[MAX_PRODUCERS];
	fc_receiver *rx = NULL;
	struct run r;
	uintptr_t sum = 0, want;
	size_t total;
	double t0, t1;
	void *msg;

	memset(&r, 0, sizeof(r));
	r.t = t;
	r.per_producer = n / nprod;
	total = r.per_producer * nprod;
	want = (uintptr_t)nprod * r.per_producer * (r.per_producer + 1) / 2;

	switch (t) {
	case T_CHAN:
		if ((bound ? fc_sync_channel(bound, &r.tx[0], &rx) :
			     fc_channel(&r.tx[0], &rx)) != FC_OK)
			die("fc_channel");
		for (int i = 1; i < nprod; i++)
			if (!(r.tx[i] = fc_sender_clone(r.tx[0])))
				die("fc_sender_clone");
		break;
	case T_MUTEXQ:
		mq_init(&r.mq, bound);
		break;
	case T_PIPE:
		if (pipe(r.pipefd))
			die("pipe");
		if (bound && fcntl(r.pipefd[1], F_SETPIPE_SZ, 4096) < 0)
			die("F_SETPIPE_SZ");
		break;
	}

	t0 = now();
	for (int i = 0; i < nprod; i++) {
		prod[i].run = &r;
		prod[i].id = i;
		if (pthread_create(&th[i], NULL, produce, &prod[i]))
			die("pthread_create");
	}
	for (size_t i = 0; i < total; i++) {
		switch (t) {
		case T_CHAN:
			if (fc_recv(rx, &msg) != FC_OK)
				die("fc_recv");
			break;
		case T_MUTEXQ:
			msg = mq_pop(&r.mq);
			break;
		case T_PIPE:
			if (read(r.pipefd[0], &msg, sizeof(msg)) != sizeof(msg))
				die("read");
			break;
		}
		sum += (uintptr_t)msg;
	}
	for (int i = 0; i < nprod; i++)
		pthread_join(th[i], NULL);
	t1 = now();

	if (sum != want) {
		fprintf(stderr, "chan_bench: lost messages\n");
		exit(2);
	}
	switch (t) {
	case T_CHAN:
		if (fc_recv(rx, &msg) != FC_DISCONNECTED)
			die("fc_recv after the last sender");
		fc_receiver_drop(rx);
		break;
	case T_MUTEXQ:
		mq_destroy(&r.mq);
		break;
	case T_PIPE:
		close(r.pipefd[0]);
		close(r.pipefd[1]);
		break;
	}
	return total / (t1 - t0);
}

/* ---- the guide's thread pool: a mutex around fc_recv or not ---- */

struct pool {
	fc_receiver *rx;
	pthread_mutex_t rx_lock;
	int use_lock;
	uintptr_t done[POOL_WORKERS];
};

struct pool_worker {
	struct pool *pool;
	int id;
};

static void *pool_work(void *arg)
{
	struct pool_worker *w = arg;
	struct pool *p = w->pool;
	void *job;
	int rc;

	for (;;) {
		if (p->use_lock) {
			pthread_mutex_lock(&p->rx_lock);
			rc = fc_recv(p->rx, &job);
			pthread_mutex_unlock(&p->rx_lock);
		} else {
			rc = fc_recv(p->rx, &job);
		}
		if (rc != FC_OK)
			break;
		p->done[w->id] += (uintptr_t)job;	/* the "job" */
	}
	return NULL;
}

static double run_pool(int use_lock, size_t n)
{
	struct pool_worker w[POOL_WORKERS];
	pthread_t th[POOL_WORKERS];
	struct pool p;
	fc_sender *tx;
	uintptr_t sum = 0;
	double t0, t1;

	memset(&p, 0, sizeof(p));
	p.use_lock = use_lock;
	pthread_mutex_init(&p.rx_lock, NULL);
	if (fc_channel(&tx, &p.rx) != FC_OK)
		die("fc_channel");
	t0 = now();
	for (int i = 0; i < POOL_WORKERS; i++) {
		w[i].pool = &p;
		w[i].id = i;
		if (pthread_create(&th[i], NULL, pool_work, &w[i]))
			die("pthread_create");
	}
	for (uintptr_t i = 1; i <= n; i++)
		if (fc_send(tx, (void *)i) != FC_OK)
			die("fc_send");
	fc_sender_drop(tx);
	for (int i = 0; i < POOL_WORKERS; i++) {
		pthread_join(th[i], NULL);
		sum += p.done[i];
	}
	t1 = now();
	if (sum != (uintptr_t)n * (n + 1) / 2) {
		fprintf(stderr, "chan_bench: pool lost jobs\n");
		exit(2);
	}
	fc_receiver_drop(p.rx);
	pthread_mutex_destroy(&p.rx_lock);
	return n / (t1 - t0);
}

/*
 * The same pool with nothing to do: every worker calls
 * fc_recv_timeout(rx, &job, ms) once.  Return the longest any worker
 * waited for its FC_TIMEOUT, in milliseconds.
 */
static void *pool_idle(void *arg)
{
	struct pool_worker *w = arg;
	struct pool *p = w->pool;
	double t0 = now();
	void *job;
	int rc;

	if (p->use_lock)
		pthread_mutex_lock(&p->rx_lock);
	rc = fc_recv_timeout(p->rx, &job, (unsigned)p->done[w->id]);
	if (p->use_lock)
		pthread_mutex_unlock(&p->rx_lock);
	if (rc != FC_TIMEOUT)
		die("fc_recv_timeout");
	p->done[w->id] = (uintptr_t)((now() - t0) * 1e3);
	return NULL;
}

static double run_pool_timeout(int use_lock, unsigned ms)
{
	struct pool_worker w[POOL_WORKERS];
	pthread_t th[POOL_WORKERS];
	struct pool p;
	fc_sender *tx;
	uintptr_t worst = 0;

	memset(&p, 0, sizeof(p));
	p.use_lock = use_lock;
	pthread_mutex_init(&p.rx_lock, NULL);
	if (fc_channel(&tx, &p.rx) != FC_OK)
		die("fc_channel");
	for (int i = 0; i < POOL_WORKERS; i++) {
		w[i].pool = &p;
		w[i].id = i;
		p.done[i] = ms;		/* in: the timeout; out: the wait */
		if (pthread_create(&th[i], NULL, pool_idle, &w[i]))
			die("pthread_create");
	}
	for (int i = 0; i < POOL_WORKERS; i++) {
		pthread_join(th[i], NULL);
		if (p.done[i] > worst)
			worst = p.done[i];
	}
	fc_sender_drop(tx);
	fc_receiver_drop(p.rx);
	pthread_mutex_destroy(&p.rx_lock);
	return worst;
}

int main(int argc, char **argv)
{
	size_t n = 1000000, bound = 64;
	int opt;

	while ((opt = getopt(argc, argv, "n:b:")) != -1) {
		switch (opt) {
		case 'n':
			n = strtoull(optarg, NULL, 0);
			break;
		case 'b':
			bound = strtoull(optarg, NULL, 0);
			break;
		default:
			fprintf(stderr, "usage: %s [-n messages] [-b bound]\n",
				argv[0]);
			return 2;
		}
	}
	if (n < MAX_PRODUCERS || !bound) {
		fprintf(stderr, "chan_bench: need -n >= %d and -b >= 1\n",
			MAX_PRODUCERS);
		return 2;
	}

	printf("chan_bench: %zu messages per row, bound %zu, %ld CPUs\n",
	       n, bound, sysconf(_SC_NPROCESSORS_ONLN));
	printf("%-22s %10s %10s %10s %10s %10s\n", "row (Mmsg/s)",
	       "fc_chan", "mutexq", "pipe", "chan/mq", "chan/pipe");
	for (int b = 0; b < 2; b++) {
		for (int np = 1; np <= MAX_PRODUCERS; np *= 4) {
			size_t bd = b ? bound : 0;
			double c = run_once(T_CHAN, np, n, bd);
			double m = run_once(T_MUTEXQ, np, n, bd);
			double p = run_once(T_PIPE, np, n, bd);
			char row[32];

			snprintf(row, sizeof(row), "%s, %d producer%s",
				 b ? "bounded" : "unbounded", np,
				 np > 1 ? "s" : "");
			printf("%-22s %10.2f %10.2f %10.2f %10.2f %10.2f\n",
			       row, c / 1e6, m / 1e6, p / 1e6, c / m, c / p);
		}
	}

	double locked = run_pool(1, n);
	double shared = run_pool(0, n);

	printf("pool, %d workers: mutex around fc_recv %.2f Mjobs/s, "
	       "shared receiver %.2f Mjobs/s, shared/mutex %.2f\n",
	       POOL_WORKERS, locked / 1e6, shared / 1e6, shared / locked);
	locked = run_pool_timeout(1, 50);
	shared = run_pool_timeout(0, 50);
	printf("pool, %d idle workers, fc_recv_timeout 50 ms: longest wait "
	       "%.0f ms with the mutex, %.0f ms shared, ratio %.2f\n",
	       POOL_WORKERS, locked, shared, locked / shared);
	return 0;
}
