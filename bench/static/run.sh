#!/bin/sh
# SPDX-License-Identifier: MIT
#
# fearcheck versus `clang -fsyntax-only` over one compile database, at the
# same -j, in one run: prints both wall times and their ratio (the target
# is at most 1.5: parsing is the floor, the analysis should add little).
#
# Usage: bench/static/run.sh BUILD_DIR [JOBS]
#   BUILD_DIR holds compile_commands.json (made by CMake or `bear -- make`).
# Environment: FEARCHECK (default: build/analyzer/fearcheck), CLANG
# (default: clang-19), RUNS (default 3; the best of each is kept).
set -eu
top=$(cd "$(dirname "$0")/../.." && pwd)
db=${1:?usage: run.sh BUILD_DIR [JOBS]}
jobs=${2:-$(nproc)}
fc=${FEARCHECK:-$top/build/analyzer/fearcheck}
clang=${CLANG:-clang-19}
runs=${RUNS:-3}
exec python3 - "$db" "$jobs" "$fc" "$clang" "$runs" <<'PY'
import json, os, shlex, subprocess, sys, time
from concurrent.futures import ThreadPoolExecutor

db, jobs, fc, clang, runs = sys.argv[1], int(sys.argv[2]), sys.argv[3], \
    sys.argv[4], int(sys.argv[5])
entries = json.load(open(os.path.join(db, "compile_commands.json")))
cmds = []
for e in entries:
    f = e["file"]
    if not f.endswith(".c"):
        continue
    args = e.get("arguments") or shlex.split(e["command"])
    out, skip = [], False
    for a in args[1:]:
        if skip:
            skip = False
            continue
        if a in ("-c",):
            continue
        if a == "-o":
            skip = True
            continue
        if a.startswith("-M") or a.startswith("-W"):
            if a in ("-MF", "-MT", "-MQ"):
                skip = True
            continue
        out.append(a)
    cmds.append((e["directory"], [clang, "-fsyntax-only", "-w"] + out))

def one(c):
    d, argv = c
    return subprocess.run(argv, cwd=d, stdout=subprocess.DEVNULL,
                          stderr=subprocess.DEVNULL).returncode

def clang_all():
    t = time.monotonic()
    with ThreadPoolExecutor(jobs) as ex:
        list(ex.map(one, cmds))
    return time.monotonic() - t

def fearcheck():
    t = time.monotonic()
    p = subprocess.run([fc, "-q", "-j", str(jobs), "-p", db],
                       stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    return time.monotonic() - t, p.returncode, p.stderr

tc, tf = [], []
for _ in range(runs):
    tc.append(clang_all())
    t, rc, err = fearcheck()
    tf.append(t)
n = err.decode(errors="replace").count(" warning: ")
print("tree: %s  TUs: %d  -j %d  runs: %d (best of each)" %
      (db, len(cmds), jobs, runs))
print("clang -fsyntax-only: %7.2f s" % min(tc))
print("fearcheck:           %7.2f s  (exit %d, %d findings)" % (min(tf), rc, n))
print("ratio fearcheck/clang: %.2f" % (min(tf) / min(tc)))
PY
