// SPDX-License-Identifier: MIT
/*
 * openguard.c - only regular files and directories reach libclang.
 *
 * Pass: parse (worker processes).  A TU that includes a FIFO blocks the
 * parse in open() until its --timeout, and one that includes /dev/zero
 * or /dev/stdin reads until memory runs out: a tree from a stranger can
 * hold either.  libclang has no hook on the files it opens, so fearcheck
 * defines open() itself: the executable's definition comes first in the
 * dynamic linker's search, so libLLVM's calls land here (it is exported
 * with --export-dynamic-symbol, see CMakeLists.txt).  While the guard is
 * on, a read-only open is made non-blocking, and anything but a regular
 * file or a directory is closed again and refused with ENXIO, which
 * clang reports as "cannot open file ...: No such device or address".
 * Everything else goes straight to the openat system call.
 */
#include "openguard.h"

#include <errno.h>
#include <fcntl.h>
#include <stdarg.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <unistd.h>

static bool guard_on;

void openguard_enable(bool on)
{
	guard_on = on;
}

static int guarded_open(const char *path, int flags, mode_t mode)
{
	if (!guard_on || (flags & O_ACCMODE) != O_RDONLY ||
	    (flags & (O_DIRECTORY | O_PATH)))
		return (int)syscall(SYS_openat, AT_FDCWD, path, flags, mode);
	int fd = (int)syscall(SYS_openat, AT_FDCWD, path, flags | O_NONBLOCK,
			      mode);
	if (fd < 0)
		return fd;
	struct stat st;
	if (fstat(fd, &st) != 0 || (!S_ISREG(st.st_mode) &&
				    !S_ISDIR(st.st_mode))) {
		close(fd);
		errno = ENXIO;
		return -1;
	}
	if (!(flags & O_NONBLOCK))
		fcntl(fd, F_SETFL, flags & ~O_NONBLOCK);
	return fd;
}

static mode_t mode_arg(int flags, va_list ap)
{
	if (flags & (O_CREAT | __O_TMPFILE))
		return (mode_t)va_arg(ap, unsigned);
	return 0;
}

int open(const char *path, int flags, ...)
{
	va_list ap;
	va_start(ap, flags);
	mode_t mode = mode_arg(flags, ap);
	va_end(ap);
	return guarded_open(path, flags, mode);
}

int open64(const char *path, int flags, ...)
{
	va_list ap;
	va_start(ap, flags);
	mode_t mode = mode_arg(flags, ap);
	va_end(ap);
	return guarded_open(path, flags, mode);
}
