// SPDX-License-Identifier: MIT
/*
 * Port of the guide's WebServer example, made a complete program: a TCP
 * server on 127.0.0.1 hands every accepted connection to a thread pool
 * (the thread-pool-ok.c pool: workers sharing a channel receiver behind
 * a mutex), and a worker reads the request and answers
 * "HTTP/1.1 200 OK\r\n\r\nHello, World!", then closes the connection.
 * The guide never runs its server; here main binds it to an ephemeral
 * port (port 0, read back with getsockname()), starts client threads
 * that each connect, send a GET, read the reply to EOF and check it, and
 * serves exactly that many connections, like the Rust book's
 * `incoming().take(n)`.  Then it joins the clients and shuts the server
 * down: the pool drops its sender, the workers see FC_DISCONNECTED and
 * are joined, and the listening socket is closed.
 *
 * The guide's handler reads once; this one reads until the blank line
 * that ends the request headers (or 1024 bytes, or EOF), because closing
 * a socket with unread request bytes makes the kernel send a reset that
 * can destroy the reply.  Everything the guide unwraps aborts with a
 * message here.  Connections change hands through the channel (as job
 * arguments) and sockets; nothing else is shared: no race.  Its pool is
 * the guide's thread pool, whose workers wait in fc_recv() holding the
 * receiver's mutex: fearcheck reports that (blocking-under-lock; see
 * guide/thread-pool-ko.c).
 */
#define _POSIX_C_SOURCE 200809L

#include <arpa/inet.h>
#include <assert.h>
#include <errno.h>
#include <netinet/in.h>
#include <pthread.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>

#include <fearcheck/chan.h>

#define POOL_SIZE 4
#define NR_CLIENTS 8
#define BUFFER_SIZE 1024

static const char response[] = "HTTP/1.1 200 OK\r\n\r\nHello, World!";
static const char request[] =
	"GET / HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n";

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

struct web_server {
	struct thread_pool *pool;
	int listener;		/* listening socket, -1 before listen */
};

