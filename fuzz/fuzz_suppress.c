// SPDX-License-Identifier: MIT
/* fuzz_suppress.c - fearcheck-ignore comments in source text. */
#include "fuzz_util.h"
#include "suppress.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	suppress_scan_text((const char *)data, size);
	return 0;
}
