"""cocci-unwind command line: `run.sh check` runs the rule pack over files and folders.

Exit status: 0 no findings, 1 findings, 2 usage or tool error.
"""
import argparse
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile

from . import coverage, csyntax, gen, macros, report, summary, table, triage

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
COCCI = os.path.join(ROOT, "cocci")
EXAMPLE = os.path.join(ROOT, "examples")
PYTHON = "/usr/bin/python3"
C_SUFFIXES = (".c", ".h")
CONFIDENCE = {"high": ("high",), "medium": ("high", "medium"), "all": ("high", "medium")}


ToolError = summary.ToolError


def err(msg):
    print("cocci-unwind: %s" % msg, file=sys.stderr)


def collect(paths):
    """The C files under the given paths, and the problems met on the way (never fatal)."""
    files, problems, seen = [], [], set()
    for p in paths:
        if not os.path.lexists(p):
            problems.append("%s: no such file or directory" % p)
            continue
        if os.path.isfile(p):
            cands = [p]
        elif os.path.isdir(p):
            cands = []
            for d, dirs, names in os.walk(p, onerror=lambda e: problems.append(
                    "%s: %s" % (e.filename, e.strerror))):
                dirs[:] = sorted(x for x in dirs if not x.startswith("."))
                cands += [os.path.normpath(os.path.join(d, n)) for n in sorted(names)
                          if n.endswith(C_SUFFIXES)]
        else:
            problems.append("%s: not a regular file or directory" % p)
            continue
        for f in cands:
            real = os.path.realpath(f)
            if real in seen:
                continue
            if not os.path.isfile(f):
                problems.append("%s: not a regular file (skipped)" % f)
                continue
            if not os.access(f, os.R_OK):
                problems.append("%s: not readable (skipped)" % f)
                continue
            with open(f, "rb") as fh:
                head = fh.read(4096)
            if b"\0" in head:
                problems.append("%s: binary file, not C (skipped)" % f)
                continue
            seen.add(real)
            files.append(f)
    return files, problems


def plan(fams, names, workdir, inputs, back):
    """[(rule file, its inputs)]: a rule runs only on the files that name one of its
    acquirers (its own file prefilter: spatch disables its prefilter for files of more than
    five rules), and in them only on the functions that do (`focus`); unwind-inferred, whose
    pairs are any calls, on the functions that call something named like a release. A file
    that no rule needs still goes whole to the first rule, so that a parse error in it is
    reported. back (copy -> the path as given) gains the focused copies."""
    texts = {}
    for f in inputs:
        try:
            with open(f, "rb") as fh:
                texts[f] = fh.read().decode("latin-1")
        except OSError:
            texts[f] = ""
    out, seen = [], set()
    for n, (path, form) in enumerate(rule_files(fams, names, workdir, with_forms=True)):
        fns = sorted({a.function for a in form.acquires})
        if isinstance(form, gen.InferredForm) or not fns:
            word = re.compile(r"\b\w*(?:%s)\w*\s*\(" % gen.RELEASE_LIKE.replace("^", "\\b")
                              .replace("$", "\\b"), re.I)
        else:
            word = re.compile(r"\b(%s)\b" % "|".join(re.escape(f) for f in fns))
        mine = []
        for i, f in enumerate(inputs):
            if not word.search(texts[f]):
                continue
            seen.add(f)
            focused = focus(texts[f], word)
            if focused is None:
                mine.append(f)
                continue
            d = os.path.join(workdir, "focus", str(n), str(i))
            os.makedirs(d)
            copy = os.path.join(d, os.path.basename(f))
            with open(copy, "wb") as fh:
                fh.write(focused.encode("latin-1"))
            back[copy] = back.get(f, f)
            mine.append(copy)
        out.append((path, mine))
    unseen = [f for f in inputs if f not in seen]
    if out and unseen:
        out[0] = (out[0][0], out[0][1] + unseen)
    return [(path, mine) for path, mine in out if mine]


