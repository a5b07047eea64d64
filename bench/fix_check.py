"""Fix mode over a benchmark package, with a compile check of every file it changes.

    fix_check.py --source SRC --files LIST [--styles "release goto cleanup"] [--jobs N]
                 [--cflags "-I include -I lib"] [--summary-dir DIR ...] --out FILE

For each style, a copy of the source tree is rewritten by `run.sh fix --style STYLE
--in-place --confidence all` (cleanup: the portable dialect), timed; then every file that
changed is compiled before (in SRC) and after (in the copy) with the same command,
`gcc -fsyntax-only -std=gnu11 -Werror=jump-misses-init CFLAGS FILE` run from the tree's root.
An error the rewrite adds (a message that the original does not have) is a failure of the
benchmark: the exit status is 1. A file whose original does not compile here (a missing
configuration header, say) cannot be judged and is counted as such.

Fix mode's own analyser gate (cocci_unwind/gate.py) runs, since fix is given --cc: each
finding it declines (`not fixed: the analyser gate finds ...`) is recorded with its function,
and each file on which it could not run. Independently of the gate, every changed file is
analysed before and after with `gcc -fanalyzer` and `clang --analyze` (the same flags,
every diagnostic of theirs, not only the kinds the gate looks at), and a diagnostic the
rewrite has and the original has not (same tool, file, function and warning kind) is
recorded as added.

Writes the figures as JSON and prints one line per style.
"""
import argparse
import collections
import json
import os
import re
import resource
import shlex
import shutil
import subprocess
import sys
import tempfile
import time

HERE = os.path.dirname(os.path.abspath(__file__))
MAIN = os.path.dirname(HERE)
_SUMMARY = re.compile(r"(?:diff|wrote): (\d+) findings? fixed \((\w+) style\), (\d+) not fixed"
                      r"(?: \((\d+) by the analyser gate\))?")
_NOT_FIXED = re.compile(r"^(.*?):(\d+): not fixed: (.*?)(?: \[([\w-]+)\])?$")
_DIAG = re.compile(r"^[^:\s][^:]*:\d+:\d+: (?:fatal )?error: (.*)$")
_GATE_NOTE = re.compile(r"^(.*): note: the analyser gate could not run: (.*)$")
# gcc -fanalyzer: `FILE:LINE:COL: warning: MESSAGE [CWE-N] [-Wanalyzer-KIND]`;
# clang --analyze: `FILE:LINE:COL: warning: MESSAGE [checker.Name]`
_ANALYSER = re.compile(r"^([^:\n]+):(\d+):\d+: warning: (.*?)(?: \[CWE-\d+\])? "
                       r"\[(-Wanalyzer-[\w-]+|[a-z][\w]*(?:\.[\w]+)+)\]$")
sys.path.insert(0, MAIN)
from cocci_unwind import coverage  # noqa: E402


def reason_kind(text):
    """A reason without the names in it, so that reasons can be counted."""
    return re.sub(r"'[^']*'|\b\w+\(\)", "…", text).strip()


def compile_errors(cc, cwd, path):
    """The error messages (without their positions) of compiling path from cwd, or None
    when the compiler could not be run."""
    try:
        p = subprocess.run(cc + [path], cwd=cwd, stdout=subprocess.PIPE,
                           stderr=subprocess.PIPE, timeout=300)
    except (OSError, subprocess.TimeoutExpired):
        return None
    msgs = collections.Counter()
    for line in p.stderr.decode("utf-8", "replace").splitlines():
        m = _DIAG.match(line)
        if m:
            msgs[m.group(1)] += 1
    if p.returncode != 0 and not msgs:
        msgs["(exit %d)" % p.returncode] += 1
    return msgs


def function_at(path, line):
    """The function whose definition holds line in the file at path (K&R ones too), or ""."""
    return next((name for name, first, last in coverage.function_spans(path)
                 if first <= line <= last), "")


