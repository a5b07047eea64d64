"""Proof by execution: run a C case through every error path and check what it still holds.

For one C file whose header comment carries `drive:` lines (corpus/README.md), `run_case`
builds a driver that #includes the file and evaluates each drive expression in order,
printing `drive <i>: <value>`. The driver is linked with harness/runtime.c through
`-Wl,--wrap=` so that every fallible call made from the case (and from its drive
expressions) is counted and can be made to fail. A run with no failure counts the
fallible calls, K; then each N in 1..K is run with FAIL_AT=N. Every run is checked at
exit: heap by valgrind memcheck (definite and indirect), descriptors by /proc/self/fd,
and streams, directories, locks, threads, mappings and library handles by the wrappers.

    from cocci_unwind.verify import run_case, compare, build_check
    before = run_case("corpus/fd/leak_open_read_fails.c")
    after = run_case("corpus/fd/leak_open_read_fails.res")
    assert not any(p.leaks for p in after.paths) and compare(before, after) == []

`python3 -m cocci_unwind.verify FILE...` (`./run.sh verify`) prints the proof per case.
"""
import argparse
import atexit
import functools
import os
import re
import shutil
import signal
import subprocess
import sys
import tempfile
import threading
import xml.etree.ElementTree as ET
from dataclasses import dataclass, field

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
RUNTIME = os.path.join(ROOT, "harness", "runtime.c")
DRIVE_FILE = "cocci-unwind-drive-"      # the #line name of drive i's code in the driver
# What drive expressions may call to release what a case hands on; included after the
# case, so the case's own feature macros (_GNU_SOURCE) come first.
DRIVE_HEADERS = ("dirent.h", "dlfcn.h", "errno.h", "fcntl.h", "glob.h", "iconv.h", "netdb.h",
                 "pthread.h", "regex.h", "stdio.h", "stdlib.h", "string.h", "sys/mman.h",
                 "sys/socket.h", "sys/stat.h", "unistd.h")
DRIVER_CFLAGS = ("-gdwarf-4", "-O0", "-fno-builtin", "-fno-omit-frame-pointer", "-fno-pie", "-no-pie",
                 "-U_FORTIFY_SOURCE", "-w")
CHECK_CFLAGS = ("-Wall", "-Wextra", "-Werror")
VALGRIND = ("valgrind", "--tool=memcheck", "--leak-check=full",
            "--show-leak-kinds=definite,indirect", "--errors-for-leak-kinds=definite,indirect",
            "--child-silent-after-fork=yes", "--vgdb=no", "--run-libc-freeres=no", "--num-callers=40", "--xml=yes")
LEAK_KINDS = ("Leak_DefinitelyLost", "Leak_IndirectlyLost")
_DRIVE = re.compile(r"^\s*\*?\s*drive:\s*(.+?)\s*$")
_AT_LINE = re.compile(r"\bat line (\d+)\b")


class BuildError(Exception):
    """The case (or its driver) did not compile; .output holds the compiler's output."""

    def __init__(self, message, output=""):
        super().__init__("%s\n%s" % (message, output) if output else message)
        self.output = output


class HarnessError(Exception):
    """The case cannot be run: no drive lines, or a tool is missing."""


@dataclass(frozen=True)
class Leak:
    kind: str     # heap fd file dir lock thread mmap dlopen regex addrinfo iconv glob
    line: int     # the acquiring call's line in the case file; 0 when it is not in it
    detail: str
    where: str = "case"     # "case", "drive N" (acquired by a drive expression) or "unknown"
    outer: tuple = ()       # heap: the lines of the calls further out in the case file

    def __str__(self):
        return "%s at %s (%s)" % (self.kind, _at(self.where, self.line), self.detail)


def _at(where, line):
    return "line %d" % line if where == "case" else where


