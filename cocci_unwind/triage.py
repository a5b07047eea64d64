"""What a CI run checks and what it reports: changed files (--since), shards, the baseline,
and suppression comments in the code."""
import collections
import os
import re
import subprocess
import zlib

from . import csyntax
from .summary import ToolError


# ---- which files: --since REV, --changed-lines, --shard I/N ------------------------------

def _git(args, cwd):
    try:
        p = subprocess.run(["git"] + args, cwd=cwd, stdout=subprocess.PIPE,
                           stderr=subprocess.PIPE)
    except FileNotFoundError:
        raise ToolError("--since needs git, which is not installed")
    if p.returncode != 0:
        raise ToolError("git %s: %s" % (" ".join(args),
                                        p.stderr.decode("utf-8", "replace").strip()))
    return p.stdout.decode("utf-8", "surrogateescape")


def changed(rev, suffixes):
    """{path relative to the current directory: set of changed lines in the new text} for the
    C files changed between rev and the working tree (committed, staged or not; new files
    that git does not track yet are included whole)."""
    top = _git(["rev-parse", "--show-toplevel"], ".").strip()
    _git(["rev-parse", "--verify", "--quiet", rev + "^{commit}"], top)
    diff = _git(["diff", "-U0", "--no-color", "--no-ext-diff", "--diff-filter=ACMR",
                 "--no-renames", rev, "--", "."], top)
    out, cur = {}, None
    for line in diff.splitlines():
        if line.startswith("+++ "):
            name = line[4:]
            cur = None
            if name != "/dev/null":
                name = name[2:] if name.startswith("b/") else name
                if name.endswith(suffixes):
                    cur = out.setdefault(os.path.relpath(os.path.join(top, name)), set())
        elif line.startswith("@@") and cur is not None:
            m = re.match(r"@@ -\S+ \+(\d+)(?:,(\d+))? @@", line)
            start, count = int(m.group(1)), int(m.group(2) or 1)
            # a pure deletion touches the lines on both sides of where it was
            cur.update(range(start, start + count) if count else (start, start + 1))
    untracked = _git(["ls-files", "--others", "--exclude-standard", "-z"], top)
    for name in untracked.split("\0"):
        if name.endswith(suffixes):
            out[os.path.relpath(os.path.join(top, name))] = None     # None: every line
    return out


def in_changed_functions(findings, changes):
    """The findings whose function has a changed line (a new file counts whole)."""
    spans = {}
    keep = []
    for f in findings:
        lines = changes.get(os.path.relpath(f["file"]), set())
        if lines is None:
            keep.append(f)
            continue
        if f["file"] not in spans:
            with open(f["file"], encoding="utf-8", errors="replace") as fh:
                spans[f["file"]] = csyntax.function_spans(fh.read())
        for name, first, last in spans[f["file"]]:
            if first <= f["line"] <= last:
                if any(first <= l <= last for l in lines):
                    keep.append(f)
                break
    return keep


def parse_shard(text):
    m = re.fullmatch(r"(\d+)/(\d+)", text or "")
    if not m or not 1 <= int(m.group(1)) <= int(m.group(2)):
        raise ToolError("--shard takes I/N with 1 <= I <= N, e.g. 2/4 (got %r)" % text)
    return int(m.group(1)), int(m.group(2))


def shard(files, i, n):
    """Shard i of n (1-based): files dealt out in turn from the sorted list, so every file is
    in exactly one shard and shards differ by one file at most."""
    return [f for k, f in enumerate(sorted(files, key=os.path.normpath)) if k % n == i - 1]


# ---- baseline ------------------------------------------------------------------------------

BASELINE_HEADER = ("# cocci-unwind baseline: findings accepted as they are; only new ones are "
                   "reported.\n# rule\tfile\tfunction\tvariable\tacquirer\n")


def key(f):
    """A finding's identity that survives unrelated edits: no line numbers."""
    return (f["rule"], os.path.normpath(os.path.relpath(f["file"])), f.get("function") or "",
            f["variable"], f["acquirer"])