def analysers(cflags):
    """[(tool, argv prefix)]: gcc -fanalyzer, and clang --analyze when clang is installed."""
    out = [("gcc", ["gcc", "-std=gnu11"] + cflags + ["-fanalyzer", "-c", "-o", os.devnull])]
    if shutil.which("clang"):
        out.append(("clang", ["clang", "--analyze", "-Wno-unknown-warning-option", "-o",
                              os.devnull, "-std=gnu11"] + cflags))
    return out


def analyser_diagnostics(argv, cwd, path):
    """Counter of (file, function, kind) -> n and the messages by key, of one analyser
    on path (relative to cwd), or None when it exits with an error (the file does not
    build here) or cannot be run."""
    try:
        p = subprocess.run(argv + [path], cwd=cwd, stdout=subprocess.PIPE,
                           stderr=subprocess.STDOUT, timeout=900)
    except (OSError, subprocess.TimeoutExpired):
        return None
    if p.returncode != 0:
        return None
    found, msgs = collections.Counter(), {}
    for line in p.stdout.decode("utf-8", "replace").splitlines():
        m = _ANALYSER.match(line)
        if not m:
            continue
        f, n = m.group(1), int(m.group(2))
        fn = function_at(os.path.join(cwd, f), n) if os.path.isfile(os.path.join(cwd, f)) else ""
        key = (f, fn, m.group(4))
        found[key] += 1
        msgs.setdefault(key, "%s:%d: %s" % (f, n, m.group(3)))
    return found, msgs


def analyser_check(changed, source, tree, cflags):
    """Each changed file analysed before (in source) and after (in tree) by each analyser:
    (files analysed by at least one analyser before and after, files no analyser could
    run on, [{file, tool, function, kind, message}] the rewrite added)."""
    judged, not_analysable, added = 0, [], []
    for f in changed:
        ran = False
        for tool, argv in analysers(cflags):
            before = analyser_diagnostics(argv, source, f)
            after = analyser_diagnostics(argv, tree, f)
            if before is None or after is None:
                continue
            ran = True
            for key, n in sorted((after[0] - before[0]).items()):
                added.append({"file": f, "tool": tool, "function": key[1], "kind": key[2],
                              "count": n, "message": after[1][key]})
        if ran:
            judged += 1
        else:
            not_analysable.append(f)
    return judged, not_analysable, added


