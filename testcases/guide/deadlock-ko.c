// SPDX-License-Identifier: MIT
/*
 * Port of the guide's deadlock_example: two mutexes, and two threads that
 * take them in opposite orders, thread 1 lock1 then lock2, thread 2 lock2
 * then lock1, each sleeping between its two acquisitions.  In the guide
 * both threads start at once and, with the sleeps, deadlock on most runs.
 *
 * The lock-order inversion is the bug; the hang is only its worst
 * outcome.  So that the test ends, thread 2 first sleeps long enough
 * (200 ms) for thread 1 to have released both locks: the acquisitions
 * never overlap in time and the program never hangs, yet both orders
 * are taken, lock1 -> lock2 and lock2 -> lock1, which is exactly what a
 * lock-order checker (ThreadSanitizer with detect_deadlocks=1, lockdep,
 * fearcheck's runtime tracker) reports.  Nothing but time separates the
 * two threads: no extra lock or other synchronisation that could hide
 * the inversion.  The guide's 10 ms sleeps are 1 ms here.
 *
 * Arc<Mutex<i32>> pairs become two lock-and-value structs on main's
 * stack, outliving both threads, which get a pointer to the pair.
 */
#define _POSIX_C_SOURCE 200809L

#include <errno.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

struct mutex_int {
	pthread_mutex_t lock;
	int value;		/* guarded by lock */
};

struct locks {
	struct mutex_int lock1;
	struct mutex_int lock2;
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

/* Takes lock1, then lock2 while still holding lock1. */
static void *thread1(void *arg)
{
	struct locks *l = arg;

	check(pthread_mutex_lock(&l->lock1.lock), "pthread_mutex_lock");
	sleep_ms(1);
	check(pthread_mutex_lock(&l->lock2.lock), "pthread_mutex_lock");
	/* Potential deadlock: thread 2 takes them the other way round. */
	check(pthread_mutex_unlock(&l->lock2.lock), "pthread_mutex_unlock");
	check(pthread_mutex_unlock(&l->lock1.lock), "pthread_mutex_unlock");
	return NULL;
}

/* Takes lock2, then lock1 while still holding lock2. */
static void *thread2(void *arg)
{
	struct locks *l = arg;

	/* Not in the guide: let thread 1 finish so the test cannot hang. */
	sleep_ms(200);

	check(pthread_mutex_lock(&l->lock2.lock), "pthread_mutex_lock");
	sleep_ms(1);
	check(pthread_mutex_lock(&l->lock1.lock), "pthread_mutex_lock");
	/* Potential deadlock: thread 1 takes them the other way round. */
	check(pthread_mutex_unlock(&l->lock1.lock), "pthread_mutex_unlock");
	check(pthread_mutex_unlock(&l->lock2.lock), "pthread_mutex_unlock");
	return NULL;
}

int main(void)
{
	struct locks l = { .lock1.value = 0, .lock2.value = 0 };
	pthread_t handle1, handle2;

	check(pthread_mutex_init(&l.lock1.lock, NULL), "pthread_mutex_init");
	check(pthread_mutex_init(&l.lock2.lock, NULL), "pthread_mutex_init");

	check(pthread_create(&handle1, NULL, thread1, &l), "pthread_create");
	check(pthread_create(&handle2, NULL, thread2, &l), "pthread_create");

	check(pthread_join(handle1, NULL), "pthread_join");
	check(pthread_join(handle2, NULL), "pthread_join");

	check(pthread_mutex_destroy(&l.lock1.lock), "pthread_mutex_destroy");
	check(pthread_mutex_destroy(&l.lock2.lock), "pthread_mutex_destroy");
	return 0;
}

/*
 * check-name: guide: deadlock, two threads taking two locks in opposite orders
 * check-description: Thread 1 takes lock1 then lock2, thread 2 lock2 then lock1; a sleep keeps the two apart in time so the run ends, but the ABBA order inversion remains.
 * check-tsan: deadlock
 * check-exit-value: 1
 *
 * check-error-start
guide/deadlock-ko.c:53:9: warning: blocking call to 'nanosleep' while holding 'l.lock1.lock' [blocking-under-lock]
guide/deadlock-ko.c:63:2: note: 'thread1' calls 'sleep_ms' here
guide/deadlock-ko.c:62:8: note: 'l.lock1.lock' acquired here
guide/deadlock-ko.c:81:8: note: thread 'thread2' waits for it here
guide/deadlock-ko.c:96:8: note: thread 'thread1' created here by thread 'main'
guide/deadlock-ko.c:53:9: warning: blocking call to 'nanosleep' while holding 'l.lock2.lock' [blocking-under-lock]
guide/deadlock-ko.c:80:2: note: 'thread2' calls 'sleep_ms' here
guide/deadlock-ko.c:79:8: note: 'l.lock2.lock' acquired here
guide/deadlock-ko.c:64:8: note: thread 'thread1' waits for it here
guide/deadlock-ko.c:97:8: note: thread 'thread2' created here by thread 'main'
guide/deadlock-ko.c:64:8: warning: lock order inversion: 'l.lock2.lock' acquired while holding 'l.lock1.lock', elsewhere 'l.lock1.lock' while holding 'l.lock2.lock' [lock-order]
guide/deadlock-ko.c:62:8: note: thread 'thread1' acquires 'l.lock1.lock' here
guide/deadlock-ko.c:64:8: note: then 'l.lock2.lock' here, while holding 'l.lock1.lock'
guide/deadlock-ko.c:96:8: note: thread 'thread1' created here by thread 'main'
guide/deadlock-ko.c:79:8: note: thread 'thread2' acquires 'l.lock2.lock' here
guide/deadlock-ko.c:81:8: note: then 'l.lock1.lock' here, while holding 'l.lock2.lock'
guide/deadlock-ko.c:97:8: note: thread 'thread2' created here by thread 'main'
 * check-error-end
 */
