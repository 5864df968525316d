// SPDX-License-Identifier: MIT
/*
 * A program of three files: each thread takes its first lock here and
 * its second one in a function of another file.
 */
#include <pthread.h>
#include <stdio.h>

#include "locks.h"

static void *warn_queue_then_log(void *arg)
{
	(void)arg;
	pthread_mutex_lock(&queue_mu);
	log_message("queued");
	pthread_mutex_unlock(&queue_mu);
	return NULL;
}

static void *warn_log_then_queue(void *arg)
{
	(void)arg;
	pthread_mutex_lock(&log_mu);
	queue_push(1);
	pthread_mutex_unlock(&log_mu);
	return NULL;
}

int main(void)
{
	pthread_t t1, t2;

	pthread_create(&t1, NULL, warn_queue_then_log, NULL);
	pthread_create(&t2, NULL, warn_log_then_queue, NULL);
	pthread_join(t1, NULL);
	pthread_join(t2, NULL);
	return 0;
}

/*
 * check-name: lock-order: second locks taken in callees of other files
 * check-command: fearcheck $dir
 * check-description: The queue -> log edge goes through log.c, the log -> queue edge through queue.c; the cycle is found across the three files.
 * check-exit-value: 1
 *
 * check-error-start
lock-order/callee-files-ko/queue.c:10:2: warning: lock order inversion: 'queue_mu' acquired while holding 'log_mu', elsewhere 'log_mu' while holding 'queue_mu' [lock-order]
lock-order/callee-files-ko/main.c:23:2: note: thread 'warn_log_then_queue' acquires 'log_mu' here
lock-order/callee-files-ko/queue.c:10:2: note: then 'queue_mu' here, while holding 'log_mu'
lock-order/callee-files-ko/main.c:24:2: note: 'warn_log_then_queue' calls 'queue_push' here
lock-order/callee-files-ko/main.c:34:2: note: thread 'warn_log_then_queue' created here by thread 'main'
lock-order/callee-files-ko/main.c:14:2: note: thread 'warn_queue_then_log' acquires 'queue_mu' here
lock-order/callee-files-ko/log.c:12:2: note: then 'log_mu' here, while holding 'queue_mu'
lock-order/callee-files-ko/main.c:15:2: note: 'warn_queue_then_log' calls 'log_message' here
lock-order/callee-files-ko/main.c:33:2: note: thread 'warn_queue_then_log' created here by thread 'main'
 * check-error-end
 */
