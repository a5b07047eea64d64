"""The fault-injection harness (issue 3): every corpus case proven by execution.

Each case is built into a driver, run once with nothing failing and once per fallible call
with that call failing, and checked at exit (cocci_unwind/verify.py, harness/runtime.c).
"""
import os
import re
import subprocess

import pytest

from conftest import CORPUS, RUN, corpus_cases, harness_run
from cocci_unwind import table, verify

CASES = corpus_cases()
POSITIVE = [c for c in CASES if os.path.basename(c).startswith("leak_")]
NEGATIVE = [c for c in CASES if os.path.basename(c).startswith("ok_")]
FAMILIES = sorted({os.path.basename(os.path.dirname(c)) for c in CASES})
_FINDING = re.compile(r"^[^:]+:(?P<line>\d+):(?P<col>\d+): warning: '(?P<var>[^']+)' "
                      r"(?:from|locked by) (?P<fn>\w+)\(\) at line (?P<acq>\d+)")


def ids(cases):
    return [os.path.relpath(c, CORPUS) for c in cases]


def result(case):
    """run_case of a corpus file, once per session (the fix tests compare against it)."""
    return harness_run(case)


def case_leaks(res):
    return sorted((p.n, str(l)) for p in res.paths for l in p.leaks)


def leaked_lines(res):
    return {l.line for p in res.paths for l in p.leaks if l.where == "case"}


def assert_runs_well(res, strict=True):
    """Every path ran to the end; with strict, nothing is held that the case did not
    acquire itself (a positive case may also hold what a library allocated for the leaked
    resource, which verify.verdict lists)."""
    assert [p.n for p in res.paths] == list(range(res.k + 1))
    bad = [(p.n, p.failed, p.status, p.timed_out, p.errors) for p in res.paths if not p.ok]
    assert bad == []
    stray = [(p.n, str(l)) for p in res.paths for l in p.leaks if l.where != "case"]
    assert not strict or stray == [], "leaks acquired outside the case (by a drive expression)"


def line_of(text, needle):
    return next(i for i, l in enumerate(text.splitlines(), 1) if needle in l)


# ------------------------------------------------------------------- the corpus, proven

@pytest.mark.parametrize("case", POSITIVE, ids=ids(POSITIVE))
def test_positive_case_leaks_at_the_expected_acquisition(case):
    res = result(case)
    want = set(verify.expected_lines(case))
    assert want, "a leak_ case names at least one acquisition line"
    assert any(p.leaks for p in res.paths), "no path leaks"
    assert_runs_well(res, strict=False)
    ok, text = verify.verdict(case, res)
    assert ok and text.startswith("leaks as expected at line"), text


@pytest.mark.parametrize("case", NEGATIVE, ids=ids(NEGATIVE))
def test_negative_case_is_clean_on_every_path(case):
    res = result(case)
    assert case_leaks(res) == []
    assert_runs_well(res)
    assert verify.verdict(case, res) == (True, "clean")


@pytest.mark.parametrize("case", CASES, ids=ids(CASES))
def test_driver_prints_every_drive_in_order(case):
    with open(case) as fh:
        drives = verify.read_drives(fh.read())
    res = result(case)
    assert drives
    for p in res.paths:
        printed = [l.split(":")[0] for l in p.outputs if l.startswith("drive ")]
        assert printed == ["drive %d" % i for i in range(1, len(drives) + 1)], (p.n, p.outputs)
    failed = [p.failed_name for p in res.paths[1:]]
    assert failed == [c.split("(")[0] for c in res.calls], "path N fails the Nth call"


# --------------------------------------------- the harness can fail: synthetic cases

FD_LEAK = """/* synthetic: a descriptor kept on one exit.
 * drive: keep_fd("/dev/null", 1)
 * drive: keep_fd("/dev/null", 0)
 */
#include <fcntl.h>
#include <unistd.h>

int keep_fd(const char *path, int keep)
{
    int fd = open(path, O_RDONLY);

    if (fd < 0)
        return -1;
    if (keep)
        return 7;
    close(fd);
    return 0;
}
"""

HEAP_AND_MUTEX = """/* synthetic: a buffer and a mutex both kept on the success path.
 * drive: ({ static pthread_mutex_t m = PTHREAD_MUTEX_INITIALIZER; hold(&m, 8); })
 */
#include <pthread.h>
#include <stdlib.h>

int hold(pthread_mutex_t *m, size_t n)
{
    char *p = malloc(n);

    if (!p)
        return -1;
    pthread_mutex_lock(m);
    p[0] = 'x';
    return p[0];
}
"""


