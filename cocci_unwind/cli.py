"""cocci-unwind command line: `run.sh check` runs the rule pack over files and folders.

Exit status: 0 no findings, 1 findings, 2 usage or tool error (or a path named on the command
line that does not exist or cannot be read), 3 with --fail-on-unchecked when a file or a
function could not be checked (a parse error, a timeout, a spatch failure, a skipped file).
"""
import argparse
import json
import os
import re
import shutil
import subprocess
import sys
from dataclasses import dataclass

from . import coverage, csyntax, gen, macros, passes, report, staging, summary, table, triage

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
COCCI = os.path.join(ROOT, "cocci")
EXAMPLE = os.path.join(ROOT, "examples")
PYTHON = "/usr/bin/python3"
C_SUFFIXES = (".c", ".h")
CONFIDENCE = {"high": ("high",), "medium": ("high", "medium"), "all": ("high", "medium")}


ToolError = summary.ToolError

EXIT_CLEAN, EXIT_FINDINGS, EXIT_ERROR, EXIT_NOT_CHECKED = 0, 1, 2, 3


def err(msg):
    print("cocci-unwind: %s" % msg, file=sys.stderr)


@dataclass
class Skipped:
    """A path not checked: named on the command line (the run exits 2) or met in a folder."""
    path: str
    reason: str
    named: bool = False

    def __str__(self):
        return "%s: %s" % (self.path, self.reason)


def collect(paths):
    """The C files under the given paths, and the problems met on the way (never fatal):
    [Skipped]."""
    files, problems, seen = [], [], set()
    for p in paths:
        if not os.path.lexists(p):
            problems.append(Skipped(p, "no such file or directory", True))
            continue
        if os.path.isfile(p):
            cands = [p]
        elif os.path.isdir(p):
            if not os.access(p, os.R_OK | os.X_OK):
                problems.append(Skipped(p, "not readable (skipped)", True))
                continue
            cands = []
            for d, dirs, names in os.walk(p, onerror=lambda e: problems.append(
                    Skipped(e.filename, e.strerror))):
                dirs[:] = sorted(x for x in dirs if not x.startswith("."))
                cands += [os.path.normpath(os.path.join(d, n)) for n in sorted(names)
                          if n.endswith(C_SUFFIXES)]
        else:
            problems.append(Skipped(p, "not a regular file or directory", True))
            continue
        for f in cands:
            real = os.path.realpath(f)
            if real in seen:
                continue
            named = f == p
            if not os.path.isfile(f):
                problems.append(Skipped(f, "not a regular file (skipped)", named))
                continue
            if not os.access(f, os.R_OK):
                problems.append(Skipped(f, "not readable (skipped)", named))
                continue
            try:
                with open(f, "rb") as fh:
                    head = fh.read(4096)
            except OSError as e:
                problems.append(Skipped(f, "%s (skipped)" % e.strerror, named))
                continue
            if b"\0" in head:
                problems.append(Skipped(f, "binary file, not C (skipped)"))
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
        # a rule is named by its findings' rule or by its file (`unwind-fd-pair`: the pipe and
        # socketpair ends, whose findings are unwind-fd's)
        known = sorted({f.family.rule for f in forms} | {rule_name(f.filename) for f in forms})
        bad = [n for n in names if n not in known]
        if bad:
            raise ToolError("unknown rule %s (known: %s)" % (", ".join(bad), ", ".join(known)))
        forms = [f for f in forms if f.family.rule in names or rule_name(f.filename) in names]
    rt = gen.runtime_text()
    out = []
    for f in forms:
        path = os.path.join(workdir, f.filename)
        with open(path, "w") as fh:
            fh.write(f.render(rt))
        out.append((path, f) if with_forms else path)
    return out


def spatch_command(rule, groups, args, workdir, timeout=None):
    return ["spatch", "--python", PYTHON, "--sp-file", rule, "--file-groups", groups,
            "-D", "summary", "--no-includes", "--include-headers", "--quiet",
            "--macro-file", macros.path(workdir),
            "--parse-error-msg", "--verbose-parsing", "--timeout", str(timeout or args.timeout),
            "--jobs", str(args.jobs), "--chunksize", "1", "--no-show-diff"]


def run_pass(rule, files, args, workdir, env, timeout=None):
    """One rule over files (paths spatch can read: staged copies): passes.PassOutput."""
    groups = summary.write_groups(files, workdir, "files.groups")
    try:
        proc = subprocess.run(spatch_command(rule, groups, args, workdir, timeout),
                              stdout=subprocess.PIPE, stderr=subprocess.PIPE, env=env)
    except FileNotFoundError:
        raise ToolError("spatch not found: run ./run.sh setup (installs Coccinelle)")
    errtext = proc.stderr.decode("utf-8", "replace")
    if proc.returncode != 0:
        raise ToolError("spatch failed on %s (exit %d):\n%s"
                        % (os.path.basename(rule), proc.returncode, errtext[-2000:]))
    return passes.read_output(proc.stdout.decode("utf-8", "replace"), errtext)


