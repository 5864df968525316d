#!/usr/bin/env python3
# SPDX-License-Identifier: MIT
"""Hostile inputs (issue 7): none crashes or hangs fearcheck, each gets a
clear message, the rest of the tree is still analysed, and fearcheck
writes nothing outside the paths it is given, executes nothing a compile
database names and lets no terminal escape through.

  hostile.py TEST   run one test; exit 0 pass, 1 fail

The inputs are generated here, in a scratch directory, never committed.
Environment: FEARCHECK, FC_SCRATCH (set by CMakeLists.txt).
"""

import json
import os
import stat
import subprocess
import sys

sys.path.insert(0, os.path.dirname(os.path.dirname(os.path.abspath(
    __file__))))
from testlib import Fail, check, main, run_bytes, scratch  # noqa: E402

FEARCHECK = os.path.abspath(os.environ.get("FEARCHECK", "fearcheck"))

# A program with one race, the witness that the rest was analysed.
GOOD = b"""#include <pthread.h>

int hits;

static void *worker(void *arg)
{
	(void)arg;
	hits++;
	return NULL;
}

int main(void)
{
	pthread_t t[2];
	for (int i = 0; i < 2; i++)
		pthread_create(&t[i], NULL, worker, NULL);
	for (int i = 0; i < 2; i++)
		pthread_join(t[i], NULL);
	return 0;
}
"""
GOOD_FINDING = "good-ko.c:8:2: warning: data race on 'hits'"


def write(path, data):
    with open(path, "wb") as f:
        f.write(data if isinstance(data, bytes) else data.encode())


def fc(args, cwd, timeout=900, env=None):
    return run_bytes([FEARCHECK] + args, cwd, env, timeout=timeout)


def text(b):
    return b.decode("utf-8", "replace")


def no_escapes(b, what):
    """No byte that drives a terminal: ESC, other C0 controls but \\t \\n,
    DEL, C1 controls in UTF-8 form."""
    for i, c in enumerate(b):
        if (c < 0x20 and c not in (9, 10)) or c == 0x7f:
            raise Fail("%s: control byte 0x%02x at %d: %r" %
                       (what, c, i, b[max(0, i - 40):i + 40]))
    check("\u009b" not in text(b) and "\u009d" not in text(b),
          what + ": a C1 control")


def snapshot(top):
    """Every path below top with its size and mtime."""
    out = {}
    for root, dirs, files in os.walk(top):
        for x in dirs + files:
            p = os.path.join(root, x)
            st = os.lstat(p)
            out[p] = (st.st_size, st.st_mtime_ns, stat.S_IFMT(st.st_mode))
    return out


def expect_skipped(err, name, words):
    lines = [l for l in text(err).splitlines() if name in l]
    check(lines, "no message about %s:\n%s" % (name, text(err)))
    check(any(all(w in l for w in words) for l in lines),
          "%s: the message does not say %s:\n%s" %
          (name, " and ".join(words), "\n".join(lines)))


