/* SPDX-License-Identifier: MIT */
/*
 * openguard.h - refuse FIFOs and devices to libclang (see openguard.c).
 */
#ifndef FC_OPENGUARD_H
#define FC_OPENGUARD_H

#include <stdbool.h>

/* While on, opens for reading of anything but files and directories fail. */
void openguard_enable(bool on);

#endif
