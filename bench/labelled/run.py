#!/usr/bin/env python3
# SPDX-License-Identifier: MIT
"""Precision and recall of fearcheck on labelled C programs from elsewhere.

  bench/labelled/run.py DIR...

Every .c file below each DIR is analysed on its own.  Lines carry labels in
comments, the convention of several analyzers' regression suites:
  // RACE!   (or // RACE)      a data race involves this line
  // NORACE                    no data race involves this line
  // DEADLOCK                  a lock-order deadlock involves this line
  // NODEADLOCK                none does
A label is found (true positive) when a data-race (lock-order) finding
names its line in the warning or in a note giving the other access (an
acquisition); a NO-label named there is a false positive.  The labelled
programs are fetched at bench time and never committed.

Env: FEARCHECK (default build/analyzer/fearcheck), FLAGS (extra compiler
flags after --), VERBOSE=1 lists every miss and false alarm.
"""
import os
import re
import subprocess
import sys

top = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
fc = os.environ.get("FEARCHECK", os.path.join(top, "build/analyzer/fearcheck"))
flags = os.environ.get("FLAGS", "").split()
verbose = os.environ.get("VERBOSE") == "1"

LABEL = re.compile(r"//\s*(NO)?(RACE|DEADLOCK)!?\b")
LOC = re.compile(r"^(.*?):(\d+):(\d+): (warning|note): (.*?)(?: \[([a-z-]+)\])?$")


def labels(path):
    out = []
    with open(path, errors="replace") as f:
        for n, line in enumerate(f, 1):
            for m in LABEL.finditer(line):
                out.append((n, bool(m.group(1)), m.group(2)))
    return out


def findings(path):
    p = subprocess.run([fc, "-q", "-j", "1", path, "--"] + flags,
                       capture_output=True, text=True, errors="replace")
    hits = {"RACE": set(), "DEADLOCK": set()}
    cur = None
    for ln in p.stderr.splitlines():
        m = LOC.match(ln)
        if not m:
            continue
        file, line, kind, msg, check = m.group(1), int(m.group(2)), \
            m.group(4), m.group(5), m.group(6)
        if kind == "warning":
            cur = {"data-race": "RACE", "lock-order": "DEADLOCK",
                   "double-lock": "DEADLOCK"}.get(check)
            if cur and os.path.samefile(file, path):
                hits[cur].add(line)
            continue
        if not cur or not os.path.exists(file) or \
                not os.path.samefile(file, path):
            continue
        if (cur == "RACE" and msg.startswith("conflicting")) or \
           (cur == "DEADLOCK" and (msg.startswith("then '") or
                                   " acquires '" in msg)):
            hits[cur].add(line)
    return p.returncode, hits


def main(dirs):
    stats = {k: [0, 0, 0, 0] for k in ("RACE", "DEADLOCK")}  # tp fn fp tn
    skipped = 0
    files = 0
    for d in dirs:
        for root, _, names in os.walk(d):
            for n in sorted(names):
                if not n.endswith(".c"):
                    continue
                path = os.path.join(root, n)
                lab = labels(path)
                if not lab:
                    continue
                files += 1
                rc, hits = findings(path)
                if rc == 2:
                    skipped += 1
                    continue
                for line, neg, kind in lab:
                    hit = line in hits[kind]
                    s = stats[kind]
                    if not neg:
                        s[0 if hit else 1] += 1
                        if not hit and verbose:
                            print("miss  %s:%d %s" % (path, line, kind))
                    else:
                        s[2 if hit else 3] += 1
                        if hit and verbose:
                            print("false %s:%d %s" % (path, line, kind))
    print("files with labels: %d (%d not analysed: exit status 2)" %
          (files, skipped))
    for k, (tp, fn, fp, tn) in stats.items():
        pos, neg = tp + fn, fp + tn
        print("%-8s labelled %4d positive, %4d negative | found %4d "
              "(recall %5.1f%%) | false alarms %4d (%5.1f%% of negatives)"
              % (k, pos, neg, tp, 100.0 * tp / pos if pos else 0, fp,
                 100.0 * fp / neg if neg else 0))


if __name__ == "__main__":
    if len(sys.argv) < 2:
        print(__doc__)
        sys.exit(2)
    main(sys.argv[1:])
