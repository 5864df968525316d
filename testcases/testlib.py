# SPDX-License-Identifier: MIT
"""What the scripted tests share (tools/ci.py, scale/scale.py,
hostile/hostile.py): failures, scratch directories, running a command,
and the `SCRIPT TEST` entry point (exit 0 pass, 1 fail, 77 skipped)."""

import os
import shutil
import subprocess
import sys

SKIP = 77


class Fail(Exception):
    pass


def check(cond, what):
    if not cond:
        raise Fail(what)


def scratch(name):
    """A fresh directory for one test: FC_SCRATCH/name (ctest gives each
    test its own FC_SCRATCH below the build tree)."""
    base = os.environ.get("FC_SCRATCH") or os.path.join(
        "/tmp", "fearcheck-test-%d" % os.getpid())
    d = os.path.join(base, name)
    if os.path.exists(d):
        # A test may leave directories it made unwritable.
        for root, dirs, _ in os.walk(d):
            for x in dirs:
                os.chmod(os.path.join(root, x), 0o755)
        shutil.rmtree(d)
    os.makedirs(d)
    return d


def run_bytes(argv, cwd, env=None, stdin=subprocess.DEVNULL, timeout=600):
    """(status, stdout, stderr) as bytes."""
    e = dict(os.environ)
    e.update(env or {})
    p = subprocess.run(argv, cwd=cwd, env=e, stdin=stdin,
                       capture_output=True, timeout=timeout)
    return p.returncode, p.stdout, p.stderr


def run(argv, cwd, env=None, stdin=subprocess.DEVNULL, timeout=600):
    """(status, stdout, stderr) decoded as UTF-8."""
    rc, out, err = run_bytes(argv, cwd, env, stdin, timeout)
    return (rc, out.decode("utf-8", "replace"),
            err.decode("utf-8", "replace"))


def main(tests, argv):
    """Runs tests[argv[1]]; it passes unless it raises Fail (or a command
    times out) and may return SKIP."""
    name = os.path.basename(argv[0])
    if len(argv) != 2 or argv[1] not in tests:
        sys.stderr.write("usage: %s {%s}\n" % (name, ",".join(sorted(tests))))
        return 2
    try:
        rc = tests[argv[1]]()
    except Fail as e:
        print("FAIL: %s: %s" % (argv[1], e))
        return 1
    except subprocess.TimeoutExpired as e:
        print("FAIL: %s: a command hung: %s" % (argv[1], e))
        return 1
    if rc == SKIP:
        print("SKIP: %s" % argv[1])
        return SKIP
    print("PASS: %s" % argv[1])
    return 0
