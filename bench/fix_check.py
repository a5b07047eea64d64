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
_SUMMARY = re.compile(r"(?:diff|wrote): (\d+) findings? fixed \((\w+) style\), (\d+) not fixed")
_NOT_FIXED = re.compile(r"^(.*?):(\d+): not fixed: (.*?)(?: \[([\w-]+)\])?$")
_DIAG = re.compile(r"^[^:\s][^:]*:\d+:\d+: (?:fatal )?error: (.*)$")


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


def one_style(style, a, files, cc):
    if style == "cleanup":      # the portable dialect's header, as a project would vendor it
        cc = cc + ["-I", os.path.join(MAIN, "include")]
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
        reasons, gated, gate_notes = collections.Counter(), [], 0
        for line in err.splitlines():
            n = _NOT_FIXED.match(line)
            if n:
                reasons[reason_kind(n.group(3))] += 1
                if n.group(3).startswith("the analyser gate"):
                    gated.append({"file": n.group(1), "line": int(n.group(2)),
                                  "reason": n.group(3)})
            elif ": note: the analyser gate could not run" in line:
                gate_notes += 1
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
        return {"style": style, "exit": p.returncode, "wall_s": round(wall, 2),
                "peak_rss_mib": round(max(rss, before_rss) / 1024.0, 1),
                "fixed": int(m.group(1)) if m else None,
                "not_fixed": int(m.group(3)) if m else None,
                "reasons": dict(reasons.most_common()),
                "declined_by_gate": gated, "gate_could_not_run": gate_notes,
                "changed_files": changed, "compiled_before_and_after": judged,
                "not_compilable_before": not_compilable, "errors_added": added,
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
        print("fix --style %-7s %5.1f s: %s fixed, %s not fixed (%d by the analyser gate, "
              "which could not run on %d files); %d files changed, %d compiled "
              "before and after, %d not compilable here, %d with errors added"
              % (style, r["wall_s"], r["fixed"], r["not_fixed"], len(r["declined_by_gate"]),
                 r["gate_could_not_run"], len(r["changed_files"]),
                 r["compiled_before_and_after"], len(r["not_compilable_before"]),
                 len(r["errors_added"])), file=sys.stderr)
        for e in r["errors_added"]:
            print("  FAILURE: %s: %s" % (e["file"], "; ".join(e["errors"])), file=sys.stderr)
    with open(a.out, "w") as fh:
        json.dump(out, fh, indent=2)
        fh.write("\n")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