def write(tmp_path, name, text):
    p = tmp_path / name
    p.write_text(text)
    return str(p)


def test_fd_leak_is_caught_at_its_open(tmp_path):
    case = write(tmp_path, "ok_fd.c", FD_LEAK)
    res = verify.run_case(case)
    line = line_of(FD_LEAK, "open(path")
    assert res.k == 2
    assert res.paths[0].outputs == ["drive 1: 7", "drive 2: 0"]
    assert [(l.kind, l.line, l.where) for l in res.paths[0].leaks] == [("fd", line, "case")]
    assert "/dev/null" in res.paths[0].leaks[0].detail
    assert res.paths[1].failed == "open() at line %d" % line
    assert res.paths[1].outputs == ["drive 1: -1", "drive 2: 0"]
    assert res.paths[1].leaks == []
    ok, text = verify.verdict(case, res)
    assert not ok and "leaks at line %d" % line in text
    ok, text = verify.verdict(str(tmp_path / "leak_fd.c"), res)
    assert not ok and "needs a .expected" in text


def test_heap_leak_and_held_mutex_are_caught_with_their_lines(tmp_path):
    case = write(tmp_path, "ok_heap_mutex.c", HEAP_AND_MUTEX)
    res = verify.run_case(case)
    kinds = sorted((l.kind, l.line) for l in res.paths[0].leaks)
    assert kinds == [("heap", line_of(HEAP_AND_MUTEX, "malloc(n)")),
                     ("lock", line_of(HEAP_AND_MUTEX, "pthread_mutex_lock(m)"))]
    assert res.paths[1].failed_name == "malloc"
    assert res.paths[1].outputs == ["drive 1: -1"] and res.paths[1].leaks == []


HANDLES = """/* synthetic: a stream, glob results, a socket pair and a spin lock, all kept.
 * drive: ({ static pthread_spinlock_t s; pthread_spin_init(&s, 0); keep_all("/etc/host*", &s); })
 */
#include <glob.h>
#include <pthread.h>
#include <stdio.h>
#include <sys/socket.h>

int keep_all(const char *pattern, pthread_spinlock_t *s)
{
    FILE *t = tmpfile();
    glob_t g;
    int sv[2];

    if (!t)
        return -1;
    if (glob(pattern, 0, NULL, &g) != 0)
        return -2;
    if (socketpair(AF_UNIX, SOCK_STREAM, 0, sv) != 0)
        return -3;
    pthread_spin_lock(s);
    return (int)g.gl_pathc;
}
"""


def test_streams_globs_socket_pairs_and_spin_locks_are_tracked(tmp_path):
    res = verify.run_case(write(tmp_path, "ok_handles.c", HANDLES))
    kinds = sorted((l.kind, l.line) for l in res.paths[0].leaks)
    assert kinds == sorted([("file", line_of(HANDLES, "tmpfile()")),
                            ("glob", line_of(HANDLES, "glob(pattern")),
                            ("fd", line_of(HANDLES, "socketpair(")),
                            ("fd", line_of(HANDLES, "socketpair(")),
                            ("lock", line_of(HANDLES, "pthread_spin_lock(s)"))])
    assert [p.failed_name for p in res.paths[1:]] == ["tmpfile", "glob", "socketpair"]
    assert res.paths[1].leaks == []
    assert [l.kind for l in res.paths[2].leaks] == ["file"]


def test_memory_error_and_crash_are_reported(tmp_path):
    case = write(tmp_path, "ok_double_free.c", """/* synthetic: a double free on the error path.
 * drive: twice(0)
 */
#include <stdlib.h>

int twice(int fail)
{
    char *p = malloc(4);

    if (!p)
        return -1;
    free(p);
    if (fail || p)
        free(p);
    return 0;
}
""")
    res = verify.run_case(case)
    assert any("InvalidFree" in e for e in res.paths[0].errors), res.paths[0].errors
    ok, text = verify.verdict(case, res)
    assert not ok and "InvalidFree" in text
    unchecked = write(tmp_path, "ok_unchecked.c", """/* synthetic: malloc() not checked.
 * drive: unchecked()
 */
#include <stdlib.h>

int unchecked(void)
{
    char *p = malloc(4);

    p[0] = 1;
    free(p);
    return 0;
}
""")
    res = verify.run_case(unchecked)
    assert res.paths[0].ok and not res.paths[1].ok
    assert res.paths[1].status < 0 or res.paths[1].errors
    ok, text = verify.verdict(unchecked, res)
    assert not ok and text.startswith("FAIL: path 1: ")


