"""Helper of bench/bench.sh: turns the raw outputs of one benchmark run into figures.

  bench_report.py report ...   Markdown table on stdout, JSON figures to --out
  bench_report.py sample --json FIGURES.json [--confidence high] [--n 20] [--seed 1]
                               the findings to label: random.seed(SEED), random.sample over
                               the findings sorted by file/line (one TSV row each, unlabeled)

Labels (bench/labels/PKG.tsv): a header row, then one row per labeled finding:
file (relative to the source root), line, rule, variable, confidence, verdict (true|false),
reason. A label matches a finding on (file, line, rule, variable).
"""
import argparse
import collections
import json
import os
import random
import re
import sys

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
CONFS = ("high", "medium")
_SUMMARY = re.compile(r"checked (\d+) files?: (\d+) findings?, (\d+) files? with parse errors?, "
                      r"(\d+) timed out, (\d+) skipped")
_PERFECT = re.compile(r"NB total files = (\d+); perfect = (\d+); pbs = (\d+); timeout = (\d+)")
_PARSE_ERR = re.compile(r"^cocci-unwind: (.*):(\d+): parse error")
_TIMEOUT = re.compile(r"^cocci-unwind: (.*): timed out after")
LABEL_COLS = ("file", "line", "rule", "variable", "confidence", "verdict", "reason")


def read(path):
    with open(path, encoding="utf-8", errors="replace") as fh:
        return fh.read()


def gnu_time(path):
    """Wall seconds and peak RSS (MiB) from a `/usr/bin/time -v` report."""
    wall = rss = None
    for line in read(path).splitlines():
        line = line.strip()
        if line.startswith("Elapsed (wall clock) time"):
            parts = [float(x) for x in line.rsplit(" ", 1)[1].split(":")]
            wall = 0.0
            for p in parts:
                wall = wall * 60 + p
        elif line.startswith("Maximum resident set size"):
            rss = int(line.rsplit(" ", 1)[1]) / 1024.0
    return wall, rss


def rel(path, source):
    p = os.path.abspath(path)
    s = os.path.abspath(source).rstrip("/") + "/"
    return p[len(s):] if p.startswith(s) else path


def lines_of(files):
    n = 0
    for f in files:
        with open(f, "rb") as fh:
            n += fh.read().count(b"\n")
    return n


def known_rules():
    d = os.path.join(ROOT, "cocci")
    try:
        return sorted(n[:-6] for n in os.listdir(d) if n.endswith(".cocci") and n != "summary.cocci")
    except OSError:
        return []


def load_labels(path):
    labels = {}
    with open(path, encoding="utf-8") as fh:
        for i, line in enumerate(fh):
            row = line.rstrip("\n").split("\t")
            if i == 0 and row[0] == "file":
                continue
            if not line.strip():
                continue
            if len(row) < 6:
                raise SystemExit("%s:%d: expected %d tab-separated columns" % (path, i + 1, len(LABEL_COLS)))
            rec = dict(zip(LABEL_COLS, row + [""] * (len(LABEL_COLS) - len(row))))
            rec["line"] = int(rec["line"])
            if rec["verdict"] not in ("true", "false"):
                raise SystemExit("%s:%d: verdict must be true or false" % (path, i + 1))
            labels[(rec["file"], rec["line"], rec["rule"], rec["variable"])] = rec
    return labels


