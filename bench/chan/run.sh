#!/bin/sh
# SPDX-License-Identifier: MIT
#
# bench/chan/run.sh - build and run the channel benchmark (chan_bench.c):
# messages per second through fc_* channels against a hand-written mutex +
# condvar queue and a pipe, 1 and 4 producers, unbounded and bounded, and
# the thread pool with and without a mutex around fc_recv.  Compares in
# one run and prints ratios; absolute numbers vary from machine to machine
# and from run to run.
#
# Usage: bench/chan/run.sh [chan_bench options, e.g. -n 2000000 -b 64]
# Env:   CC (default cc), CFLAGS (default -O2), OUT (binary, default
#        $TMPDIR/chan_bench).  Builds from runtime/chan.c directly, so it
#        needs no CMake build tree.
set -eu
here=$(cd "$(dirname "$0")" && pwd)
top=$(cd "$here/../.." && pwd)
out=${OUT:-${TMPDIR:-/tmp}/chan_bench}
${CC:-cc} ${CFLAGS:--O2} -pthread -I"$top/include" \
	"$here/chan_bench.c" "$top/runtime/chan.c" -o "$out"
exec "$out" "$@"
