// SPDX-License-Identifier: MIT
/*
 * Port of the guide's thread_pool_example: a pool of four workers that
 * share one channel receiver behind a mutex, and eight jobs sent to them
 * through the channel's sender.  Each job prints its number and sleeps
 * (50 ms here, 500 ms in the guide).  A Box<dyn FnOnce()> job becomes a
 * heap struct job holding a function and its argument; the job changes
 * hands through the channel and the worker that receives it runs and
 * frees it.
 *
 * The guide gives the workers two seconds and lets the process end under
 * them, since its pool has no shutdown.  This port gives it the one the
 * Rust book's final ThreadPool has: thread_pool_drop() drops the sender,
 * each worker, once the queued jobs are gone, gets FC_DISCONNECTED from
 * fc_recv() and returns, and the pool joins them all and frees itself.
 * The receiver is only used under its mutex, and the jobs are handed over
 * by the channel: no race.  But a worker waits in fc_recv() holding that
 * mutex, as the guide's `receiver.lock().unwrap().recv()` does: the other
 * idle workers wait on the mutex, not on the channel, are handed jobs one
 * mutex hand-off at a time, and anything else that took the mutex would
 * wait for the next job (docs/channels.md, "Sharing the receiver").
 * fearcheck reports that (blocking-under-lock), as issue 5 asks; sharing
 * rx without the mutex is the C fix, since fc_recv is thread-safe.
 */
#define _POSIX_C_SOURCE 200809L

#include <assert.h>
#include <errno.h>
#include <pthread.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <fearcheck/chan.h>

#define POOL_SIZE 4
#define NR_TASKS 8
#define TASK_MS 50

/* type Job = Box<dyn FnOnce() + Send>: a function and what it needs. */
struct job {
	void (*run)(void *arg);
	void *arg;
};

/* Arc<Mutex<Receiver<Job>>>: one receiver that every worker shares. */
struct shared_receiver {
	pthread_mutex_t lock;
	fc_receiver *rx;	/* guarded by lock */
};

struct worker {
	size_t id;
	pthread_t thread;
	struct shared_receiver *receiver;
};

struct thread_pool {
	struct worker *workers;
	size_t size;
	fc_sender *sender;
	struct shared_receiver receiver;
};

/* Abort with a message when a call that the Rust code unwraps fails. */
static void check(int err, const char *what)
{
	if (err) {
		fprintf(stderr, "%s: %s\n", what, strerror(err));
		abort();
	}
}

/* The same for the channel calls, whose errors are FC_* codes. */
static void check_chan(int err, const char *what)
{
	if (err != FC_OK) {
		fprintf(stderr, "%s: %s\n", what, fc_strerror(err));
		abort();
	}
}

static void sleep_ms(unsigned int ms)
{
	struct timespec ts = { ms / 1000, (ms % 1000) * 1000000L };

	while (nanosleep(&ts, &ts) == -1 && errno == EINTR)
		;
}

/* A worker's loop: take a job, run it, free it, until disconnected. */
static void *worker_main(void *arg)
{
	struct worker *w = arg;
	struct shared_receiver *receiver = w->receiver;

	for (;;) {
		struct job *job;
		void *msg;
		int err;

		/* The lock is held only while receiving, as in the guide. */
		check(pthread_mutex_lock(&receiver->lock),
		      "pthread_mutex_lock");
		err = fc_recv(receiver->rx, &msg);
		check(pthread_mutex_unlock(&receiver->lock),
		      "pthread_mutex_unlock");
		if (err == FC_DISCONNECTED) {
			printf("Worker %zu disconnected; shutting down.\n",
			       w->id);
			return NULL;
		}
		check_chan(err, "fc_recv");

		job = msg;
		printf("Worker %zu got a job; executing.\n", w->id);
		job->run(job->arg);
		free(job);
	}
}

/*
 * Start a pool of size workers, waiting for jobs.  Returns the pool, or
 * NULL when out of memory; aborts if a thread cannot be created, as
 * thread::spawn panics.  The caller shuts it down and frees it with
 * thread_pool_drop().
 */