def precision(findings, labels_path):
    labels = load_labels(labels_path)
    total = collections.Counter(f["confidence"] for f in findings)
    keys = {(f["file"], f["line"], f["rule"], f["variable"]): f for f in findings}
    per = {}
    for c in CONFS:
        got = [labels[k] for k, f in keys.items() if k in labels and f["confidence"] == c]
        t = sum(1 for r in got if r["verdict"] == "true")
        per[c] = {"findings": total.get(c, 0), "labeled": len(got), "true": t,
                  "false": len(got) - t, "precision": (t / len(got)) if got else None}
    # all findings: each confidence's precision weighted by its share of the findings
    # (the labels oversample high-confidence findings, so their plain ratio is biased)
    n = sum(per[c]["findings"] for c in CONFS if per[c]["precision"] is not None)
    strat = (sum(per[c]["findings"] * per[c]["precision"] for c in CONFS
                 if per[c]["precision"] is not None) / n) if n else None
    lab = [labels[k] for k in keys if k in labels]
    unlabeled = sorted(k for k in keys if k not in labels)
    stale = sorted(k for k in labels if k not in keys)
    return {"labels": labels_path, "per_confidence": per, "all_weighted": strat,
            "labeled": len(lab), "labeled_true": sum(1 for r in lab if r["verdict"] == "true"),
            "unlabeled": ["%s:%d %s %s" % k for k in unlabeled],
            "stale_labels": ["%s:%d %s %s" % k for k in stale]}


def pct(x):
    return "n/a" if x is None else "%.0f%%" % (100 * x)


def report(a):
    files = [l for l in read(a.files).splitlines() if l]
    parse_out = read(a.parse_out)
    m = _PERFECT.search(parse_out)
    parse = {"wall_s": None, "peak_rss_mib": None, "exit": a.parse_rc,
             "files": int(m.group(1)) if m else None, "perfect": int(m.group(2)) if m else None,
             "with_problems": int(m.group(3)) if m else None, "timeouts": int(m.group(4)) if m else None}
    parse["wall_s"], parse["peak_rss_mib"] = gnu_time(a.parse_time)
    err = read(a.check_err)
    check = {"exit": a.check_rc, "jobs": a.jobs}
    check["wall_s"], check["peak_rss_mib"] = gnu_time(a.check_time)
    m = None
    for m in _SUMMARY.finditer(err):
        pass
    check["summary_line"] = m.group(0) if m else None
    check["checked"] = int(m.group(1)) if m else None
    check["files_with_parse_errors"] = int(m.group(3)) if m else None
    check["timed_out"] = int(m.group(4)) if m else None
    check["skipped"] = int(m.group(5)) if m else None
    check["parse_error_files"] = sorted({rel(x.group(1), a.source) for x in
                                         (_PARSE_ERR.match(l) for l in err.splitlines()) if x})
    check["timeout_files"] = sorted({rel(x.group(1), a.source) for x in
                                     (_TIMEOUT.match(l) for l in err.splitlines()) if x})
    try:
        findings = json.loads(read(a.check_json) or "[]")
    except ValueError:
        findings = []
        check["json_error"] = True
    for f in findings:
        f["file"] = rel(f["file"], a.source)
    findings.sort(key=lambda f: (f["file"], f["line"], f["column"], f["rule"], f["variable"]))
    by_rule = collections.Counter(f["rule"] for f in findings)
    for r in known_rules():
        by_rule.setdefault(r, 0)
    by_conf = collections.Counter(f["confidence"] for f in findings)
    for c in CONFS:
        by_conf.setdefault(c, 0)
    ratio = (check["wall_s"] / parse["wall_s"]) if check["wall_s"] and parse["wall_s"] else None
    nlines = lines_of(files)
    fig = {"package": a.package, "source": os.path.abspath(a.source), "files": len(files),
           "lines": nlines, "parse": parse, "check": check, "ratio_check_parse": ratio,
           "findings_total": len(findings), "findings_by_rule": dict(sorted(by_rule.items())),
           "findings_by_confidence": dict(sorted(by_conf.items())), "findings": findings}
    if a.labels:
        fig["precision"] = precision(findings, a.labels)
    with open(a.out, "w") as fh:
        json.dump(fig, fh, indent=2)
        fh.write("\n")

    def sec(x):
        return "n/a" if x is None else "%.1f s" % x

    def mib(x):
        return "n/a" if x is None else "%.0f MiB" % x

    rows = [("package", a.package), ("C files", str(len(files))),
            ("lines of C", "%d (%.1f kLOC)" % (nlines, nlines / 1000.0)),
            ("parse time (spatch --parse-c, 1 process)", sec(parse["wall_s"])),
            ("files parsed perfectly", "%s of %s" % (parse["perfect"], parse["files"])),
            ("check time (run.sh check, --jobs %d)" % a.jobs, sec(check["wall_s"])),
            ("ratio check / parse", "n/a" if ratio is None else "%.1f" % ratio),
            ("peak memory of check (largest process)", mib(check["peak_rss_mib"])),
            ("peak memory of parse", mib(parse["peak_rss_mib"])),
            ("findings", str(len(findings))),
            ]
    rows += [("findings, %s" % r, str(n)) for r, n in sorted(by_rule.items())]
    rows += [("findings, confidence %s" % c, str(n)) for c, n in sorted(by_conf.items())]
    rows += [("files with parse errors (check)", str(check["files_with_parse_errors"])),
             ("files timed out (check)", str(check["timed_out"])),
             ("check exit status", str(a.check_rc))]
    if a.labels:
        p = fig["precision"]
        for c in CONFS:
            q = p["per_confidence"][c]
            rows.append(("precision, %s (labeled %d of %d)" % (c, q["labeled"], q["findings"]),
                         "%s (%d true, %d false)" % (pct(q["precision"]), q["true"], q["false"])))
        rows.append(("precision, all (weighted by confidence)", pct(p["all_weighted"])))
        rows.append(("findings with no label", str(len(p["unlabeled"]))))
        if p["stale_labels"]:
            rows.append(("labels matching no finding", str(len(p["stale_labels"]))))
    w = max(len(r[0]) for r in rows)
    print("| %-*s | %s |" % (w, "measure", "value"))
    print("|%s|%s|" % ("-" * (w + 2), "-" * 8))
    for k, v in rows:
        print("| %-*s | %s |" % (w, k, v))
    if a.labels:
        p = fig["precision"]
        for k in p["unlabeled"][:10]:
            print("unlabeled: %s" % k, file=sys.stderr)
        if len(p["unlabeled"]) > 10:
            print("unlabeled: ... %d more (all in %s)" % (len(p["unlabeled"]) - 10, a.out),
                  file=sys.stderr)
        for k in p["stale_labels"]:
            print("label matches no finding: %s" % k, file=sys.stderr)
    print("figures written to %s" % a.out, file=sys.stderr)
    return 0


