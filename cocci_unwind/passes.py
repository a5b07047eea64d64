"""What a rule pass left unchecked, and the retries that keep it to what spatch cannot do.

spatch reports three kinds of loss, each per file: a parse error (the top-level items from
the error to the next point where its parser resynchronises are skipped), a timeout, and an
exception in a file (`Failure("parenType")` on a cast to a function-pointer type). Here:
- `read_output` reads findings, parse-error regions and lost files out of a pass's output;
- `skipped_functions` names the functions a parse-error region covers;
- `retry` runs a rule again on a file it lost: first with the constructs spatch is known to
  fail on blanked (same bytes count), then one function at a time, so that only the functions
  spatch cannot handle are lost, each named (`NotChecked`).
"""
import json
import os
import re
from dataclasses import dataclass

from . import csyntax

_PARSE_ERR = re.compile(r'^\s*= File "(.*)", line (\d+)')
# "EXN: ...Common.Timeout in FILE"; other exceptions (a failure of a rule's Python, an
# internal error on odd code) lose the file's findings of that rule just the same, and with
# --file-groups spatch still exits 0
_EXN = re.compile(r"^EXN: (.*) in (\S+)$")
TIMEOUT = "timed out"


@dataclass
class NotChecked:
    """A function, a line or a whole file that no rule (or one rule) could check."""
    file: str               # the path as given
    line: int = 0           # the function's first line; 0: the whole file
    function: str = ""      # "" for a whole file, or lines outside any function
    reason: str = ""
    rule: str = ""          # the rule that lost it; "" when every rule did

    def text(self):
        what = "function %s not checked" % self.function if self.function else "not checked"
        where = "%s:%d" % (self.file, self.line) if self.line else self.file
        return "%s: %s: %s" % (where, what, self.reason + (" (%s)" % self.rule
                                                          if self.rule else ""))

    def as_json(self):
        return {"file": self.file, "line": self.line, "function": self.function,
                "reason": self.reason, "rule": self.rule}


@dataclass
class PassOutput:
    findings: list
    parse_errors: dict      # file -> [(first skipped line, error line, last skipped line)]
    lost: dict              # file -> TIMEOUT or the exception spatch gave


def read_output(out, errtext):
    findings, errors, lost = [], {}, {}
    prev, cur = "", None
    for line in (out + "\n" + errtext).splitlines():
        if line.startswith("{"):
            try:
                findings.append(json.loads(line))
            except ValueError:
                pass
        m = _PARSE_ERR.match(line)
        if m and "parse error" in prev:
            cur = {"n": int(m.group(2)), "before": 0, "after": 0, "bad": False, "count": 0}
            errors.setdefault(m.group(1), []).append(cur)
        elif cur is not None and line.startswith("bad:"):
            cur["after" if cur["bad"] else "before"] += 1
        elif cur is not None and line.startswith("BAD:!!!!!"):
            cur["bad"] = True
        elif cur is not None and line.startswith("badcount:"):
            cur["count"] = int(line.split(":")[1])
        elif cur is not None and not line.startswith(("  around", "  whole content")):
            cur = None
        m = _EXN.match(line.strip())
        if m:
            lost[m.group(2)] = TIMEOUT if "Timeout" in m.group(1) else m.group(1)
        prev = line
    # the lines shown around the error end where the parser resynchronised; the last
    # `badcount` of them were skipped (the first shown can be the end of the item before)
    regions = {f: [(min(e["n"], e["n"] + e["after"] - e["count"] + 1) if e["count"] else
                    e["n"] - e["before"], e["n"], e["n"] + e["after"]) for e in es]
               for f, es in errors.items()}
    return PassOutput(findings, regions, lost)


def function_spans(text):
    """[(name, first line, last line, body start offset, body end offset)], K&R definitions
    too."""
    try:
        ct = csyntax.code_tokens(csyntax.tokenize(text))
        return [(ct[n].text, ct[n].line, ct[c].line, ct[o].end, ct[c].start)
                for n, o, c in csyntax.definitions(ct, csyntax.mates(ct))]
    except (csyntax.Unparsed, IndexError, ValueError, RecursionError):
        return []           # the lines are still reported, without the functions' names


