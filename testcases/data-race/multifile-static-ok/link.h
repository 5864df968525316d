// SPDX-License-Identifier: MIT
/*
 * Interface of the two halves of multifile-static-ok's link: rx.c and
 * tx.c each keep their own file-static counter behind these functions.
 */
#ifndef LINK_H
#define LINK_H

/* Thread functions: each counts into its own file's counter. */
void *good_rx_thread(void *arg);
void *good_tx_thread(void *arg);

/* Read a side's counter; call only after joining that side's thread. */
unsigned long rx_count(void);
unsigned long tx_count(void);

#endif