def sample(a):
    fig = json.loads(read(a.json))
    fs = fig["findings"] if isinstance(fig, dict) else fig
    fs = [f for f in fs if a.confidence in (None, "all", "medium") or f["confidence"] == a.confidence]
    fs.sort(key=lambda f: (f["file"], f["line"], f["column"], f["rule"], f["variable"]))
    random.seed(a.seed)
    pick = random.sample(fs, min(a.n, len(fs)))
    for f in sorted(pick, key=lambda f: (f["file"], f["line"])):
        print("\t".join([f["file"], str(f["line"]), f["rule"], f["variable"], f["confidence"]]))
    return 0


def main(argv=None):
    ap = argparse.ArgumentParser(prog="bench_report.py")
    sub = ap.add_subparsers(dest="cmd", required=True)
    r = sub.add_parser("report")
    r.add_argument("--package", required=True)
    r.add_argument("--source", required=True)
    r.add_argument("--files", required=True)
    r.add_argument("--parse-out", required=True)
    r.add_argument("--parse-time", required=True)
    r.add_argument("--parse-rc", type=int, default=0)
    r.add_argument("--check-json", required=True)
    r.add_argument("--check-err", required=True)
    r.add_argument("--check-time", required=True)
    r.add_argument("--check-rc", type=int, default=0)
    r.add_argument("--jobs", type=int, default=1)
    r.add_argument("--labels")
    r.add_argument("--out", required=True)
    s = sub.add_parser("sample")
    s.add_argument("--json", required=True)
    s.add_argument("--confidence", choices=("high", "medium", "all"))
    s.add_argument("--n", type=int, default=20)
    s.add_argument("--seed", type=int, default=1)
    a = ap.parse_args(argv)
    return report(a) if a.cmd == "report" else sample(a)


if __name__ == "__main__":
    sys.exit(main())
