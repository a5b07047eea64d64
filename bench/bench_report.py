"""Helper of bench/bench.sh: turns the raw outputs of one benchmark run into figures.

  bench_report.py report ...   Markdown table on stdout, JSON figures to --out
  bench_report.py sample --json FIGURES.json [--confidence high] [--n 20] [--seed 1]
                               the findings to label: random.seed(SEED), random.sample over
                               the findings sorted by file/line (one TSV row each, unlabeled)
  bench_report.py table FIGURES.json... [--markdown FILE] [--out FILE] [--doc FILE]
                               one row per package (bench/run-all.sh): Markdown table,
                               the figures without the findings as one JSON, and the table
                               put between the bench markers of --doc (docs/benchmarks.md)

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
sys.path.insert(0, ROOT)
from cocci_unwind import coverage  # noqa: E402
CONFS = ("high", "medium")
_SUMMARY = re.compile(r"checked (\d+) files?: (\d+) findings?, (\d+) files? with parse errors?, "
                      r"(\d+) timed out, (\d+) skipped")
_PERFECT = re.compile(r"NB total files = (\d+); perfect = (\d+); pbs = (\d+); timeout = (\d+)")
_LINES = re.compile(r"nb good = (\d+),\s+nb bad = (\d+)")
_FUNCS = re.compile(r"([\d,]+) of ([\d,]+) functions? checked")
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


def precision(findings, labels_path, measured=None):
    """Precision from the labels; labels of files that were not measured (a subset run) are
    left out, neither used nor called stale."""
    labels = load_labels(labels_path)
    if measured is not None:
        labels = {k: v for k, v in labels.items() if k[0] in measured}
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


def _funcs(p):
    """'2,484 of 2,559 (97.1 %)', or n/a."""
    c, n = p.get("functions_checked"), p.get("functions_present")
    if c is None or n is None:
        return "n/a"
    return "%s of %s (%s)" % (format(c, ","), format(n, ","), coverage.percent(c, n))


def _pct(p):
    c, n = p.get("functions_checked"), p.get("functions_present")
    return "n/a" if c is None or n is None else coverage.percent(c, n)


def _in_define(lines, n):
    """Whether line n (1-based) is a line of a #define (its first line or a continuation)."""
    i = n - 1
    while 0 <= i < len(lines):
        if re.match(r"\s*#\s*define\b", lines[i]):
            return True
        if i == 0 or not lines[i - 1].rstrip().endswith("\\"):
            return False
        i -= 1
    return False


def not_checked(records, source):
    """check's not_checked records (--format json-report), paths relative to the source root,
    each with "kind": "function" (check named the function), "file" (a whole file), or, for a
    parse error whose code check could not tie to a function, "function (K&R)" when the line
    is inside a function definition that check did not name but coverage.py's scanner finds
    (zlib's K&R definitions until check named them itself: the function is named here, from
    that scanner, and counted as lost),
    "macro" (inside a #define: no function lost) or "code" (anything else)."""
    out, seen = [], set()
    for u in records:
        u = dict(u, file=rel(u["file"], source))
        path = os.path.join(source, u["file"])
        if u["function"]:
            u["kind"] = "function"
        elif not u["line"]:
            u["kind"] = "file"
            u["functions"] = [[n, first] for n, first, _ in coverage.function_spans(path)]
        else:
            fn = next(((n, first) for n, first, last in coverage.function_spans(path)
                       if first <= u["line"] <= last), None)
            if fn:
                u.update(kind="function (K&R)", function=fn[0], line=fn[1],
                         reason=u["reason"] + " (check named no function)")
            else:
                try:
                    lines = read(path).split("\n")
                except OSError:
                    lines = []
                u["kind"] = "macro" if _in_define(lines, u["line"]) else "code"
        key = (u["file"], u["line"], u["function"], u["reason"], u.get("rule", ""))
        if key not in seen:
            seen.add(key)
            out.append(u)
    return sorted(out, key=lambda u: (u["file"], u["line"], u["function"]))


