#!/bin/sh
# SPDX-License-Identifier: MIT
#
# Runs one fuzz target for a bounded time, as ctest's fuzz/<name>:
#   run.sh FUZZER SEED_DIR SCRATCH SECONDS
# New inputs go to SCRATCH/corpus (the seeds in the source tree are only
# read), crash inputs to SCRATCH/.  Exit status: the fuzzer's (0: nothing
# found in the time given).
set -eu
fuzzer=$1 seeds=$2 scratch=$3 seconds=$4
rm -rf "$scratch"
mkdir -p "$scratch/corpus"
# -close_fd_mask=2: the parsers' error messages would drown libFuzzer's
# (its own reports still reach stderr).
exec "$fuzzer" -max_total_time="$seconds" -timeout=10 -rss_limit_mb=2048 \
	-close_fd_mask=2 -print_final_stats=1 \
	-artifact_prefix="$scratch/" "$scratch/corpus" "$seeds"