def t_syntax():
    d = scratch("syntax")
    write(os.path.join(d, "good-ko.c"), GOOD)
    write(os.path.join(d, "comment.c"), "int x; /* never closed\nint y;\n")
    write(os.path.join(d, "string.c"),
          "const char *s = \"never closed;\nint y;\n")
    write(os.path.join(d, "char.c"), "int c = 'x;\n")
    write(os.path.join(d, "missing.c"),
          "#include \"no-such-header.h\"\nint z;\n")
    write(os.path.join(d, "if0.c"), "#if 1\nint w;\n")
    depth = 10000
    write(os.path.join(d, "deep-paren.c"),
          "int f(int x) { return " + "(" * depth + "x" + ")" * depth +
          "; }\n")
    write(os.path.join(d, "deep-block.c"),
          "void g(void) " + "{" * depth + "}" * depth + "\n")
    write(os.path.join(d, "deep-array.c"),
          "int a" + "[1]" * depth + ";\n")
    # Valid C, as deep: the parse and the analysis must both survive.
    write(os.path.join(d, "deep-if.c"),
          "int h(int x) {" + "if (x) " * depth + "x++; return x; }\n")
    write(os.path.join(d, "else-if.c"),
          "int e(int x) {" + "".join("if (x == %d) return %d; else " %
                                     (i, i) for i in range(depth)) +
          "return 0; }\n")
    write(os.path.join(d, "long-line.c"),
          "int l = 0" + " + 1" * 200000 + ";\n")
    rc, out, err = fc(["-q", "."], d)
    e = text(err)
    check(rc == 2, "rc %d, not 2 (some TUs skipped):\n%s" % (rc, e))
    check(GOOD_FINDING in e, "the good file was not analysed:\n" + e)
    expect_skipped(err, "comment.c", ["unterminated", "comment"])
    expect_skipped(err, "string.c", ["error"])
    expect_skipped(err, "char.c", ["error"])
    expect_skipped(err, "missing.c", ["no-such-header.h", "not found"])
    expect_skipped(err, "if0.c", ["unterminated", "conditional"])
    expect_skipped(err, "deep-paren.c", ["nesting"])
    expect_skipped(err, "deep-block.c", ["nesting"])
    for f in ("deep-if.c", "else-if.c", "long-line.c", "deep-array.c"):
        check(f + ": error" not in e and "crashed" not in e,
              "%s was not analysed:\n%s" % (f, e))
    check("crash" not in e and "signal" not in e, "a crash:\n" + e)
    check("7 of 12 translation units skipped" in e,
          "the count of skipped TUs:\n" + e)
    no_escapes(err, "stderr")


def t_big():
    """A 50 MB generated file: analysed, in bounded time and memory."""
    d = scratch("big")
    write(os.path.join(d, "good-ko.c"), GOOD)
    n = 0
    with open(os.path.join(d, "generated.c"), "w") as f:
        f.write("#include <pthread.h>\n"
                "static pthread_mutex_t m = PTHREAD_MUTEX_INITIALIZER;\n"
                "long total;\n")
        while f.tell() < 50 * 1024 * 1024:
            f.write("int f%d(int x)\n{\n\tpthread_mutex_lock(&m);\n"
                    "\ttotal += x + %d;\n\tpthread_mutex_unlock(&m);\n"
                    "\treturn x * %d;\n}\n" % (n, n, n))
            n += 1
    rc, out, err = fc(["-q", "."], d)
    e = text(err)
    check(rc == 1 and GOOD_FINDING in e,
          "rc %d; the good file:\n%s" % (rc, e[-3000:]))
    check(e.count("warning:") == 1, "findings in generated code:\n" +
          e[-3000:])


def t_names():
    """File names and source text with escapes and bytes not UTF-8."""
    d = scratch("names")
    evil = b"evil-\x1b[31mred\x1b[0m-\x07\x9b2J-\xff\xfe.c"
    src = GOOD.replace(b"int hits;",
                       b"/* \xff\xfe \xe9 \x1b[2J */\n"
                       b"const char *banner = \"\x1b]0;pwned\x07 \xff\";\n"
                       b"int hits;")
    write(os.path.join(d.encode(), evil), src)
    write(os.path.join(d, "caf\u00e9-ko.c"), GOOD)
    os.makedirs(os.path.join(d.encode(), b"dir-\x1b[1m"))
    write(os.path.join(d.encode(), b"dir-\x1b[1m", b"broken\x1b[5m.c"),
          b"int x = \x1b;\n")
    rc, out, err = fc(["."], d)
    no_escapes(err, "text report")
    e = text(err)
    check(rc == 2, "rc %d:\n%s" % (rc, e))
    check("evil-\\x1B[31mred" in e and "\\xFF\\xFE.c" in e,
          "the evil name is not shown escaped:\n" + e)
    check("caf\u00e9-ko.c:8:2: warning" in e, "UTF-8 names are kept:\n" + e)
    check("broken\\x1B[5m.c" in e, "the broken file's name:\n" + e)
    for fmt in ("json", "sarif"):
        rc2, out, err2 = fc(["-q", "--format", fmt, "."], d)
        no_escapes(out.replace(b"\n", b""), fmt)
        try:
            doc = json.loads(out.decode("utf-8"))
        except (UnicodeDecodeError, ValueError) as x:
            raise Fail("%s is not valid UTF-8 JSON: %s" % (fmt, x))
        check(doc, fmt + " is empty")
        check(rc2 == rc, "%s: rc %d" % (fmt, rc2))


