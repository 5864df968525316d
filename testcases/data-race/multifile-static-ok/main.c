// SPDX-License-Identifier: MIT
/*
 * Two files, rx.c and tx.c, each define their own `static unsigned long
 * counter`, and each is incremented, without a lock, by one thread:
 * good_rx_thread by the receiver, good_tx_thread by the transmitter.
 * The two statics share a name but are different objects, each written
 * by a single thread and read by main only after that thread's join, so
 * nothing races.  A checker that merged file-static variables by name
 * across files would report a false race here.
 */
#include <pthread.h>
#include <stdio.h>

#include "link.h"

int main(void)
{
	pthread_t rx, tx;

	pthread_create(&rx, NULL, good_rx_thread, NULL);
	pthread_create(&tx, NULL, good_tx_thread, NULL);
	pthread_join(rx, NULL);
	pthread_join(tx, NULL);
	printf("rx %lu, tx %lu\n", rx_count(), tx_count());
	return 0;
}

/*
 * check-name: data-race: same-named file-static counters in two files, one thread each
 * check-command: fearcheck $dir
 * check-description: Stay silent: rx.c's and tx.c's static counter are distinct objects, each written by one thread only and read by main after the joins. Not a single-file program, so no check-tsan (TSan is silent when the three files are built together).
 */