def focus(text, word):
    """text with the bodies of the functions that word does not match blanked (lines,
    columns and preprocessor lines kept), or None when every function is kept. The rules
    look at one function at a time, from an acquisition on: the others cost Coccinelle as
    much to match as the ones that matter (3 s of 4 for the memory rule on curl's
    openssl.c)."""
    toks = csyntax.tokenize(text)
    ct = csyntax.code_tokens(toks)
    spans = []
    for fn in csyntax.functions(ct, csyntax.mates(ct)):
        a, b = ct[fn.open_i].end, ct[fn.close_i].start
        if not word.search(text, a, b):
            spans.append((a, b))
    if not spans:
        return None
    keep = [(t.start, t.end) for t in toks if t.kind == "pp"]
    out = list(text)
    for a, b in spans:
        for i in range(a, b):
            if out[i] not in "\n":
                out[i] = " "
    for a, b in keep:
        out[a:b] = text[a:b]
    return "".join(out)


def rule_files(fams, names, workdir, with_forms=False):
    """The rule files to run: the committed ones, or regenerated with project acquirers."""
    forms = gen.forms(fams)
    if names:
        known = sorted({f.family.rule for f in forms})
        bad = [n for n in names if n not in known]
        if bad:
            raise ToolError("unknown rule %s (known: %s)" % (", ".join(bad), ", ".join(known)))
        forms = [f for f in forms if f.family.rule in names]
    rt = gen.runtime_text()
    out = []
    for f in forms:
        path = os.path.join(workdir, f.filename)
        with open(path, "w") as fh:
            fh.write(f.render(rt))
        out.append((path, f) if with_forms else path)
    return out


_PARSE_ERR = re.compile(r'^\s*= File "(.*)", line (\d+)')
# "EXN: ...Common.Timeout in FILE"; other exceptions (a failure of a rule's Python, an
# internal error on odd code) lose the file's findings of that rule just the same, and with
# --file-groups spatch still exits 0
_EXN = re.compile(r"^EXN: (.*) in (\S+)$")


def run_spatch(rule, files, args, workdir, env, bad=None):
    groups = summary.write_groups(files, workdir, "files.groups")
    cmd = ["spatch", "--python", PYTHON, "--sp-file", rule, "--file-groups", groups,
           "-D", "summary", "--no-includes", "--include-headers", "--quiet",
           "--macro-file", macros.path(workdir),
           "--parse-error-msg", "--verbose-parsing", "--timeout", str(args.timeout),
           "--jobs", str(args.jobs), "--chunksize", "1", "--no-show-diff"]
    try:
        proc = subprocess.run(cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE, env=env)
    except FileNotFoundError:
        raise ToolError("spatch not found: run ./run.sh setup (installs Coccinelle)")
    out = proc.stdout.decode("utf-8", "replace")
    errtext = proc.stderr.decode("utf-8", "replace")
    if proc.returncode != 0:
        raise ToolError("spatch failed on %s (exit %d):\n%s"
                        % (os.path.basename(rule), proc.returncode, errtext[-2000:]))
    findings, parse_errors, lost = [], {}, {}
    prev = ""
    for line in (out + "\n" + errtext).splitlines():
        if line.startswith("{"):
            try:
                findings.append(json.loads(line))
            except ValueError:
                pass
        m = _PARSE_ERR.match(line)
        if m and "parse error" in prev:
            parse_errors.setdefault(m.group(1), int(m.group(2)))
        m = _EXN.match(line.strip())
        if m:
            what = "timeout" if "Timeout" in m.group(1) else m.group(1)
            lost[m.group(2)] = "%s: %s" % (os.path.basename(rule)[:-6], what) \
                if what != "timeout" else what
        prev = line
    if bad is not None:         # {file: [(first, last line)]} spatch could not parse
        coverage.bad_ranges(out + "\n" + errtext, bad)
    return findings, parse_errors, lost