def fingerprint(f):
    # a path's bytes that are not UTF-8 are surrogates here: hashed as the bytes they were
    return "%08x" % zlib.crc32("\t".join(key(f)).encode("utf-8", "surrogateescape"))


def write_baseline(path, findings):
    lines = sorted("\t".join(key(f)) for f in findings)
    tmp = path + ".tmp"
    with open(tmp, "w", encoding="utf-8", errors="surrogateescape") as fh:
        fh.write(BASELINE_HEADER + "".join(l + "\n" for l in lines))
    os.replace(tmp, path)


def read_baseline(path):
    try:
        with open(path, encoding="utf-8", errors="surrogateescape") as fh:
            text = fh.read()
    except OSError as e:
        raise ToolError("baseline %s: %s" % (path, e.strerror))
    counts = collections.Counter()
    for no, line in enumerate(text.splitlines(), 1):
        if not line.strip() or line.startswith("#"):
            continue
        fields = line.split("\t")
        if len(fields) != 5:
            raise ToolError("%s:%d: a baseline line has 5 tab-separated fields "
                            "(rule, file, function, variable, acquirer)" % (path, no))
        counts[tuple(fields)] += 1
    return counts


def against_baseline(findings, counts):
    """(new findings, number accepted by the baseline, baseline entries no longer found).
    A key seen n times in the baseline accepts its first n findings in file order."""
    left = collections.Counter(counts)
    new = []
    for f in findings:
        k = key(f)
        if left[k] > 0:
            left[k] -= 1
        else:
            new.append(f)
    return new, len(findings) - len(new), sum(left.values())


# ---- suppression comments ------------------------------------------------------------------

_SUPPRESS = re.compile(r"cocci-unwind:\s*ignore\b(?:[ \t]+(unwind-[\w-]+(?:\s*,\s*unwind-[\w-]+)*))?"
                       r"(?:[ \t]*[:\-][ \t]*(.*?))?[ \t]*(?:\*/)?[ \t]*$", re.S)


def suppressions(path):
    """[(line, column, rules or None for all, reason)] of `cocci-unwind: ignore` comments.
    A comment suppresses findings whose exit or acquisition is on its line, or on the line
    below when the comment has a line of its own."""
    with open(path, encoding="utf-8", errors="replace") as fh:
        text = fh.read()
    if "cocci-unwind" not in text:
        return []
    toks = csyntax.tokenize(text)
    code_lines = {t.line for t in toks if t.kind != "comment"}
    out = []
    for tok in (t for t in toks if t.kind == "comment"):
        line, col, body = tok.line, tok.col, tok.text
        inner = body[2:-2] if body.startswith("/*") else body[2:]
        m = _SUPPRESS.search(" ".join(inner.split()))
        if not m:
            continue
        rules = tuple(r.strip() for r in m.group(1).split(",")) if m.group(1) else None
        alone = line not in code_lines
        targets = {line, line + body.count("\n") + 1} if alone else {line}
        out.append({"file": path, "line": line, "column": col, "rules": rules,
                    "reason": (m.group(2) or "").strip(), "targets": targets})
    return out


def apply_suppressions(findings, files, rules_run, complete=True):
    """(kept findings, suppressed findings with their reason, stale suppressions). A
    suppression is stale when a rule it names ran and it silenced nothing; one that names no
    rule only when every rule ran (complete)."""
    sups = {}
    for path in files:
        for s in suppressions(path):
            sups.setdefault(os.path.normpath(path), []).append(s)
    used = set()
    kept, gone = [], []
    for f in findings:
        hit = None
        for s in sups.get(os.path.normpath(f["file"]), ()):
            if (s["rules"] is None or f["rule"] in s["rules"]) and \
                    (f["line"] in s["targets"] or f["acquired_line"] in s["targets"]):
                hit = s
                break
        if hit is None:
            kept.append(f)
        else:
            used.add(id(hit))
            gone.append(dict(f, suppressed=hit["reason"] or "no reason given"))
    stale = [s for ss in sups.values() for s in ss if id(s) not in used and
             (complete if s["rules"] is None else any(r in rules_run for r in s["rules"]))]
    return kept, gone, stale
