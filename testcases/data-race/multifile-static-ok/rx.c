// SPDX-License-Identifier: MIT
/*
 * The receive side of multifile-static-ok: a file-static counter that
 * only the receiver thread increments, and an accessor main calls after
 * joining that thread.  tx.c has a counter with the same name, a
 * different object.
 */
#include <stddef.h>

#include "link.h"

static unsigned long counter;

void *good_rx_thread(void *arg)
{
	(void)arg;
	for (int i = 0; i < 300; i++)
		counter++;
	return NULL;
}

unsigned long rx_count(void)
{
	return counter;
}