def run_spatch(rule, files, args, workdir, env):
    """run_pass as (findings, {file: first parse-error line}, {file: "timeout" or
    "RULE: exception"}) (fix mode's recheck)."""
    po = run_pass(rule, files, args, workdir, env)
    parse_errors = {f: min(n for _, n, _ in rs) for f, rs in po.parse_errors.items()}
    lost = {f: "timeout" if why == passes.TIMEOUT else "%s: %s" % (rule_name(rule), why)
            for f, why in po.lost.items()}
    return po.findings, parse_errors, lost


def rule_name(rule):
    return os.path.basename(rule)[:-len(".cocci")]


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
    """The copies spatch is given, under generated names (staging.py: a path may hold any
    bytes, a file's text any encoding). Coccinelle 1.1.1 cannot parse
    `__attribute__((cleanup(f)))` on a local, and stops on `* const __restrict p`: they are
    blanked in the copy (lines and columns unchanged); nor a K&R definition, whose head the
    stage writes as a prototype's (staging.Stage.add). The rules read the original text
    through COCCI_UNWIND_ORIGINALS. Returns the paths to check and a map back (copy -> the
    path as given)."""
    stage = staging.Stage(workdir, "sanitized")
    out = []
    for f in files:
        with open(f, "rb") as fh:
            data = fh.read()
        if (b"cleanup" in data or b"UNWIND_" in data or b"g_auto" in data or
                b"__free" in data or b"__restrict" in data) and \
                (_CLEANUP_ATTR.search(data) or _CLEANUP_MACROS.search(data) or
                 _AUTOPTR.search(data) or macros.GNU_RESTRICT.search(data)):
            data = _sanitized(data)
        out.append(stage.add(f, data))
    return out, stage.copies()


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


_SYS_INCLUDE = re.compile(rb"^[ \t]*#[ \t]*include[ \t]*<([^>\n]+)>", re.M)
# a quoted include with a directory (`#include "mbedtls/bignum.h"`) names a library's header
# too: the library's own sources and the projects that carry a copy of it include it so; a
# bare quoted name ("zlib.h", "archive.h") is too often a project's own header
_DIR_INCLUDE = re.compile(rb'^[ \t]*#[ \t]*include[ \t]*"([^"\n/]+/[^"\n]+)"', re.M)


def includes_of(files):
    """The names the files include with angle brackets (`openssl/evp.h`), or in quotes with a
    directory (`"mbedtls/bignum.h"`)."""
    out = set()
    for f in files:
        try:
            with open(f, "rb") as fh:
                text = fh.read()
            out.update(m.decode("latin-1").strip()
                       for m in _SYS_INCLUDE.findall(text) + _DIR_INCLUDE.findall(text))
        except OSError:
            pass
    return out


def load_tables(args, files=(), announce=True):
    """The resource table: built-in, the packs of --with, the project's configuration file,
    then --pairs files; then the packs whose headers the checked files include (unless
    --no-auto-packs)."""
    extra = list(args.pairs)
    conf = None if args.no_config else find_config()
    if conf:
        if announce:
            err("using %s" % os.path.relpath(conf))
        extra.insert(0, conf)
    fams = table.load(extra, packs=args.with_pack)
    if files and not getattr(args, "no_auto_packs", False):
        on = {f.pack for f in fams.values()}
        auto = [p for p in table.auto_packs(includes_of(files)) if p not in on]
        for name in auto:
            table.parse("with %s\n" % name, "<headers>", fams)
        if auto and announce:
            err("library packs enabled by the headers the files include: %s "
                "(--no-auto-packs turns this off)" % ", ".join(auto))
    return fams


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
    return summary.build(files + more, fams, workdir, args.jobs, args.timeout)


# a lost file is retried one function at a time in at most this many copies per retry
MAX_COPIES = 64


