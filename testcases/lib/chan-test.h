/* SPDX-License-Identifier: MIT */
/*
 * testcases/lib/chan-test.h - helpers shared by the channel library's
 * testcases (the -ok.c files beside it), which testcases/runner builds
 * one file at a time with ThreadSanitizer.  Each test is a plain program:
 * it checks behaviour with CHECK()/CHECK_RC(), prints the first failure
 * to stderr and exits 1, and otherwise returns 0 silently.
 *
 * Messages are usually small integers carried in the pointer itself
 * (MSG()/VAL()), so a test needs no allocation unless ownership is what
 * it checks.  Timing is used mostly one way round: "still blocked after
 * 50 ms" can only fail on a broken channel, never on a slow machine.
 * Where a test needs the other way ("this arrives before that"), the
 * margin is ten times the wait or more.
 */
#ifndef CHAN_TEST_H
#define CHAN_TEST_H

#define _POSIX_C_SOURCE 200809L

#include <errno.h>
#include <pthread.h>
#include <stdatomic.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <fearcheck/chan.h>

#define CHECK(cond)							\
	do {								\
		if (!(cond)) {						\
			fprintf(stderr, "%s:%d: check failed: %s\n",	\
				__FILE__, __LINE__, #cond);		\
			exit(1);					\
		}							\
	} while (0)

/* Check that @expr returns the FC_* code @want, naming both if not. */
#define CHECK_RC(expr, want)						\
	do {								\
		int rc_ = (expr);					\
		if (rc_ != (want)) {					\
			fprintf(stderr, "%s:%d: %s: %s, expected %s\n",	\
				__FILE__, __LINE__, #expr,		\
				fc_strerror(rc_), fc_strerror(want));	\
			exit(1);					\
		}							\
	} while (0)

#define MSG(n)	((void *)(uintptr_t)(n))
#define VAL(p)	((uintptr_t)(p))

static inline void sleep_ms(unsigned ms)
{
	struct timespec ts = { ms / 1000, (long)(ms % 1000) * 1000000L };

	while (nanosleep(&ts, &ts) == -1 && errno == EINTR)
		;
}

static inline long long now_ms(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec * 1000LL + ts.tv_nsec / 1000000;
}

static inline pthread_t spawn(void *(*fn)(void *), void *arg)
{
	pthread_t t;

	CHECK(pthread_create(&t, NULL, fn, arg) == 0);
	return t;
}

static inline void *join(pthread_t t)
{
	void *ret;

	CHECK(pthread_join(t, &ret) == 0);
	return ret;
}

#endif /* CHAN_TEST_H */
