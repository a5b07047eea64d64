"""Parse coverage: how many of a tree's functions spatch parsed, so the rules checked them.

Functions present are the definitions csyntax finds in each file. spatch prints, for each
parse error (`--parse-error-msg --verbose-parsing`, and always with `--parse-c`), the region
it gave up on: `badcount: N` and then one `bad:` line per line of the region, the line of
the error marked `BAD:!!!!!`. A function whose lines meet such a region, or that lies in a
file spatch lost (a timeout, a crash), was not checked.

    bad_ranges(output, into) -> {file: [(first line, last line)]} from spatch's output
    count(files, bad, lost, shown) -> Coverage(checked, present, per-file)
"""
import re
from dataclasses import dataclass, field

from . import csyntax

_ERROR_AT = re.compile(r'^\s*= File "(.*)", line (\d+)')
_BADCOUNT = re.compile(r"^badcount: (\d+)")


def bad_ranges(output, into=None):
    """{file: [(first, last)]}: the regions spatch could not parse, read from its output
    (added to into when given)."""
    out = {} if into is None else into
    where, lines = None, output.splitlines()
    i = 0
    while i < len(lines):
        line = lines[i]
        m = _ERROR_AT.match(line)
        if m and i > 0 and "parse error" in lines[i - 1]:
            where = (m.group(1), int(m.group(2)))
        m = _BADCOUNT.match(line)
        if m and where:
            n, before, j, marked = int(m.group(1)), 0, i + 1, False
            while j < len(lines) and (lines[j].startswith("bad:") or
                                      lines[j].startswith("BAD:!!!!!")):
                if lines[j].startswith("BAD:!!!!!"):
                    marked = True
                elif not marked:
                    before += 1
                j += 1
            path, err_line = where
            # the error line is marked within the region; when it is not, the region is
            # taken to end there
            first = err_line - before if marked else err_line - n
            out.setdefault(path, []).append((max(first, 1), first + n))
            where, i = None, j
            continue
        i += 1
    return out


@dataclass
class Coverage:
    checked: int = 0
    present: int = 0
    files: dict = field(default_factory=dict)      # path -> (checked, present)
    unchecked: dict = field(default_factory=dict)  # path -> [(function, first line)]

    def add(self, path, spans, missed):
        """Count a file: spans its function definitions, missed those not checked."""
        self.files[path] = (len(spans) - len(missed), len(spans))
        if missed:
            self.unchecked[path] = missed
        self.present += len(spans)
        self.checked += len(spans) - len(missed)

    def note(self):
        """The figure for check's closing line."""
        return "%s of %s function%s checked (%s)" % (
            format(self.checked, ","), format(self.present, ","),
            "" if self.present == 1 else "s", percent(self.checked, self.present))


def percent(n, d):
    return "%.1f %%" % (100.0 * n / d) if d else "-"


def function_spans(path):
    """[(name, first line, last line)] of the function definitions in a file, K&R ones
    (`int f(a, b) int a; char *b; {`, zlib 1.2) too."""
    try:
        with open(path, "rb") as fh:
            text = fh.read().decode("latin-1")
    except OSError:
        return []
    ct = csyntax.code_tokens(csyntax.tokenize(text))
    return [(ct[n].text, ct[n].line, ct[c].line)
            for n, _, c in csyntax.definitions(ct, csyntax.mates(ct))]


def count(files, bad, lost=(), shown=None):
    """Coverage of the files (paths as given): bad is bad_ranges() keyed by spatch's paths,
    shown maps those back to the paths as given, lost the files whose check was lost."""
    shown = shown or {}
    regions = {}
    for path, rs in bad.items():
        regions.setdefault(shown.get(path, path), []).extend(rs)
    lost = {shown.get(p, p) for p in lost}
    cov = Coverage()
    for f in files:
        spans = function_spans(f)
        rs = regions.get(f, [])
        # a region starts on the last line of the element before it (its `}`)
        missed = [(name, a) for name, a, b in spans
                  if f in lost or any(a <= hi and lo < b for lo, hi in rs)]
        cov.add(f, spans, missed)
    return cov


def from_not_checked(files, not_checked):
    """Coverage of the files (paths as given) from check's not-checked records
    (passes.NotChecked): a record that names a function loses that function; one with
    neither a function nor a line (a file lost whole) loses every function of the file; a
    parse error in declarations (a line, no function) loses none."""
    lost_fns, lost_files = {}, set()
    for u in not_checked:
        if u.function:
            lost_fns.setdefault(u.file, set()).add((u.function, u.line))
        elif not u.line:
            lost_files.add(u.file)
    cov = Coverage()
    for f in files:
        spans = function_spans(f)
        gone = lost_fns.get(f, set())
        names = {n for n, _ in gone}
        missed = [(name, a) for name, a, b in spans
                  if f in lost_files or (name, a) in gone or name in names]
        cov.add(f, spans, missed)
    return cov
