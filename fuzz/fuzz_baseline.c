// SPDX-License-Identifier: MIT
/* fuzz_baseline.c - a baseline file (--baseline FILE). */
#include "baseline.h"
#include "fuzz_util.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	int fd;
	baseline_load(fuzz_file(data, size, &fd));
	baseline_reset();
	close(fd);
	return 0;
}
