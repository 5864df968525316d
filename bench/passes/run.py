#!/usr/bin/env python3
# SPDX-License-Identifier: MIT
"""Where fearcheck's time goes, per pass, on real trees.

  bench/passes/run.py [-jN] TREE...

For each TREE (with a compile database, as for bench/real-trees) runs
fearcheck once with FEARCHECK_STATS=1 and prints the wall time of the
parse (extraction, at -j N), the link, the thread model and summaries,
and each check, with each pass's share of the parse time: the ratio that
matters, since parsing is the floor (issue 3: lock-order under 10%).
The ratios are measured in one run, so a noisy machine shifts them less
than absolute times.

Env: FEARCHECK (default build/analyzer/fearcheck).
"""
import os
import re
import subprocess
import sys

sys.path.insert(0, os.path.join(os.path.dirname(os.path.dirname(
    os.path.abspath(__file__))), "real-trees"))
import run as rt  # noqa: E402  bench/real-trees/run.py


def passes(db, jobs):
    p = subprocess.run([rt.FC, "-q", "-j", str(jobs), "-p", db],
                       stdout=subprocess.DEVNULL, stderr=subprocess.PIPE,
                       text=True, errors="replace",
                       env=dict(os.environ, FEARCHECK_STATS="1"))
    m = re.search(r"stats: time: (.*)", p.stderr)
    if not m:
        return None
    out = {}
    for part in m.group(1).split(", "):
        name, secs = part.rsplit(" ", 2)[0], float(part.split()[-2])
        out[name] = secs
    return out


def main(argv):
    jobs = os.cpu_count() or 2
    args = argv[1:]
    if args and args[0].startswith("-j"):
        jobs = int(args[0][2:] or args[1])
        args = args[1:] if args[0][2:] else args[2:]
    if not args:
        print(__doc__)
        return 2
    print("| tree | parse s | link+threads s | lock-order s (share of "
          "parse) | all checks s (share) | slowest check |")
    print("|---|---|---|---|---|---|")
    for tree in args:
        db = rt.database(tree)
        t = passes(db, jobs) if db else None
        if not t:
            print("| %s | no result |" % tree)
            continue
        parse = t.pop("parse")
        lt = t.pop("link") + t.pop("threads and summaries")
        lo = t.get("lock-order", 0.0)
        checks = sum(t.values())
        slow = max(t.items(), key=lambda kv: kv[1]) if t else ("-", 0)
        print("| %s | %.2f | %.2f | %.3f (%.1f%%) | %.2f (%.1f%%) | %s "
              "%.2f s |" % (os.path.basename(os.path.abspath(tree)), parse,
                            lt, lo, 100 * lo / parse, checks,
                            100 * checks / parse, slow[0], slow[1]))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
