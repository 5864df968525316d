#!/usr/bin/env python3
# SPDX-License-Identifier: MIT
"""Tests of fearcheck at scale (issue 7): the facts cache, extraction as
build actions (--emit-facts, --depfile, --link) and the Make and Ninja
examples of docs/examples/distributed/.

  scale.py TEST     run one test; exit 0 pass, 1 fail, 77 skipped

Environment (set by testcases/scale/CMakeLists.txt): FEARCHECK,
FC_SOURCE_DIR (read only), FC_SCRATCH (a directory for this test).
"""

import os
import shutil
import sys

sys.path.insert(0, os.path.dirname(os.path.dirname(os.path.abspath(
    __file__))))
from testlib import SKIP, Fail, check, main, run, scratch  # noqa: E402

SRC = os.environ.get("FC_SOURCE_DIR") or os.path.dirname(
    os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
FEARCHECK = os.path.abspath(os.environ.get("FEARCHECK", "fearcheck"))
PROJ = os.path.join(SRC, "testcases", "scale", "data", "proj")
EXAMPLES = os.path.join(SRC, "docs", "examples", "distributed")


def fc(args, cwd, env=None):
    return run([FEARCHECK] + args, cwd, env)


def findings(err):
    """The report lines, without progress or statistics."""
    return [l for l in err.splitlines()
            if not l.startswith("fearcheck: ")]


def from_cache(err):
    """(cached, total) from the FEARCHECK_STATS line."""
    for l in err.splitlines():
        if l.endswith("translation units from the cache"):
            w = l.split()
            return int(w[1]), int(w[3])
    raise Fail("no cache statistics in:\n" + err)


def tree(d):
    """The project plus the data-race testcases: a tree of many TUs."""
    shutil.copytree(PROJ, os.path.join(d, "proj"))
    shutil.copytree(os.path.join(SRC, "testcases", "data-race"),
                    os.path.join(d, "races"))
    return d


def append(path, text):
    with open(path, "a") as f:
        f.write(text)


def t_cache():
    d = tree(scratch("cache"))
    stats = {"FEARCHECK_STATS": "1"}
    rc0, _, ref = fc(["-q", "."], d)
    check(rc0 == 1, "the tree has findings: %d" % rc0)
    rc, _, err = fc(["-q", "--cache", "cache", "."], d, stats)
    cached, total = from_cache(err)
    check(rc == 1 and cached == 0, "cold run: rc %d, %d cached" %
          (rc, cached))
    check(findings(err) == findings(ref), "cold run with --cache differs")
    rc, _, err = fc(["-q", "--cache", "cache", "."], d, stats)
    check(from_cache(err) == (total, total), "warm run: %s" %
          (from_cache(err),))
    check(findings(err) == findings(ref), "warm run differs")

    # One source edited: only its TU is extracted again.
    append(os.path.join(d, "proj", "stats.c"), "\nint stats_extra;\n")
    rc, _, err = fc(["-q", "--cache", "cache", "."], d, stats)
    check(from_cache(err) == (total - 1, total),
          "after editing one source: %s" % (from_cache(err),))
    check(findings(err) == findings(ref), "after an edit: differs")

    # A header: every TU that includes it (the project's three).
    append(os.path.join(d, "proj", "stats.h"), "\n/* edited */\n")
    rc, _, err = fc(["-q", "--cache", "cache", "."], d, stats)
    check(from_cache(err) == (total - 3, total),
          "after editing a header: %s" % (from_cache(err),))

    # An edit that changes the facts is seen.
    p = os.path.join(d, "proj", "stats.c")
    with open(p) as f:
        text = f.read()
    with open(p, "w") as f:
        f.write(text.replace("void stats_bump_fast(void)\n{\n\trequests++;",
                             "void stats_bump_fast(void)\n{\n\tstats_bump();"))
    rc, _, err = fc(["-q", "--cache", "cache", "proj"], d, stats)
    check(not any("data race on 'requests'" in l for l in findings(err)),
          "the fixed race is still reported from the cache:\n" + err)

    # Other flags, another configuration: nothing is reused.
    rc, _, err = fc(["-q", "--cache", "cache", ".", "--", "-DEXTRA=1"], d,
                    stats)
    check(from_cache(err)[0] == 0, "other flags reused the cache")
    with open(os.path.join(d, ".fearcheck"), "w") as f:
        f.write("[checks]\ndisable = [\"lock-leak\"]\n")
    rc, _, err = fc(["-q", "--cache", "cache", "."], d, stats)
    if rc != 2:
        check(from_cache(err)[0] == 0, "another configuration reused "
              "the cache")
    os.unlink(os.path.join(d, ".fearcheck"))
    # A --model file is configuration too.
    model = os.path.join(d, "queue.model")
    with open(model, "w") as f:
        f.write("channel-send = q_push(1, 2)\n")
    fc(["-q", "--cache", "cache", "--model", model, "."], d)
    rc, _, err = fc(["-q", "--cache", "cache", "--model", model, "."], d,
                    stats)
    check(from_cache(err)[0] == total, "same model: %s" %
          (from_cache(err),))
    with open(model, "w") as f:
        f.write("channel-send = q_push(1, 2)\nchannel-recv = q_pop(1, 0)\n")
    rc, _, err = fc(["-q", "--cache", "cache", "--model", model, "."], d,
                    stats)
    check(from_cache(err)[0] == 0, "an edited model reused the cache")

    # Damaged entries are misses, never wrong answers or crashes.
    rc, _, ref = fc(["-q", "--cache", "cache", "."], d)
    entries = sorted(os.listdir(os.path.join(d, "cache")))
    check(entries, "the cache is empty")
    for i, e in enumerate(entries):
        p = os.path.join(d, "cache", e)
        with open(p, "r+b") as f:
            data = f.read()
            f.seek(0)
            f.truncate()
            if i % 3 == 0:
                f.write(data[:len(data) // 2])
            elif i % 3 == 1:
                f.write(b"\x00garbage\xff" * 10)
    rc2, _, err = fc(["-q", "--cache", "cache", "."], d, stats)
    check(rc2 == rc, "damaged cache: rc %d, not %d:\n%s" % (rc2, rc, err))
    check(findings(err) == findings(ref), "damaged cache: report differs")

    # A cache that is not a directory is one clear error.
    open(os.path.join(d, "notadir"), "w").close()
    rc, _, err = fc(["-q", "--cache", "notadir", "."], d)
    check(rc == 2 and "--cache notadir: not a directory" in err,
          "--cache FILE: %d %s" % (rc, err))
    rc, _, err = fc(["-q", "--cache", "", "."], d)
    check(rc == 2 and "empty" in err, "--cache '': %d %s" % (rc, err))


def t_emit_link():
    d = tree(scratch("emit-link"))
    rc0, _, ref = fc(["-q", "."], d)
    rc, out, err = fc(["-q", "--emit-facts", "facts", "."], d)
    check(rc == 0 and not findings(err), "--emit-facts DIR runs no check: "
          "%d\n%s" % (rc, err))
    files = os.listdir(os.path.join(d, "facts"))
    check(len(files) == len({f.lower() for f in files}) and
          all(f.endswith(".facts") for f in files), "facts files: %s" %
          files)
    rc, _, err = fc(["-q", "--link", "facts"], d)
    check(rc == rc0 and findings(err) == findings(ref),
          "--link DIR differs from a direct run:\n" + err)
    # One TU to one file; the link step takes files in any order.
    names = []
    for f in ("main.c", "log.c", "stats.c"):
        out_ = os.path.join("one", f + ".facts")
        os.makedirs(os.path.join(d, "one"), exist_ok=True)
        rc, _, err = fc(["-q", "--emit-facts", out_, "--depfile",
                         out_ + ".d", os.path.join("proj", f)], d)
        check(rc == 0, "--emit-facts FILE: %d %s" % (rc, err))
        with open(os.path.join(d, out_ + ".d")) as df:
            rule = df.read()
        check(rule.startswith(out_ + ": ") and
              os.path.join(d, "proj", f) in rule and
              (f == "log.c" or "stats.h" in rule) and "pthread.h" in rule,
              "depfile: " + rule)
        names.append(out_)
    rc_p, _, ref_p = fc(["-q", "proj"], d)
    for order in (names, list(reversed(names))):
        rc, _, err = fc(["-q", "--link"] + order, d)
        check(rc == rc_p and sorted(findings(err)) ==
              sorted(findings(ref_p)), "--link FILES:\n" + err)
    # What --link refuses, clearly.
    with open(os.path.join(d, "bad.facts"), "w") as f:
        f.write("fearcheck-facts 4\ns 0 =x\nf 99 99 99\n")
    with open(os.path.join(d, "old.facts"), "w") as f:
        f.write("fearcheck-facts 1\n")
    for args, want in ((["--link", "bad.facts"], "bad.facts"),
                       (["--link", "old.facts"], "old.facts"),
                       (["--link", "missing.facts"], "missing.facts"),
                       (["--link"], "no facts files"),
                       (["--link", "--cache", "c", "one"], "--link"),
                       (["--depfile", "x.d", "proj"], "--depfile"),
                       (["--emit-facts", "x.facts", "--depfile", "x.d",
                         "proj"], "--depfile")):
        rc, _, err = fc(["-q"] + args, d)
        check(rc == 2 and want in err and err.count("error") == 1,
              "%s: rc %d:\n%s" % (args, rc, err))
    check(not os.path.exists(os.path.join(d, "x.d")),
          "a refused --depfile was written")


def build_example(tool, files):
    if not shutil.which(tool):
        return SKIP
    d = scratch("example-" + tool)
    for f in os.listdir(PROJ):
        shutil.copy(os.path.join(PROJ, f), d)
    for f in files:
        shutil.copy(os.path.join(EXAMPLES, f), d)
    env = {"PATH": os.path.dirname(FEARCHECK) + ":" + os.environ["PATH"]}
    argv = [tool, "-j2"] + (["-f", files[0]] if tool == "make" else [])
    rc, out, err = run(argv, d, env)
    text = out + err
    check(rc != 0, "%s check passed a tree with findings:\n%s" %
          (tool, text))
    check("data race on 'requests'" in text and
          "lock order inversion" in text,
          "%s: findings missing:\n%s" % (tool, text))
    facts = sorted(os.listdir(os.path.join(d, "facts")))
    check([f for f in facts if f.endswith(".facts")] ==
          ["log.facts", "main.facts", "stats.facts"], "facts: %s" % facts)
    stamp = {f: os.stat(os.path.join(d, "facts", f)).st_mtime_ns
             for f in facts if f.endswith(".facts")}
    # Touch a header: the TUs that include it are extracted again, not
    # log.c's... which also includes it; touch a source then.
    os.utime(os.path.join(d, "log.c"))
    rc, out, err = run(argv, d, env)
    again = {f: os.stat(os.path.join(d, "facts", f)).st_mtime_ns
             for f in stamp}
    check(again["log.facts"] != stamp["log.facts"] and
          again["main.facts"] == stamp["main.facts"] and
          again["stats.facts"] == stamp["stats.facts"],
          "%s re-extracted %s after touching log.c" %
          (tool, [f for f in stamp if again[f] != stamp[f]]))
    os.utime(os.path.join(d, "stats.h"))
    rc, out, err = run(argv, d, env)
    third = {f: os.stat(os.path.join(d, "facts", f)).st_mtime_ns
             for f in stamp}
    check(all(third[f] != again[f] for f in stamp),
          "%s did not re-extract after a header changed" % tool)
    # Fix the race and the inversion: the check passes.
    p = os.path.join(d, "stats.c")
    with open(p) as f:
        text = f.read()
    with open(p, "w") as f:
        f.write(text.replace("\trequests++;\n}\n\nvoid stats_bump_fast",
                             "\trequests++;\n}\n\nvoid stats_bump_fast")
                .replace("void stats_bump_fast(void)\n{\n\trequests++;",
                         "void stats_bump_fast(void)\n{\n\tstats_bump();"))
    p = os.path.join(d, "main.c")
    with open(p) as f:
        text = f.read()
    with open(p, "w") as f:
        f.write(text.replace("pthread_mutex_lock(&stats_lock);\n"
                             "\tpthread_mutex_lock(&log_lock);",
                             "pthread_mutex_lock(&log_lock);\n"
                             "\tpthread_mutex_lock(&stats_lock);")
                .replace("pthread_mutex_unlock(&log_lock);\n"
                         "\tpthread_mutex_unlock(&stats_lock);",
                         "pthread_mutex_unlock(&stats_lock);\n"
                         "\tpthread_mutex_unlock(&log_lock);"))
    rc, out, err = run(argv, d, env)
    check(rc == 0, "%s: the fixed tree still fails:\n%s" %
          (tool, out + err))
    return 0


def t_make():
    return build_example("make", ["Makefile"])


def t_ninja():
    return build_example("ninja", ["build.ninja"])


TESTS = {"cache": t_cache, "emit-link": t_emit_link, "make": t_make,
         "ninja": t_ninja}


if __name__ == "__main__":
    sys.exit(main(TESTS, sys.argv))
