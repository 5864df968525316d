// SPDX-License-Identifier: MIT
/* fuzz_config.c - the configuration file (.fearcheck, --config). */
#include <string.h>

#include "config.h"
#include "fuzz_util.h"
#include "options.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	int fd;
	struct options o;
	memset(&o, 0, sizeof(o));
	o.config = fuzz_file(data, size, &fd);
	config_load(&o);
	config_reset();
	free((void *)o.cdb.exclude);
	close(fd);
	return 0;
}