@dataclass
class PathResult:
    n: int                  # 0: nothing fails; N: the Nth fallible call fails
    outputs: list           # what the driver printed (stdout and stderr), line by line
    leaks: list             # Leak, one per resource still held at exit
    failed: str = ""        # the call made to fail, "fopen() at line 27" ("" for n=0)
    failed_name: str = ""   # its function name
    status: int = 0         # exit status; negative: killed by that signal
    timed_out: bool = False
    errors: list = field(default_factory=list)   # valgrind memory errors, one text each

    @property
    def ok(self):
        """Exited normally, in time, with no memory error (leaks aside)."""
        return self.status == 0 and not self.timed_out and not self.errors


@dataclass
class CaseResult:
    path: str
    k: int                  # fallible calls made with nothing failing
    paths: list             # PathResult for n = 0..K
    calls: list             # the no-failure run's fallible calls, "name() at line L"
    private_tmp: bool       # runs saw a private, empty /tmp


# ----------------------------------------------------------------------------- the case

def read_drives(text):
    """The drive: expressions of a case's first comment, in order."""
    m = re.search(r"/\*(.*?)\*/", text, re.S)
    if not m:
        return []
    return [d.group(1) for d in map(_DRIVE.match, m.group(1).splitlines()) if d]


def expected_lines(c_path):
    """The acquisition lines (`at line N`) its .expected names, as a sorted list; [] if none."""
    exp = os.path.splitext(c_path)[0] + ".expected"
    if not os.path.exists(exp):
        return []
    with open(exp) as fh:
        return sorted({int(m.group(1)) for m in _AT_LINE.finditer(fh.read())})


def expects_leak(c_path):
    """A `leak_*.c` case with a non-empty .expected must leak; anything else must not."""
    name = os.path.basename(c_path)
    return name.startswith("leak_") and name.endswith(".c") and bool(expected_lines(c_path))


# ---------------------------------------------------------------------------- building

