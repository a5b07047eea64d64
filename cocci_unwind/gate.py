"""A second analyser as the gate of every rewrite: gcc -fanalyzer, and clang --analyze where
the file builds with clang, run on the original and on the rewritten file with the compile
check's flags. A diagnostic of a kind a wrong release produces (double free, use after free,
double fclose/close, free of a non-heap or uninitialised pointer, mismatched release) that
the rewrite has and the original has not, in the same function, drops the rewrite.

Measured on the corpus cases: gcc -fanalyzer takes 0.3-0.5 s a file, clang --analyze about
as long; the two analysers and the two versions run at once.
"""
import os
import re
import shlex
import shutil
import subprocess
from collections import Counter

from .csyntax import function_spans

# gcc's option names and clang's checker messages of the kinds that a wrong release makes
GCC_KINDS = {"double-free": "double free", "use-after-free": "use after free",
             "free-of-non-heap": "free of a non-heap pointer",
             "double-fclose": "double fclose", "fd-double-close": "double close",
             "fd-use-after-close": "use of a closed descriptor",
             "use-of-uninitialized-value": "use of an uninitialised value",
             "mismatching-deallocation": "mismatched release"}
_GCC = re.compile(r"^([^:\n]+):(\d+):\d+: warning: (.*?)(?: \[CWE-\d+\])? "
                  r"\[-Wanalyzer-([\w-]+)\]$", re.M)
_CLANG = re.compile(r"^([^:\n]+):(\d+):\d+: warning: (.*) \[([\w.]+)\]$", re.M)
_CLANG_KINDS = [(re.compile(r"free released memory|released memory|after it is freed|"
                            r"[Dd]ouble free"), "double free or use after free"),
                (re.compile(r"[Aa]rgument to \w+\(\) is|not (?:allocated|heap)|"
                            r"which is not memory allocated"), "free of a non-heap pointer"),
                (re.compile(r"uninitiali[sz]ed"), "use of an uninitialised value"),
                (re.compile(r"[Mm]emory allocated by .* should be deallocated"),
                 "mismatched release")]


class GateError(Exception):
    """The gate could not run: the file does not build on its own."""


def _function(text, line):
    return next((name for name, first, last in function_spans(text)
                 if first <= line <= last), None)


def commands(cc, folder):
    """[(name, argv prefix)]: gcc -fanalyzer with cc's flags; clang --analyze with them too
    when clang is installed."""
    base = shlex.split(cc)
    if not base:
        return []
    flags = base[1:] + ["-iquote", folder or "."]
    out = []
    if os.path.basename(base[0]) in ("gcc", "cc") or "gcc" in os.path.basename(base[0]):
        out.append(("gcc", [base[0]] + flags + ["-fanalyzer", "-c", "-o", os.devnull]))
    if shutil.which("clang"):
        out.append(("clang", ["clang", "--analyze", "-Wno-unknown-warning-option",
                              "-o", os.devnull] + flags))
    return out


def _parse(name, out, text):
    found = []
    if name == "gcc":
        for m in _GCC.finditer(out):
            if m.group(4) in GCC_KINDS:
                found.append(((_function(text, int(m.group(2))), GCC_KINDS[m.group(4)]),
                              m.group(3), int(m.group(2))))
    else:
        for m in _CLANG.finditer(out):
            kind = next((k for r, k in _CLANG_KINDS if r.search(m.group(3))), None)
            if kind:
                found.append(((_function(text, int(m.group(2))), kind), m.group(3),
                              int(m.group(2))))
    return found


def run_all(jobs):
    """Run [((which, tool), argv, text)] at once: [((which, tool), status, diagnostics,
    output)]."""
    procs = [(key, subprocess.Popen(argv, stdout=subprocess.PIPE, stderr=subprocess.STDOUT),
              text) for key, argv, text in jobs]
    out = []
    for key, p, text in procs:
        data = p.communicate()[0].decode("utf-8", "replace")
        out.append((key, p.returncode, _parse(key[1], data, text), data))
    return out


def new_diagnostics(cc, path, old_text, copy, new_text, cache=None):
    """[(function, kind, message, line)] the rewritten copy has and the original has not.
    Raises GateError when no analyser can run on the original (it does not build on its
    own). cache: a dict kept per file, so the original is analysed once."""
    cmds = commands(cc, os.path.dirname(os.path.abspath(path)))
    if not cmds:
        raise GateError("no compiler command (--cc '')")
    jobs = []
    have = cache.get("original") if cache is not None else None
    if have is None:
        jobs += [(("old", n), argv + ["-x", "c", path], old_text) for n, argv in cmds]
    jobs += [(("new", n), argv + ["-x", "c", copy], new_text) for n, argv in cmds]
    results = run_all(jobs)
    if have is None:
        have = {}
        for (which, n), status, diags, out in results:
            if which == "old":
                have[n] = (status, diags, out)
        if cache is not None:
            cache["original"] = have
    usable = [n for n, _ in cmds if have[n][0] == 0]
    if not usable:
        first = next((l for st, _, out in have.values() for l in out.splitlines()
                      if "error" in l), "")
        raise GateError("the file does not build on its own%s"
                        % (" (%s)" % first.split("error: ", 1)[-1] if first else ""))
    new = []
    for (which, n), status, diags, out in results:
        if which != "new" or n not in usable:
            continue
        had = Counter(k for k, _, _ in have[n][1])
        for k, msg, line in diags:
            if had[k]:
                had[k] -= 1
            else:
                new.append((k[0], k[1], "%s: %s" % (n, msg), line))
    return new
