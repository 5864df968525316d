// SPDX-License-Identifier: MIT
/*
 * fork() with the tracker: a helper thread keeps taking a then b while
 * main forks children; each child (alone in its process, the helper is
 * gone) takes a then b too and exits, and the parent waits for them.  The
 * tracker's own locks must not be left held in a child, and the helper's
 * locks, held at the moment of a fork, must not be blamed on the child.
 * One order everywhere: silent, and every child exits 0.
 */
#include <pthread.h>
#include <stdlib.h>
#include <sys/wait.h>
#include <unistd.h>

#define CHILDREN 20

static pthread_mutex_t a = PTHREAD_MUTEX_INITIALIZER;
static pthread_mutex_t b = PTHREAD_MUTEX_INITIALIZER;
static _Atomic int stop;

static void a_then_b(void)
{
	pthread_mutex_lock(&a);
	pthread_mutex_lock(&b);
	pthread_mutex_unlock(&b);
	pthread_mutex_unlock(&a);
}

static void *helper(void *arg)
{
	(void)arg;
	while (!stop)
		a_then_b();
	return NULL;
}

int main(void)
{
	pthread_t t;
	int failed = 0;

	if (pthread_create(&t, NULL, helper, NULL) != 0)
		abort();
	for (int i = 0; i < CHILDREN; i++) {
		int status;
		pid_t pid = fork();

		if (pid < 0)
			abort();
		if (pid == 0) {
			/* a and b may be locked by the vanished helper */
			pthread_mutex_init(&a, NULL);
			pthread_mutex_init(&b, NULL);
			a_then_b();
			_exit(0);
		}
		if (waitpid(pid, &status, 0) != pid || !WIFEXITED(status) ||
		    WEXITSTATUS(status) != 0)
			failed++;
	}
	stop = 1;
	pthread_join(t, NULL);
	return failed;
}

/*
 * check-name: fork while another thread takes locks
 * check-command: fc-rt-run $file
 * check-exit-value: 0
 */