_CLEANUP_ATTR = re.compile(rb"__attribute__\s*\(\(\s*(__)?cleanup\s*\(\s*([\w#]+)\s*\)\s*\)\)")
# the cleanup macros fix --style cleanup writes in front of a type
_CLEANUP_MACROS = re.compile(rb"\bUNWIND_(?:FREE|FCLOSE|PCLOSE|CLOSE|CLOSEDIR|DLCLOSE|FREEADDRINFO"
                           rb"|ICONV_CLOSE|REGFREE|GLOBFREE|CLOSE_PAIR|MUNMAP|JOIN)\b|\b_cleanup_\w+_\b"
                           rb"|\b_cleanup_\(\s*\w+\s*\)|\bg_autofree\b|\bg_autofd\b"
                             rb"|\b__free\s*\(\s*\w+\s*\)")


def _blank(m):
    return b" " * len(m.group(0))


_AUTOPTR = re.compile(rb"\bg_autoptr\s*\(\s*(\w+)\s*\)")


def _autoptr(m):
    """g_autoptr(FILE) declares a FILE *: the same, in as many bytes."""
    t = m.group(1)
    return t + b" " * (len(m.group(0)) - len(t) - 1) + b"*"


def _sanitized(data):
    """data with the cleanup attributes blanked, except on preprocessor lines (a macro that
    defines one stays a macro)."""
    out, in_pp = [], False
    for line in data.splitlines(True):
        if in_pp or line.lstrip().startswith(b"#"):
            out.append(_CLEANUP_ATTR.sub(_blank, line))
            in_pp = line.rstrip(b"\r\n").endswith(b"\\")
        else:
            line = _CLEANUP_MACROS.sub(_blank, _CLEANUP_ATTR.sub(_blank, line))
            line = macros.GNU_RESTRICT.sub(_blank, line)
            out.append(_AUTOPTR.sub(_autoptr, line))
    return b"".join(out)


def sanitize(files, workdir):
    """Coccinelle 1.1.1 cannot parse `__attribute__((cleanup(f)))` on a local, and stops on
    `* const __restrict p`. Give spatch a copy in which they are blanked (lines and columns unchanged); the rules read the original
    text through COCCI_UNWIND_ORIGINALS. Returns the paths to check and a map back."""
    out, back = [], {}
    for i, f in enumerate(files):
        with open(f, "rb") as fh:
            data = fh.read()
        if (b"cleanup" in data or b"UNWIND_" in data or b"g_auto" in data or
                b"__free" in data or b"__restrict" in data) and \
                (_CLEANUP_ATTR.search(data) or _CLEANUP_MACROS.search(data) or
                 _AUTOPTR.search(data) or macros.GNU_RESTRICT.search(data)):
            d = os.path.join(workdir, "sanitized", str(i))
            os.makedirs(d)
            copy = os.path.join(d, os.path.basename(f))
            with open(copy, "wb") as fh:
                fh.write(_sanitized(data))
            back[copy] = f
            out.append(copy)
        else:
            out.append(f)
    return out, back


def path_map(files, back):
    """spatch's path of each checked file -> the path as the user gave it."""
    given = {os.path.abspath(f): f for f in files}
    given.update(back)
    return given


def find_config(start="."):
    """The project's .cocci-unwind: in the current folder or the nearest folder above it,
    up to the git work tree's root."""
    d = os.path.abspath(start)
    while True:
        p = os.path.join(d, table.CONFIG)
        if os.path.isfile(p):
            return p
        if os.path.exists(os.path.join(d, ".git")) or os.path.dirname(d) == d:
            return None
        d = os.path.dirname(d)


def load_tables(args, announce=True):
    """The resource table: built-in, the packs of --with, the project's configuration file,
    then --pairs files."""
    extra = list(args.pairs)
    conf = None if args.no_config else find_config()
    if conf:
        if announce:
            err("using %s" % os.path.relpath(conf))
        extra.insert(0, conf)
    return table.load(extra, packs=args.with_pack)