def test_no_drive_lines_and_build_errors_are_errors(tmp_path):
    with pytest.raises(verify.HarnessError):
        verify.run_case(write(tmp_path, "none.c", "/* no drive */\nint f(void) { return 0; }\n"))
    with pytest.raises(verify.BuildError) as e:
        verify.run_case(write(tmp_path, "bad.c", "/* drive: f() */\nint f(void) { return x; }\n"))
    assert "undeclared" in e.value.output


def test_build_check_runs_both_compilers_strictly(tmp_path):
    verify.build_check(os.path.join(CORPUS, "memory", "ok_cast_free.c"))
    unused = write(tmp_path, "unused.res", "int f(int unused) { return 0; }\n")
    for cc in ("gcc", "clang"):
        with pytest.raises(verify.BuildError) as e:
            verify.build_check(unused, compilers=(cc,))
        assert "unused" in e.value.output


# ------------------------------------------- breaking a case makes the suite fail

# unwind-inferred learns its releases from names like these (cocci_unwind/rule_runtime.py)
_RELEASE_LIKE = r"\w*(?:free|close|destroy|release|unref|put|dispose|cleanup|fini)\w*"


def folder_table(case):
    """The resource table a case is checked with: built-in, plus its folder's .cocci-unwind."""
    conf = os.path.join(os.path.dirname(case), table.CONFIG)
    return table.load([conf] if os.path.exists(conf) else [])


def releases(family):
    case = first_negative(family)
    if family == "inferred":
        return [_RELEASE_LIKE]
    fams = folder_table(case)
    return sorted({r for f in fams.values() for a in f.acquires for r in a.releases})


def copy_case(case, tmp_path, name, text):
    """A changed copy of a case in tmp_path, with the headers of ours it includes."""
    d = os.path.dirname(case)
    for h in os.listdir(d):
        if h.endswith(".h"):
            (tmp_path / h).write_text(open(os.path.join(d, h)).read())
    return write(tmp_path, name, text)


def first_negative(family):
    return next(c for c in NEGATIVE if os.path.basename(os.path.dirname(c)) == family)


def _proof_fails(mutated):
    try:
        res = verify.run_case(mutated)
    except verify.HarnessError:         # e.g. the run no longer ends: a mutex left held
        return True
    caught = any(l.where == "case" for p in res.paths for l in p.leaks) or \
        not all(p.ok for p in res.paths)
    return caught and not verify.verdict(mutated, res)[0]


@pytest.mark.parametrize("family", FAMILIES)
def test_removing_a_release_from_a_negative_case_is_caught(family, tmp_path):
    """Release lines of the family's negative cases are emptied (`;`) one at a time, in
    order: the first one on a path the drive lines reach must make the proof fail (a leak,
    or a path that no longer ends). Lines only on paths of library failures the harness
    cannot inject are passed over; at most four are tried."""
    call = re.compile(r"^\s*(?:%s)\(.*\);\s*$" % "|".join(releases(family)))
    tried = []
    for case in (c for c in NEGATIVE if os.path.basename(os.path.dirname(c)) == family):
        with open(case) as fh:
            lines = fh.read().splitlines(keepends=True)
        for i in (i for i, l in enumerate(lines) if call.match(l)):
            if len(tried) == 4:
                break
            indent = lines[i][:len(lines[i]) - len(lines[i].lstrip())]
            d = tmp_path / str(len(tried))
            d.mkdir()
            mutated = copy_case(case, d, os.path.basename(case),
                                "".join(lines[:i] + [indent + ";\n"] + lines[i + 1:]))
            tried.append("%s:%d" % (os.path.basename(case), i + 1))
            if _proof_fails(mutated):
                return
    pytest.fail("removing a release went unnoticed at %s" % ", ".join(tried) if tried
                else "no negative case of %s has a release line" % family)


