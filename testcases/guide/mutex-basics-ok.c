// SPDX-License-Identifier: MIT
/*
 * Port of the guide's mutex_basics example: a mutex guarding an int
 * holding 5; main locks it, stores 6 and unlocks (the end of Rust's guard
 * scope), then prints it the way Mutex's Debug does, under the lock.  One
 * thread only, so nothing can race: the program must stay silent.
 */
#define _POSIX_C_SOURCE 200809L

#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* Mutex<i32>: the data lives with the lock that guards it. */
struct mutex_int {
	pthread_mutex_t lock;
	int data;
};

/* Abort with a message when a call that the Rust code unwraps fails. */
static void check(int err, const char *what)
{
	if (err) {
		fprintf(stderr, "%s: %s\n", what, strerror(err));
		abort();
	}
}

int main(void)
{
	struct mutex_int m = { .data = 5 };

	check(pthread_mutex_init(&m.lock, NULL), "pthread_mutex_init");

	check(pthread_mutex_lock(&m.lock), "pthread_mutex_lock");
	m.data = 6;
	check(pthread_mutex_unlock(&m.lock), "pthread_mutex_unlock");

	check(pthread_mutex_lock(&m.lock), "pthread_mutex_lock");
	printf("m = Mutex { data: %d }\n", m.data);
	check(pthread_mutex_unlock(&m.lock), "pthread_mutex_unlock");

	check(pthread_mutex_destroy(&m.lock), "pthread_mutex_destroy");
	return 0;
}

/*
 * check-name: guide: mutex basics
 * check-description: A single thread stores 6 into a mutex-guarded int under the lock, then prints it under the lock.
 * check-tsan: clean
 */
