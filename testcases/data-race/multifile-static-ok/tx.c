// SPDX-License-Identifier: MIT
/*
 * The transmit side of multifile-static-ok: a file-static counter that
 * only the transmitter thread increments, and an accessor main calls
 * after joining that thread.  rx.c has a counter with the same name, a
 * different object.
 */
#include <stddef.h>

#include "link.h"

static unsigned long counter;

void *good_tx_thread(void *arg)
{
	(void)arg;
	for (int i = 0; i < 200; i++)
		counter += 2;
	return NULL;
}

unsigned long tx_count(void)
{
	return counter;
}