def select(args):
    """The files to check and the problems met: paths, then --since, then --shard."""
    paths = args.paths or (["."] if args.since else [EXAMPLE])
    files, problems = collect(paths)
    changes = None
    if args.since:
        changes = triage.changed(args.since, C_SUFFIXES)
        wanted = {os.path.abspath(p) for p in changes}
        files = [f for f in files if os.path.abspath(f) in wanted]
    if args.shard:
        files = triage.shard(files, *args.shard)
    return paths, files, problems, changes


def project_summary(args, files, fams, workdir):
    """The summary pass's result: read from --summary, or built from the checked files and
    the C files under --summary-dir (a whole tree, when only part of it is checked)."""
    if args.summary:
        try:
            with open(args.summary) as fh:
                summ = json.load(fh)
        except (OSError, ValueError) as e:
            raise ToolError("--summary %s: %s" % (args.summary, e))
        if not isinstance(summ, dict) or not {"release", "sink", "acquire"} <= set(summ):
            raise ToolError("--summary %s: not a file written by --write-summary" % args.summary)
        return summ
    more, problems = collect(args.summary_dir) if args.summary_dir else ([], [])
    for p in problems:
        err("--summary-dir: %s" % p)
    seen = {os.path.realpath(f) for f in files}
    more = [f for f in more if os.path.realpath(f) not in seen]
    return summary.build(files + more, fams, workdir, args.jobs)


def check(args):
    paths, files, problems, changes = select(args)
    for p in problems:
        err(p)
    if not shutil.which("spatch"):
        raise ToolError("spatch not found: run ./run.sh setup (installs Coccinelle)")
    fams = load_tables(args)
    rules_run = set(args.rule) or {f.family.rule for f in gen.forms(fams)}
    workdir = tempfile.mkdtemp(prefix="cocci-unwind-")
    try:
        env = dict(os.environ)
        env["COCCI_UNWIND_FORMAT"] = "jsonl"
        if files:
            macros.write(files, workdir)
            summ = project_summary(args, files, fams, workdir)
            summary.extend_table(fams, summ)
            spath = os.path.join(workdir, "summary.json")
            with open(spath, "w") as fh:
                json.dump(summ, fh)
            env["COCCI_UNWIND_SUMMARY"] = spath
            if args.write_summary:
                shutil.copy(spath, args.write_summary)
        findings, parse_errors, timeouts, failed, bad = [], {}, set(), {}, {}
        inputs, back = sanitize(files, workdir) if files else ([], {})
        if files:
            for rule, mine in plan(fams, args.rule, workdir, inputs, back):
                env["COCCI_UNWIND_ORIGINALS"] = json.dumps(back)
                f, pe, lost = run_spatch(rule, mine, args, workdir, env, bad)
                findings += f
                for k, v in pe.items():
                    parse_errors.setdefault(k, v)
                timeouts |= {k for k, v in lost.items() if v == "timeout"}
                failed.update({k: v for k, v in lost.items() if v != "timeout"})
    finally:
        shutil.rmtree(workdir, ignore_errors=True)
    shown = path_map(files, back)
    # each rule ran on its own (focused) copy of a file: one report per file as given
    pe = {}
    for k, v in parse_errors.items():
        k = shown.get(k, k)
        pe[k] = min(v, pe.get(k, v))
    parse_errors = pe
    timeouts = {shown.get(k, k) for k in timeouts}
    failed = {shown.get(k, k): v for k, v in failed.items()}
    uniq = {}
    for f in findings:
        f["file"] = shown.get(f["file"], f["file"])
        uniq[(f["file"], f["line"], f["column"], f["rule"], f["variable"])] = f
    found = sorted(uniq.values(), key=lambda f: (f["file"], f["line"], f["column"],
                                                 f["rule"], f["variable"]))
    # Suppressions are judged against every finding, whatever confidence is shown, so a
    # comment that silences a medium finding is not called stale.
    found, suppressed, stale = triage.apply_suppressions(found, files, rules_run,
                                                         complete=not args.rule)
    keep = CONFIDENCE[args.confidence]
    result = [f for f in found if f["confidence"] in keep]
    suppressed = [f for f in suppressed if f["confidence"] in keep]
    if args.changed_lines:
        result = triage.in_changed_functions(result, changes)
    notes = []
    if suppressed:
        notes.append("%d suppressed in the code" % len(suppressed))
    if args.baseline:
        result, accepted, gone = triage.against_baseline(result,
                                                         triage.read_baseline(args.baseline))
        notes.append("%d accepted by the baseline" % accepted)
        if gone:
            notes.append("%d baseline entr%s no longer found (refresh it with --write-baseline)"
                         % (gone, "y" if gone == 1 else "ies"))
    if args.write_baseline:
        triage.write_baseline(args.write_baseline, result)
        notes.append("baseline %s written with %d finding%s" % (
            args.write_baseline, len(result), "" if len(result) == 1 else "s"))
    else:
        if args.format == "sarif" and args.fix_style != "none" and result:
            attach_fixes(args, result, summ)
        sys.stdout.write(report.render(args.format, result, stale, suppressed))
    for path, line in sorted(parse_errors.items()):
        err("%s:%d: parse error: functions that do not parse there were not checked"
            % (shown.get(path, path), line))
    for path in sorted(timeouts):
        err("%s: timed out after %ss: its findings are lost (raise --timeout)"
            % (shown.get(path, path), args.timeout))
    for path, why in sorted(failed.items()):
        err("%s: spatch failed on it (%s): its findings of that rule are lost"
            % (shown.get(path, path), why))
    skipped = len(problems)
    if failed:
        notes.insert(0, "%d failed" % len(failed))
    if files:
        notes.append(coverage.count(files, bad, timeouts | set(failed), shown).note())
    err("checked %d file%s: %d finding%s, %d file%s with parse errors, %d timed out, %d skipped%s"
        % (len(files), "" if len(files) == 1 else "s", len(result), "" if len(result) == 1 else "s",
           len(parse_errors), "" if len(parse_errors) == 1 else "s", len(timeouts), skipped,
           "".join(", " + n for n in notes)))
    if not files and not problems:
        err("no C files changed since %s under %s" % (args.since, " ".join(paths))
            if args.since else "no C files under %s" % " ".join(paths))
    if any("no such file" in p for p in problems) or failed:
        return 2
    if args.write_baseline:
        return 0
    return 1 if result else 0