def t_database():
    d = scratch("database")
    write(os.path.join(d, "good-ko.c"), GOOD)
    bad = {
        "truncated": '[{"directory": "%s", "file": "good-ko.c", '
                     '"command": "cc -c good-ko.c"' % d,
        "not-array": '{"directory": "x"}',
        "empty": "[]",
        "not-object": '[42]',
        "no-file": '[{"directory": "/", "command": "cc -c a.c"}]',
        "no-directory": '[{"file": "a.c", "command": "cc -c a.c"}]',
        "no-command": '[{"directory": "/", "file": "a.c"}]',
        "binary": b"\x00\xff\xfe[\x1b[31m",
        "nul-in-string": '[{"directory": "/", "file": "a\\u0000.c", '
                         '"command": "cc"}]',
    }
    for name, data in bad.items():
        sub = os.path.join(d, name)
        os.makedirs(sub)
        write(os.path.join(sub, "compile_commands.json"), data)
        rc, out, err = fc(["-p", sub], d)
        lines = text(err).strip().splitlines()
        check(rc == 2, "%s: rc %d:\n%s" % (name, rc, text(err)))
        check(len(lines) == 1 and "compile_commands.json" in lines[0] and
              "error" in lines[0], "%s: not one precise message:\n%s" %
              (name, text(err)))
        no_escapes(err, name)

    # Well formed, but hostile: nothing is run, nothing is written.
    out_dir = os.path.join(d, "out")
    os.makedirs(out_dir)
    os.makedirs(os.path.join(d, "dir.c"))
    os.mkfifo(os.path.join(d, "fifo.c"))
    pwned = os.path.join(d, "pwned")
    entries = [
        {"directory": d, "file": "good-ko.c",
         "command": "cc -o %s/evil.o -MD -MF %s/dep.d -save-temps "
                    "-ftime-trace -fplugin=%s/evil.so -Xclang -load -Xclang "
                    "%s/evil.so --serialize-diagnostics %s/diag "
                    "-fcrash-diagnostics-dir=%s -MJ %s/mj.json "
                    "-fprofile-generate=%s -c good-ko.c; touch %s1" %
                    ((out_dir,) * 8 + (pwned,))},
        {"directory": d, "file": "x.c",
         "arguments": ["/bin/sh", "-c", "touch %s2" % pwned]},
        {"directory": d, "file": "$(touch %s3).c" % pwned,
         "command": "cc -c `touch %s4` $(touch %s5)" % (pwned, pwned)},
        {"directory": "/nonexistent/dir", "file": "a.c",
         "command": "cc -c a.c"},
        {"directory": d, "file": "../../../../../../etc/shadow.c",
         "command": "cc -c ../../../../../../etc/shadow.c"},
        {"directory": d, "file": "dir.c", "command": "cc -c dir.c"},
        {"directory": d, "file": "fifo.c", "command": "cc -c fifo.c"},
        {"directory": d, "file": "/dev/zero.c", "command": "cc -c x"},
        {"directory": d, "file": "good-ko.c",
         "command": "cc -Xclang -emit-pch -o %s/x.pch -c good-ko.c" %
                    out_dir},
    ]
    with open(os.path.join(d, "compile_commands.json"), "w") as f:
        json.dump(entries, f)
    tmp = os.path.join(d, "tmp")
    os.makedirs(tmp)
    before = snapshot(d)
    rc, out, err = fc(["-p", "."], d, timeout=120,
                      env={"TMPDIR": tmp, "HOME": tmp})
    e = text(err)
    check(rc == 2 and GOOD_FINDING in e,
          "hostile entries: rc %d:\n%s" % (rc, e))
    check(snapshot(d) == before, "files changed: %s" %
          sorted(set(snapshot(d).items()) ^ set(before.items())))
    for f, why in (("x.c", "No such file"), ("dir.c", "directory"),
                   ("fifo.c", "not a regular file"),
                   ("/nonexistent/dir/a.c", "No such file")):
        expect_skipped(err, f, [why])
    no_escapes(err, "stderr")