SPECIAL_RELEASE = {"pthread_create": "pthread_join({v}, NULL)", "regcomp": "regfree(&{v})",
                   "glob": "globfree(&{v})"}


def release_call(case, text, fn, var, acq_line):
    if fn in SPECIAL_RELEASE:
        return SPECIAL_RELEASE[fn].format(v=var)
    if fn == "mmap":
        length = re.search(r"mmap\([^,]+,\s*([^,]+),", acq_line).group(1)
        return "munmap(%s, %s)" % (var, length)
    acq = next((a for f in folder_table(case).values() for a in f.acquires if a.function == fn),
               None)
    if acq is None:     # a pair learned from the function: the release it uses elsewhere
        # (`arena_free(&gc)` for a struct held by value)
        rel = re.search(r"\b(%s)\(\s*(&?)\s*%s\s*\)" % (_RELEASE_LIKE, re.escape(var)), text)
        if rel is None:     # a lock pair learned from the project (`POOL_UNLOCK(tag, &l)`)
            rel = re.search(r"\b\w*(?:UNLOCK|[Uu]nlock)\w*\([^;()]*%s\s*\)" % re.escape(var),
                            text)
            return rel.group(0)
        return "%s(%s%s)" % (rel.group(1), rel.group(2), var)
    # a context held by value, set up through its address (`mbedtls_md_init(&md)`), is
    # released through its address as well
    by_value = "->" not in var and re.search(r"&\s*%s\b" % re.escape(var), acq_line) and \
        not re.search(
        r"\*\s*%s\s*[;=,)]" % re.escape(var), text)
    return "%s(%s%s)" % (acq.releases[0], "&" if by_value else "", var)


def container_release(lines, exit_line, owner):
    """(line, column) of the statement that frees `owner` on the way out of the exit at
    exit_line: after the goto's label, or before the return in its block."""
    call = re.compile(r"^(\s*)\w+\(\s*&?\s*%s\s*\);" % re.escape(owner))
    goto = re.search(r"\bgoto\s+(\w+)\s*;", lines[exit_line - 1])
    if goto:
        start = next(i for i, l in enumerate(lines) if re.match(r"^\s*%s:" % goto.group(1), l))
        order = range(start, len(lines))
    else:
        order = range(exit_line - 2, -1, -1)
    i = next(i for i in order if call.match(lines[i]))
    return i + 1, len(call.match(lines[i]).group(1)) + 1


def fixed_copy(case, tmp_path):
    """The case with every exit its .expected names made to release first:
    `return x;` becomes `{ release(var); return x; }`."""
    with open(case) as fh:
        text = fh.read()
    lines = text.splitlines(keepends=True)
    with open(case[:-2] + ".expected") as fh:
        findings = [_FINDING.match(l) for l in fh if l.strip()]
    fixes = {}
    for m in findings:
        key = (int(m.group("line")), int(m.group("col")))
        owner = re.search(r"which releases its container '(\w+)'", m.string)
        if owner:
            # a member lost where its container is freed: released just before that free
            key = container_release(lines, key[0], owner.group(1))
        fixes.setdefault(key, []).append(
            release_call(case, text, m.group("fn"), m.group("var"),
                         lines[int(m.group("acq")) - 1]))
    for (line, col), calls in fixes.items():
        text = lines[line - 1].rstrip("\n")
        lines[line - 1] = "%s{ %s; %s }\n" % (text[:col - 1], "; ".join(calls), text[col - 1:])
    return copy_case(case, tmp_path, os.path.basename(case)[:-2] + ".res", "".join(lines))


@pytest.mark.parametrize("case", POSITIVE, ids=ids(POSITIVE))
def test_releasing_at_the_expected_exit_fixes_the_case_and_changes_nothing_else(case, tmp_path):
    """Adding the missing release to a positive case removes every leak the harness saw,
    and the rewrite builds strictly and prints what the original printed on every path:
    the proof the rewrite issues use."""
    fixed = fixed_copy(case, tmp_path)
    verify.build_check(fixed)
    after = verify.run_case(fixed)
    assert case_leaks(after) == []
    assert_runs_well(after)
    assert verify.compare(result(case), after) == []
    assert verify.verdict(fixed, after) == (True, "clean")


# ------------------------------------------------------------------------- compare

