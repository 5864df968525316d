// SPDX-License-Identifier: MIT
/*
 * The set-up, spawn, join, read-results pattern with plain globals and
 * no lock.  main writes the configuration (a scale factor and the input
 * samples) before it starts any thread; the workers only read it, each
 * scaling its own half of the samples into out[]; main reads out[] after
 * joining both.  Concurrent reads are not a race, and main's writes
 * come before the first spawn and its reads after the last join.
 */
#include <pthread.h>
#include <stdio.h>

#define NR_SAMPLES 128

static int scale;
static int samples[NR_SAMPLES];
static long out[NR_SAMPLES];

static void *good_scaler(void *arg)
{
	long half = (long)arg;

	for (int i = 0; i < NR_SAMPLES / 2; i++) {
		int k = (int)half * (NR_SAMPLES / 2) + i;

		out[k] = (long)samples[k] * scale;
	}
	return NULL;
}

int main(void)
{
	pthread_t lo, hi;
	long sum = 0;

	scale = 3;
	for (int i = 0; i < NR_SAMPLES; i++)
		samples[i] = i;
	pthread_create(&lo, NULL, good_scaler, (void *)0L);
	pthread_create(&hi, NULL, good_scaler, (void *)1L);
	pthread_join(lo, NULL);
	pthread_join(hi, NULL);
	for (int i = 0; i < NR_SAMPLES; i++)
		sum += out[i];
	scale = 0;
	printf("sum %ld\n", sum);
	return 0;
}

/*
 * check-name: data-race: initialise before the spawns, read results after the joins
 * check-description: Stay silent: main writes scale and samples before the first pthread_create and touches out and scale again only after both joins; the workers only read scale and samples.
 * check-tsan: clean
 */
