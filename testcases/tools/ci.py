#!/usr/bin/env python3
# SPDX-License-Identifier: MIT
"""Tests of fearcheck as a CI lint step (issue 6): report formats,
baselines, configuration, --explain, progress, and the integrations in
docs/ci/ and cmake/, each tried on a copy of testcases/tools/data/sample.

  ci.py TEST        run one test (see TESTS below); exit 0 pass, 1 fail,
                    77 skipped (a tool the test needs is missing)

Environment (set by testcases/tools/CMakeLists.txt):
  FEARCHECK      the fearcheck to test
  FC_SOURCE_DIR  the project's source tree (read only: nothing is written
                 there)
  FC_BUILD_DIR   the project's build tree (install test)
  FC_SCRATCH     a directory for this test's files (made afresh)
"""

import json
import os
import pty
import re
import select
import shutil
import subprocess
import sys

sys.path.insert(0, os.path.dirname(os.path.dirname(os.path.abspath(
    __file__))))
from testlib import SKIP, Fail, check, main, run, scratch  # noqa: E402

SRC = os.environ.get("FC_SOURCE_DIR") or os.path.dirname(
    os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
FEARCHECK = os.environ.get("FEARCHECK", "fearcheck")
DATA = os.path.join(SRC, "testcases", "tools", "data")


def fc(args, cwd, env=None):
    return run([FEARCHECK] + args, cwd, env)


def sample(dest, git=False):
    """A copy of the sample repository at dest (optionally a git repo)."""
    shutil.copytree(os.path.join(DATA, "sample"), dest)
    if git:
        for cmd in (["git", "init", "-q"],
                    ["git", "config", "user.email", "ci@example.invalid"],
                    ["git", "config", "user.name", "ci"],
                    ["git", "add", "."],
                    ["git", "commit", "-q", "-m", "sample"]):
            rc, out, err = run(cmd, dest)
            check(rc == 0, "%s: %s" % (" ".join(cmd), err))
    return dest


def edit(path, old, new):
    with open(path) as f:
        text = f.read()
    check(old in text, "%s: no %r to replace" % (path, old))
    with open(path, "w") as f:
        f.write(text.replace(old, new, 1))


def prepend(path, lines):
    with open(path) as f:
        text = f.read()
    with open(path, "w") as f:
        f.write("".join("// %s\n" % l for l in lines) + text)


# The race every "add a new race" step adds to the sample: a hit counter
# that every worker bumps without a lock.
NEW_RACE_OLD = "\tfor (int i = 0; i < 1000; i++) {\n"
NEW_RACE_NEW = "\thits++;\n" + NEW_RACE_OLD
NEW_RACE_MSG = "data race on 'hits'"


def add_new_race(repo):
    main = os.path.join(repo, "src", "main.c")
    edit(main, "static void *worker", "static int hits;\n\nstatic void *worker")
    edit(main, NEW_RACE_OLD, NEW_RACE_NEW)


def warnings(stderr):
    return [l for l in stderr.splitlines() if ": warning: " in l]


# ------------------------------------------------------------- schemas

def load(path):
    with open(path, encoding="utf-8") as f:
        return json.load(f)


def schema_errors(doc, schema_file):
    import jsonschema
    schema = load(os.path.join(DATA, schema_file))
    cls = jsonschema.validators.validator_for(schema)
    cls.check_schema(schema)
    v = cls(schema, format_checker=jsonschema.FormatChecker())
    return ["%s: %s" % ("/".join(str(p) for p in e.absolute_path), e.message)
            for e in v.iter_errors(doc)]


SARIF_SCHEMAS = ("sarif-schema-2.1.0.json", "sarif-2.1.0-rtm.5.json")


def github_rules(doc):
    """What GitHub code scanning requires beyond the schema (its "SARIF
    support for code scanning" page): rules with descriptions and help,
    results with a rule, a message, one physical location relative to
    the checkout with a start line, and partial fingerprints that tell
    results apart."""
    problems = []
    runs = doc.get("runs") or []
    if len(runs) != 1:
        problems.append("expected one run")
        return problems
    r = runs[0]
    drv = r["tool"]["driver"]
    for k in ("name", "version", "informationUri"):
        if not drv.get(k):
            problems.append("driver has no " + k)
    ids = [x["id"] for x in drv.get("rules", [])]
    if len(ids) != len(set(ids)):
        problems.append("duplicate rule ids")
    for x in drv.get("rules", []):
        for k in ("shortDescription", "fullDescription", "help"):
            if not (x.get(k) or {}).get("text"):
                problems.append("rule %s has no %s.text" % (x["id"], k))
        if not re.match(r"^https?://", x.get("helpUri", "")):
            problems.append("rule %s helpUri is not absolute" % x["id"])
    base = (r.get("originalUriBaseIds") or {}).get("SRCROOT", {}).get("uri")
    if not (base and base.startswith("file:///") and base.endswith("/")):
        problems.append("SRCROOT is not an absolute file: URI ending in /")
    seen = set()
    for i, res in enumerate(r.get("results", [])):
        where = "result %d" % i
        if res.get("ruleId") not in ids:
            problems.append(where + ": ruleId not among the rules")
        elif ids[res.get("ruleIndex", -1)] != res["ruleId"]:
            problems.append(where + ": ruleIndex does not match ruleId")
        if not res.get("message", {}).get("text"):
            problems.append(where + ": no message text")
        locs = res.get("locations") or []
        if len(locs) != 1:
            problems.append(where + ": not exactly one location")
        for loc in locs + res.get("relatedLocations", []):
            pl = loc.get("physicalLocation") or {}
            uri = pl.get("artifactLocation", {}).get("uri", "")
            if not uri or ".." in uri.split("/"):
                problems.append(where + ": bad uri %r" % uri)
            if not uri.startswith("file:") and \
                    pl["artifactLocation"].get("uriBaseId") != "SRCROOT":
                problems.append(where + ": relative uri without SRCROOT")
            if pl.get("region", {}).get("startLine", 0) < 1:
                problems.append(where + ": no startLine")
        rel_ids = [x.get("id") for x in res.get("relatedLocations", [])]
        if len(rel_ids) != len(set(rel_ids)):
            problems.append(where + ": duplicate relatedLocation ids")
        for cf in res.get("codeFlows", []):
            for tf in cf["threadFlows"]:
                if not tf["locations"]:
                    problems.append(where + ": empty thread flow")
        fp = (res.get("partialFingerprints") or {}).get("fearcheck/v1")
        if not fp:
            problems.append(where + ": no partialFingerprints")
        key = (res.get("ruleId"), fp)
        if key in seen:
            problems.append(where + ": partial fingerprint repeated")
        seen.add(key)
    return problems


def valid_sarif(path):
    doc = load(path)
    errs = []
    for s in SARIF_SCHEMAS:
        errs += ["%s: %s" % (s, e) for e in schema_errors(doc, s)]
    errs += ["github: " + e for e in github_rules(doc)]
    check(not errs, "%s is not valid SARIF:\n  %s" % (path, "\n  ".join(errs)))
    return doc


def results(doc):
    return doc["runs"][0]["results"]


# --------------------------------------------------------------- tests

RT_PROGRAM = r"""#include <pthread.h>

static pthread_mutex_t accounts = PTHREAD_MUTEX_INITIALIZER;
static pthread_mutex_t audit = PTHREAD_MUTEX_INITIALIZER;

static void *post(void *arg)
{
	pthread_mutex_lock(&accounts);
	pthread_mutex_lock(&audit);
	pthread_mutex_unlock(&audit);
	pthread_mutex_unlock(&accounts);
	return arg;
}

static void *review(void *arg)
{
	pthread_mutex_lock(&audit);
	pthread_mutex_lock(&accounts);	/* MARK */
	pthread_mutex_unlock(&accounts);
	pthread_mutex_unlock(&audit);
	return arg;
}

int main(void)
{
	pthread_t t;
	pthread_create(&t, NULL, post, NULL);
	pthread_join(t, NULL);
	pthread_create(&t, NULL, review, NULL);
	pthread_join(t, NULL);
	return 0;
}
"""


NESTED_LIB = r"""#include <pthread.h>

static pthread_mutex_t big = PTHREAD_MUTEX_INITIALIZER;
long served;

void my_lock(pthread_mutex_t *m) { pthread_mutex_lock(m); }
void my_unlock(pthread_mutex_t *m) { pthread_mutex_unlock(m); }

/* Run by the framework on threads of its own. */
void on_request(void)
{
	my_lock(&big);
	served++;
	my_unlock(&big);
}

void on_stats(void)
{
	served = 0;
}
"""


def t_nested_config():
    """A .fearcheck below the scanned directory describes its code's
    functions (thread entries, lock wrappers) for a run of the whole tree;
    run policy stays the top file's."""
    d = scratch("nested-config")
    lib = os.path.join(d, "src", "server")
    os.makedirs(lib)
    with open(os.path.join(lib, "handlers.c"), "w") as f:
        f.write(NESTED_LIB)
    with open(os.path.join(lib, ".fearcheck"), "w") as f:
        f.write("thread-entry = on_request, on_stats\n"
                "lock-acquire = my_lock\nlock-release = my_unlock\n"
                "disable = data-race\n")
    rc, out, err = fc(["-q", "src"], d)
    check(rc == 1 and "handlers.c:13:2: warning: data race on 'served': "
          "write in thread 'on_request' holding 'big'" in err and
          "conflicting write in thread 'on_stats' holding no lock" in err,
          "nested thread entries and wrappers: rc %d:\n%s" % (rc, err))
    check("'disable' is read only from the top configuration" in err,
          "no word about the ignored key:\n" + err)
    # Without it: no thread entries, so no race at all.
    os.rename(os.path.join(lib, ".fearcheck"), os.path.join(d, "saved"))
    rc, out, err = fc(["-q", "src"], d)
    check(rc == 0, "without the nested file: %d %s" % (rc, err))
    os.rename(os.path.join(d, "saved"), os.path.join(lib, ".fearcheck"))
    # The cache sees an edit of the nested file.
    env = {"FEARCHECK_STATS": "1"}
    fc(["-q", "--cache", "c", "src"], d)
    rc, out, err = fc(["-q", "--cache", "c", "src"], d, env)
    check("1 of 1 translation units from the cache" in err, err)
    edit(os.path.join(lib, ".fearcheck"), "on_stats", "on_stats, on_idle")
    rc, out, err = fc(["-q", "--cache", "c", "src"], d, env)
    check("0 of 1 translation units from the cache" in err,
          "an edited nested configuration reused the cache:\n" + err)
    return 0


def t_runtime_log():
    """fearcheck run --log, then --runtime-log: the tracker's reports as
    findings, in SARIF, baselines and suppression comments alike."""
    d = scratch("runtime-log")
    src = os.path.join(d, "bank.c")
    with open(src, "w") as f:
        f.write(RT_PROGRAM)
    cc = os.environ.get("FC_CC") or shutil.which("cc") or shutil.which("gcc")
    if not cc:
        return SKIP
    rc, out, err = run([cc, "-g", "-O0", "-pthread", "bank.c", "-o", "bank"],
                       d)
    check(rc == 0, "cc: " + err)
    rc, out, err = fc(["run", "--log", "rt.jsonl", "--", "./bank"], d)
    if "cannot find" in err and "libfearcheck-rt" in err:
        return SKIP
    check(rc == 1, "fearcheck run: rc %d: %s" % (rc, err))
    # Text: one finding at the second lock of the inversion.
    mark = RT_PROGRAM.split("\n").index(
        "\tpthread_mutex_lock(&accounts);\t/* MARK */") + 1
    rc, out, err = fc(["--runtime-log", "rt.jsonl"], d)
    w = warnings(err)
    check(rc == 1 and len(w) == 1 and w[0].startswith("bank.c:%d: " % mark)
          and "[runtime]" in w[0] and "'accounts'" in w[0],
          "--runtime-log: rc %d:\n%s" % (rc, err))
    # SARIF: valid, rule runtime, one result.
    rc, out, err = fc(["-q", "--runtime-log", "rt.jsonl", "--format",
                       "sarif", "-o", "rt.sarif"], d)
    doc = valid_sarif(os.path.join(d, "rt.sarif"))
    res = results(doc)
    check(len(res) == 1 and res[0]["ruleId"] == "runtime",
          "SARIF results: %s" % res)
    # With the static checks: sequential threads, no static inversion.
    rc, out, err = fc(["--runtime-log", "rt.jsonl", "bank.c"], d)
    check(len(warnings(err)) == 1, "static + runtime:\n" + err)
    # A baseline accepts it; a suppression comment silences it.
    rc, out, err = fc(["-q", "--runtime-log", "rt.jsonl",
                       "--baseline-write", "base.json"], d)
    rc, out, err = fc(["-q", "--runtime-log", "rt.jsonl", "--baseline",
                       "base.json"], d)
    check(rc == 0 and not warnings(err), "baselined: %d %s" % (rc, err))
    edit(src, "/* MARK */", "// fearcheck-ignore[runtime]: audited")
    rc, out, err = fc(["-q", "--runtime-log", "rt.jsonl"], d)
    check(rc == 0 and not warnings(err), "suppressed: %d %s" % (rc, err))
    rc, out, err = fc(["-q", "--runtime-log", "rt.jsonl", "--disable",
                       "runtime"], d)
    check(rc == 0, "--disable runtime: %d %s" % (rc, err))
    # Not a log: one message, status 2.
    with open(os.path.join(d, "bad.jsonl"), "w") as f:
        f.write('{"tool": "fearcheck-rt", "type": "double-lock", '
                '"locks": [], "lock": 3}\n')
    for log, want in (("bad.jsonl", "bad.jsonl:1: not a report"),
                      ("bank.c", "bank.c:1:"), ("missing.jsonl",
                                                "cannot read")):
        rc, out, err = fc(["-q", "--runtime-log", log], d)
        check(rc == 2 and want in err and err.count("error") == 1,
              "%s: rc %d: %s" % (log, rc, err))
    return 0


def t_sarif():
    """SARIF from several programs validates against both SARIF 2.1.0
    schemas and GitHub's rules; a broken log does not (the validator
    works); notes become related locations and a code flow; columns are
    UTF-16 units; odd file names are percent-encoded."""
    d = scratch("sarif")
    tc = os.path.join(SRC, "testcases")
    for i, case in enumerate(["lock-order/abba-ko.c",
                              "data-race/global-counter-ok.c"]):
        out = os.path.join(d, "case%d.sarif" % i)
        rc, _, err = fc(["-q", "--format", "sarif", "-o", out, case], tc)
        check(rc in (0, 1), "%s: exit %d: %s" % (case, rc, err))
        valid_sarif(out)
    doc = load(os.path.join(d, "case0.sarif"))
    res = results(doc)
    check(len(res) == 1 and res[0]["ruleId"] == "lock-order",
          "abba-ko: one lock-order result expected")
    check(len(res[0]["relatedLocations"]) == 6, "abba-ko: 6 notes expected")
    steps = res[0]["codeFlows"][0]["threadFlows"][0]["locations"]
    check(len(steps) == 7, "abba-ko: the code flow walks warning + 6 notes")
    check(res[0]["locations"][0]["logicalLocations"][0]["name"] ==
          "warn_a_then_b", "abba-ko: enclosing function")
    check(not results(load(os.path.join(d, "case1.sarif"))),
          "an ok program has no results")

    # The validator rejects what it must.
    bad = load(os.path.join(d, "case0.sarif"))
    del bad["version"]
    check(schema_errors(bad, SARIF_SCHEMAS[0]) and
          schema_errors(bad, SARIF_SCHEMAS[1]), "schemas accept a log "
          "without version: the validator does not work")

    # A non-ASCII line and a file name that needs percent-encoding.
    src = os.path.join(d, "odd dir")
    os.makedirs(src)
    with open(os.path.join(src, "r\u00e9sum\u00e9.c"), "w",
              encoding="utf-8") as f:
        f.write("#include <pthread.h>\nstatic int n;\n"
                "static void *w(void *a)\n{\n"
                "\t/* \u00e9\u00e9 \U0001F600 */ n++;\n"
                "\treturn a;\n}\nint main(void)\n{\n\tpthread_t t[2];\n"
                "\tfor (int i = 0; i < 2; i++)\n"
                "\t\tpthread_create(&t[i], 0, w, 0);\n"
                "\treturn 0;\n}\n")
    out = os.path.join(d, "odd.sarif")
    rc, _, err = fc(["-q", "--format", "sarif", "-o", out, "odd dir"], d)
    check(rc == 1, "odd: exit %d: %s" % (rc, err))
    doc = valid_sarif(out)
    loc = results(doc)[0]["locations"][0]["physicalLocation"]
    check(loc["artifactLocation"]["uri"] == "odd%20dir/r%C3%A9sum%C3%A9.c",
          "uri not percent-encoded: %s" % loc["artifactLocation"]["uri"])
    # "\t/* éé 😀 */ n++": byte column 18, UTF-16 column 14.
    check(loc["region"]["startColumn"] == 14,
          "UTF-16 column: %s" % loc["region"])

    # The sample through its compilation database, report on stdout.
    repo = sample(os.path.join(d, "sample"))
    rc, _, err = run(["cmake", "-S", ".", "-B", "build",
                      "-DCMAKE_EXPORT_COMPILE_COMMANDS=ON"], repo)
    check(rc == 0, "cmake: " + err)
    rc, out, err = fc(["-p", "build", "--format", "sarif"], repo)
    check(rc == 1 and not warnings(err), "sarif on stdout: text only with "
          "-o (exit %d)" % rc)
    with open(os.path.join(d, "stdout.sarif"), "w") as f:
        f.write(out)
    doc = valid_sarif(os.path.join(d, "stdout.sarif"))
    check([r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"]
           for r in results(doc)] == ["src/stats.c"], "sample: one result "
          "in src/stats.c")


def t_json():
    """--format json validates against fearcheck's own schema and says
    what the text form says."""
    d = scratch("json")
    tc = os.path.join(SRC, "testcases")
    cases = ["lock-order/abba-ko.c", "data-race/global-counter-ok.c",
             "lock-order/abbcca-ko.c"]
    for case in cases:
        out = os.path.join(d, "r.json")
        rc, _, err = fc(["--format", "json", "-o", out, case], tc)
        check(rc in (0, 1), "%s: exit %d" % (case, rc))
        doc = load(out)
        errs = schema_errors(doc, "fearcheck-report.schema.json")
        check(not errs, "%s: %s" % (case, errs))
        rc2, _, text = fc([case], tc)
        check(rc2 == rc, "%s: json and text exit differently" % case)
        # The text copy on stderr is the text form itself.
        check(err == text, "%s: -o json: stderr is not the text form" % case)
        lines = []
        for f in doc["findings"]:
            def at(loc):
                return "%s:%d:%d: " % (loc["file"], loc["line"],
                                       loc["column"])
            lines.append("%swarning: %s [%s]" % (at(f["location"]),
                                                f["message"], f["check"]))
            lines += ["%snote: %s" % (at(n["location"]), n["message"])
                      for n in f["notes"]]
        check(lines == text.splitlines(), "%s: json differs from text:\n%s"
              % (case, "\n".join(lines)))
        check(doc["summary"]["findings"] == len(doc["findings"]),
              "summary count")
    rc, out, err = fc(["-q", "--format", "json", "lock-order/abba-ko.c"], tc)
    check(rc == 1 and not err and load_str(out)["findings"],
          "json on stdout, quiet stderr")


def load_str(s):
    return json.loads(s)


def t_baseline():
    """Write a baseline, move every line, still nothing new; add a race:
    exactly it is reported; malformed baselines: one message, exit 2."""
    d = scratch("baseline")
    repo = sample(os.path.join(d, "sample"))
    bl = os.path.join(d, "base.json")
    rc, out, err = fc(["--baseline-write", bl, "src"], repo)
    check(rc == 0 and not warnings(err), "--baseline-write: exit %d %s"
          % (rc, err))
    doc = load(bl)
    check(not schema_errors(doc, "fearcheck-baseline.schema.json"),
          "baseline schema")
    check(len(doc["findings"]) == 1 and
          doc["findings"][0]["function"] == "stats_add",
          "baseline holds the race in stats_add: %s" % doc)
    with open(bl) as f:
        first = f.read()

    # Unrelated edits move every line of both files.
    prepend(os.path.join(repo, "src", "stats.c"), ["moved"] * 7)
    prepend(os.path.join(repo, "src", "main.c"), ["moved too"] * 3)
    edit(os.path.join(repo, "src", "stats.c"), "long stats_total(void)",
         "static int unrelated(void)\n{\n\treturn 1;\n}\n\n"
         "long stats_total(void)")
    rc, out, err = fc(["--baseline", bl, "src"], repo)
    check(rc == 0 and not err, "after moving lines: exit %d:\n%s"
          % (rc, err))
    rc, _, err = fc(["src"], repo)
    check(rc == 1 and "src/stats.c:23:" in err, "the race did move: " + err)
    bl2 = os.path.join(d, "base2.json")
    fc(["-q", "--baseline-write", bl2, "src"], repo)
    with open(bl2) as f:
        check(f.read() == first, "a rewritten baseline changed")

    # A new race fails, and only it is reported, in every format.
    add_new_race(repo)
    rc, out, err = fc(["--baseline", bl, "src"], repo)
    w = warnings(err)
    check(rc == 1 and len(w) == 1 and NEW_RACE_MSG in w[0],
          "new race: exit %d:\n%s" % (rc, err))
    sarif = os.path.join(d, "new.sarif")
    rc, _, _ = fc(["-q", "--baseline", bl, "--format", "sarif", "-o", sarif,
                   "src"], repo)
    res = results(valid_sarif(sarif))
    check(rc == 1 and len(res) == 1 and
          NEW_RACE_MSG in res[0]["message"]["text"], "new race in SARIF")

    # A fingerprint listed once accepts one finding: a second copy of the
    # legacy race in the same function is new.
    edit(os.path.join(repo, "src", "stats.c"), "\trequests++;\n",
         "\trequests++;\n\tif (n == 7)\n\t\trequests++;\n")
    rc, out, err = fc(["-q", "--format", "json", "--baseline", bl, "src"],
                      repo)
    rep = load_str(out)
    msgs = [f["message"] for f in rep["findings"]]
    check(rc == 1 and rep["summary"]["baselined"] == 1 and
          sum("'requests'" in m for m in msgs) >= 1,
          "multiset: %s" % msgs)

    # Malformed baselines: one precise message, exit 2.
    bad = {
        "notjson.json": ('{"format": "fearcheck-baseline",',
                         "notjson.json:1:32: malformed baseline:"),
        "format.json": ('{"format": "x", "version": 1, "findings": []}',
                        "\"format\" must be \"fearcheck-baseline\""),
        "version.json": ('{"format": "fearcheck-baseline", "version": 9, '
                         '"findings": []}', "baseline version 9 is not "
                         "supported"),
        "list.json": ('{"format": "fearcheck-baseline", "version": 1, '
                      '"findings": {}}', "\"findings\" must be an array"),
        "fp.json": ('{"format": "fearcheck-baseline", "version": 1, '
                    '"findings": [{"fingerprint": "abc"}]}',
                    "findings[0] has no \"fingerprint\" of 16 hex digits"),
    }
    for name, (text, want) in sorted(bad.items()):
        with open(os.path.join(d, name), "w") as f:
            f.write(text)
        rc, out, err = fc(["--baseline", os.path.join(d, name), "src"], d)
        check(rc == 2 and len(err.splitlines()) == 1 and want in err,
              "%s: exit %d: %r" % (name, rc, err))
    rc, _, err = fc(["--baseline", "missing.json", "src"], repo)
    check(rc == 2 and len(err.splitlines()) == 1 and
          "missing.json" in err, "missing baseline: %r" % err)
    rc, _, err = fc(["--baseline-write", "no/such/dir/b.json", "src"], repo)
    check(rc == 2 and len(err.splitlines()) == 1 and "cannot write" in err,
          "unwritable baseline: %r" % err)


def t_config():
    """.fearcheck: found where documented, applied, overridden by the
    command line; every malformed form is one precise message, exit 2."""
    d = scratch("config")
    repo = sample(os.path.join(d, "sample"))
    cfg = os.path.join(repo, ".fearcheck")
    with open(cfg, "w") as f:
        f.write("# fearcheck configuration\n"
                "version = 1\n"
                "disable = data-race   # the legacy race, for now\n"
                "exclude = vendor, build/\n"
                "thread-entry = on_request, uv_cb\n"
                "lock-acquire = my_lock, spin_take(2)\n"
                "lock-acquire-shared = rd_lock\n"
                "lock-try-acquire = try_take\n"
                "lock-release = my_unlock(1)\n"
                "channel-send = q_push(1, 2)\n"
                "channel-recv = q_pop(1, 0)\n"
                "channel-drop-sender = q_close\n"
                "docs-url = https://example.invalid/docs/checks\n")
    # Found in the current directory.
    rc, _, err = fc(["src"], repo, {"FEARCHECK_DUMP_CONFIG": "1"})
    check(rc == 0 and not warnings(err), "config disables data-race: %s" % err)
    want = ["config: thread-entry on_request", "config: thread-entry uv_cb",
            "config: lock acquire my_lock arg 0",
            "config: lock acquire spin_take arg 1",
            "config: lock acquire-shared rd_lock arg 0",
            "config: lock try-acquire try_take arg 0",
            "config: lock release my_unlock arg 0",
            "config: channel op 0 q_push handle 0 msg 1",
            "config: channel op 1 q_pop handle 0 msg -1",
            "config: channel op 5 q_close handle 0 msg -1",
            "config: check data-race off",
            "config: exclude %s/vendor" % os.path.realpath(repo)]
    for w in want:
        check(w in err.splitlines(), "dump lacks %r:\n%s" % (w, err))
    # Found in the first PATH when that is a directory.
    rc, _, err = fc([repo], d)
    check(rc == 0, "config in the first PATH: exit %d %s" % (rc, err))
    # The command line wins; --config /dev/null reads nothing.
    rc, _, err = fc(["--enable", "data-race", "src"], repo)
    check(rc == 1 and len(warnings(err)) == 1, "--enable wins: %s" % err)
    rc, _, err = fc(["--config", "/dev/null", "src"], repo)
    check(rc == 1, "--config /dev/null")
    # docs-url reaches SARIF's helpUri.
    out = os.path.join(d, "c.sarif")
    fc(["-q", "--enable", "data-race", "--format", "sarif", "-o", out,
        "src"], repo)
    rule = valid_sarif(out)["runs"][0]["tool"]["driver"]["rules"][0]
    check(rule["helpUri"] ==
          "https://example.invalid/docs/checks/data-race.md", rule["helpUri"])
    # Excluded paths leave files out.
    os.makedirs(os.path.join(repo, "vendor"))
    shutil.copy(os.path.join(repo, "src", "stats.c"),
                os.path.join(repo, "vendor", "copy.c"))
    rc, _, err = fc(["--enable", "data-race", "."], repo)
    check(rc == 1 and "vendor/" not in err, "exclude: %s" % err)

    bad = [
        ("enable = data-racer\n",
         "bad:1:10: error: unknown check 'data-racer' (see --list-checks)"),
        ("frobnicate = 1\n",
         "bad:1:1: error: unknown key 'frobnicate' (see docs/usage.md, "
         "\"Configuration file\")"),
        ("# ok\n\nenable data-race\n",
         "bad:3:1: error: expected 'key = value'"),
        ("[checks]\n",
         "bad:1:1: error: sections are not used: write 'key = value' lines"),
        ("lock-acquire = my_lock(0)\n",
         "bad:1:24: error: 'my_lock': an argument number is 1 to 64 (0, "
         "for the second, means the return value)"),
        ("lock-acquire = my_lock(1, 2)\n",
         "bad:1:27: error: 'my_lock': lock-acquire takes at most 1 argument "
         "number"),
        ("lock-release = 2lock\n",
         "bad:1:16: error: '2lock' is not a function name"),
        ("thread-entry = a b\n",
         "bad:1:16: error: 'a b' is not a function name"),
        ("disable = lock-order,\n",
         "bad:1:22: error: 'disable': empty value between commas"),
        ("exclude =\n", "bad:1:10: error: 'exclude': empty value"),
        ("version = 2\n",
         "bad:1:11: error: version '2' is not supported (this fearcheck "
         "reads version 1)"),
        ("channel-send = q_push(1\n",
         "bad:1:22: error: expected ')' to close the argument numbers of "
         "'q_push'"),
        ("docs-url = http://x y\n",
         "bad:1:20: error: docs-url: only printable ASCII without spaces"),
    ]
    for text, want in bad:
        with open(os.path.join(d, "bad"), "w") as f:
            f.write(text)
        rc, out, err = fc(["--config", "bad", "sample/src"], d)
        check(rc == 2 and err == want + "\n",
              "config %r: exit %d:\n%s\nwanted:\n%s" % (text, rc, err, want))
    rc, _, err = fc(["--config", "nope", "sample/src"], d)
    check(rc == 2 and err == "fearcheck: error: nope: cannot read the "
          "configuration: No such file or directory\n", err)


def t_explain():
    """--explain prints the page; unknown checks are an error."""
    d = scratch("explain")
    rc, out, err = fc(["--explain", "data-race"], d)
    with open(os.path.join(SRC, "docs", "checks", "data-race.md")) as f:
        check(rc == 0 and out == f.read() and not err, "--explain data-race")
    rc, out, err = fc(["--explain", "no-such-check"], d)
    check(rc == 2 and not out and err == "fearcheck: error: --explain: "
          "unknown check 'no-such-check' (see --list-checks)\n", err)
    os.makedirs(os.path.join(d, "docs", "checks"))
    with open(os.path.join(d, "docs", "checks", "lock-order.md"), "w") as f:
        f.write("# lock-order, from FEARCHECK_DOCS_DIR\n")
    rc, out, _ = fc(["--explain", "lock-order"], d,
                    {"FEARCHECK_DOCS_DIR": os.path.join(d, "docs")})
    check(rc == 0 and "from FEARCHECK_DOCS_DIR" in out, "FEARCHECK_DOCS_DIR")


def pty_run(argv, cwd):
    """Runs argv with stderr on a terminal; returns (rc, stderr bytes)."""
    master, slave = pty.openpty()
    p = subprocess.Popen(argv, cwd=cwd, stdin=subprocess.DEVNULL,
                         stdout=subprocess.DEVNULL, stderr=slave)
    os.close(slave)
    buf = b""
    while True:
        r, _, _ = select.select([master], [], [], 60)
        if not r:
            break
        try:
            chunk = os.read(master, 65536)
        except OSError:
            break
        if not chunk:
            break
        buf += chunk
    os.close(master)
    return p.wait(), buf


def t_progress():
    """A progress line when stderr is a terminal; none with -q, none
    into a pipe or file."""
    d = scratch("progress")
    repo = sample(os.path.join(d, "sample"))
    rc, err = pty_run([FEARCHECK, "src"], repo)
    check(rc == 1 and b"\r\x1b[Kfearcheck: 2/2 TUs parsed" in err,
          "no progress line on a terminal: %r" % err)
    rc, err = pty_run([FEARCHECK, "-q", "src"], repo)
    check(rc == 1 and b"TUs parsed" not in err and b"warning:" in err,
          "-q still shows progress: %r" % err)
    rc, out, err = fc(["src"], repo)
    check("TUs parsed" not in err, "progress into a pipe")


def t_hook():
    """docs/ci/pre-commit in a sample repository: a clean commit passes,
    a commit adding a race is refused, --no-verify skips it."""
    d = scratch("hook")
    repo = sample(os.path.join(d, "repo"), git=True)
    bindir = os.path.join(d, "bin")
    os.makedirs(bindir)
    os.symlink(os.path.abspath(FEARCHECK) if os.path.sep in FEARCHECK
               else shutil.which(FEARCHECK), os.path.join(bindir, "fearcheck"))
    env = {"PATH": bindir + os.pathsep + os.environ.get("PATH", "")}
    hook = os.path.join(repo, ".git", "hooks", "pre-commit")
    shutil.copy(os.path.join(SRC, "docs", "ci", "pre-commit"), hook)
    os.chmod(hook, 0o755)

    def git(*args):
        return run(["git"] + list(args), repo, env)

    rc, _, err = fc(["-q", "--baseline-write", ".fearcheck-baseline.json",
                     "."], repo)
    check(rc == 0, "baseline: " + err)
    git("add", ".fearcheck-baseline.json")
    rc, _, err = git("commit", "-q", "-m", "accept the legacy race")
    check(rc == 0, "committing the baseline: " + err)
    with open(os.path.join(repo, "README"), "w") as f:
        f.write("no C here\n")
    git("add", "README")
    rc, _, err = git("commit", "-q", "-m", "docs")
    check(rc == 0 and "fearcheck" not in err, "a commit without C: " + err)
    prepend(os.path.join(repo, "src", "stats.c"), ["a comment"])
    git("add", "src/stats.c")
    rc, _, err = git("commit", "-q", "-m", "comment")
    check(rc == 0, "a clean C change is refused: " + err)
    add_new_race(repo)
    git("add", "src/main.c")
    rc, _, err = git("commit", "-q", "-m", "count hits")
    w = warnings(err)
    check(rc != 0 and len(w) == 1 and NEW_RACE_MSG in w[0] and
          "pre-commit: fearcheck found new problems" in err,
          "a new race was committed: exit %d\n%s" % (rc, err))
    rc, _, err = git("commit", "-q", "--no-verify", "-m", "count hits")
    check(rc == 0, "--no-verify: " + err)
    # With a compilation database the hook uses it.
    rc, _, err = run(["cmake", "-S", ".", "-B", "build",
                      "-DCMAKE_EXPORT_COMPILE_COMMANDS=ON"], repo)
    check(rc == 0, "cmake: " + err)
    prepend(os.path.join(repo, "src", "main.c"), ["again"])
    git("add", "src/main.c")
    rc, _, err = git("commit", "-q", "-m", "again")
    check(rc != 0 and NEW_RACE_MSG in err, "hook with -p build: " + err)
    # The pre-commit framework's config is valid YAML naming the hook.
    try:
        import yaml
    except ImportError:
        return
    with open(os.path.join(SRC, "docs", "ci", "pre-commit-config.yaml")) as f:
        cfg = yaml.safe_load(f)
    h = cfg["repos"][0]["hooks"][0]
    check(h["id"] == "fearcheck" and h["language"] == "script" and
          h["pass_filenames"] is False, "pre-commit-config.yaml")


def workflow_steps():
    import yaml
    with open(os.path.join(SRC, "docs", "ci", "fearcheck.yml")) as f:
        wf = yaml.safe_load(f)
    # YAML 1.1 reads the key `on` as True.
    check(("on" in wf or True in wf) and "jobs" in wf, "workflow shape")
    steps = wf["jobs"]["fearcheck"]["steps"]
    return wf, steps


def t_workflow():
    """docs/ci/fearcheck.yml is valid YAML of a workflow; its configure
    and fearcheck steps, run on a sample repository, pass with the
    baseline, fail on a new race and leave valid SARIF for the upload
    step."""
    try:
        import yaml  # noqa: F401
    except ImportError:
        print("SKIP: python3-yaml is not installed")
        return SKIP
    wf, steps = workflow_steps()
    check(wf["permissions"]["security-events"] == "write",
          "upload-sarif needs security-events: write")
    upload = [s for s in steps if "upload-sarif" in s.get("uses", "")]
    check(len(upload) == 1, "one upload-sarif step")
    sarif_file = upload[0]["with"]["sarif_file"]
    local = [s for s in steps if "run" in s and
             re.match(r"^(cmake -S \.|fearcheck )", s["run"])]
    check([s["name"] for s in local] ==
          ["Configure (compile_commands.json)", "fearcheck"],
          "the steps to try: %s" % [s.get("name") for s in steps])
    d = scratch("workflow")
    repo = sample(os.path.join(d, "repo"), git=True)
    bindir = os.path.join(d, "bin")
    os.makedirs(bindir)
    os.symlink(os.path.abspath(FEARCHECK), os.path.join(bindir, "fearcheck"))
    env = {"PATH": bindir + os.pathsep + os.environ.get("PATH", "")}
    rc, _, err = fc(["-q", "--baseline-write", ".fearcheck-baseline.json",
                     "."], repo)
    check(rc == 0, err)

    def steps_rc():
        rcs = []
        for s in local:
            rc, out, err = run(["bash", "-eo", "pipefail", "-c", s["run"]],
                               repo, env)
            rcs.append((rc, err))
        return rcs

    rcs = steps_rc()
    check([r for r, _ in rcs] == [0, 0], "workflow on the baseline: %s" % rcs)
    check(not results(valid_sarif(os.path.join(repo, sarif_file))),
          "no new results")
    add_new_race(repo)
    rcs = steps_rc()
    check([r for r, _ in rcs] == [0, 1], "new race: %s" % rcs)
    res = results(valid_sarif(os.path.join(repo, sarif_file)))
    check(len(res) == 1 and NEW_RACE_MSG in res[0]["message"]["text"],
          "the new race in the uploaded SARIF")


def recipe_blocks():
    """The ```sh blocks of docs/ci/README.md's "Recipe" section."""
    with open(os.path.join(SRC, "docs", "ci", "README.md")) as f:
        text = f.read()
    m = re.search(r"^## Recipe.*?$(.*?)(?=^## )", text, re.S | re.M)
    check(m, "docs/ci/README.md has no '## Recipe' section")
    return re.findall(r"^```sh\n(.*?)^```", m.group(1), re.S | re.M)


def t_recipe():
    """docs/ci/README.md's recipe, followed literally on a sample
    repository: findings appear in SARIF, a baseline accepts them, the
    lint step passes, a new race fails it."""
    blocks = recipe_blocks()
    check(len(blocks) == 5, "the recipe has 5 steps, found %d" % len(blocks))
    d = scratch("recipe")
    repo = sample(os.path.join(d, "repo"), git=True)
    bindir = os.path.join(d, "bin")
    os.makedirs(bindir)
    os.symlink(os.path.abspath(FEARCHECK), os.path.join(bindir, "fearcheck"))
    env = {"PATH": bindir + os.pathsep + os.environ.get("PATH", "")}

    def step(i):
        rc, out, err = run(["bash", "-c", blocks[i]], repo, env)
        print("step %d: exit %d\n%s%s" % (i + 1, rc, out, err))
        return rc, err

    rc, err = step(0)           # compile_commands.json
    check(rc == 0, "step 1")
    rc, err = step(1)           # the findings, as SARIF
    check(rc == 1 and len(warnings(err)) == 1, "step 2: findings")
    res = results(valid_sarif(os.path.join(repo, "fearcheck.sarif")))
    check(len(res) == 1 and res[0]["ruleId"] == "data-race",
          "step 2: the legacy race in SARIF")
    rc, err = step(2)           # accept them in a baseline
    check(rc == 0, "step 3")
    rc, out, _ = run(["git", "status", "--porcelain"], repo)
    check("A  .fearcheck-baseline.json" in out, "step 3 stages the baseline")
    rc, err = step(3)           # the lint step
    check(rc == 0 and not warnings(err), "step 4: lint passes")
    check(not results(valid_sarif(os.path.join(repo, "fearcheck.sarif"))),
          "step 4: no results")
    add_new_race(repo)          # step 5 says: add a race, lint again
    rc, err = step(4)
    w = warnings(err)
    check(rc == 1 and len(w) == 1 and NEW_RACE_MSG in w[0],
          "step 5: the new race fails the lint step")
    res = results(valid_sarif(os.path.join(repo, "fearcheck.sarif")))
    check(len(res) == 1 and NEW_RACE_MSG in res[0]["message"]["text"],
          "step 5: the new race in SARIF")


def cmake_project(repo, head):
    """Rewrites the sample's CMakeLists.txt to use the CMake module."""
    with open(os.path.join(repo, "CMakeLists.txt"), "w") as f:
        f.write("cmake_minimum_required(VERSION 3.16)\nproject(sample C)\n"
                + head +
                "find_package(Threads REQUIRED)\n"
                "add_executable(sample src/main.c src/stats.c)\n"
                "target_link_libraries(sample PRIVATE Threads::Threads)\n"
                "fearcheck_add_lint(lint SARIF fearcheck.sarif\n"
                "\tBASELINE fearcheck-baseline.json)\n")


def lint_cycle(repo, env, extra):
    """Configure; lint fails on the legacy race; a baseline accepts it;
    a new race fails again.  The SARIF is written each time."""
    rc, _, err = run(["cmake", "-S", ".", "-B", "build"] + extra, repo, env)
    check(rc == 0, "configure: " + err)
    check(os.path.exists(os.path.join(repo, "build",
                                      "compile_commands.json")),
          "the module turns on compile_commands.json")
    with open(os.path.join(repo, "fearcheck-baseline.json"), "w") as f:
        f.write('{"format": "fearcheck-baseline", "version": 1, '
                '"findings": []}\n')
    rc, out, err = run(["cmake", "--build", "build", "--target", "lint"],
                       repo, env)
    check(rc != 0 and "data race on 'requests'" in out + err,
          "lint must fail on the race: %d %s %s" % (rc, out, err))
    check(results(valid_sarif(os.path.join(repo, "fearcheck.sarif"))),
          "SARIF from the lint target")
    rc, _, err = fc(["-q", "-p", "build", "--baseline-write",
                     "fearcheck-baseline.json"], repo, env)
    check(rc == 0, err)
    rc, out, err = run(["cmake", "--build", "build", "--target", "lint"],
                       repo, env)
    check(rc == 0, "lint with the baseline: %s %s" % (out, err))
    add_new_race(repo)
    rc, out, err = run(["cmake", "--build", "build", "--target", "lint"],
                       repo, env)
    check(rc != 0 and NEW_RACE_MSG in out + err, "lint on a new race")
    rc, out, err = run(["cmake", "--build", "build"], repo, env)
    check(rc == 0, "lint is not part of the default build")


def t_cmake_module():
    """include(Fearcheck) + fearcheck_add_lint() from the source tree."""
    d = scratch("cmake-module")
    repo = sample(os.path.join(d, "repo"))
    cmake_project(repo, "list(APPEND CMAKE_MODULE_PATH \"%s/cmake\")\n"
                  "include(Fearcheck)\n" % SRC)
    lint_cycle(repo, {}, ["-DFEARCHECK_EXECUTABLE=" +
                          os.path.abspath(FEARCHECK)])


def t_install():
    """cmake --install into a temporary prefix: the binary, the runtime
    and channel libraries, headers, docs for --explain, the man page, the
    pkg-config file and the CMake package all work from there."""
    build = os.environ.get("FC_BUILD_DIR")
    check(build, "FC_BUILD_DIR is not set")
    d = scratch("install")
    prefix = os.path.join(d, "prefix")
    rc, out, err = run(["cmake", "--install", build, "--prefix", prefix], d)
    check(rc == 0, "cmake --install: " + err)
    libdir = None
    for cand in ("lib", "lib64") + tuple(
            "lib/" + x for x in os.listdir(os.path.join(prefix, "lib"))
            if os.path.isdir(os.path.join(prefix, "lib", x))):
        if os.path.exists(os.path.join(prefix, cand, "libfearcheck-rt.so")):
            libdir = os.path.join(prefix, cand)
    check(libdir, "libfearcheck-rt.so is not installed")
    want = ["bin/fearcheck", "include/fearcheck/chan.h",
            "include/fearcheck/rt.h", "share/doc/fearcheck/checks/data-race.md",
            "share/doc/fearcheck/ci/pre-commit", "share/man/man1/fearcheck.1"]
    for w in want:
        check(os.path.exists(os.path.join(prefix, w)), w + " not installed")
    for w in ("libfearcheck_chan.a", "pkgconfig/fearcheck.pc",
              "cmake/Fearcheck/FearcheckConfig.cmake",
              "cmake/Fearcheck/Fearcheck.cmake"):
        check(os.path.exists(os.path.join(libdir, w)), w + " not installed")
    check(os.access(os.path.join(prefix, "share/doc/fearcheck/ci/pre-commit"),
                    os.X_OK), "the hook stays executable")
    fcx = os.path.join(prefix, "bin", "fearcheck")
    env = {"FEARCHECK_DOCS_DIR": ""}
    rc, out, _ = run([fcx, "--version"], d, env)
    check(rc == 0 and out.startswith("fearcheck "), "--version")
    # --explain finds the installed page, not the source tree's.
    page = os.path.join(prefix, "share/doc/fearcheck/checks/data-race.md")
    with open(page, "a") as f:
        f.write("\ninstalled copy\n")
    rc, out, _ = run([fcx, "--explain", "data-race"], d, env)
    check(rc == 0 and out.endswith("installed copy\n"),
          "--explain does not read the installed docs")
    if shutil.which("man"):
        rc, out, err = run(["man", "-l", os.path.join(
            prefix, "share/man/man1/fearcheck.1")], d,
            {"MANPAGER": "cat", "MANWIDTH": "80"})
        check(rc == 0 and "fearcheck" in out and "--baseline" in out,
              "man page: " + err)
    # The installed analyzer on the sample.
    repo = sample(os.path.join(d, "sample"))
    rc, _, err = run([fcx, "src"], repo)
    check(rc == 1 and len(warnings(err)) == 1, "installed fearcheck: " + err)
    # pkg-config: build and run a channel program against the install.
    pc = {"PKG_CONFIG_PATH": os.path.join(libdir, "pkgconfig")}
    rc, flags, err = run(["pkg-config", "--cflags", "--libs", "fearcheck"],
                         d, pc)
    check(rc == 0, "pkg-config: " + err)
    rc, rt, _ = run(["pkg-config", "--variable=rtlib", "fearcheck"], d, pc)
    check(rc == 0 and os.path.samefile(rt.strip(), os.path.join(
        libdir, "libfearcheck-rt.so")), "rtlib: %r" % rt)
    prog = os.path.join(d, "chan.c")
    with open(prog, "w") as f:
        f.write("#include <fearcheck/chan.h>\n#include <stdio.h>\n"
                "int main(void)\n{\n\tfc_sender *tx;\n\tfc_receiver *rx;\n"
                "\tif (fc_channel(&tx, &rx))\n\t\treturn 1;\n"
                "\tvoid *msg = NULL;\n"
                "\tif (fc_send(tx, (void *)42) || fc_recv(rx, &msg))\n"
                "\t\treturn 1;\n"
                "\tprintf(\"%ld\\n\", (long)msg);\n"
                "\tfc_sender_drop(tx);\n\tfc_receiver_drop(rx);\n"
                "\treturn 0;\n}\n")
    cc = os.environ.get("CC", "cc")
    rc, _, err = run(["sh", "-c", '%s -o chan chan.c %s' % (cc, flags.strip())],
                     d, pc)
    check(rc == 0, "building against fearcheck.pc: " + err)
    rc, out, err = run([os.path.join(d, "chan")], d,
                       {"LD_LIBRARY_PATH": libdir})
    check(rc == 0 and out == "42\n", "channel program: %s %s" % (out, err))
    # find_package(Fearcheck) from the install prefix.
    repo = sample(os.path.join(d, "pkg"))
    cmake_project(repo, "find_package(Fearcheck REQUIRED)\n")
    lint_cycle(repo, {}, ["-DCMAKE_PREFIX_PATH=" + prefix])
    rc, out, _ = run(["cmake", "-L", "-N", "build"], repo)
    check("FEARCHECK_EXECUTABLE:FILEPATH=" + fcx in out,
          "find_package finds the installed fearcheck: " + out)


TESTS = {
    "sarif": t_sarif, "json": t_json, "baseline": t_baseline,
    "config": t_config, "explain": t_explain, "progress": t_progress,
    "hook": t_hook, "workflow": t_workflow, "recipe": t_recipe,
    "cmake-module": t_cmake_module, "install": t_install,
    "runtime-log": t_runtime_log, "nested-config": t_nested_config,
}


if __name__ == "__main__":
    sys.exit(main(TESTS, sys.argv))