static struct thread_pool *thread_pool_new(size_t size)
{
	struct thread_pool *pool;

	assert(size > 0);

	pool = malloc(sizeof(*pool));
	if (!pool)
		return NULL;
	pool->workers = calloc(size, sizeof(*pool->workers));
	if (!pool->workers)
		goto err_free_pool;
	if (fc_channel(&pool->sender, &pool->receiver.rx) != FC_OK)
		goto err_free_workers;
	check(pthread_mutex_init(&pool->receiver.lock, NULL),
	      "pthread_mutex_init");
	pool->size = size;

	for (size_t id = 0; id < size; id++) {
		struct worker *w = &pool->workers[id];

		w->id = id;
		w->receiver = &pool->receiver;
		check(pthread_create(&w->thread, NULL, worker_main, w),
		      "pthread_create");
	}
	return pool;

err_free_workers:
	free(pool->workers);
err_free_pool:
	free(pool);
	return NULL;
}

/*
 * Queue run(arg) for the next free worker.  Returns FC_OK, after which
 * the job belongs to the pool, or an FC_* error, in which case nothing
 * was queued.
 */
static int thread_pool_execute(struct thread_pool *pool,
			       void (*run)(void *arg), void *arg)
{
	struct job *job = malloc(sizeof(*job));
	int err;

	if (!job)
		return FC_NOMEM;
	job->run = run;
	job->arg = arg;
	err = fc_send(pool->sender, job);
	if (err != FC_OK)
		free(job);
	return err;
}

/*
 * Shut the pool down: hang up the sender so that each worker, once the
 * queued jobs are done, sees FC_DISCONNECTED and returns; join them all,
 * then free the pool.  The Rust book's Drop for ThreadPool.
 */
static void thread_pool_drop(struct thread_pool *pool)
{
	fc_sender_drop(pool->sender);
	pool->sender = NULL;

	for (size_t id = 0; id < pool->size; id++) {
		printf("Shutting down worker %zu\n", pool->workers[id].id);
		check(pthread_join(pool->workers[id].thread, NULL),
		      "pthread_join");
	}

	fc_receiver_drop(pool->receiver.rx);
	check(pthread_mutex_destroy(&pool->receiver.lock),
	      "pthread_mutex_destroy");
	free(pool->workers);
	free(pool);
}

/* The guide's job closure; its task number is carried by value. */
static void print_task(void *arg)
{
	int i = (int)(intptr_t)arg;

	printf("Executing task %d\n", i);
	sleep_ms(TASK_MS);
}

int main(void)
{
	struct thread_pool *pool = thread_pool_new(POOL_SIZE);

	if (!pool) {
		fprintf(stderr, "thread_pool_new: out of memory\n");
		return EXIT_FAILURE;
	}

	for (int i = 0; i < NR_TASKS; i++)
		check_chan(thread_pool_execute(pool, print_task,
					       (void *)(intptr_t)i),
			   "thread_pool_execute");

	/* Instead of sleeping for the jobs: finish them and shut down. */
	thread_pool_drop(pool);
	return 0;
}

/*
 * check-name: guide: thread pool, workers sharing a receiver behind a mutex
 * check-description: Four workers receive heap jobs (function and argument) from one channel receiver under a mutex and run them; dropping the sender makes them exit, and they are joined.  Report the receive made holding the receiver's mutex.
 * check-tsan: clean
 * check-exit-value: 1
 *
 * check-error-start
guide/thread-pool-ko.c:107:9: warning: blocking call to 'fc_recv' while holding 'pool->workers->receiver->lock' [blocking-under-lock]
guide/thread-pool-ko.c:105:9: note: 'pool->workers->receiver->lock' acquired here
guide/thread-pool-ko.c:105:9: note: thread 'worker_main' (another instance) waits for it here
guide/thread-pool-ko.c:153:9: note: thread 'worker_main' (many instances) created here, in 'thread_pool_new'
guide/thread-pool-ko.c:220:29: note: 'main' calls 'thread_pool_new' here
 * check-error-end
 */
