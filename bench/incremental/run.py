#!/usr/bin/env python3
# SPDX-License-Identifier: MIT
"""Incremental runs with --cache DIR on real trees.

  bench/incremental/run.py [-j N] TREE...

Each TREE is a checked-out project with a compile database (as for
bench/real-trees).  The tree is copied to a scratch directory (the
database's paths rewritten), so nothing in TREE is touched.  For each tree
this prints the wall time of: a run without cache; a cold run filling the
cache; a warm run (nothing changed); a run after editing one source; a run
after editing the header that the most TUs include; and, as the peer,
`clang -fsyntax-only` over the whole database at the same -j.  Ratios are
to that peer, so they survive a noisy machine; "re-extracted" is how many
TUs the cache could not serve (FEARCHECK_STATS).

Env: FEARCHECK (default build/analyzer/fearcheck), CLANG (clang-19),
SCRATCH (default /tmp).
"""
import collections
import os
import re
import shutil
import subprocess
import sys
import tempfile
import time

sys.path.insert(0, os.path.join(os.path.dirname(os.path.dirname(
    os.path.abspath(__file__))), "real-trees"))
import run as rt  # noqa: E402  bench/real-trees/run.py


def fc(db, jobs, cache=None):
    argv = [rt.FC, "-q", "-j", str(jobs), "-p", db]
    if cache:
        argv += ["--cache", cache]
    t = time.monotonic()
    p = subprocess.run(argv, stdout=subprocess.DEVNULL,
                       stderr=subprocess.PIPE, text=True, errors="replace",
                       env=dict(os.environ, FEARCHECK_STATS="1"))
    wall = time.monotonic() - t
    m = re.search(r"(\d+) of (\d+) translation units from the cache",
                  p.stderr)
    fresh = int(m.group(2)) - int(m.group(1)) if m else None
    report = [l for l in p.stderr.splitlines()
              if not l.startswith("fearcheck: ")]
    return wall, fresh, report


def copy_tree(tree, scratch):
    src = os.path.realpath(tree)
    dst = os.path.join(scratch, os.path.basename(src))
    shutil.copytree(src, dst, symlinks=True)
    db = rt.database(dst)
    path = os.path.join(db, "compile_commands.json")
    with open(path) as f:
        text = f.read()
    with open(path, "w") as f:
        f.write(text.replace(src, dst))
    return dst, db


def most_included(cache, root):
    """The header below root that the most cache entries depend on."""
    count = collections.Counter()
    for e in os.listdir(cache):
        with open(os.path.join(cache, e), "rb") as f:
            for line in f:
                if line.startswith(b"facts"):
                    break
                if line.startswith(b"d "):
                    p = line.split(b" ", 2)[2].rstrip(b"\n").decode()
                    if p.startswith(root + "/") and p.endswith(".h"):
                        count[p] += 1
    return count.most_common(1)[0] if count else (None, 0)


def edit(path):
    with open(path, "a") as f:
        f.write("\n/* edited by bench/incremental */\n")


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
    print("| tree | TUs | clang s | no cache s | cold s | warm s (ratio) |"
          " one source s (ratio, re-extracted) | header s (ratio,"
          " re-extracted) | same report |")
    print("|---|---|---|---|---|---|---|---|---|")
    for tree in trees:
        if not rt.database(tree):
            print("| %s | no compile_commands.json |" % tree)
            continue
        with tempfile.TemporaryDirectory(
                dir=os.environ.get("SCRATCH", "/tmp")) as scratch:
            root, db = copy_tree(tree, scratch)
            cmds = rt.clang_cmds(db)
            cache = os.path.join(scratch, "cache")
            tc = rt.run_clang(cmds, jobs)
            t0, _, ref = fc(db, jobs)
            t1, _, _ = fc(db, jobs, cache)
            t2, f2, r2 = fc(db, jobs, cache)
            src = sorted(c[1] for c in cmds)[len(cmds) // 2]
            edit(src)
            t3, f3, r3 = fc(db, jobs, cache)
            hdr, n = most_included(cache, root)
            if hdr:
                edit(hdr)
                t4, f4, r4 = fc(db, jobs, cache)
            same = r2 == ref and r3 == ref and (not hdr or r4 == ref)
            print("| %s | %d | %.2f | %.2f | %.2f | %.2f (%.2f) | "
                  "%.2f (%.2f, %s) | %s | %s |" %
                  (os.path.basename(root), len(cmds), tc, t0, t1, t2,
                   t2 / tc, t3, t3 / tc, f3,
                   "%.2f (%.2f, %s of %s: %s)" %
                   (t4, t4 / tc, f4, n, os.path.basename(hdr))
                   if hdr else "-", "yes" if same else "NO"))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