class Rules:
    """The rule passes of one check: findings, parse-error regions and what was lost, with
    the retries that keep the loss to what spatch cannot do. Paths are spatch's (staged
    copies); back maps each copy to the staged original."""

    def __init__(self, args, workdir, env, back):
        self.args, self.workdir, self.env, self.back = args, workdir, env, back
        self.findings = []
        self.regions = {}       # staged original -> {(first, error line, last)}
        self.lost = []          # (staged original, function, line, reason, rule)
        self.timed_out = {}     # staged original -> {(function, line)}: blanked in later passes
        self.copies = 0
        self.originals = os.path.join(workdir, "originals.json")

    def orig(self, path):
        return self.back.get(path, path)

    def copy(self, of, text):
        self.copies += 1
        path = passes.write_copy(self.workdir, os.path.join("retry", str(self.copies)),
                                 os.path.basename(of), text)
        self.back[path] = self.orig(of)
        return path

    def read(self, path):
        with open(path, "rb") as fh:
            return fh.read().decode("latin-1")

    def run(self, rule, files, timeout=None):
        with open(self.originals, "w") as fh:
            json.dump(self.back, fh)
        # a path, not the map itself: thousands of files do not fit in the environment
        self.env["COCCI_UNWIND_ORIGINALS"] = self.originals
        po = run_pass(rule, files, self.args, self.workdir, self.env, timeout)
        self.findings += po.findings
        for f, rs in po.parse_errors.items():
            self.regions.setdefault(self.orig(f), set()).update(rs)
        return po

    def prepare(self, path):
        """The copies to give a rule for one of plan()'s inputs: the functions that timed
        out in an earlier pass blanked; a large file in slices."""
        dead = self.timed_out.get(self.orig(path))
        if not dead and not passes.is_large(path):
            return [path]
        text = self.read(path)
        live = [f for f in passes.live_functions(text) if f not in (dead or ())]
        if not live:
            return [] if dead else [path]
        return [self.copy(path, t) for t in passes.slices(text, live)]

    def rule(self, rule, files):
        mine = [c for f in files for c in self.prepare(f)]
        if not mine:
            return
        po = self.run(rule, mine)
        for path, why in sorted(po.lost.items()):
            self.retry(rule, path, why)

    def retry(self, rule, path, why):
        """A file the rule lost: the known faults blanked, then one function at a time."""
        name = rule_name(rule)
        text = self.read(path)
        if why != passes.TIMEOUT:
            blanked = passes.blank_faults(text)
            if blanked != text:
                c = self.copy(path, blanked)
                po = self.run(rule, [c])
                if c not in po.lost:
                    return
                text, path, why = blanked, c, po.lost[c]
        live = passes.live_functions(text)
        timeout = self.args.timeout
        for level in (1, 2):
            if len(live) <= 1:
                break
            timeout = max(1, timeout // 2) if why == passes.TIMEOUT else timeout
            groups = passes.chunks(live, MAX_COPIES if why != passes.TIMEOUT else 8)
            copies = [self.copy(path, passes.keep_functions(text, set(g))) for g in groups]
            po = self.run(rule, copies, timeout)
            live = []
            for c, g in zip(copies, groups):
                if c in po.lost:
                    if len(g) == 1 or level == 2:
                        self.lose(path, g, po.lost[c], name, timeout)
                    else:
                        live += g
                        why = po.lost[c]
            if not live:
                return
        self.lose(path, live or [("", 0)], why, name, timeout)

    def lose(self, path, functions, why, rule, timeout):
        o = self.orig(path)
        if why == passes.TIMEOUT:
            reason = "timed out after %ss" % timeout
            self.timed_out.setdefault(o, set()).update(f for f in functions if f[0])
        else:
            reason = "spatch failed: %s" % why
        for fn, line in functions:
            self.lost.append((o, fn, line, reason, rule))


def check(args):
    paths, files, problems, changes = select(args)
    for p in problems:
        err(str(p))
    if not shutil.which("spatch"):
        raise ToolError("spatch not found: run ./run.sh setup (installs Coccinelle)")
    fams = load_tables(args, files)
    rules_run = {f.family.rule for f in gen.forms(fams)
                 if not args.rule or f.family.rule in args.rule
                 or rule_name(f.filename) in args.rule}
    unchecked = [passes.NotChecked(p.path, reason=p.reason) for p in problems if p.path]
    workdir = staging.scratch("cocci-unwind-")
    summ = {}
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
        inputs, back = sanitize(files, workdir)
        passes_run = Rules(args, workdir, env, back)
        if files:
            for rule, mine in plan(fams, args.rule, workdir, inputs, back):
                passes_run.rule(rule, mine)
    finally:
        shutil.rmtree(workdir, ignore_errors=True)
    # what the parse errors skipped, named from the file's text
    parse_errors = {o: passes.skipped_functions(passes_run.read(o), regions)
                    for o, regions in passes_run.regions.items()}
    real = passes_run.orig
    lost = {}
    for o, fn, line, reason, rule in passes_run.lost:
        k = (real(o), fn, line)
        # one report per function: the rules that lost it, in order
        if k in lost:
            lost[k] = (lost[k][0], lost[k][1] + [rule])
        else:
            lost[k] = (reason, [rule])
    timeouts = {k[0] for k, (reason, _) in lost.items() if reason.startswith("timed out")}
    failed = {k[0] for k, (reason, _) in lost.items() if not reason.startswith("timed out")}
    for (path, fn, line), (reason, rules) in sorted(lost.items()):
        unchecked.append(passes.NotChecked(path, line, fn, reason,
                                           "" if set(rules) >= rules_run else ", ".join(rules)))
    for path, skipped in sorted(parse_errors.items()):
        for fn, line, n in skipped:
            unchecked.append(passes.NotChecked(path, line if fn else n, fn,
                                               "parse error at line %d" % n))
    uniq = {}
    for f in passes_run.findings:
        f["file"] = real(f["file"])
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
        sys.stdout.write(report.render(args.format, result, stale, suppressed,
                                       not_checked=[u.as_json() for u in unchecked]))
    for path, skipped in sorted(parse_errors.items()):
        for n in sorted({n for _, n, _ in passes_run.regions[path]}):
            fns = ["%s (line %d)" % (fn, line) for fn, line, m in skipped if m == n and fn]
            code = any(m == n and not fn for fn, _, m in skipped)
            err("%s:%d: parse error: %s" % (path, n, "function%s %s not checked" % (
                "s" if len(fns) > 1 else "", ", ".join(fns)) if fns else
                "the code there was not checked" if code else
                "in declarations, no function lost"))
    for u in unchecked:
        if u.reason.startswith(("timed out", "spatch failed")):
            err(u.text())
    n_fns = sum(1 for u in unchecked if u.function)
    if failed:
        notes.insert(0, "%d with spatch failures" % len(failed))
    if n_fns:
        notes.insert(0, "%d function%s not checked" % (n_fns, "" if n_fns == 1 else "s"))
    if files:
        notes.append(coverage.from_not_checked(files, unchecked).note())
    err("checked %d file%s: %d finding%s, %d file%s with parse errors, %d timed out, %d skipped%s"
        % (len(files), "" if len(files) == 1 else "s", len(result), "" if len(result) == 1 else "s",
           len(parse_errors), "" if len(parse_errors) == 1 else "s", len(timeouts),
           len(problems), "".join(", " + n for n in notes)))
    if not files and not problems:
        err("no C files changed since %s under %s" % (args.since, " ".join(paths))
            if args.since else "no C files under %s" % " ".join(paths))
    if any(p.named for p in problems):
        return EXIT_ERROR
    if args.write_baseline:
        return EXIT_CLEAN
    if unchecked and args.fail_on_unchecked:
        return EXIT_NOT_CHECKED
    return EXIT_FINDINGS if result else EXIT_CLEAN


def attach_fixes(args, result, summ):
    """SARIF fixes: fix mode's planner (and its checks) run over the findings shown, with
    the check's summary; each finding whose function it rewrites gets the rewrite as
    f["fix"]."""
    from . import fix            # fix imports this module
    workdir = staging.scratch("cocci-unwind-fixes-")
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
    p.add_argument("--no-auto-packs", action="store_true",
                   help="do not enable the library packs whose headers the checked files "
                        "include (`#include <openssl/ssl.h>` enables openssl)")
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
    for p in (c, m):
        p.add_argument("--fail-on-unchecked", action="store_true",
                       help="exit 3 when a file or a function could not be checked (a parse "
                            "error, a timeout, a spatch failure, a file skipped), even with "
                            "findings: a CI job then fails on a run that did not check "
                            "everything")
    g = sub.add_parser("gen", help="regenerate cocci/*.cocci from the resource table")
    g.add_argument("--check", action="store_true")
    args = ap.parse_args(argv)
    # paths are bytes: a name that is not UTF-8 is written back as the bytes it was
    for stream in (sys.stdout, sys.stderr):
        if hasattr(stream, "reconfigure"):
            stream.reconfigure(errors="surrogateescape")
    staging.exit_on_signals()
    try:
        if args.cmd == "check":
            check_run_options(ap, args)
            if args.changed_lines and not args.since:
                ap.error("--changed-lines needs --since REV")
            return check(args)
        if args.cmd == "merge":
            text, n = report.merge(args.reports)
            sys.stdout.write(text)
            if args.fail_on_unchecked and report.not_checked_in(text):
                return EXIT_NOT_CHECKED
            return EXIT_FINDINGS if n else EXIT_CLEAN
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
        return EXIT_ERROR
    except BrokenPipeError:
        return 1
    except Exception:
        # a bug: exit 2 (a tool error), never Python's 1, which CI takes for findings
        import traceback
        traceback.print_exc()
        err("internal error: please report it with the traceback above")
        return EXIT_ERROR


if __name__ == "__main__":
    sys.exit(main())
