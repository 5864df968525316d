/* SPDX-License-Identifier: MIT */
/*
 * fuzz_util.h - what the harnesses share: the parsers under test read
 * files by name, so an input is written to a memory file and handed over
 * as /proc/self/fd/N.
 */
#ifndef FC_FUZZ_UTIL_H
#define FC_FUZZ_UTIL_H

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/mman.h>
#include <unistd.h>

/* A path naming a fresh file that holds data; *fd to close afterwards. */
static inline const char *fuzz_file(const uint8_t *data, size_t size,
				    int *fd)
{
	static char path[64];
	*fd = memfd_create("fuzz", MFD_CLOEXEC);
	if (*fd < 0) {
		perror("memfd_create");
		abort();
	}
	for (size_t done = 0; done < size;) {
		ssize_t w = write(*fd, data + done, size - done);
		if (w <= 0) {
			perror("write");
			abort();
		}
		done += (size_t)w;
	}
	snprintf(path, sizeof(path), "/proc/self/fd/%d", *fd);
	return path;
}

#endif