def lost_functions(records):
    """{(file, function, line)} lost, from not_checked()'s records: each function named, and
    every function of a file lost whole."""
    out = set()
    for u in records:
        if u["function"]:
            out.add((u["file"], u["function"], u["line"]))
        for fn, first in u.get("functions", ()):
            out.add((u["file"], fn, first))
    return out


def parse_stats(text, files):
    """Files parsed perfectly, lines that did not parse and functions checked (not meeting
    a region spatch could not parse) of functions present, from `spatch --parse-c`."""
    m = _PERFECT.search(text)
    n = _LINES.search(text)
    cov = coverage.count(files, coverage.bad_ranges(text),
                         shown={os.path.abspath(f): f for f in files})
    return {"files": int(m.group(1)) if m else None, "perfect": int(m.group(2)) if m else None,
            "with_problems": int(m.group(3)) if m else None,
            "timeouts": int(m.group(4)) if m else None,
            "lines_good": int(n.group(1)) if n else None, "lines_bad": int(n.group(2)) if n else None,
            # no closing statistics: spatch stopped (a stack overflow on 400 files), and
            # what it did not print is not known to be checked
            "functions_present": cov.present, "functions_checked": cov.checked if m else None,
            "functions_unchecked": {f: [name for name, _ in v] for f, v in cov.unchecked.items()}}