def one_style(style, a, files, cc):
    cflags = shlex.split(a.cflags)
    if style == "cleanup":      # the portable dialect's header, as a project would vendor it
        cc = cc + ["-I", os.path.join(MAIN, "include")]
        cflags += ["-I", os.path.join(MAIN, "include")]
    work = tempfile.mkdtemp(prefix="cocci-unwind-fixbench-")
    try:
        tree = os.path.join(work, "tree")
        shutil.copytree(a.source, tree, symlinks=True,
                        ignore=shutil.ignore_patterns(".git", ".pc", ".cocci-unwind-*"))
        cmd = [os.path.join(MAIN, "run.sh"), "fix", "--style", style, "--in-place",
               "--confidence", "all", "--jobs", str(a.jobs), "--cc", " ".join(
                   ["gcc", "-std=gnu11"] + shlex.split(a.cflags))]
        if style == "cleanup":
            cmd += ["--dialect", "portable"]
        for d in a.summary_dir:
            cmd += ["--summary-dir", os.path.relpath(d, a.source)]
        cmd += files
        before_rss = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
        t0 = time.monotonic()
        p = subprocess.run(cmd, cwd=tree, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
        wall = time.monotonic() - t0
        rss = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
        err = p.stderr.decode("utf-8", "replace")
        m = None
        for m in _SUMMARY.finditer(err):
            pass
        reasons, gated, gate_notes = collections.Counter(), [], []
        for line in err.splitlines():
            n = _NOT_FIXED.match(line)
            g = _GATE_NOTE.match(line)
            if n:
                reasons[reason_kind(n.group(3))] += 1
                if n.group(3).startswith("the analyser gate"):
                    gated.append({"file": n.group(1), "line": int(n.group(2)),
                                  "function": function_at(os.path.join(a.source, n.group(1)),
                                                          int(n.group(2))),
                                  "rule": n.group(4) or "", "reason": n.group(3)})
            elif g:
                gate_notes.append({"file": g.group(1), "reason": g.group(2)})
        changed = []
        for f in files:
            with open(os.path.join(a.source, f), "rb") as x, open(os.path.join(tree, f), "rb") as y:
                if x.read() != y.read():
                    changed.append(f)
        judged, not_compilable, added = 0, [], []
        for f in changed:
            before = compile_errors(cc, a.source, f)
            after = compile_errors(cc, tree, f)
            if before is None or after is None or before:
                not_compilable.append(f)
                new = (after or collections.Counter()) - (before or collections.Counter())
                if before is not None and after is not None and new:
                    added.append({"file": f, "errors": sorted(new)})
                continue
            judged += 1
            if after:
                added.append({"file": f, "errors": sorted(after)})
        analysed, not_analysable, diags_added = analyser_check(changed, a.source, tree, cflags)
        return {"style": style, "exit": p.returncode, "wall_s": round(wall, 2),
                "peak_rss_mib": round(max(rss, before_rss) / 1024.0, 1),
                "fixed": int(m.group(1)) if m else None,
                "not_fixed": int(m.group(3)) if m else None,
                # of the not fixed, those the analyser gate declined (findings)
                "gate_declined": int(m.group(4) or 0) if m else None,
                "reasons": dict(reasons.most_common()),
                "declined_by_gate": gated, "gate_could_not_run": gate_notes,
                "changed_files": changed, "compiled_before_and_after": judged,
                "not_compilable_before": not_compilable, "errors_added": added,
                "analysed_before_and_after": analysed, "not_analysable": not_analysable,
                "analyser_diagnostics_added": diags_added,
                "summary_line": m.group(0) if m else err.strip().splitlines()[-1:]}
    finally:
        shutil.rmtree(work, ignore_errors=True)


def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--source", required=True)
    ap.add_argument("--files", required=True, help="file with one path per line (absolute, "
                                                   "under --source)")
    ap.add_argument("--styles", default="release goto cleanup")
    ap.add_argument("--jobs", type=int, default=os.cpu_count() or 1)
    ap.add_argument("--cflags", default="", help="compiler flags, paths relative to --source")
    ap.add_argument("--summary-dir", action="append", default=[])
    ap.add_argument("--out", required=True)
    a = ap.parse_args(argv)
    a.source = os.path.abspath(a.source)
    with open(a.files) as fh:
        files = [os.path.relpath(l.strip(), a.source) for l in fh if l.strip()]
    cc = ["gcc", "-fsyntax-only", "-std=gnu11", "-Werror=jump-misses-init"] + shlex.split(a.cflags)
    out, failed = [], False
    for style in a.styles.split():
        r = one_style(style, a, files, cc)
        out.append(r)
        failed |= bool(r["errors_added"])
        print("fix --style %-7s %5.1f s: %s fixed, %s not fixed (%s by the analyser gate, "
              "which could not run on %d files); %d files changed, %d compiled "
              "before and after, %d not compilable here, %d with errors added; %d analysed "
              "before and after, %d analyser diagnostics added"
              % (style, r["wall_s"], r["fixed"], r["not_fixed"], r["gate_declined"],
                 len(r["gate_could_not_run"]), len(r["changed_files"]),
                 r["compiled_before_and_after"], len(r["not_compilable_before"]),
                 len(r["errors_added"]), r["analysed_before_and_after"],
                 len(r["analyser_diagnostics_added"])), file=sys.stderr)
        for e in r["errors_added"]:
            print("  FAILURE: %s: %s" % (e["file"], "; ".join(e["errors"])), file=sys.stderr)
        for g in r["declined_by_gate"]:
            print("  declined by the gate: %s:%d %s: %s" % (g["file"], g["line"], g["function"],
                                                           g["reason"]), file=sys.stderr)
        for d in r["analyser_diagnostics_added"]:
            print("  analyser diagnostic added: %s %s: %s [%s]" % (
                d["tool"], d["function"], d["message"], d["kind"]), file=sys.stderr)
    with open(a.out, "w") as fh:
        json.dump(out, fh, indent=2)
        fh.write("\n")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
