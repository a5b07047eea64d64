#!/usr/bin/python3
"""Precision of the default output on whole source trees (a measurement, not a test).

    bench/wholetree.py [--only "tmux lighttpd"] [--jobs N] [--cache DIR] [--out DIR]

For each package of TREES: every *.c of the tree except the folders and files named there
(tests, vendored and generated code), checked in one `run.sh check --format json
--confidence all` run whose summary pass reads the whole tree; then precision per confidence
from bench/labels/PKG.tsv (bench_report.precision), and the findings no label covers, which
must be read and labelled before the figure is quoted. Sources are Debian 12's, in
/work/srccache/PKG (bench/bench.sh fetches a missing one).
"""
import argparse
import json
import os
import subprocess
import sys
import time

HERE = os.path.dirname(os.path.abspath(__file__))
MAIN = os.path.dirname(HERE)
sys.path.insert(0, HERE)
import bench_report  # noqa: E402

# package: (folders measured, folder names left out anywhere, files left out, why)
TREES = {
    "tmux": (["."], ["compat", "fuzz", "regress"], ["cmd-parse.c"],
             "compat/ is copied from OpenBSD; cmd-parse.c is generated from cmd-parse.y"),
    "lighttpd": (["src"], ["t", "ls-hpack"], ["lemon.c", "lempar.c", "configparser.c"],
                 "src/t are tests; ls-hpack and lemon are vendored; configparser.c is generated"),
    "zlib": (["."], ["contrib", "examples", "test", "doc"], [], "contrib/ is not zlib's own"),
    "htop": (["."], [], [], "every platform folder"),
    "nginx": (["src"], [], [], "every module and platform folder"),
    "curl": (["lib", "src"], [], ["tool_hugehelp.c"],
             "tool_hugehelp.c is generated from the manual"),
    "openssh": (["."], ["openbsd-compat", "regress", "contrib"], [],
                "openbsd-compat/ is copied from OpenBSD; regress/ are tests"),
    "util-linux": (["."], [], [], "every folder but tests/"),
    "libuv1": (["src"], [], [], "src/unix and src/win"),
    "git": (["."], ["t", "compat", "contrib", "sha1dc", "sha1collisiondetection"], [],
            "t/ are tests; compat/ and sha1dc/ are copied from other projects; contrib/ is "
            "not built"),
    "busybox": (["."], ["scripts", "testsuite"], [],
                "scripts/ is the kconfig build tooling (copied from Linux); testsuite/ are tests"),
    "libgit2": (["src"], [], [], "src/ (libgit2, util, cli); deps/ is vendored and not under src"),
    # stop 24's held-out trees: no rule was changed while reading their findings
    "dropbear": (["."], ["libtomcrypt", "libtommath", "fuzz"], [],
                 "libtomcrypt/ and libtommath/ are vendored; fuzz/ are fuzzing harnesses"),
    "rsync": (["."], ["zlib", "popt", "lib", "testsuite", "support"], [],
              "zlib/ and popt/ are vendored; lib/ is portability code; support/ are scripts"),
    # stop 25's held-out trees, measured once the stop's rule changes were in
    "dnsmasq": (["src"], [], [], "src/ (contrib/ is not built)"),
    "socat": (["."], ["contrib", "test"], [], "every file but contrib/ and test/"),
    # stop 26's held-out trees, run once at the stop's rules before any rule change
    "tinyproxy": (["src"], [], [], "src/"),
    "procps": (["library", "local", "src"], ["testsuite"], [],
               "library/, local/ and src/ (tests/ are tests)"),
    "lsof": (["."], [], [], "the Linux dialect, lib/ and the main folder (tests/ are tests)"),
    "chrony": (["."], ["test"], [], "every file but test/"),
    # stop 27's held-out trees, run once at the stop's starting rules (0e7beb1)
    "screen": (["."], ["etc", "terminfo", "utf8encodings"], [], "every .c file of the tree"),
    "nano": (["src"], [], [], "src/ (lib/ is gnulib, copied)"),
    # and three more, run once at the stop's last rules (9fdffa0)
    "dash": (["src"], [], [], "src/ (its mk*.c generators included)"),
    "fping": (["src"], [], [], "src/"),
    "pv": (["src"], [], [], "src/"),
    "cron": (["."], [], [], "every .c file (Debian's patches applied)"),
    "mdadm": (["."], ["clustermd_tests", "misc", "systemd"], [],
              "the main folder (tests and udev/systemd helpers left out)"),
    "psmisc": (["src"], [], [], "src/"),
}
SKIP_ALWAYS = {"tests", "docs", "examples", "debian"}


def tree_files(root, dirs, skip_dirs, skip_files):
    out = []
    for top in dirs:
        for d, sub, names in os.walk(os.path.join(root, top)):
            sub[:] = sorted(s for s in sub if not s.startswith(".")
                            and s not in SKIP_ALWAYS and s not in skip_dirs)
            out += [os.path.normpath(os.path.join(d, n)) for n in sorted(names)
                    if n.endswith(".c") and n not in skip_files]
    return out


def run(pkg, cache, jobs, out_dir):
    root = os.path.join(cache, pkg)
    dirs, skip_dirs, skip_files, why = TREES[pkg]
    files = tree_files(root, dirs, skip_dirs, skip_files)
    t0 = time.time()
    p = subprocess.run([os.path.join(MAIN, "run.sh"), "check", "--format", "json",
                        "--confidence", "all", "--jobs", str(jobs), "--summary-dir", root]
                       + files, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    secs = time.time() - t0
    if p.returncode not in (0, 1):
        sys.stderr.write(p.stderr)
        raise SystemExit("%s: check exited %d" % (pkg, p.returncode))
    findings = json.loads(p.stdout)
    for f in findings:
        f["file"] = os.path.relpath(f["file"], root)
    with open(os.path.join(out_dir, pkg + ".json"), "w") as fh:
        json.dump(findings, fh, indent=1)
    with open(os.path.join(out_dir, pkg + ".err"), "w") as fh:
        fh.write(p.stderr)
    closing = (p.stderr.strip().splitlines() or [""])[-1]
    labels = os.path.join(HERE, "labels", pkg + ".tsv")
    prec = bench_report.precision(findings, labels) if os.path.exists(labels) else None
    return {"package": pkg, "files": len(files), "seconds": round(secs), "left out": why,
            "closing": closing, "precision": prec}


def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--only", default=" ".join(TREES))
    ap.add_argument("--jobs", type=int, default=os.cpu_count() or 1)
    ap.add_argument("--cache", default="/work/srccache")
    ap.add_argument("--out", default="/tmp/cocci-unwind-wholetree")
    a = ap.parse_args(argv)
    os.makedirs(a.out, exist_ok=True)
    for pkg in a.only.split():
        r = run(pkg, a.cache, a.jobs, a.out)
        print("## %s (%d files, %d s): %s" % (pkg, r["files"], r["seconds"], r["closing"]))
        prec = r["precision"]
        if prec is None:
            print("no labels: bench/labels/%s.tsv" % pkg)
            continue
        for c, v in prec["per_confidence"].items():
            print("  %-6s findings %3d  labelled %3d  true %3d  precision %s"
                  % (c, v["findings"], v["labeled"], v["true"],
                     "-" if v["precision"] is None else "%.2f" % v["precision"]))
        for u in prec["unlabeled"]:
            print("  unlabelled: %s" % u)
    return 0


if __name__ == "__main__":
    sys.exit(main())