def report(a):
    files = [l for l in read(a.files).splitlines() if l]
    parse = {"wall_s": None, "peak_rss_mib": None, "exit": a.parse_rc, "macro_file": True}
    parse.update(parse_stats(read(a.parse_out), files))
    before = parse_stats(read(a.parse0_out), files) if a.parse0_out else None
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
    m = _FUNCS.search(check["summary_line"] and err[err.rfind(check["summary_line"]):] or "")
    check["functions_checked"], check["functions_present"] = (
        (int(m.group(1).replace(",", "")), int(m.group(2).replace(",", ""))) if m else (None, None))
    check["parse_error_files"] = sorted({rel(x.group(1), a.source) for x in
                                         (_PARSE_ERR.match(l) for l in err.splitlines()) if x})
    check["timeout_files"] = sorted({rel(x.group(1), a.source) for x in
                                     (_TIMEOUT.match(l) for l in err.splitlines()) if x})
    try:
        doc = json.loads(read(a.check_json) or "[]")
    except ValueError:
        doc = []
        check["json_error"] = True
    # --format json-report: {"findings", "not_checked", "complete"}; --format json: the array
    findings = doc.get("findings", []) if isinstance(doc, dict) else doc
    if isinstance(doc, dict):
        check["not_checked"] = not_checked(doc.get("not_checked", []), a.source)
        check["functions_not_checked"] = len(lost_functions(check["not_checked"]))
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
    fig = {"package": a.package, "version": a.version, "subset": a.subset, "exclude": a.exclude,
           "source": os.path.abspath(a.source), "files": len(files),
           "file_list": [rel(f, a.source) for f in files],
           "lines": nlines, "parse": parse, "parse_without_macro_file": before, "check": check, "ratio_check_parse": ratio,
           "findings_total": len(findings), "findings_by_rule": dict(sorted(by_rule.items())),
           "findings_by_confidence": dict(sorted(by_conf.items())), "findings": findings}
    if a.labels:
        fig["precision"] = precision(findings, a.labels, {rel(f, a.source) for f in files})
    if a.fix_json and os.path.exists(a.fix_json):
        fig["fix"] = json.loads(read(a.fix_json))
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
            ("lines not parsed (spatch's count)", str(parse["lines_bad"])),
            ("functions checked / present (parse)", _funcs(parse)),
            ]
    if before:
        rows += [("files parsed perfectly, without cocci/macros.h",
                  "%s of %s" % (before["perfect"], before["files"])),
                 ("lines not parsed, without cocci/macros.h", str(before["lines_bad"])),
                 ("functions checked / present, without cocci/macros.h", _funcs(before))]
    rows += [
            ("check time (run.sh check, --jobs %d)" % a.jobs, sec(check["wall_s"])),
            ("ratio check / parse", "n/a" if ratio is None else "%.1f" % ratio),
            ("peak memory of check (largest process)", mib(check["peak_rss_mib"])),
            ("peak memory of parse", mib(parse["peak_rss_mib"])),
            ("findings", str(len(findings))),
            ]
    rows += [("findings, %s" % r, str(n)) for r, n in sorted(by_rule.items())]
    rows += [("findings, confidence %s" % c, str(n)) for c, n in sorted(by_conf.items())]
    for fx in fig.get("fix", ()):
        rows.append(("fix --style %s (time, x check)" % fx["style"], "%s, %s: %s fixed, %s not "
                     "fixed (%s by the analyser gate); %d files changed: %d compiled before and "
                     "after, %d not compilable here, %d with errors added; %d analysed before "
                     "and after, %d analyser diagnostics added" % (
                         sec(fx["wall_s"]), "n/a" if not check["wall_s"] else
                         "%.1f×" % (fx["wall_s"] / check["wall_s"]), fx["fixed"],
                         fx["not_fixed"], fx.get("gate_declined"), len(fx["changed_files"]),
                         fx["compiled_before_and_after"], len(fx["not_compilable_before"]),
                         len(fx["errors_added"]), fx.get("analysed_before_and_after", 0),
                         len(fx.get("analyser_diagnostics_added", ())))))
    rows += [("files with parse errors (check)", str(check["files_with_parse_errors"])),
             ("functions not checked (check's not_checked)",
              str(check.get("functions_not_checked", "n/a"))),
             ("functions checked / present (check; a body no rule needs is not parsed)",
              _funcs({"functions_checked": check["functions_checked"],
                      "functions_present": check["functions_present"]})),
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
    for u in check.get("not_checked", ()):
        print("not checked: %s" % _lost(u), file=sys.stderr)
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


BEGIN, END = "<!-- bench:begin (bench/run-all.sh) -->", "<!-- bench:end -->"


def _ratio(a, b):
    return "n/a" if a is None or b is None else "%d of %d" % (a, b)


def _frac(t, n):
    return "-" if not n else "%d/%d (%.0f%%)" % (t, n, 100.0 * t / n)


STYLES = ("release", "goto", "cleanup")


def _lost(u):
    """One not-checked record as a line of the details: `file:line function: reason`."""
    where = "%s:%d" % (u["file"], u["line"]) if u["line"] else u["file"]
    if u["kind"] == "file":
        what = "whole file (%d functions)" % len(u.get("functions", ()))
    elif u["function"]:
        what = u["function"] + (" (K&R)" if u["kind"] == "function (K&R)" else "")
    else:
        what = "no function (%s)" % ("inside a #define" if u["kind"] == "macro" else
                                     "code outside any function found")
    return "%s %s: %s%s" % (where, what, u["reason"], " [%s]" % u["rule"] if u.get("rule") else "")


def _not_checked_cell(c):
    return "n/a" if "not_checked" not in c else str(c["functions_not_checked"])


def _fix_counts(x):
    """fixed/declined/declined by the gate of one style: the three add up to the findings."""
    gate = x.get("gate_declined")
    if x["fixed"] is None or x["not_fixed"] is None:
        return "n/a"
    if gate is None:
        return "%s/%s/?" % (x["fixed"], x["not_fixed"])
    return "%d/%d/%d" % (x["fixed"], x["not_fixed"] - gate, gate)


def _fix_cells(f):
    """The fix-mode cells of a package's row: fixed/declined/declined by the gate per style,
    the slowest style's time against the check's, the compile check (files judged, errors
    added) and the analyser check (files analysed, diagnostics added)."""
    fx = {x["style"]: x for x in f.get("fix", ())}
    if not fx:
        return ["not run", "-", "-", "-"]
    counts = "; ".join(_fix_counts(fx[s]) if s in fx else "-" for s in STYLES)
    chk = f["check"]["wall_s"]
    slow = max(x["wall_s"] for x in fx.values())
    judged = sum(x["compiled_before_and_after"] for x in fx.values())
    changed = sum(len(x["changed_files"]) for x in fx.values())
    added = sum(len(x["errors_added"]) for x in fx.values())
    if all("analysed_before_and_after" in x for x in fx.values()):
        analysed = sum(x["analysed_before_and_after"] for x in fx.values())
        diags = sum(len(x["analyser_diagnostics_added"]) for x in fx.values())
        acell = "%d of %d changed files analysed, %s" % (
            analysed, changed, "**%d diagnostic%s added**" % (diags, "" if diags == 1 else "s")
            if diags else
            "no diagnostic added")
    else:
        acell = "not run"
    return [counts, "n/a" if not chk else "%.1f×" % (slow / chk),
            "%d of %d changed files compiled, %s" % (
                judged, changed, "**%d with errors added**" % added if added else
                "no error added"), acell]


def _fix_total(figs):
    """The fix cell of the all row: per style, the sums over the packages."""
    cells = []
    for st in STYLES:
        xs = [x for f in figs for x in f.get("fix", ()) if x["style"] == st]
        if not xs or any(x["fixed"] is None or x.get("gate_declined") is None for x in xs):
            cells.append("-")
            continue
        fixed = sum(x["fixed"] for x in xs)
        gate = sum(x["gate_declined"] for x in xs)
        cells.append("%d/%d/%d" % (fixed, sum(x["not_fixed"] for x in xs) - gate, gate))
    return "; ".join(cells)


def details(figs):
    """The lines below the table: every function check could not check, every finding the
    analyser gate declined, the files it could not run on, and any analyser diagnostic a
    rewrite added."""
    out = ["", "Functions not checked (`run.sh check --format json-report`, `not_checked`; "
           "K&R: a K&R definition that check's parse-error report names no function for, "
           "named here by `cocci_unwind/coverage.py`'s scanner):", ""]
    regions = []
    for f in figs:
        c = f["check"]
        if "not_checked" not in c:
            out.append("- %s: not measured (a run before `--format json-report`)" % f["package"])
            continue
        named = [u for u in c["not_checked"] if u["function"] or u["kind"] == "file"]
        regions += [(f["package"], u) for u in c["not_checked"] if u not in named]
        out.append("- %s: %s" % (f["package"], "%d" % c["functions_not_checked"]
                                  if named else "none"))
        out += ["  - `%s`" % _lost(u) for u in named]
    if regions:
        out += ["", "Parse errors that check reported as code not checked but that lie in no "
                "function (no function lost):", ""]
        out += ["- %s `%s`" % (p, _lost(u)) for p, u in regions]
    gated, nogate, diags = [], [], []
    for f in figs:
        for x in f.get("fix", ()):
            gated += [(f["package"], x["style"], g) for g in x.get("declined_by_gate", ())]
            notes = x.get("gate_could_not_run")
            nogate += [(f["package"], x["style"], g) for g in
                       (notes if isinstance(notes, list) else ())]
            diags += [(f["package"], x["style"], d)
                      for d in x.get("analyser_diagnostics_added", ())]
    out += ["", "Declined by the analyser gate (fix mode's `gcc -fanalyzer` / `clang --analyze` "
            "before and after):" + (" none" if not gated else "")]
    if gated:
        out.append("")
    for p, st, g in gated:
        out.append("- %s, %s style: `%s:%d` %s [%s]: %s" % (p, st, g["file"], g["line"],
                                                           g.get("function") or "?",
                                                           g.get("rule", ""), g["reason"]))
    if nogate:
        out += ["", "The gate could not run on (so it declined nothing there): " + "; ".join(
            "%s %s style `%s` (%s)" % (p, st, g["file"], g["reason"]) for p, st, g in nogate)
            + "."]
    elif all(isinstance(x.get("gate_could_not_run"), list) for f in figs for x in f.get("fix", ())):
        out += ["", "The gate ran on every file with a rewrite (fix printed no `the analyser gate "
                "could not run` note)."]
    out += ["", "Analyser diagnostics a rewrite added (every changed file analysed before and "
            "after by `gcc -fanalyzer` and `clang --analyze`, all their diagnostics):" +
            (" none" if not diags else "")]
    if diags:
        out.append("")
    for p, st, d in diags:
        out.append("- %s, %s style: %s %s in %s: %s" % (p, st, d["tool"], d["kind"],
                                                        d["function"] or "?", d["message"]))
    return out


def table(a):
    figs = []
    for path in a.json:
        fig = json.loads(read(path))
        el = os.path.splitext(path)[0] + ".elapsed"
        if os.path.exists(el):
            fig["bench_wall_s"] = float(read(el).strip() or 0)
        # precision from today's labels, so labelling needs no new run
        lab = os.path.join(ROOT, "bench", "labels", fig["package"] + ".tsv")
        if os.path.exists(lab):
            fig["precision"] = precision(fig["findings"], lab, set(fig["file_list"])
                                         if "file_list" in fig else None)
        figs.append(fig)
    rules = sorted({r for f in figs for r in f["findings_by_rule"]})
    head = ["package", "measured", "C files", "kLOC", "parsed perfectly: without → with macros.h",
            "functions checked / present: without → with the macro file",
            "parse-error files (check)", "not checked (functions)", "timeouts",
            "findings high / medium",
            "check s (--jobs %s)" % ",".join(sorted({str(f["check"]["jobs"]) for f in figs})),
            "parse s", "check / parse", "peak MiB", "precision (labelled, all)",
            "precision high", "unlabelled",
            "fixed / declined / declined by the gate: release; goto; cleanup",
            "fix / check (slowest style)", "compile check of fixed files",
            "analyser check of fixed files"]
    rows, tot = [], collections.Counter()
    for f in figs:
        p, c, b = f["parse"], f["check"], f.get("parse_without_macro_file") or {}
        conf = f["findings_by_confidence"]
        prec = f.get("precision")
        lab = prec and (prec["labeled"], prec["labeled_true"])
        hi = prec and prec["per_confidence"]["high"]
        rows.append([
            "%s %s" % (f["package"], f.get("version") or ""),
            f.get("subset") or "",
            str(f["files"]), "%.1f" % (f["lines"] / 1000.0),
            "%s → %s" % (_ratio(b.get("perfect"), b.get("files")), _ratio(p["perfect"], p["files"])),
            "%s → %s" % (_pct(b), _funcs(p)),
            str(c.get("files_with_parse_errors")), _not_checked_cell(c), str(c.get("timed_out")),
            "%d / %d" % (conf.get("high", 0), conf.get("medium", 0)),
            "n/a" if c["wall_s"] is None else "%.0f" % c["wall_s"],
            "n/a" if p["wall_s"] is None else "%.1f" % p["wall_s"],
            "n/a" if f["ratio_check_parse"] is None else "%.0f×" % f["ratio_check_parse"],
            "n/a" if c["peak_rss_mib"] is None else "%.0f" % c["peak_rss_mib"],
            _frac(lab[1], lab[0]) if lab else "not labelled",
            _frac(hi["true"], hi["labeled"]) if hi else "-",
            str(len(prec["unlabeled"])) if prec else "-"] + _fix_cells(f))
        tot["files"] += f["files"]
        tot["lines"] += f["lines"]
        tot["perfect0"] += b.get("perfect") or 0
        tot["perfect"] += p["perfect"] or 0
        tot["funcs0"] += b.get("functions_checked") or 0
        tot["funcs"] += p.get("functions_checked") or 0
        tot["present"] += p.get("functions_present") or 0
        tot["pe_files"] += c.get("files_with_parse_errors") or 0
        tot["lost"] += c.get("functions_not_checked") or 0
        tot["timeouts"] += c.get("timed_out") or 0
        tot["high"] += conf.get("high", 0)
        tot["medium"] += conf.get("medium", 0)
        tot["check"] += c["wall_s"] or 0
        tot["parse"] += p["wall_s"] or 0
        if lab:
            tot["labeled"] += lab[0]
            tot["true"] += lab[1]
            tot["hl"] += hi["labeled"]
            tot["ht"] += hi["true"]
    rows.append(["**all**", "", str(tot["files"]), "%.1f" % (tot["lines"] / 1000.0),
                 "%d → %d of %d" % (tot["perfect0"], tot["perfect"], tot["files"]),
                 "%s → %s" % (coverage.percent(tot["funcs0"], tot["present"]),
                              _funcs({"functions_checked": tot["funcs"],
                                      "functions_present": tot["present"]})),
                 str(tot["pe_files"]), str(tot["lost"]), str(tot["timeouts"]),
                 "%d / %d" % (tot["high"], tot["medium"]), "%.0f" % tot["check"],
                 "%.1f" % tot["parse"],
                 "%.0f×" % (tot["check"] / tot["parse"]) if tot["parse"] else "n/a", "",
                 _frac(tot["true"], tot["labeled"]), _frac(tot["ht"], tot["hl"]), "",
                 _fix_total(figs), "", "", ""])
    out = ["| " + " | ".join(head) + " |", "|" + "---|" * len(head)]
    out += ["| " + " | ".join(r) + " |" for r in rows]
    out += ["", "Findings per rule (all confidences):", "",
            "| package | " + " | ".join(rules) + " |", "|---|" + "---:|" * len(rules)]
    for f in figs:
        out.append("| %s | " % f["package"] +
                   " | ".join(str(f["findings_by_rule"].get(r, 0)) for r in rules) + " |")
    out += details(figs)
    text = "\n".join(out) + "\n"
    sys.stdout.write(text)
    if a.markdown:
        with open(a.markdown, "w") as fh:
            fh.write("# Benchmark results (written by bench/run-all.sh; do not edit)\n\n" + text)
    if a.out:
        slim = [{k: v for k, v in f.items() if k not in ("findings", "file_list")} for f in figs]
        for f in slim:
            if f.get("precision"):
                f["precision"] = dict(f["precision"], unlabeled=len(f["precision"]["unlabeled"]))
        with open(a.out, "w") as fh:
            json.dump(slim, fh, indent=2)
            fh.write("\n")
    if a.doc:
        doc = read(a.doc)
        i, j = doc.find(BEGIN), doc.find(END)
        if i < 0 or j < i:
            print("bench_report.py: no %s ... %s markers in %s" % (BEGIN, END, a.doc),
                  file=sys.stderr)
            return 2
        with open(a.doc, "w") as fh:
            fh.write(doc[:i + len(BEGIN)] + "\n" + text + doc[j:])
    return 0


def main(argv=None):
    ap = argparse.ArgumentParser(prog="bench_report.py")
    sub = ap.add_subparsers(dest="cmd", required=True)
    r = sub.add_parser("report")
    r.add_argument("--package", required=True)
    r.add_argument("--source", required=True)
    r.add_argument("--files", required=True)
    r.add_argument("--parse-out", required=True)
    r.add_argument("--parse0-out", help="spatch --parse-c output without the macro file")
    r.add_argument("--version", default="")
    r.add_argument("--subset", default="")
    r.add_argument("--exclude", default="")
    r.add_argument("--parse-time", required=True)
    r.add_argument("--parse-rc", type=int, default=0)
    r.add_argument("--check-json", required=True)
    r.add_argument("--check-err", required=True)
    r.add_argument("--check-time", required=True)
    r.add_argument("--check-rc", type=int, default=0)
    r.add_argument("--jobs", type=int, default=1)
    r.add_argument("--labels")
    r.add_argument("--fix-json", help="bench/fix_check.py's figures")
    r.add_argument("--out", required=True)
    s = sub.add_parser("sample")
    s.add_argument("--json", required=True)
    s.add_argument("--confidence", choices=("high", "medium", "all"))
    s.add_argument("--n", type=int, default=20)
    s.add_argument("--seed", type=int, default=1)
    t = sub.add_parser("table")
    t.add_argument("json", nargs="+")
    t.add_argument("--markdown")
    t.add_argument("--out")
    t.add_argument("--doc")
    a = ap.parse_args(argv)
    return {"report": report, "sample": sample, "table": table}[a.cmd](a)


if __name__ == "__main__":
    sys.exit(main())
