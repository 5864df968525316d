#!/usr/bin/env python3
# SPDX-License-Identifier: MIT
"""fearcheck on real source trees: time against clang, memory, findings.

  bench/real-trees/run.py [-j N] TREE...

Each TREE is a checked-out project with a compile database: TREE itself or
TREE/build holding compile_commands.json (CMake's
-DCMAKE_EXPORT_COMPILE_COMMANDS=ON, or `bear -- make`).  The projects are
obtained at bench time (memcached, redis, libuv, pigz, sqlite...) and never
committed.  For each tree this prints: translation units, lines of C in
them, fearcheck's wall time, `clang -fsyntax-only` over the same database
at the same -j and the ratio (target: at most 1.5), fearcheck's peak RSS
(parent and workers), how many TUs were skipped, the exit status, and the
findings per check.

Env: FEARCHECK (default build/analyzer/fearcheck), CLANG (clang-19).
"""
import json
import os
import re
import resource
import shlex
import subprocess
import sys
import time
from concurrent.futures import ThreadPoolExecutor

top = os.path.dirname(os.path.dirname(os.path.dirname(
    os.path.abspath(__file__))))
FC = os.environ.get("FEARCHECK", os.path.join(top, "build/analyzer/fearcheck"))
CLANG = os.environ.get("CLANG", "clang-19")


def database(tree):
    for d in (tree, os.path.join(tree, "build")):
        if os.path.exists(os.path.join(d, "compile_commands.json")):
            return d
    return None


def clang_cmds(db):
    out = []
    for e in json.load(open(os.path.join(db, "compile_commands.json"))):
        if not e["file"].endswith(".c"):
            continue
        args = e.get("arguments") or shlex.split(e["command"])
        keep, skip = [], False
        for a in args[1:]:
            if skip:
                skip = False
                continue
            if a == "-o" or a in ("-MF", "-MT", "-MQ"):
                skip = True
                continue
            if a == "-c" or a.startswith("-M") or a.startswith("-W"):
                continue
            keep.append(a)
        out.append((e["directory"], os.path.join(e["directory"], e["file"]),
                    [CLANG, "-fsyntax-only", "-w"] + keep))
    return out


def lines_of(files):
    n = 0
    for f in set(files):
        try:
            with open(f, "rb") as fh:
                n += fh.read().count(b"\n")
        except OSError:
            pass
    return n


def run_clang(cmds, jobs):
    def one(c):
        subprocess.run(c[2], cwd=c[0], stdout=subprocess.DEVNULL,
                       stderr=subprocess.DEVNULL)
    t = time.monotonic()
    with ThreadPoolExecutor(jobs) as ex:
        list(ex.map(one, cmds))
    return time.monotonic() - t


def run_fearcheck(db, jobs):
    before = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    t = time.monotonic()
    p = subprocess.run([FC, "-q", "-j", str(jobs), "-p", db],
                       stdout=subprocess.DEVNULL, stderr=subprocess.PIPE,
                       text=True, errors="replace")
    wall = time.monotonic() - t
    rss = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    per = {}
    for m in re.finditer(r" warning: .*\[([a-z-]+)\]$", p.stderr, re.M):
        per[m.group(1)] = per.get(m.group(1), 0) + 1
    skipped = re.search(r"(\d+) of \d+ translation units skipped", p.stderr)
    return wall, max(rss, before), p.returncode, per, \
        int(skipped.group(1)) if skipped else 0


def main(argv):
    jobs = os.cpu_count() or 2
    if len(argv) > 2 and argv[1] == "-j":
        jobs = int(argv[2])
        argv = argv[2:]
    elif len(argv) > 1 and argv[1].startswith("-j"):
        jobs = int(argv[1][2:])
        argv = argv[1:]
    trees = argv[1:]
    if not trees:
        print(__doc__)
        return 2
    print("| tree | TUs | lines | fearcheck s | clang s | ratio | peak RSS MB"
          " | skipped | exit | findings |")
    print("|---|---|---|---|---|---|---|---|---|---|")
    for tree in trees:
        db = database(tree)
        if not db:
            print("| %s | no compile_commands.json |" % tree)
            continue
        cmds = clang_cmds(db)
        tc = run_clang(cmds, jobs)
        tf, rss, rc, per, skipped = run_fearcheck(db, jobs)
        finds = ", ".join("%s %d" % kv for kv in sorted(per.items())) or "0"
        print("| %s | %d | %d | %.2f | %.2f | %.2f | %.0f | %d | %d | %s |" %
              (os.path.basename(os.path.abspath(tree)), len(cmds),
               lines_of(c[1] for c in cmds), tf, tc, tf / tc if tc else 0,
               rss / 1024.0, skipped, rc, finds))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
