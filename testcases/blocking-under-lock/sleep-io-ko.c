// SPDX-License-Identifier: MIT
/*
 * Blocking while holding a lock other threads need: the refresher sleeps
 * between retries with the config lock held, and the reader reads a pipe
 * with the stats lock held, so every thread that wants either lock waits
 * as long as the sleep or the read.  The writer of the pipe needs the
 * stats lock first: if it is the one waiting, nobody ever writes.
 */
#include <pthread.h>
#include <stdio.h>
#include <unistd.h>

static pthread_mutex_t config_lock = PTHREAD_MUTEX_INITIALIZER;
static int config_gen;			/* guarded by config_lock */
static pthread_mutex_t stats_lock = PTHREAD_MUTEX_INITIALIZER;
static long bytes_in;			/* guarded by stats_lock */
static int pipefd[2];

static void *warn_refresher(void *arg)
{
	(void)arg;
	pthread_mutex_lock(&config_lock);
	for (int tries = 0; tries < 3 && config_gen == 0; tries++)
		usleep(1000);		/* others wait for config_lock */
	config_gen++;
	pthread_mutex_unlock(&config_lock);
	return NULL;
}

static void *warn_reader(void *arg)
{
	char buf[16];
	ssize_t n;

	(void)arg;
	pthread_mutex_lock(&stats_lock);
	n = read(pipefd[0], buf, sizeof(buf));
	if (n > 0)
		bytes_in += n;
	pthread_mutex_unlock(&stats_lock);
	return NULL;
}

static void *writer(void *arg)
{
	(void)arg;
	pthread_mutex_lock(&config_lock);
	config_gen++;
	pthread_mutex_unlock(&config_lock);
	pthread_mutex_lock(&stats_lock);
	bytes_in = 0;
	pthread_mutex_unlock(&stats_lock);
	if (write(pipefd[1], "x", 1) != 1)
		perror("write");
	return NULL;
}

int main(void)
{
	pthread_t a, b, c;

	if (pipe(pipefd))
		return 1;
	pthread_create(&a, NULL, warn_refresher, NULL);
	pthread_create(&b, NULL, warn_reader, NULL);
	pthread_create(&c, NULL, writer, NULL);
	pthread_join(a, NULL);
	pthread_join(b, NULL);
	pthread_join(c, NULL);
	printf("%d %ld\n", config_gen, bytes_in);
	return 0;
}

/*
 * check-name: blocking-under-lock: sleeping and reading with a lock held
 * check-description: Report the usleep in warn_refresher (config_lock held) and the read in warn_reader (stats_lock held); writer takes both locks.
 * check-exit-value: 1
 *
 * check-error-start
blocking-under-lock/sleep-io-ko.c:24:3: warning: blocking call to 'usleep' while holding 'config_lock' [blocking-under-lock]
blocking-under-lock/sleep-io-ko.c:22:2: note: 'config_lock' acquired here
blocking-under-lock/sleep-io-ko.c:47:2: note: thread 'writer' waits for it here
blocking-under-lock/sleep-io-ko.c:64:2: note: thread 'warn_refresher' created here by thread 'main'
blocking-under-lock/sleep-io-ko.c:37:6: warning: blocking call to 'read' while holding 'stats_lock' [blocking-under-lock]
blocking-under-lock/sleep-io-ko.c:36:2: note: 'stats_lock' acquired here
blocking-under-lock/sleep-io-ko.c:50:2: note: thread 'writer' waits for it here
blocking-under-lock/sleep-io-ko.c:65:2: note: thread 'warn_reader' created here by thread 'main'
 * check-error-end
 */