def test_compare_reports_a_changed_value_and_a_changed_call_count(tmp_path):
    before = verify.run_case(write(tmp_path, "a.c", FD_LEAK))
    value = verify.run_case(write(tmp_path, "b.c", FD_LEAK.replace("return 7;", "return 8;")))
    diffs = verify.compare(before, value)
    assert diffs == ["path 0: output line 1 is 'drive 1: 7' before, 'drive 1: 8' after",
                     "path 2: output line 1 is 'drive 1: 7' before, 'drive 1: 8' after"]
    more = FD_LEAK.replace("    close(fd);\n", "    if (fstat(fd, &(struct stat){0}) < 0)\n"
                                             "        return -2;\n    close(fd);\n")
    more = more.replace("#include <unistd.h>", "#include <unistd.h>\n#include <sys/stat.h>")
    calls = verify.compare(before, verify.run_case(write(tmp_path, "c.c", more)))
    assert calls[0] == "K: 2 fallible calls before, 3 after"
    assert "path 3: run only after" in calls


# ----------------------------------------------------------------------- run.sh verify

def run_verify(*args):
    p = subprocess.run([RUN, "verify", *args], stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                       text=True)
    return p.returncode, p.stdout, p.stderr


def test_run_sh_verify_prints_paths_leaks_and_verdict(tmp_path):
    pos = os.path.join(CORPUS, "memory", "leak_bypass_out_label.c")
    neg = os.path.join(CORPUS, "memory", "ok_conditional_handoff.c")
    status, out, err = run_verify(pos, neg)
    assert status == 0, out + err
    assert "K=3" in out and "path 3 " in out
    assert "heap at line 14" in out
    assert "verdict: leaks as expected at line 14" in out
    assert "verdict: clean" in out
    bad = write(tmp_path, "ok_fd.c", FD_LEAK)
    status, out, err = run_verify(bad)
    assert status == 1 and "verdict: FAIL: leaks at line %d" % line_of(FD_LEAK, "open(") in out
    assert run_verify(str(tmp_path / "missing.c"))[0] == 2
    assert run_verify(write(tmp_path, "bad.c", "/* drive: f() */\nint f(void) { return x; }\n"))[0] == 2


def test_run_sh_verify_proves_a_res_rewrite_against_its_case(tmp_path):
    case = os.path.join(CORPUS, "memory", "leak_bypass_out_label.c")
    for ext in (".c", ".expected"):
        with open(case[:-2] + ext) as fh:
            write(tmp_path, "leak_bypass_out_label" + ext, fh.read())
    fixed = fixed_copy(str(tmp_path / "leak_bypass_out_label.c"), tmp_path)
    status, out, err = run_verify(fixed)
    assert status == 0, out + err
    assert "prints what leak_bypass_out_label.c prints on every path" in out
    with open(fixed) as fh:
        changed = fh.read().replace("return -EINVAL; }", "return -EIO; }")
    write(tmp_path, "leak_bypass_out_label.res", changed)
    status, out, err = run_verify(fixed)
    assert status == 1 and "differs from leak_bypass_out_label.c" in out


# a failing path that hangs, one that crashes, and one that frees twice
FAILING_PATHS = """/* synthetic: what a failing path can do besides leaking.
 * drive: steps()
 */
#include <stdlib.h>
#include <unistd.h>

int steps(void)
{
    char *a = malloc(4), *b, *c;

    if (!a) {
        for (;;)
            pause();
    }
    b = malloc(4);
    if (!b) {
        free(a);
        abort();
    }
    c = malloc(4);
    if (!c) {
        free(a);
        free(a);
        free(b);
        return -1;
    }
    free(c);
    free(b);
    free(a);
    return 0;
}
"""


def test_each_path_runs_alone_in_its_own_time(tmp_path):
    """Paths 1..K run as children of one valgrind process: a path that hangs is cut at the
    timeout, one that crashes or frees twice is reported as such, and the others are not
    disturbed."""
    res = verify.run_case(write(tmp_path, "ok_steps.c", FAILING_PATHS), timeout=5)
    assert res.k == 3
    hang, crash, twice = res.paths[1:]
    assert res.paths[0].ok and res.paths[0].outputs == ["drive 1: 0"]
    assert hang.timed_out and not hang.ok
    assert crash.status < 0 and not crash.timed_out
    assert twice.status == 0 and any("InvalidFree" in e for e in twice.errors), twice.errors
    assert [p.failed_name for p in res.paths[1:]] == ["malloc"] * 3