def attach_fixes(args, result, summ):
    """SARIF fixes: fix mode's planner (and its checks) run over the findings shown, with
    the check's summary; each finding whose function it rewrites gets the rewrite as
    f["fix"]."""
    from . import fix            # fix imports this module
    workdir = tempfile.mkdtemp(prefix="cocci-unwind-fixes-")
    try:
        spath = os.path.join(workdir, "summary.json")
        with open(spath, "w") as fh:
            json.dump(summ, fh)
        with open(os.devnull, "w") as quiet:
            # the planner's "not fixed: ..." lines belong to run.sh fix
            old, sys.stderr = sys.stderr, quiet
            try:
                plans = fix.plan_fixes(args, args.fix_style, result, spath, workdir)
            finally:
                sys.stderr = old
    finally:
        shutil.rmtree(workdir, ignore_errors=True)
    found = fix.sarif_fixes(plans, args.fix_style, report.artifact_location)
    for f in result:
        if fix.finding_key(f) in found:
            f["fix"] = found[fix.finding_key(f)]


def shard_arg(text):
    try:
        return triage.parse_shard(text)
    except ToolError as e:
        raise argparse.ArgumentTypeError(str(e))


def add_run_options(p, rule_help, confidence_help):
    """The options that choose what the check runs, shared by check and fix."""
    p.add_argument("--jobs", type=int, default=os.cpu_count() or 1)
    p.add_argument("--timeout", type=int, default=120, help="per-file spatch timeout, seconds")
    p.add_argument("--rule", action="append", default=[], help=rule_help)
    p.add_argument("--confidence", choices=tuple(CONFIDENCE), default="high",
                   help=confidence_help)
    p.add_argument("--pairs", action="append", default=[],
                   help="extra resource table in the format of cocci_unwind/resources.table")
    p.add_argument("--with", dest="with_pack", action="append", default=[], metavar="PACK",
                   help="enable a library pack: %s" % ", ".join(table.packs()))
    p.add_argument("--no-config", action="store_true",
                   help="ignore the project's .cocci-unwind file")
    p.add_argument("--summary", metavar="FILE",
                   help="reuse a summary written by --write-summary instead of running the "
                        "summary pass (shards and --since runs then know the whole tree)")
    p.add_argument("--summary-dir", metavar="DIR", action="append", default=[],
                   help="also read the C files under DIR in the summary pass (repeatable): "
                        "the project's wrappers, sinks and acquirers outside the checked paths")


