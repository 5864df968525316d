#!/bin/sh
# SPDX-License-Identifier: MIT
#
# bench/rt/run.sh - lock/unlock pairs per second under the runtime
# lock-order tracker, against the same program run plainly, under
# ThreadSanitizer (TSAN_OPTIONS=detect_deadlocks=1) and under Helgrind
# (when valgrind is installed), in four scenarios: one thread
# uncontended, nested a-then-b, two threads on their own locks, two
# threads on one lock.  Prints the rates and the slowdown of each tool
# (plain rate / tool rate) from one run; absolute numbers vary from
# machine to machine, so only compare within a run.
#
# Each rate is the best of REPEAT runs (default 5), to damp the noise of
# a shared machine.  Helgrind runs a much smaller iteration count
# (HG_ITER): it is three orders of magnitude slower, and the rate is per
# second either way.
#
# Usage: bench/rt/run.sh
# Env:   CC (default cc), FC_RT_LIB (default build/runtime/libfearcheck-rt.so
#        from the top of the tree), ITER (default 10000000), HG_ITER
#        (default 100000), REPEAT (default 5), TMPDIR.
set -eu
here=$(cd "$(dirname "$0")" && pwd)
top=$(cd "$here/../.." && pwd)
cc=${CC:-cc}
lib=${FC_RT_LIB:-$top/build/runtime/libfearcheck-rt.so}
iter=${ITER:-10000000}
hg_iter=${HG_ITER:-100000}
repeat=${REPEAT:-5}
tmp=$(mktemp -d "${TMPDIR:-/tmp}/rt_bench.XXXXXX")
trap 'rm -rf "$tmp"' EXIT HUP INT TERM

if [ ! -f "$lib" ]; then
	echo "run.sh: no tracker at $lib (build fearcheck_rt, or set FC_RT_LIB)" >&2
	exit 2
fi
$cc -O2 -g -pthread "$here/rt_bench.c" -o "$tmp/plain"
tsan=
if $cc -O2 -g -fsanitize=thread -pthread "$here/rt_bench.c" \
	-o "$tmp/tsan" 2>/dev/null; then
	tsan=1
fi
helgrind=
if command -v valgrind >/dev/null 2>&1; then
	helgrind=1
fi

# best SCENARIO ITER CMD... - the highest rate of $repeat runs
best() {
	scen=$1 n=$2
	shift 2
	b=0
	i=0
	while [ $i -lt "$repeat" ]; do
		r=$("$@" "$scen" "$n" 2>/dev/null | awk '{print $2}')
		r=${r:-0}
		if awk "BEGIN { exit !($r > $b) }"; then
			b=$r
		fi
		i=$((i + 1))
	done
	echo "$b"
}

ratio() {
	awk "BEGIN { if ($2 > 0) printf \"%.1fx\", $1 / $2; else print \"-\" }"
}

mrate() {
	awk "BEGIN { printf \"%.1f\", $1 / 1e6 }"
}

printf '%-12s %11s %11s %7s %11s %7s %11s %7s\n' scenario "plain M/s" \
	"fc-rt M/s" fc-rt "tsan M/s" tsan "hg M/s" helgrind
for scen in uncontended nested own2 shared2; do
	plain=$(best $scen "$iter" "$tmp/plain")
	rt=$(best $scen "$iter" env LD_PRELOAD="$lib" FEARCHECK_RT= "$tmp/plain")
	ts=0
	if [ -n "$tsan" ]; then
		ts=$(best $scen "$iter" env TSAN_OPTIONS=detect_deadlocks=1 \
			"$tmp/tsan")
	fi
	hg=0
	if [ -n "$helgrind" ]; then
		hg=$(repeat=1 best $scen "$hg_iter" valgrind -q \
			--tool=helgrind "$tmp/plain")
	fi
	printf '%-12s %11s %11s %7s %11s %7s %11s %7s\n' $scen \
		"$(mrate "$plain")" "$(mrate "$rt")" "$(ratio "$plain" "$rt")" \
		"$(mrate "$ts")" "$(ratio "$plain" "$ts")" \
		"$(mrate "$hg")" "$(ratio "$plain" "$hg")"
done
echo "(slowdown = plain rate / tool rate; target for fc-rt: <= 2x uncontended, flat with threads)"