def _compile(cmd, what):
    try:
        p = subprocess.run(cmd, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    except FileNotFoundError as e:
        raise HarnessError("%s: %s not found" % (what, cmd[0])) from e
    if p.returncode != 0:
        raise BuildError("%s: %s failed" % (what, cmd[0]), p.stdout)


_BUILD = re.compile(r"^\s*\*?\s*build:\s*(.*?)\s*$")


def case_build(case):
    """The words of a corpus case's `build:` line in its header comment ([] without one)."""
    with open(case) as fh:
        m = re.search(r"/\*(.*?)\*/", fh.read(), re.S)
    for line in (m.group(1).splitlines() if m else ()):
        b = _BUILD.match(line)
        if b:
            return b.group(1).split()
    return []


@functools.lru_cache(maxsize=None)
def _pkg_config(what, modules):
    return subprocess.run(["pkg-config", what, *modules], check=True, stdout=subprocess.PIPE,
                          text=True).stdout.split()


def build_flags(case):
    """(compile flags, link flags) of a case, from its `build:` line (corpus/README.md):
    `pkg-config MODULE...` gives the modules' --cflags and --libs; a word ending in `.h` is a
    header of ours beside the case, which it includes with "..." (nothing to add); `-l` and
    `-L` words go to the linker, any other word starting with `-` to the compiler and the
    linker as it is."""
    cflags, libs = [], []
    words = case_build(case)
    i = 0
    while i < len(words):
        if words[i] == "pkg-config":
            j = i + 1
            while j < len(words) and not words[j].startswith("-") and not words[j].endswith(".h"):
                j += 1
            mods = tuple(words[i + 1:j])
            cflags += _pkg_config("--cflags", mods)
            libs += _pkg_config("--libs", mods)
            i = j
            continue
        if words[i].startswith(("-l", "-L")):
            libs.append(words[i])
        elif words[i].startswith("-"):
            cflags.append(words[i])
            libs.append(words[i])
        elif not words[i].endswith(".h"):
            raise ValueError("%s: build: does not know '%s'" % (case, words[i]))
        i += 1
    return cflags, libs


def build_check(path, compilers=("gcc", "clang")):
    """Compile `path` as C with each compiler at -Wall -Wextra -Werror (and its `build:`
    flags); BuildError if any fails."""
    cflags, _ = build_flags(path)
    with tempfile.TemporaryDirectory(prefix="cocci-unwind-check-") as tmp:
        for cc in compilers:
            _compile([cc, *CHECK_CFLAGS, *cflags, "-x", "c", "-c", path,
                      "-o", os.path.join(tmp, "x.o")], path)


_runtime_lock = threading.Lock()
_runtime = {}


def _runtime_object():
    """harness/runtime.c compiled once per process: (object path, names to --wrap)."""
    with _runtime_lock:
        if "obj" not in _runtime:
            tmp = tempfile.mkdtemp(prefix="cocci-unwind-runtime-")
            atexit.register(shutil.rmtree, tmp, True)
            obj = os.path.join(tmp, "runtime.o")
            _compile(["gcc", "-std=gnu11", "-g", "-O0", "-fno-pie", "-Wall", "-Wextra", "-Werror",
                      "-c", RUNTIME, "-o", obj], RUNTIME)
            nm = subprocess.run(["nm", "--defined-only", obj], stdout=subprocess.PIPE, text=True,
                                check=True).stdout
            _runtime["obj"] = obj
            _runtime["wraps"] = sorted(m.group(1) for m in
                                       re.finditer(r" T __wrap_(\w+)$", nm, re.M))
        return _runtime["obj"], _runtime["wraps"]


def _c_string(path):
    return '"%s"' % path.replace("\\", "\\\\").replace('"', '\\"')


def driver_source(c_path, drives):
    """The driver's C text: the case, then one hx_drive() per drive expression."""
    out = ["/* cocci-unwind harness driver for %s */" % os.path.basename(c_path),
           "#include %s" % _c_string(os.path.abspath(c_path))]
    out += ["#include <%s>" % h for h in DRIVE_HEADERS]
    out += ["void hx_start(void);", "void hx_drive(int i, long long value);",
            "void hx_finish(void);", "int main(void)", "{", "    hx_start();"]
    for i, d in enumerate(drives, 1):
        out += ['#line 1 "%s%d"' % (DRIVE_FILE, i), "    hx_drive(%d, (long long)(%s));" % (i, d)]
    out += ['#line 1 "%sfinish"' % DRIVE_FILE, "    hx_finish();", "    return 0;", "}", ""]
    return "\n".join(out)


def build_driver(c_path, workdir, extra_cflags=()):
    """Build the driver of `c_path` in `workdir`; returns the executable's path.
    extra_cflags: more compiler flags (-I of the cleanup headers a fix result includes)."""
    with open(c_path, errors="replace") as fh:
        drives = read_drives(fh.read())
    if not drives:
        raise HarnessError("%s: no drive: lines in its header comment" % c_path)
    obj, wraps = _runtime_object()
    src = os.path.join(workdir, "driver.c")
    exe = os.path.join(workdir, "driver")
    with open(src, "w") as fh:
        fh.write(driver_source(c_path, drives))
    cflags, libs = build_flags(c_path)
    _compile(["gcc", *DRIVER_CFLAGS, *cflags, *extra_cflags, src, obj, "-o", exe, *libs,
              "-ldl", "-lpthread"]
             + ["-Wl,--wrap=%s" % w for w in wraps], c_path)
    return exe


# ----------------------------------------------------------------------------- running

@dataclass
class _Raw:
    n: int
    out: str
    status: int
    timed_out: bool
    report: list
    xml: str


def _run(exe, n, workdir, valgrind, timeout):
    rundir = os.path.join(workdir, "run%d" % n)
    os.mkdir(rundir)
    report = os.path.join(rundir, "report")
    # valgrind's files beside the run folder: while the case runs, the folder holds only the
    # report, as each path's of _run_each does (a case may list its working directory)
    xml = os.path.join(workdir, "memcheck.run%d.xml" % n)
    env = dict(os.environ, FAIL_AT=str(n), HARNESS_REPORT=report)
    cmd = [exe]
    if valgrind:
        cmd = [*VALGRIND, "--xml-file=" + xml, "--log-file=" + os.path.join(workdir,
                                                                          "valgrind.run%d.log" % n),
               exe]
    p = subprocess.Popen(cmd, cwd=rundir, env=env, stdin=subprocess.DEVNULL,
                         stdout=subprocess.PIPE, stderr=subprocess.STDOUT, start_new_session=True)
    timed_out = False
    try:
        out, _ = p.communicate(timeout=timeout)
    except subprocess.TimeoutExpired:
        timed_out = True
        os.killpg(p.pid, signal.SIGKILL)
        out, _ = p.communicate()
    return _Raw(n, out.decode(errors="replace"), p.returncode, timed_out,
                _read(report).splitlines(), _read(xml) if valgrind else "")


def _read(path):
    """The text of a file a run wrote, "" when it wrote none."""
    if not os.path.exists(path):
        return ""
    with open(path, errors="replace") as fh:
        return fh.read()


def _run_each(exe, k, workdir, valgrind, timeout, jobs):
    """Paths 1..k in one process (runtime.c hx_fork_each): the driver forks a child per path
    before the case runs, so valgrind starts once, not k times; each child is checked for
    leaks as it exits, into the XML file named by its pid."""
    for n in range(1, k + 1):
        os.mkdir(os.path.join(workdir, "run%d" % n))
    paths = os.path.join(workdir, "paths")
    env = dict(os.environ, HARNESS_EACH=str(k), HARNESS_DIR=workdir, HARNESS_REPORT="report",
               HARNESS_JOBS=str(max(1, jobs)), HARNESS_TIMEOUT=str(int(timeout)))
    env.pop("FAIL_AT", None)
    cmd = [exe]
    if valgrind:
        cmd = [*(a for a in VALGRIND if not a.startswith("--child-silent-after-fork")),
               "--child-silent-after-fork=no",
               "--xml-file=" + os.path.join(workdir, "memcheck.%p.xml"), exe]
    p = subprocess.Popen(cmd, cwd=workdir, env=env, stdin=subprocess.DEVNULL,
                         stdout=subprocess.PIPE, stderr=subprocess.STDOUT, start_new_session=True)
    try:            # every child is killed after timeout; this is the parent's own limit
        out, _ = p.communicate(timeout=timeout * (k // max(1, jobs) + 2))
    except subprocess.TimeoutExpired:
        os.killpg(p.pid, signal.SIGKILL)
        out, _ = p.communicate()
    done = {}
    if os.path.exists(paths):
        with open(paths) as fh:
            for line in fh:
                f = line.split()
                if len(f) == 4 and f[0] == "path":
                    done[int(f[1])] = (int(f[2]), int(f[3]))
    raws = []
    for n in range(1, k + 1):
        if n not in done:
            raws.append(_Raw(n, "the harness did not run this path (its process: status %s)"
                             ":\n%s" % (p.returncode, out.decode(errors="replace")),
                             -1, True, [], ""))
            continue
        pid, status = done[n]
        report = _read(os.path.join(workdir, "run%d" % n, "report")).splitlines()
        # no report where one is due reads as an incomplete one, never as "no leak"
        xml = (_read(os.path.join(workdir, "memcheck.%d.xml" % pid)) or "<missing") \
            if valgrind else ""
        raws.append(_Raw(n, _read(os.path.join(workdir, "out%d" % n)), status,
                         status == -signal.SIGALRM, report, xml))
    return raws


def _addr2line(exe, sites):
    """{site: (file, line)} for return addresses in the (non-PIE) driver."""
    sites = sorted(s for s in set(sites) if s)
    if not sites:
        return {}
    p = subprocess.run(["addr2line", "-e", exe] + ["%x" % (s - 1) for s in sites],
                       stdout=subprocess.PIPE, text=True, check=True)
    out = {}
    for s, line in zip(sites, p.stdout.splitlines()):
        f, _, num = line.split(" (")[0].rpartition(":")
        out[s] = (f, int(num) if num.isdigit() else 0)
    return out


class _Where:
    """Maps a source location of the driver to (where, line in the case)."""

    def __init__(self, c_path):
        self.case = os.path.realpath(c_path)

    def __call__(self, path, line):
        if not path or path == "??":
            return "unknown", 0
        base = os.path.basename(path)
        if base.startswith(DRIVE_FILE):
            return "drive %s" % base[len(DRIVE_FILE):], 0
        if os.path.realpath(path) == self.case:
            return "case", line
        return "unknown", 0


def _frames(err):
    for fr in err.iter("frame"):
        d, f, ln = fr.findtext("dir"), fr.findtext("file"), fr.findtext("line")
        yield (fr.findtext("fn") or "", os.path.join(d or "", f) if f else "", int(ln or 0))


def _case_frame(err, where):
    """(where, line, callee, outer) of the innermost frame in the case or a drive; outer:
    the lines of the case's frames further out (the acquisition may sit in a helper)."""
    callee, found, outer = "", None, []
    for fn, path, line in _frames(err):
        w, ln = where(path, line)
        if found is None:
            if w != "unknown":
                found = (w, ln)
            else:
                callee = fn[len("__wrap_"):] if fn.startswith("__wrap_") else fn
        elif w == "case":
            outer.append(ln)
    if found is None:
        return "unknown", 0, callee, ()
    return found[0], found[1], callee, tuple(outer)


def _memcheck(text, where):
    """(heap leaks, memory errors) from valgrind's XML; a heap leak is
    (where, line, allocating function, bytes, blocks)."""
    heap, errors = [], []
    if not text:
        return heap, errors
    try:
        root = ET.fromstring(text)
    except ET.ParseError:
        return heap, ["valgrind's report is incomplete (the run was cut short)"]
    for err in root.iter("error"):
        kind = err.findtext("kind") or ""
        w, line, callee, outer = _case_frame(err, where)
        if kind in LEAK_KINDS:
            heap.append((w, line, callee or "?", int(err.findtext("xwhat/leakedbytes") or 0),
                         int(err.findtext("xwhat/leakedblocks") or 0), outer))
        elif not kind.startswith("Leak_"):
            what = err.findtext("what") or err.findtext("xwhat/text") or ""
            errors.append("%s at %s: %s" % (kind, _at(w, line), what))
    return heap, errors


def _with_heap(tracked, heap):
    """The leaks of one run. A heap block lost from a handle acquired on the same line
    (a DIR, a regex_t, an addrinfo list) is that handle's memory: one leak, with its bytes."""
    extra = {}
    leaks = list(tracked)
    for w, line, callee, nbytes, blocks, outer in heap:
        owner = next((l for l in tracked if l.kind != "fd" and w == "case"
                      and (l.where, l.line) == (w, line)), None)
        if owner is not None:
            b = extra.setdefault(owner, [0, 0])
            b[0] += nbytes
            b[1] += blocks
        else:
            leaks.append(Leak("heap", line, "%s lost, from %s()" % (_bytes(nbytes, blocks), callee),
                              w, outer))
    return [Leak(l.kind, l.line, "%s, with %s of heap" % (l.detail, _bytes(*extra[l])), l.where)
            if l in extra else l for l in leaks]


def _bytes(nbytes, blocks):
    return "%d bytes in %d block%s" % (nbytes, blocks, "" if blocks == 1 else "s")


_DETAIL = {
    "fd": "fd {extra} from {by}() not closed",
    "file": "FILE * from {by}() not {close}d",
    "dir": "DIR * from {by}() not closedir()ed",
    "lock": "{extra} locked by {by}() still held",
    "thread": "thread from {by}() not joined or detached",
    "mmap": "mapping {extra} from {by}() not unmapped",
    "dlopen": "handle {extra} from {by}() not dlclose()d",
    "regex": "regex_t {extra} from {by}() not regfree()d",
    "addrinfo": "list {extra} from {by}() not freeaddrinfo()d",
    "iconv": "descriptor {extra} from {by}() not iconv_close()d",
    "glob": "glob_t {extra} from {by}() not globfree()d",
}


def _tracked(kind, by, rest):
    close = "pclose" if by == "popen" else "fclose"
    extra = rest[1] if len(rest) > 1 else ""
    if kind == "fd":
        extra = "%s (%s)" % (rest[1], " ".join(rest[2:])) if len(rest) > 2 else rest[-1]
        if by == "?":
            return "fd %s, made by no wrapped call, not closed" % extra
    elif kind == "mmap":
        extra = " ".join(rest[1:])
    return _DETAIL.get(kind, "{by}").format(by=by, extra=extra, close=close)


def _site(value):
    try:
        return int(value, 16)
    except ValueError:
        return 0


def _path_result(raw, sites, where):
    def locate(site):
        return where(*sites.get(site, ("", 0)))

    leaks, failed, failed_name = [], "", ""
    for rec in raw.report:
        f = rec.split()
        if f[0] == "failed" and len(f) >= 3:
            w, line = locate(_site(f[2]))
            failed_name = f[1]
            failed = "%s() at %s" % (f[1], _at(w, line))
        elif f[0] == "leak" and len(f) >= 4:
            w, line = locate(_site(f[3]))
            leaks.append(Leak(f[1], line, _tracked(f[1], f[2], f[3:]), w))
    heap, errors = _memcheck(raw.xml, where)
    if not _field(raw.report, "calls") and not raw.timed_out:
        errors.append("the driver ended before its last drive returned (%s)" % _status(raw))
    return PathResult(raw.n, raw.out.splitlines(), _with_heap(leaks, heap), failed,
                      failed_name, raw.status, raw.timed_out, errors)


def _field(report, key):
    return [r.split()[1:] for r in report if r.split()[:1] == [key]]


def run_case(c_path, jobs=2, timeout=120, valgrind=True, keep=None, extra_cflags=()):
    """Build the driver of `c_path` (.c or .res: any C text with drive: lines) and run every
    path: n=0 with nothing failing, then each N in 1..K. Raises BuildError or HarnessError."""
    if valgrind and not shutil.which("valgrind"):
        raise HarnessError("valgrind not found (apt-get install valgrind)")
    workdir = keep or tempfile.mkdtemp(prefix="cocci-unwind-verify-")
    os.makedirs(workdir, exist_ok=True)
    try:
        exe = build_driver(c_path, workdir, extra_cflags)
        first = _run(exe, 0, workdir, valgrind, timeout)
        counted = _field(first.report, "calls")
        if not counted:
            raise HarnessError("%s: the no-failure run did not finish (status %d):\n%s"
                               % (c_path, first.status, first.out))
        k = int(counted[0][0])
        raws = [first] + (_run_each(exe, k, workdir, valgrind, timeout, jobs) if k else [])
        sites = [_site(f[-1]) for r in raws for f in _field(r.report, "failed")]
        sites += [_site(f[2]) for r in raws for f in _field(r.report, "leak") if len(f) > 2]
        sites += [_site(f[1]) for f in _field(first.report, "call") if len(f) > 1]
        sites = _addr2line(exe, sites)
        where = _Where(c_path)
        calls = []
        for name, site in (f for f in _field(first.report, "call") if len(f) > 1):
            w, line = where(*sites.get(_site(site), ("", 0)))
            calls.append("%s() at %s" % (name, _at(w, line)))
        return CaseResult(c_path, k, [_path_result(r, sites, where) for r in raws], calls,
                          _field(first.report, "tmp") == [["private"]])
    finally:
        if not keep:
            shutil.rmtree(workdir, ignore_errors=True)


# ---------------------------------------------------------------------------- verdicts

def compare(before, after):
    """The differences between two builds' runs, path by path; [] when they behave alike."""
    diffs = []
    if before.k != after.k:
        diffs.append("K: %d fallible calls before, %d after" % (before.k, after.k))
    b_paths = {p.n: p for p in before.paths}
    a_paths = {p.n: p for p in after.paths}
    for n in sorted(set(b_paths) | set(a_paths)):
        b, a = b_paths.get(n), a_paths.get(n)
        if b is None or a is None:
            diffs.append("path %d: run only %s" % (n, "after" if b is None else "before"))
            continue
        if b.failed_name != a.failed_name:
            diffs.append("path %d: the call made to fail is %s() before, %s() after"
                         % (n, b.failed_name, a.failed_name))
        if b.outputs != a.outputs:
            i = next((i for i, (x, y) in enumerate(zip(b.outputs, a.outputs)) if x != y),
                     min(len(b.outputs), len(a.outputs)))
            diffs.append("path %d: output line %d is %r before, %r after"
                         % (n, i + 1, (b.outputs[i:i + 1] or ["(none)"])[0],
                            (a.outputs[i:i + 1] or ["(none)"])[0]))
        if (b.status, b.timed_out) != (a.status, a.timed_out):
            diffs.append("path %d: exit status %s before, %s after"
                         % (n, _status(b), _status(a)))
    return diffs


def _status(p):
    """A run's end in words; p is a PathResult or a raw run."""
    if p.timed_out:
        return "timed out"
    return "signal %d" % -p.status if p.status < 0 else "%d" % p.status


def _lines(nums):
    nums = sorted(set(nums))
    return ("line %d" if len(nums) == 1 else "lines %s") % (
        nums[0] if len(nums) == 1 else ", ".join(map(str, nums)))


# `struct arena gc = arena_new();`, or a context set up through its address as a statement
# of its own (`mbedtls_mpi_init(&v);`)
_BY_VALUE_DECL = re.compile(r"^\s*(?:struct\s+\w+\s+(\w+)\s*=\s*\w+\s*\(|\w+\s*\(\s*&\s*(\w+)\s*[,)])")


def by_value_uses(c_path, lines):
    """{line: acquisition line} of the calls given the address of a struct held by value
    that one of the lines declares (`struct arena gc = arena_new();`) or sets up through
    its address (`mbedtls_mpi_init(&v);`), until the end of its function."""
    src = _read(c_path).split("\n")
    out = {}
    for n in lines:
        m = _BY_VALUE_DECL.match(src[n - 1]) if 0 < n <= len(src) else None
        if not m:
            continue
        use = re.compile(r"\w+\s*\([^;]*&\s*%s\b" % re.escape(m.group(1) or m.group(2)))
        for i in range(n, len(src)):
            if src[i].startswith("}"):
                break
            if use.search(src[i]):
                out.setdefault(i + 1, n)
    return out


def verdict(c_path, result):
    """(holds, text): a leak_ case leaks at every line its .expected names, on some path; any
    other file is clean on every path; no path crashes or has a memory error. In a leak_
    case, what else is still held at exit (memory a library call allocated for the leaked
    resource, a descriptor a library opened for it) is listed, not a failure: the leak
    the finding names is there."""
    problems, also = [], []
    for p in result.paths:
        if not p.ok:
            why = "; ".join(p.errors) or "exit status %s" % _status(p)
            problems.append("path %d: %s" % (p.n, why))
    mine = [l for p in result.paths for l in p.leaks if l.where == "case"]
    others = sorted({str(l) for p in result.paths for l in p.leaks if l.where != "case"})
    leaked = {l.line for l in mine}
    name = os.path.basename(c_path)
    if name.startswith("leak_") and name.endswith(".c") and not expects_leak(c_path):
        problems.append("a leak_ case needs a .expected that names its acquisition lines")
    if expects_leak(c_path):
        want = set(expected_lines(c_path))
        # memory acquired inside a helper of the case counts at the helper's call, when that
        # is the line the finding names; memory put in a struct held by value counts at the
        # struct's acquisition (`struct arena gc = arena_new();` at line 52, a block put in
        # it by `arena_strdup(&gc, s)` at line 58)
        at = by_value_uses(c_path, want)
        leaked = {next((at.get(o, o) for o in (l.line,) + l.outer if at.get(o, o) in want),
                       l.line) for l in mine}
        if want - leaked:
            problems.append("no leak of the acquisition at %s" % _lines(want - leaked))
        if leaked - want:
            also.append("also held: acquired at %s" % _lines(leaked - want))
        if others:
            also.append("also held: %d resource%s acquired outside the case (%s)" % (
                len(others), "" if len(others) == 1 else "s", others[0]))
        good = "leaks as expected at %s" % _lines(want)
    else:
        problems += ["path %s" % o for o in others]
        if leaked:
            problems.append("leaks at %s" % _lines(leaked))
        good = "clean"
    if problems:
        return False, "FAIL: " + "; ".join(problems)
    return True, good + "".join("; " + a for a in also)


# --------------------------------------------------------------------------------- CLI

def _describe(result, out):
    print("%s: %d paths (no failure, then each of the K=%d fallible calls failing)%s"
          % (result.path, len(result.paths), result.k,
             "" if result.private_tmp else "; /tmp shared"), file=out)
    for p in result.paths:
        what = p.failed or ("no failure" if p.n == 0 else "(no call failed)")
        held = "; ".join(str(l) for l in p.leaks) or "no leak"
        extra = "" if p.ok else "  [%s]" % ("; ".join(p.errors) or "exit " + _status(p))
        print("  path %-3d %-34s %s%s" % (p.n, what, held, extra), file=out)


def verify_file(path, out=sys.stdout, jobs=2):
    """Runs one file and prints its proof; True when its verdict holds."""
    res_file = path.endswith(".res")
    if res_file:
        build_check(path)
    result = run_case(path, jobs=jobs)
    _describe(result, out)
    ok, text = verdict(path, result)
    if ok and res_file:
        before_path = path[:-len(".res")] + ".c"
        if os.path.exists(before_path):
            diffs = compare(run_case(before_path, jobs=jobs), result)
            if diffs:
                ok, text = False, "FAIL: differs from %s: %s" % (
                    os.path.basename(before_path), "; ".join(diffs))
            else:
                text += ", builds with gcc and clang, prints what %s prints on every path" % (
                    os.path.basename(before_path))
    print("  verdict: %s" % text, file=out)
    return ok


def main(argv=None):
    ap = argparse.ArgumentParser(prog="run.sh verify", description=(
        "Run C cases through every error path (fault injection) and check what they "
        "still hold at exit."))
    ap.add_argument("files", nargs="+", metavar="FILE", help="a case (.c) or a rewrite (.res)")
    ap.add_argument("--jobs", type=int, default=2, help="paths run at once (default 2)")
    args = ap.parse_args(argv)
    status = 0
    for f in args.files:
        if not os.path.isfile(f):
            print("cocci-unwind: %s: no such file" % f, file=sys.stderr)
            return 2
        try:
            if not verify_file(f, jobs=args.jobs):
                status = max(status, 1)
        except (BuildError, HarnessError) as e:
            print("cocci-unwind: %s" % e, file=sys.stderr)
            status = 2
    return status


if __name__ == "__main__":
    sys.exit(main())