def check_run_options(ap, args):
    if args.jobs < 1 or args.timeout < 1:
        ap.error("--jobs and --timeout take a positive number")


def main(argv=None):
    ap = argparse.ArgumentParser(prog="run.sh", description="cocci-unwind: resource leaks on "
                                 "error paths, found with Coccinelle")
    sub = ap.add_subparsers(dest="cmd")
    c = sub.add_parser("check", help="report leaking exits")
    c.add_argument("paths", nargs="*", help="files or folders (default: the bundled example)")
    c.add_argument("--format", choices=report.FORMATS, default="gcc",
                   help="gcc (default): file:line:col: warning: ... [rule]; json; sarif "
                        "(SARIF 2.1.0); github (workflow annotations)")
    add_run_options(c, "run only this rule (repeatable), e.g. unwind-fd",
                    "lowest confidence shown (default: high; medium and all show every "
                    "finding). On the benchmark's 11 packages, 8 of 8 high and 10 of 10 medium "
                    "findings were true when read by hand")
    c.add_argument("--fix-style", choices=("release", "goto", "none"), default="release",
                   help="with --format sarif: attach to each finding that fix mode can rewrite "
                        "the rewrite of this style as a SARIF fix (default: release; none: "
                        "no fixes)")
    c.add_argument("--cc", default="gcc -std=gnu11",
                   help="with SARIF fixes: compiler command that checks each rewrite, as in "
                        "run.sh fix (default: %(default)s; '' turns it off)")
    c.add_argument("--write-summary", metavar="FILE",
                   help="keep the summary pass's result (wrappers, sinks, acquirers)")
    c.add_argument("--since", metavar="REV",
                   help="check only the C files changed since this git revision")
    c.add_argument("--changed-lines", action="store_true",
                   help="with --since: only findings in functions that the change touched")
    c.add_argument("--baseline", metavar="FILE",
                   help="report only findings that this baseline does not accept")
    c.add_argument("--write-baseline", metavar="FILE",
                   help="write today's findings as the baseline (sorted text) and exit 0")
    c.add_argument("--shard", metavar="I/N", type=shard_arg,
                   help="check only shard I of N (1-based), a deterministic share of the files")
    m = sub.add_parser("merge", help="join the JSON or SARIF reports of shards into one")
    m.add_argument("reports", nargs="+")
    g = sub.add_parser("gen", help="regenerate cocci/*.cocci from the resource table")
    g.add_argument("--check", action="store_true")
    args = ap.parse_args(argv)
    try:
        if args.cmd == "check":
            check_run_options(ap, args)
            if args.changed_lines and not args.since:
                ap.error("--changed-lines needs --since REV")
            return check(args)
        if args.cmd == "merge":
            text, n = report.merge(args.reports)
            sys.stdout.write(text)
            return 1 if n else 0
        if args.cmd == "gen":
            return gen.main(["--check"] if args.check else [])
        ap.print_help(sys.stderr)
        return 2
    except OSError as e:
        err("%s: %s" % (e.filename, e.strerror))
        return 2
    except (ToolError, table.TableError) as e:
        err(str(e))
        return 2
    except KeyboardInterrupt:
        return 2
    except BrokenPipeError:
        return 1


if __name__ == "__main__":
    sys.exit(main())
