// SPDX-License-Identifier: MIT
/* fuzz_model.c - a channel model file (--model FILE). */
#include <string.h>

#include "config.h"
#include "fuzz_util.h"
#include "options.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	int fd;
	struct options o;
	memset(&o, 0, sizeof(o));
	o.config = "/dev/null";
	config_add_model(fuzz_file(data, size, &fd));
	config_load(&o);
	config_reset();
	free((void *)o.cdb.exclude);
	close(fd);
	return 0;
}