def skipped_functions(text, regions):
    """[(function or "", its first line or the error line, the error line)]: the functions
    that a parse-error region covers, and the error lines that fall in no function we can
    name. A region with no function and no `{` (declarations, a macro) loses no function's
    check: it is left out; one with a `{` (a function whose header hides in a macro) is kept
    as ("", error line, error line)."""
    spans = function_spans(text)
    lines = text.split("\n")
    out, seen = [], set()
    for lo, n, hi in sorted(regions):
        hit = [(name, a) for name, a, b, _, _ in spans if a <= hi and b >= lo]
        for name, a in hit:
            if (name, a) not in seen:
                seen.add((name, a))
                out.append((name, a, n))
        if not hit and ("", n) not in seen and "{" in "".join(lines[max(lo, 1) - 1:hi]):
            seen.add(("", n))
            out.append(("", n, n))
    return sorted(out, key=lambda x: (x[1], x[0]))


def keep_functions(text, keep):
    """text with the bodies of the functions whose (name, first line) is not in keep
    blanked (lines, columns and preprocessor lines kept), as cli.focus does."""
    toks = csyntax.tokenize(text)
    pp = [(t.start, t.end) for t in toks if t.kind == "pp"]
    out = list(text)
    for name, a, _, s, e in function_spans(text):
        if (name, a) in keep:
            continue
        for i in range(s, e):
            if out[i] != "\n":
                out[i] = " "
    for s, e in pp:
        out[s:e] = text[s:e]
    return "".join(out)


# A file of more than LARGE_LINES lines (generated code) is not given whole to spatch: its
# functions are dealt into slices of at most SLICE_LINES lines, each a copy of the file with
# the other functions' bodies blanked, and each slice has the whole timeout.
LARGE_LINES = 20000
SLICE_LINES = 5000


def is_large(path):
    """Whether the file at path has more than LARGE_LINES lines (cheap for small files)."""
    if os.path.getsize(path) < LARGE_LINES * 4:      # surely not that long
        return False
    with open(path, "rb") as fh:
        return fh.read().count(b"\n") > LARGE_LINES


def slices(text, live):
    """The texts to give spatch for the live functions of text: text itself (with the other
    functions blanked) when it is not large, else slices of at most SLICE_LINES lines."""
    if text.count("\n") <= LARGE_LINES:
        return [keep_functions(text, set(live))]
    size = {(n, a): b - a + 1 for n, a, b, _, _ in function_spans(text)}
    out, cur, lines = [], [], 0
    for f in live:
        if cur and lines + size[f] > SLICE_LINES:
            out.append(cur)
            cur, lines = [], 0
        cur.append(f)
        lines += size[f]
    out.append(cur)
    return [keep_functions(text, set(s)) for s in out]


def live_functions(text):
    """(name, first line) of the functions whose body is not blank."""
    return [(name, a) for name, a, _, s, e in function_spans(text) if text[s:e].strip()]


# Constructs Coccinelle 1.1.1 fails on with an exception rather than a parse error, each
# blanked to spaces (the rules do not look inside them):
# - a cast to a function-pointer type, `(const char *(*)(void))dlsym(h, "x")`:
#   Failure("parenType")
_FAULTS = [re.compile(r"\(\s*[A-Za-z_][\w\s]*[\s*]\(\s*\*\s*\)\s*\([^()]*\)\s*\)(?=\s*[\w(])")]


def blank_faults(text):
    for pat in _FAULTS:
        text = pat.sub(lambda m: " " * len(m.group(0)), text)
    return text


def chunks(items, n):
    """items dealt into at most n runs of consecutive items, as even as can be."""
    if not items:
        return []
    n = max(1, min(n, len(items)))
    size, extra = divmod(len(items), n)
    out, i = [], 0
    for k in range(n):
        j = i + size + (1 if k < extra else 0)
        out.append(items[i:j])
        i = j
    return out


def write_copy(workdir, sub, name, text):
    d = os.path.join(workdir, sub)
    os.makedirs(d, exist_ok=True)
    path = os.path.join(d, name)
    with open(path, "wb") as fh:
        fh.write(text.encode("latin-1"))
    return path