def t_tree():
    """Symlink loops, dangling links, FIFOs, unreadable directories."""
    d = scratch("tree")
    write(os.path.join(d, "good-ko.c"), GOOD)
    os.makedirs(os.path.join(d, "a", "b"))
    os.symlink("../..", os.path.join(d, "a", "b", "up"))
    os.symlink("a/b/up/a", os.path.join(d, "loop"))
    os.symlink("self", os.path.join(d, "self"))
    os.symlink("nowhere.c", os.path.join(d, "dangling.c"))
    os.mkfifo(os.path.join(d, "fifo.c"))
    os.makedirs(os.path.join(d, "deep"))
    p = os.path.join(d, "deep")
    for _ in range(200):
        p = os.path.join(p, "d")
    os.makedirs(p)
    write(os.path.join(p, "deep.c"), "int deep;\n")
    # Headers that would block the parse or never end.
    os.mkfifo(os.path.join(d, "fifo.h"))
    write(os.path.join(d, "inc-fifo.c"), '#include "fifo.h"\nint a;\n')
    write(os.path.join(d, "inc-zero.c"), '#include "/dev/zero"\nint b;\n')
    write(os.path.join(d, "inc-stdin.c"), '#include "/dev/stdin"\nint c;\n')
    before = snapshot(d)
    # stdin is a pipe nobody writes to: reading it would hang.
    r, w = os.pipe()
    p = subprocess.Popen([FEARCHECK, "-q", "."], cwd=d, stdin=r,
                         stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    try:
        out, err = p.communicate(timeout=120)
    finally:
        os.close(w)
        os.close(r)
    e = text(err)
    check(p.returncode == 2 and GOOD_FINDING in e,
          "rc %d:\n%s" % (p.returncode, e))
    for f, h in (("inc-fifo.c", "fifo.h"), ("inc-zero.c", "/dev/zero"),
                 ("inc-stdin.c", "/dev/stdin")):
        expect_skipped(err, f, [h, "cannot open"])
    check("3 of 5 translation units skipped" in e, "skipped count:\n" + e)
    check(snapshot(d) == before, "the tree changed")


def t_writes():
    """Output goes where it is told, and nowhere else."""
    d = scratch("writes")
    src = os.path.join(d, "src")
    os.makedirs(src)
    write(os.path.join(src, "good-ko.c"), GOOD)
    out = os.path.join(d, "out")
    os.makedirs(out)
    tmp = os.path.join(d, "tmp")
    os.makedirs(tmp)
    env = {"TMPDIR": tmp, "HOME": tmp}
    before = snapshot(src)
    for args, made in (
            (["src"], []),
            (["--format", "sarif", "-o", "out/r.sarif", "src"],
             ["out/r.sarif"]),
            (["--format", "json", "-o", "out/r.json", "src"], ["out/r.json"]),
            (["--baseline-write", "out/base.json", "src"],
             ["out/base.json"]),
            (["--graph", "out/g.dot", "src"], ["out/g.dot"]),
            (["--emit-facts", "out/facts", "src"], ["out/facts"]),
            (["--cache", "out/cache", "src"], ["out/cache"])):
        was = set(os.listdir(d)) | {"out/" + x for x in os.listdir(out)}
        rc, o, e = fc(["-q"] + args, d, env=env)
        check(rc in (0, 1), "%s: rc %d: %s" % (args, rc, text(e)))
        now = set(os.listdir(d)) | {"out/" + x for x in os.listdir(out)}
        check(now - was <= set(made) and set(made) <= now,
              "%s wrote %s" % (args, sorted(now - was)))
        check(snapshot(src) == before, "%s changed the sources" % args)
        check(not os.listdir(tmp), "%s left files in TMPDIR: %s" %
              (args, os.listdir(tmp)))
    # An output path that cannot be written is an error, not a crash.
    rc, o, e = fc(["-q", "--format", "sarif", "-o", "no/such/dir/r.sarif",
                   "src"], d, env=env)
    check(rc == 2 and "no/such/dir/r.sarif" in text(e), "-o: %d %s" %
          (rc, text(e)))


TESTS = {"syntax": t_syntax, "big": t_big, "names": t_names,
         "database": t_database, "tree": t_tree, "writes": t_writes}


if __name__ == "__main__":
    sys.exit(main(TESTS, sys.argv))