struct client {
	int id;
	in_port_t port;		/* network byte order */
	bool ok;		/* written by the client, read after join */
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

/* The same for a system call that failed and set errno. */
static void die_errno(const char *what)
{
	fprintf(stderr, "%s: %s\n", what, strerror(errno));
	abort();
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

/* Write all of buf to the socket fd, retrying short writes. */
static void send_all(int fd, const char *buf, size_t len)
{
	while (len > 0) {
		ssize_t n = send(fd, buf, len, MSG_NOSIGNAL);

		if (n == -1) {
			if (errno == EINTR)
				continue;
			die_errno("send");
		}
		buf += n;
		len -= n;
	}
}

/*
 * A pool job: serve one connection and close it.  The connection's
 * socket, passed by value in arg, belongs to the job.
 */
static void web_server_handle_connection(void *arg)
{
	int stream = (int)(intptr_t)arg;
	char buffer[BUFFER_SIZE];
	size_t len = 0;

	/* Read the request, up to the end of its headers. */
	while (len < sizeof(buffer)) {
		ssize_t n = recv(stream, buffer + len, sizeof(buffer) - len, 0);

		if (n == -1) {
			if (errno == EINTR)
				continue;
			die_errno("recv");
		}
		if (n == 0)
			break;
		len += n;
		if (len >= 4 && memcmp(buffer + len - 4, "\r\n\r\n", 4) == 0)
			break;
	}

	send_all(stream, response, strlen(response));
	if (close(stream) == -1)
		die_errno("close");
}

/*
 * Return a server with a pool of pool_size workers, not yet listening,
 * or NULL when out of memory.  Free it with web_server_drop().
 */
static struct web_server *web_server_new(size_t pool_size)
{
	struct web_server *server = malloc(sizeof(*server));

	if (!server)
		return NULL;
	server->pool = thread_pool_new(pool_size);
	if (!server->pool) {
		free(server);
		return NULL;
	}
	server->listener = -1;
	return server;
}

/*
 * Listen on 127.0.0.1, on a port the kernel picks, and return that port
 * in network byte order.  TcpListener::bind("127.0.0.1:0").
 */
static in_port_t web_server_listen(struct web_server *server)
{
	struct sockaddr_in addr = {
		.sin_family = AF_INET,
		.sin_port = htons(0),
		.sin_addr.s_addr = htonl(INADDR_LOOPBACK),
	};
	socklen_t addrlen = sizeof(addr);
	char ip[INET_ADDRSTRLEN];
	int fd;

	fd = socket(AF_INET, SOCK_STREAM, 0);
	if (fd == -1)
		die_errno("socket");
	if (bind(fd, (struct sockaddr *)&addr, sizeof(addr)) == -1)
		die_errno("bind");
	if (listen(fd, SOMAXCONN) == -1)
		die_errno("listen");
	if (getsockname(fd, (struct sockaddr *)&addr, &addrlen) == -1)
		die_errno("getsockname");
	server->listener = fd;

	inet_ntop(AF_INET, &addr.sin_addr, ip, sizeof(ip));
	printf("Server listening on %s:%u\n", ip,
	       (unsigned int)ntohs(addr.sin_port));
	return addr.sin_port;
}

/*
 * Accept nr_connections connections and hand each to the pool, which
 * serves and closes it.  listener.incoming().take(nr_connections).
 */
static void web_server_start(struct web_server *server, int nr_connections)
{
	int accepted = 0;

	while (accepted < nr_connections) {
		int stream = accept(server->listener, NULL, NULL);

		if (stream == -1) {
			if (errno == EINTR)
				continue;
			die_errno("accept");
		}
		accepted++;
		check_chan(thread_pool_execute(server->pool,
					       web_server_handle_connection,
					       (void *)(intptr_t)stream),
			   "thread_pool_execute");
	}
}

/* Finish the queued connections, stop the pool and stop listening. */
static void web_server_drop(struct web_server *server)
{
	thread_pool_drop(server->pool);
	if (server->listener != -1 && close(server->listener) == -1)
		die_errno("close");
	free(server);
}

/* A client thread: one GET, and a check of the whole reply. */
static void *client_main(void *arg)
{
	struct client *c = arg;
	struct sockaddr_in addr = {
		.sin_family = AF_INET,
		.sin_port = c->port,
		.sin_addr.s_addr = htonl(INADDR_LOOPBACK),
	};
	char reply[BUFFER_SIZE];
	size_t len = 0;
	int fd;

	fd = socket(AF_INET, SOCK_STREAM, 0);
	if (fd == -1)
		die_errno("socket");
	if (connect(fd, (struct sockaddr *)&addr, sizeof(addr)) == -1)
		die_errno("connect");
	send_all(fd, request, strlen(request));

	/* The server closes the connection after its reply. */
	while (len < sizeof(reply)) {
		ssize_t n = recv(fd, reply + len, sizeof(reply) - len, 0);

		if (n == -1) {
			if (errno == EINTR)
				continue;
			die_errno("recv");
		}
		if (n == 0)
			break;
		len += n;
	}
	if (close(fd) == -1)
		die_errno("close");

	c->ok = len == strlen(response) && memcmp(reply, response, len) == 0;
	printf("Client %d: %s\n", c->id,
	       c->ok ? "got 200 OK, Hello, World!" : "WRONG REPLY");
	return NULL;
}

int main(void)
{
	struct web_server *server = web_server_new(POOL_SIZE);
	struct client clients[NR_CLIENTS];
	pthread_t handles[NR_CLIENTS];
	in_port_t port;
	int failed = 0;

	if (!server) {
		fprintf(stderr, "web_server_new: out of memory\n");
		return EXIT_FAILURE;
	}
	port = web_server_listen(server);

	for (int i = 0; i < NR_CLIENTS; i++) {
		clients[i] = (struct client){ .id = i, .port = port };
		check(pthread_create(&handles[i], NULL, client_main,
				     &clients[i]), "pthread_create");
	}

	web_server_start(server, NR_CLIENTS);

	for (int i = 0; i < NR_CLIENTS; i++) {
		check(pthread_join(handles[i], NULL), "pthread_join");
		failed += !clients[i].ok;
	}
	web_server_drop(server);

	if (failed) {
		fprintf(stderr, "%d of %d clients got a wrong reply\n", failed,
			NR_CLIENTS);
		return EXIT_FAILURE;
	}
	return 0;
}

/*
 * check-name: guide: web server with a thread pool, real HTTP on loopback
 * check-description: A loopback TCP server passes each accepted socket to a pool of four workers sharing a receiver under a mutex; eight client threads GET and check Hello, World!, then the pool and listener are shut down.  Report the receive made holding the receiver's mutex.
 * check-tsan: clean
 * check-exit-value: 1
 *
 * check-error-start
guide/web-server-ko.c:126:9: warning: blocking call to 'fc_recv' while holding 'pool->workers->receiver->lock' [blocking-under-lock]
guide/web-server-ko.c:124:9: note: 'pool->workers->receiver->lock' acquired here
guide/web-server-ko.c:124:9: note: thread 'worker_main' (another instance) waits for it here
guide/web-server-ko.c:172:9: note: thread 'worker_main' (many instances) created here, in 'thread_pool_new'
guide/web-server-ko.c:403:30: note: 'main' calls 'web_server_new' here
guide/web-server-ko.c:285:17: note: 'web_server_new' calls 'thread_pool_new' here
 * check-error-end
 */
