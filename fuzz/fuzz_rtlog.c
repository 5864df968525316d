// SPDX-License-Identifier: MIT
/* fuzz_rtlog.c - the runtime tracker's JSON log (--runtime-log FILE). */
#include "diag.h"
#include "fuzz_util.h"
#include "rtlog.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	int fd;
	rtlog_load(fuzz_file(data, size, &fd));
	diag_reset();
	close(fd);
	return 0;
}
