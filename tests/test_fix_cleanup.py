"""run.sh fix --style cleanup --dialect portable|systemd|glib|kernel: the corpus results
(.cleanup-<dialect>.res), the declined cases and their reasons, the safety rules, the header,
and the fault-injection proof of the portable and systemd results."""
import os
import re
import shutil
import subprocess

import pytest

from conftest import (CORPUS, KNR_CASES, KNR_DECLINED, MEMBER_CASES, MEMBER_DECLINED, ROOT, RUN,
                      corpus_cases, harness_run, run_check)

DIALECTS = ("portable", "systemd", "glib", "kernel")
STANDINS = os.path.join(ROOT, "tests", "dialects")
INCLUDE = os.path.join(ROOT, "include")
# the compiler flags that find each dialect's header: ours, or the stand-ins of tests/dialects
CFLAGS = {"portable": ["-I", INCLUDE], "systemd": ["-I", STANDINS], "glib": ["-I", STANDINS],
          "kernel": ["-I", STANDINS]}
FIX_ARGS = {d: ([] if d == "portable" else
                ["--cc", "gcc -std=gnu11 -I %s" % STANDINS]) for d in DIALECTS}
FIXED_FAMILIES = ("memory", "file", "fd", "dir", "lock", "thread", "handle")
CASES = [c for c in corpus_cases() if os.path.basename(os.path.dirname(c)) in FIXED_FAMILIES]
POSITIVE = [c for c in CASES if os.path.basename(c).startswith("leak_")]
NEGATIVE = [c for c in CASES if c not in POSITIVE]

_PIPE = "'fds[%d]' is not a plain variable: a cleanup attribute releases a whole variable"
_NO = "the {d} dialect has no cleanup attribute for %s()"
_GUARD = "the {d} dialect has no lock guard for %s()"
# portable and systemd join through an owner pointer; glib and kernel have no thread cleanup
_THREADS = {"thread/leak_cancel_without_join.c": _NO % "pthread_create",
            "thread/leak_later_failure.c": _NO % "pthread_create",
            "thread/leak_second_create_fails.c": _NO % "pthread_create"}
# portable and systemd guard it through an owner pointer; glib and kernel have no cleanup
_REGCOMP = {c: "regcomp() fills a struct in place: the {d} dialect has no cleanup for it"
            for c in ("handle/leak_regcomp_error_path.c",
                      "handle/leak_regcomp_kept_after_first_match.c",
                      "handle/leak_regcomp_success_block_exits_first.c")}
# portable and systemd unmap through an owner struct that carries the length too
_MMAP = {"handle/leak_mmap_bad_magic.c": "munmap() needs the mapping's length: the {d} dialect "
                                         "has no cleanup that carries it"}
_LOCKS = {"lock/leak_flockfile_early_return.c": _GUARD % "flockfile",
          "lock/leak_goto_label_after_unlock.c": _GUARD % "pthread_mutex_lock",
          "lock/leak_nested_if_return.c": _GUARD % "pthread_mutex_lock",
          "lock/leak_rwlock_wrlock_early_return.c": _GUARD % "pthread_rwlock_wrlock"}
_DIRS = {"dir/leak_goto_wrong_label.c": _NO % "opendir",
         "dir/leak_return_in_readdir_loop.c": _NO % "opendir",
         "dir/leak_second_opendir_fails.c": _NO % "opendir"}
_HANDLES = {"handle/leak_dlopen_dlsym_fails.c": _NO % "dlopen",
            "handle/leak_getaddrinfo_socket_fails.c": _NO % "getaddrinfo",
            "handle/leak_getaddrinfo_status_in_condition.c": _NO % "getaddrinfo",
            "handle/leak_iconv_conversion_fails.c": _NO % "iconv_open"}
# fdopen() takes fd only when it succeeds: no scope-exit close is right on both sides of it
_FDOPEN = {"fd/leak_fdopen_fails.c": "'fd' is handed on to fdopen() at line 20, which takes it "
                                     "only when it succeeds",
           "memory/leak_constructor_fails_argument_still_ours.c":
           "'handle' is handed to req_new() at line 38 (which keeps it) in a test of its "
           "result: it may keep it only when it succeeds"}
# systemd has no lock guard: the table says `goto`, and its lock cases are fixed in the goto
# style (their .cleanup-systemd.res are the .goto.res), with a note
# a goto hidden in a macro jumps over the declaration a cleanup variable would have
_HIDDEN_GOTO = {"memory/leak_goto_in_macro_before_decl.c":
                "macro CHECK_OR_FAIL() at line 20 expands to a goto to 'fail' that would jump "
                "into the scope of the cleanup variable 'copy' declared at line 21"}
# a project function that fills an out-parameter may leave it undefined when it fails
_LEARNED_OUT = {"memory/leak_out_param_acquirer.c": "copy_name() is learned from the code: "
                "what it leaves in 'name' when it fails is not known",
                "memory/leak_out_param_handed_on.c": "format_msg() is learned from the code: "
                "what it leaves in 'msg' when it fails is not known",
                "memory/leak_after_status_kept_elsewhere.c": "host_dup() is learned from the "
                "code: what it leaves in 'h' when it fails is not known"}
# a status tested by a switch: fix mode does not read its `case -1:` as the failure test
_SWITCH = {"memory/leak_status_switch_other_case.c": "asprintf() leaves 's' undefined when it "
           "fails and its failure test is not `if (asprintf(...) < 0)`: the cleanup would "
           "release garbage"}
# regcomp() tested by `if (rc == 0) { .. }`: the owner pointer needs the `!= 0` failure test
_REGCOMP_SUCCESS_BLOCK = {"handle/leak_regcomp_success_block_exits_first.c":
                          "regcomp() fills 're' in place and its failure test is not "
                          "`if (regcomp(&re, ...) != 0) return ...;`: the cleanup could release "
                          "what it never filled"}
# a lock pair learned from the project's macros has no guard in any dialect's header
_PROJECT_LOCK = {"lock/leak_project_lock_macro_pair.c": _GUARD % "POOL_LOCK"}
# a member of an object: declined in every style (tests/test_fix.py MEMBER_CASES)
_MEMBER = {c: MEMBER_DECLINED % v for c, v in MEMBER_CASES.items()}
_MEMBER.update({c: KNR_DECLINED % f for c, f in KNR_CASES.items()})     # nor K&R ones
_DECLINED = {
    "portable": dict(_HIDDEN_GOTO, **_FDOPEN, **_LEARNED_OUT, **_SWITCH, **_PROJECT_LOCK,
                     **_REGCOMP_SUCCESS_BLOCK, **_MEMBER),
    "systemd": dict(_HIDDEN_GOTO, **_FDOPEN, **_LEARNED_OUT, **_SWITCH, **_REGCOMP_SUCCESS_BLOCK,
                    **_MEMBER),
    "glib": dict(_THREADS, **_FDOPEN, **_LOCKS, **_DIRS, **_HANDLES, **_REGCOMP, **_MMAP,
                 **_HIDDEN_GOTO, **_LEARNED_OUT, **_SWITCH, **_PROJECT_LOCK,
                 **{"fd/leak_pipe_both_ends.c": _PIPE % 0, "fd/leak_pipe_one_end.c": _PIPE % 1},
                 **{"file/leak_popen_no_pclose.c": _NO % "popen"}, **_MEMBER),
}
# the kernel dialect's macros are for the kernel's allocators and locks (the kernel pack):
# none of the C library's resources has one
_DECLINED["kernel"] = {os.path.relpath(c, CORPUS): dict(_REGCOMP, **_MMAP).get(
                           os.path.relpath(c, CORPUS)) for c in POSITIVE}
_ACQ = re.compile(r"from (\w+)\(\) at line|locked by (\w+)\(\)")
for rel in _DECLINED["kernel"]:
    if _DECLINED["kernel"][rel] is None:
        m = _ACQ.search(open(os.path.join(CORPUS, rel[:-2] + ".expected")).read())
        fn = m.group(1) or m.group(2)
        _DECLINED["kernel"][rel] = (_GUARD if rel.startswith("lock/") else _NO) % fn
_DECLINED["kernel"].update(_MEMBER)
NOT_FIXED = {(c, d): r.format(d=d) for d, m in _DECLINED.items() for c, r in m.items()}
RES = [(c, d) for d in DIALECTS for c in POSITIVE
       if (os.path.relpath(c, CORPUS), d) not in NOT_FIXED]


def res_of(case, dialect):
    return case[:-2] + ".cleanup-" + dialect + ".res"


def run_fix(*args, cwd=None):
    p = subprocess.run([RUN, "fix", "--jobs", "2", *args], cwd=cwd,
                       stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    return p.returncode, p.stdout, p.stderr


@pytest.fixture(scope="module", params=DIALECTS)
def fixed_corpus(request, tmp_path_factory):
    """The seven families' corpus, fixed in place in one dialect: (dialect, folder, status,
    stderr)."""
    d = tmp_path_factory.mktemp("cleanup-" + request.param) / "corpus"
    for fam in FIXED_FAMILIES:
        shutil.copytree(os.path.join(CORPUS, fam), d / fam)
    status, out, err = run_fix("--style", "cleanup", "--dialect", request.param,
                               *FIX_ARGS[request.param], "--confidence", "all", "--in-place",
                               str(d))
    assert out == ""
    return request.param, d, status, err


def test_cleanup_every_positive_case_is_fixed_or_declined_with_its_reason(fixed_corpus):
    dialect, d, status, err = fixed_corpus
    assert status == 1, err
    for case in POSITIVE:
        rel = os.path.relpath(case, CORPUS)
        got = (d / rel).read_text()
        res = res_of(case, dialect)
        if (rel, dialect) in NOT_FIXED:
            assert not os.path.exists(res), res
            assert got == open(case).read(), rel
            line = open(case[:-2] + ".expected").read().split(":")[1]
            assert "%s:%s: not fixed: %s" % (d / rel, line, NOT_FIXED[rel, dialect]) in err, \
                err
        else:
            assert got == open(res).read(), "%s differs from %s" % (rel, res)


def test_cleanup_negative_cases_are_untouched(fixed_corpus):
    _, d, _, _ = fixed_corpus
    for case in NEGATIVE:
        assert (d / os.path.relpath(case, CORPUS)).read_bytes() == open(case, "rb").read()


def test_cleanup_only_the_listed_cases_are_declined(fixed_corpus):
    dialect, d, _, err = fixed_corpus
    declined = {l.split(":")[0] for l in err.splitlines() if ": not fixed: " in l}
    listed = {str(d / c) for (c, s) in NOT_FIXED if s == dialect}
    assert declined == listed


def test_cleanup_fixed_corpus_checks_clean(fixed_corpus):
    """Check of the fixed corpus finds only the unfixed cases' findings (a second fix, which
    rewrites only what check finds, would meet only the files the fixture's run declined)."""
    dialect, d, _, _ = fixed_corpus
    left = [c for (c, s) in NOT_FIXED if s == dialect]
    want = sorted(l for c in left for l in open(os.path.join(CORPUS, c[:-2] + ".expected")))
    status, out, err = run_check("--confidence", "all", str(d))
    got = sorted(l.split("/")[-1] + "\n" for l in out.splitlines())
    assert (status, got) == (1 if left else 0, want), err


def test_cleanup_every_positive_case_has_a_result_or_a_reason():
    for case in POSITIVE:
        for dialect in DIALECTS:
            rel = os.path.relpath(case, CORPUS)
            assert os.path.exists(res_of(case, dialect)) != ((rel, dialect) in NOT_FIXED), \
                (rel, dialect)


def test_cleanup_results_keep_the_case_header():
    for case, dialect in RES:
        head = open(case).read().split("*/", 1)[0]
        assert open(res_of(case, dialect)).read().startswith(head), (case, dialect)


@pytest.mark.parametrize("compiler", [
    ["gcc", "-std=gnu11", "-Wall", "-Wextra", "-Werror", "-Wjump-misses-init"],
    ["clang", "-Wall", "-Wextra", "-Werror"]], ids=["gcc", "clang"])
def test_cleanup_every_result_compiles(compiler, tmp_path):
    assert len(RES) >= 50
    for case, dialect in RES:
        res = res_of(case, dialect)
        p = subprocess.run(compiler + CFLAGS[dialect] + ["-x", "c", "-c", res, "-o",
                                                         str(tmp_path / "x.o")],
                           stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
        assert p.returncode == 0, "%s:\n%s" % (res, p.stdout)


_DECL = re.compile(r"^\s*(?:UNWIND_[A-Z_]+|_cleanup_\w*(?:\(\w+\))?|g_auto\w+(?:\(\w+\))?)"
                   r" [^;(]*;", re.M)


def test_cleanup_variables_are_initialised_where_declared():
    """No result declares a cleanup variable without a value (it would release garbage)."""
    n = 0
    for case, dialect in RES:
        for m in _DECL.finditer(open(res_of(case, dialect)).read()):
            assert " = " in m.group(0), (res_of(case, dialect), m.group(0))
            n += 1
    assert n >= 35


def test_cleanup_results_hand_ownership_on_and_drop_the_releases():
    """The ownership that leaves goes through the steal macro; the release the attribute now
    does is gone; a release in the middle of the code takes the value out of the variable."""
    def res(rel, dialect):
        return open(res_of(os.path.join(CORPUS, rel), dialect)).read()
    assert "t->names = TAKE_PTR(names);" in res("memory/leak_second_alloc_fails.c", "portable")
    assert "t->names = g_steal_pointer(&names);" in res("memory/leak_second_alloc_fails.c",
                                                        "glib")
    assert "return TAKE_FD(fd);" in res("fd/leak_nested_if.c", "systemd")
    assert "return g_steal_fd(&fd);" in res("fd/leak_nested_if.c", "glib")
    assert "free(TAKE_PTR(field));" in res("memory/leak_loop_break.c", "portable")
    assert "if (pclose(TAKE_PTR(p)) != 0)" in res("file/leak_popen_no_pclose.c", "systemd")
    # a thread's own join keeps its place, on the thread taken out of the owner
    text = res("thread/leak_later_failure.c", "portable")
    assert "UNWIND_JOIN pthread_t *t_owner = NULL;" in text
    assert "        return -1;\n    t_owner = &t;\n" in text
    assert "    pthread_join(*TAKE_PTR(t_owner), NULL);\n    free(scratch);\n" in text
    assert "p->tid = *TAKE_PTR(t_owner);" in res("thread/leak_cancel_without_join.c", "systemd")
    text = res("thread/leak_cancel_without_join.c", "systemd")
    assert "        pthread_cancel(t);\n        return -1;\n" in text
    text = res("lock/leak_nested_if_return.c", "portable")
    assert "UNWIND_GUARD_MUTEX(&c->lock);" in text and "unlock" not in text.split("*/", 1)[1]
    for case, dialect in RES:
        body = open(res_of(case, dialect)).read().split("*/", 1)[1]
        for fn in ("free", "close", "fclose", "closedir", "dlclose", "freeaddrinfo",
                   "iconv_close"):
            # every release left takes the resource out of its cleanup variable, or is of a
            # resource that is not one
            for m in re.finditer(r"\b%s\((\w+)\)" % fn, body):
                assert not re.search(r"\b(UNWIND_\w+|_cleanup_\w*|g_auto\w+)[^;]*\b%s\b"
                                     % m.group(1), body), (case, dialect, m.group(0))


# ---------------------------------------------------------------- the fault-injection proof
PROVEN = [(c, d) for c, d in RES if d in ("portable", "systemd")]


@pytest.mark.parametrize("case,dialect", PROVEN,
                         ids=["%s:%s" % (os.path.relpath(c, CORPUS), d) for c, d in PROVEN])
def test_cleanup_result_is_proven_by_the_harness(case, dialect):
    """No leak on any path, the same outputs as the case on every path."""
    from cocci_unwind import verify
    res = res_of(case, dialect)
    before = harness_run(case)
    after = verify.run_case(res, extra_cflags=CFLAGS[dialect])
    assert verify.verdict(res, after) == (True, "clean")
    assert verify.compare(before, after) == []


# ---------------------------------------------------------------- the safety rules
JUMP = r"""#include <stdlib.h>
int use(char *);

int jump_into(int n)
{
    int ret = -1;
    if (n < 0)
        goto out;
    char *p = malloc(16);
    if (!p)
        return -1;
    if (use(p) < 0)
        return -2;
    ret = use(p);
    free(p);
out:
    return ret;
}
"""


def test_cleanup_no_goto_into_the_scope_of_a_cleanup_variable(tree):
    """A goto from before the declaration to a label after it: the function is left as it
    is (clang rejects such a jump, gcc frees garbage), or fixed in goto style with
    --fallback goto, never both idioms at once."""
    f = tree("j.c", JUMP)
    status, out, err = run_fix("--style", "cleanup", "--confidence", "all", "j.c",
                               cwd=str(tree.path))
    assert (status, out) == (1, ""), err
    assert "j.c:13: not fixed: the goto at line 8 would jump into the scope of the cleanup " \
        "variable 'p' declared at line 9 [unwind-memory]" in err
    status, out, err = run_fix("--style", "cleanup", "--fallback", "goto", "--confidence",
                               "all", "--in-place", "j.c", cwd=str(tree.path))
    assert status == 1, err
    assert "j.c:13: note: no cleanup: the goto at line 8 would jump" in err
    text = f.read_text()
    assert "UNWIND" not in text and "cleanup.h" not in text
    assert "        goto out_free_p;\n" in text and "out_free_p:\n    free(p);\n" in text


def test_cleanup_declines_what_the_attribute_would_get_wrong(tree):
    tree("w.c", r"""#include <stdlib.h>
#include <string.h>
int use(char *);
char *other(void);

int reassigned(int n)
{
    char *p = malloc(4);
    if (!p)
        return -1;
    if (use(p) < 0)
        return -2;
    if (n)
        p = other();
    free(p);
    return 0;
}

int copied(void)
{
    char *p = malloc(4);
    char *q;
    if (!p)
        return -1;
    if (use(p) < 0)
        return -2;
    q = p;
    free(q);
    return 0;
}

int initialised_elsewhere(char *buf)
{
    char *p = buf;
    p = strdup("x");
    if (!p)
        return -1;
    if (use(p) < 0)
        return -2;
    free(p);
    return 0;
}
""")
    status, out, err = run_fix("--style", "cleanup", "--confidence", "all", "w.c",
                               cwd=str(tree.path))
    assert (status, out) == (1, ""), err
    for want in ("w.c:12: not fixed: 'p' is assigned something other than an acquisition at "
                 "line 14",
                 "w.c:26: not fixed: 'p' is copied into the local 'q' at line 27",
                 "w.c:39: not fixed: 'p' is initialised to 'buf', which the cleanup would "
                 "release"):
        assert want in err, err


def test_cleanup_guard_declared_after_the_data_and_released_first(tree):
    """Cleanup order: a variable declared later is released first, and the guard comes
    after the memory it protects, so the memory outlives the lock."""
    f = tree("g.c", r"""#include <pthread.h>
#include <stdlib.h>
#include <string.h>
int use(char *);
static pthread_mutex_t m = PTHREAD_MUTEX_INITIALIZER;

int locked_copy(const char *s)
{
    char *p = strdup(s);
    if (!p)
        return -1;
    pthread_mutex_lock(&m);
    if (use(p) < 0)
        return -2;
    pthread_mutex_unlock(&m);
    free(p);
    return 0;
}
""")
    status, out, err = run_fix("--style", "cleanup", "--confidence", "all", "--in-place",
                               "g.c", cwd=str(tree.path))
    assert status == 1 and "2 findings fixed" in err, err
    text = f.read_text()
    assert "    UNWIND_FREE char *p = strdup(s);\n" in text
    assert text.index("UNWIND_FREE") < text.index("UNWIND_GUARD_MUTEX(&m);")
    assert "unlock" not in text and "free(p)" not in text
    assert text.startswith("#include <pthread.h>\n#include <stdlib.h>\n#include <string.h>\n"
                           "#include <unwind/cleanup.h>\n")


def test_cleanup_lock_released_early_is_declined(tree):
    """A lock released before the end of its block: a guard would hold it longer."""
    tree("e.c", r"""#include <pthread.h>
int use(int);
static pthread_mutex_t m = PTHREAD_MUTEX_INITIALIZER;

int early(int n)
{
    pthread_mutex_lock(&m);
    if (use(n) < 0)
        return -1;
    pthread_mutex_unlock(&m);
    use(n + 1);
    return 0;
}
""")
    status, out, err = run_fix("--style", "cleanup", "--confidence", "all", "e.c",
                               cwd=str(tree.path))
    assert (status, out) == (1, ""), err
    assert "e.c:9: not fixed: '&m' is unlocked at line 10 before the end of the block: a " \
        "guard would hold it longer" in err


def test_cleanup_out_parameter_goes_through_the_steal_macro(tree):
    f = tree("o.c", r"""#include <stdlib.h>
int use(char *);

int make(char **out)
{
    char *p = malloc(8);
    if (!p)
        return -1;
    if (use(p) < 0)
        return -2;
    *out = p;
    return 0;
}
""")
    status, out, err = run_fix("--style", "cleanup", "--dialect", "systemd", "--cc", "",
                               "--confidence", "all", "--in-place", "o.c", cwd=str(tree.path))
    assert status == 1, err
    text = f.read_text()
    assert "    _cleanup_free_ char *p = malloc(8);\n" in text
    assert "    *out = TAKE_PTR(p);\n" in text
    assert '#include "cleanup-util.h"\n' in text


ASPRINTF = r"""#define _GNU_SOURCE
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
int use(char *);

int fmt(int n)
{
    char *msg;
    int len;

    if (asprintf(&msg, "%d", n) < 0)
        return -1;
    if (use(msg) < 0)
        return -2;
    len = (int)strlen(msg);
    free(msg);
    return len;
}
"""


@pytest.mark.parametrize("dialect", ["portable", "systemd"])
def test_cleanup_asprintf_failure_branch_empties_the_variable(tree, tmp_path, dialect):
    """asprintf() may leave the pointer undefined (here: garbage) when it fails: the failure
    branch empties the cleanup variable first, so nothing is released there. Run against an
    asprintf that fails and leaves garbage, the result returns -1 and does not crash."""
    f = tree("a.c", ASPRINTF)
    status, out, err = run_fix("--style", "cleanup", "--dialect", dialect,
                               *FIX_ARGS[dialect], "--confidence", "all", "--in-place", "a.c",
                               cwd=str(tree.path))
    assert status == 1 and "1 finding fixed" in err, err
    text = f.read_text()
    assert "    if (asprintf(&msg, \"%d\", n) < 0) {\n        msg = NULL;\n" \
        "        return -1;\n    }\n" in text, text
    main = tmp_path / "main.c"
    main.write_text(r"""#include <stdarg.h>
int use(char *s) { (void)s; return 0; }
int bad_asprintf(char **p, const char *fmt, ...)
{
    (void)fmt;
    *p = (char *)"garbage, not from malloc";
    return -1;
}
int fmt(int n);
int main(void) { return fmt(7) == -1 ? 0 : 1; }
""")
    exe = str(tmp_path / "a.out")
    p = subprocess.run(["gcc", "-std=gnu11", "-Dasprintf=bad_asprintf", *CFLAGS[dialect],
                        str(f), str(main), "-o", exe],
                       stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    assert p.returncode == 0, p.stdout
    assert subprocess.run([exe]).returncode == 0
    # without the reset the cleanup frees the garbage
    bad = tmp_path / "bad.c"
    bad.write_text(text.replace("        msg = NULL;\n", ""))
    p = subprocess.run(["gcc", "-std=gnu11", "-Dasprintf=bad_asprintf", *CFLAGS[dialect],
                        str(bad), str(main), "-o", exe],
                       stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    assert p.returncode == 0, p.stdout
    assert subprocess.run([exe], stderr=subprocess.DEVNULL).returncode != 0


def test_cleanup_asprintf_without_a_failure_test_is_declined(tree):
    tree("b.c", ASPRINTF.replace("if (asprintf(&msg, \"%d\", n) < 0)\n        return -1;",
                                 "int r = asprintf(&msg, \"%d\", n);\n    if (r < 0)\n"
                                 "        return -1;"))
    status, out, err = run_fix("--style", "cleanup", "--confidence", "all", "b.c",
                               cwd=str(tree.path))
    assert (status, out) == (1, ""), err
    assert "not fixed: asprintf() leaves 'msg' undefined when it fails and its failure test " \
        "is not `if (asprintf(...) < 0)`: the cleanup would release garbage" in err, err


def fixed_and_compiled(tree, tmp_path, name, source, dialect):
    """The cleanup fix of one file in a dialect, compiled with gcc and clang at -Wall -Wextra
    -Werror: its text."""
    f = tree(name, source)
    status, out, err = run_fix("--style", "cleanup", "--dialect", dialect,
                               *FIX_ARGS[dialect], "--confidence", "all", "--in-place", name,
                               cwd=str(tree.path))
    assert status == 1 and "fixed (cleanup style), 0 not fixed" in err, err
    for cc in (["gcc", "-std=gnu11"], ["clang"]):
        p = subprocess.run(cc + ["-Wall", "-Wextra", "-Werror"] + CFLAGS[dialect] +
                           ["-c", str(f), "-o", str(tmp_path / "x.o")],
                           stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
        assert p.returncode == 0, p.stdout
    return f.read_text()


PIPE = r"""#include <unistd.h>
int use(int);

int child_reader(void)
{
    int fds[2];
    char c;

    if (pipe(fds) < 0)
        return -1;
    if (use(fds[1]) < 0)
        return -2;
    close(fds[1]);
    if (read(fds[0], &c, 1) != 1)
        return -3;
    close(fds[0]);
    return c;
}
"""


@pytest.mark.parametrize("dialect,macro", [("portable", "UNWIND_CLOSE_PAIR"),
                                           ("systemd", "_cleanup_close_pair_")])
def test_cleanup_pipe_end_closed_midway_is_taken_out_of_the_array(tree, tmp_path, dialect,
                                                                   macro):
    """The write end closed in the middle of the function (the reader goes on) leaves the
    array through TAKE_FD, so the pair cleanup does not close it a second time; the final
    close of the read end goes."""
    text = fixed_and_compiled(tree, tmp_path, "p.c", PIPE, dialect)
    assert "    %s int fds[2] = { -1, -1 };\n" % macro in text, text
    assert "    close(TAKE_FD(fds[1]));\n" in text, text
    assert "close(fds[0])" not in text, text


def test_cleanup_pipe_array_used_whole_is_declined(tree):
    tree("q.c", PIPE.replace("int use(int);", "int use(int);\nint both(int *);").replace(
        "    if (use(fds[1]) < 0)", "    if (both(fds) < 0 || use(fds[1]) < 0)"))
    status, out, err = run_fix("--style", "cleanup", "--confidence", "all", "q.c",
                               cwd=str(tree.path))
    assert (status, out) == (1, ""), err
    assert "not fixed: 'fds' is used as a whole at line 12: the pair cleanup would close " \
        "what it holds" in err, err


REGCOMP = r"""#include <regex.h>
int use(const char *);

int matches(const char *pattern, const char *text)
{
    regex_t re;
    int ok;

    if (regcomp(&re, pattern, REG_EXTENDED | REG_NOSUB) != 0)
        return -1;
    if (re.re_nsub > 9)
        return -2;
    ok = regexec(&re, text, 0, NULL, 0) == 0;
    regfree(&re);
    if (use(text) < 0)
        return -3;
    return ok;
}
"""


@pytest.mark.parametrize("dialect,macro", [("portable", "UNWIND_REGFREE"),
                                           ("systemd", "_cleanup_(regfreep)")])
def test_cleanup_regcomp_owner_is_set_only_once_regcomp_succeeded(tree, tmp_path, dialect,
                                                                   macro):
    """regfree() of a struct regcomp() failed on (or never filled) is undefined: the cleanup
    is on an owner pointer, NULL until the failure test has passed; the explicit regfree()
    that the cleanup now does goes."""
    text = fixed_and_compiled(tree, tmp_path, "r.c", REGCOMP, dialect)
    assert "    regex_t re;\n    %s regex_t *re_owner = NULL;" % macro in text, text
    assert "        return -1;\n    re_owner = &re;\n    if (re.re_nsub > 9)" in text, text
    assert "    regfree(&re);\n" not in text, text


def test_cleanup_regcomp_without_its_failure_test_is_declined(tree):
    tree("s.c", REGCOMP.replace("    if (regcomp(&re, pattern, REG_EXTENDED | REG_NOSUB) != 0)",
                                "    int rc = regcomp(&re, pattern, REG_EXTENDED | REG_NOSUB);"
                                "\n    if (rc != 0)"))
    status, out, err = run_fix("--style", "cleanup", "--confidence", "all", "s.c",
                               cwd=str(tree.path))
    assert (status, out) == (1, ""), err
    assert "not fixed: regcomp() fills 're' in place and its failure test is not " \
        "`if (regcomp(&re, ...) != 0) return ...;`" in err, err


MMAP = r"""#include <stddef.h>
#include <sys/mman.h>
int use(const unsigned char *);

int first_byte(int fd, size_t n)
{
    unsigned char *p;
    size_t len = n * 2;
    int r;

    p = mmap(NULL, len, PROT_READ, MAP_PRIVATE, fd, 0);
    if (p == MAP_FAILED)
        return -1;
    if (use(p) < 0)
        return -2;
    r = p[0];
    munmap(p, len);
    return r;
}
"""
# counts the munmap() calls of a fixed MMAP or MMAP_HANDED, and what each unmapped
MMAP_MAIN = r"""#include <fcntl.h>
#include <stdio.h>
#include <stddef.h>
#include <sys/mman.h>
#undef munmap
static int fail_use;
int use(const unsigned char *p) { (void)p; return fail_use ? -1 : 0; }
int counting_munmap(void *a, size_t l)
{
    printf("munmap %zu\n", l);
    return munmap(a, l);
}
"""


def run_counting_munmap(tmp_path, fixed, dialect, main):
    """Build a fixed file with munmap() counted and run it: its output."""
    m = tmp_path / "main.c"
    m.write_text(MMAP_MAIN + main)
    exe = str(tmp_path / "m.out")
    p = subprocess.run(["gcc", "-std=gnu11", "-Dmunmap=counting_munmap", *CFLAGS[dialect],
                        "-x", "c", str(fixed), "-x", "none", str(m), "-o", exe],
                       stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    assert p.returncode == 0, p.stdout
    r = subprocess.run([exe], stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    assert r.returncode == 0, r.stderr
    return r.stdout


@pytest.mark.parametrize("dialect,decl", [
    ("portable", "UNWIND_MUNMAP struct unwind_mapping"),
    ("systemd", "_cleanup_(munmap_mappingp) struct mapping")])
def test_cleanup_mmap_owner_carries_the_length_once_mmap_succeeded(tree, tmp_path, dialect,
                                                                   decl):
    """munmap() needs the length, which p does not carry: the cleanup is on an owner struct,
    empty until the MAP_FAILED test has passed, then given p and mmap()'s length; the final
    munmap() that the cleanup now does goes. Run: a failed mmap() is never unmapped, every
    other exit unmaps once, with the length of the call."""
    text = fixed_and_compiled(tree, tmp_path, "m.c", MMAP, dialect)
    assert "    unsigned char *p;\n    %s p_map = { NULL, 0 };" % decl in text, text
    assert "        return -1;\n    p_map.addr = p;\n    p_map.len = len;\n" \
        "    if (use(p) < 0)" in text, text
    assert "munmap(p, len);" not in text.split("once set */", 1)[1], text
    out = run_counting_munmap(tmp_path, tree.path / "m.c", dialect, r"""
int first_byte(int fd, size_t n);
int main(void)
{
    int fd = open("/dev/zero", O_RDONLY);
    printf("%d\n", first_byte(-1, 4096));       /* mmap() fails: nothing to unmap */
    printf("%d\n", first_byte(fd, 4096));
    fail_use = 1;
    printf("%d\n", first_byte(fd, 4096));
    return 0;
}
""")
    assert out == "-1\nmunmap 8192\n0\nmunmap 8192\n-2\n"


MMAP_HANDED = r"""#include <stddef.h>
#include <sys/mman.h>
#define PAGE 4096
int use(const unsigned char *);

unsigned char *map_page(int fd, int drop)
{
    unsigned char *p = mmap(NULL, PAGE, PROT_READ, MAP_PRIVATE, fd, 0);
    if (p == MAP_FAILED)
        return NULL;
    if (use(p) < 0)
        return NULL;
    if (drop) {
        if (munmap(p, PAGE) != 0)
            return NULL;
        return NULL;
    }
    return p;
}
"""


@pytest.mark.parametrize("dialect", ["portable", "systemd"])
def test_cleanup_mmap_unmapped_or_handed_on_leaves_the_owner(tree, tmp_path, dialect):
    """A munmap() whose result is used, and the mapping returned, take the address out of
    the owner (TAKE_PTR(p_map.addr)), so the cleanup does not unmap it again, or unmap what
    the caller now owns. `T *p = mmap(...);`: the owner is declared before p."""
    text = fixed_and_compiled(tree, tmp_path, "h.c", MMAP_HANDED, dialect)
    assert "once set */\n    unsigned char *p = mmap(" in text, text
    assert "        if (munmap(TAKE_PTR(p_map.addr), PAGE) != 0)\n" in text, text
    assert "    return TAKE_PTR(p_map.addr);\n" in text, text
    out = run_counting_munmap(tmp_path, tree.path / "h.c", dialect, r"""
unsigned char *map_page(int fd, int drop);
int main(void)
{
    int fd = open("/dev/zero", O_RDONLY);
    unsigned char *p = map_page(fd, 0);         /* the caller's: not unmapped */
    printf("%d\n", p != NULL && p[0] == 0);
    printf("%d\n", map_page(fd, 1) == NULL);    /* unmapped once, by the code */
    fail_use = 1;
    printf("%d\n", map_page(fd, 0) == NULL);    /* unmapped once, by the cleanup */
    return munmap(p, 4096);
}
""")
    assert out == "1\nmunmap 4096\n1\nmunmap 4096\n1\n"


MMAP_DECLINED = r"""#include <stddef.h>
#include <unistd.h>
#include <sys/mman.h>
int use(const unsigned char *);

int in_the_test(int fd)
{
    unsigned char *p;
    if ((p = mmap(NULL, 16, PROT_READ, MAP_PRIVATE, fd, 0)) == MAP_FAILED)
        return -1;
    if (use(p) < 0)
        return -2;
    munmap(p, 16);
    return 0;
}

int length_changed(int fd, size_t len)
{
    unsigned char *p;
    p = mmap(NULL, len, PROT_READ, MAP_PRIVATE, fd, 0);
    len = 0;
    if (p == MAP_FAILED)
        return -1;
    if (use(p) < 0)
        return -2;
    munmap(p, 16);
    return 0;
}

int length_called(int fd)
{
    unsigned char *p;
    p = mmap(NULL, (size_t)getpagesize(), PROT_READ, MAP_PRIVATE, fd, 0);
    if (p == MAP_FAILED)
        return -1;
    if (use(p) < 0)
        return -2;
    munmap(p, (size_t)getpagesize());
    return 0;
}
"""
# a function that maps 16 bytes, leaves when mmap() fails and when use() fails, then does
# `rest` (which each case varies)
_MAPPED_THEN = """
int {name}({params})
{{
    unsigned char *p{more};
    p = mmap(NULL, 16, PROT_READ, MAP_PRIVATE, fd, 0);
    if (p == MAP_FAILED)
        return -1;
    if (use(p) < 0)
        return -2;
{rest}    return 0;
}}
"""
MMAP_DECLINED += "".join(
    _MAPPED_THEN.format(name=n, params=a, more=m, rest=r) for n, a, m, r in (
        ("moved", "int fd", "", "    p += 4;\n    munmap(p - 4, 16);\n"),
        ("copied", "int fd", ", *q", "    q = p;\n    munmap(q, 16);\n"),
        ("kept_inside", "int fd, unsigned char **out", "", "    *out = p + 4;\n")))
MMAP_DECLINED += r"""
int partly(int fd)
{
    unsigned char *p;
    p = mmap(NULL, 8192, PROT_READ, MAP_PRIVATE, fd, 0);
    if (p == MAP_FAILED)
        return -1;
    munmap(p + 4096, 4096);
    if (use(p) < 0)
        return -2;
    munmap(p, 4096);
    return 0;
}
"""


def test_cleanup_mmap_declines_what_the_owner_would_get_wrong(tree):
    """The failure test inside the if, a length that may have changed since the call or
    that comes from a call, p moved, p copied, a pointer into the mapping kept, the mapping
    partly unmapped: left as they are, each with its reason."""
    f = tree("d.c", MMAP_DECLINED)
    status, out, err = run_fix("--style", "cleanup", "--confidence", "all", "--in-place", "d.c",
                               cwd=str(tree.path))
    assert status == 1 and "0 findings fixed (cleanup style), 9 not fixed" in err, err
    assert f.read_text() == MMAP_DECLINED
    for want in ("d.c:12: not fixed: mmap() is not called as `p = mmap(...);` followed by "
                 "`if (p == MAP_FAILED) return ...;` in the block that declares 'p'",
                 "d.c:25: not fixed: 'len' of the length 'len' of mmap() may change at line "
                 "21, before its failure test",
                 "d.c:37: not fixed: the length '(size_t)getpagesize()' of mmap() calls "
                 "getpagesize(), which may give another value later",
                 "d.c:49: not fixed: 'p' is assigned again at line 50",
                 "d.c:52: not fixed: 'p' is assigned again at line 50",
                 "d.c:62: not fixed: 'p' is copied into the local 'q' at line 63",
                 "d.c:75: not fixed: a pointer into the mapping 'p' is kept at line 76",
                 "d.c:77: not fixed: a pointer into the mapping 'p' is kept at line 76",
                 "d.c:88: not fixed: 'p' is given to munmap() at line 86 other than as the "
                 "mapping it unmaps"):
        assert want in err, err


# ---------------------------------------------------------------- the header
LEAK = ("#include <stdlib.h>\nint use(char *);\n"
        "int f(int n)\n{\n    char *buf = malloc(n);\n    if (!buf)\n        return -1;\n"
        "    if (use(buf) < 0)\n        return -2;\n    free(buf);\n    return 0;\n}\n")


@pytest.mark.parametrize("dialect,header,first", [
    ("systemd", '"macro.h"', '#include "macro.h"\n'),      # included under its own name
    ("systemd", "macro.h", '#include "macro.h"\n'),        # the quotes may be left out
    ("systemd", "", None),                                  # --cleanup-header ''
])
def test_cleanup_header_configurable(tree, dialect, header, first):
    text = (first or "") + LEAK
    f = tree("h.c", text)
    status, out, err = run_fix("--style", "cleanup", "--dialect", dialect, "--cleanup-header",
                               header, "--cc", "", "--confidence", "all", "--in-place", "h.c",
                               cwd=str(tree.path))
    assert status == 1, err
    new = f.read_text()
    assert "_cleanup_free_ char *buf = malloc(n);" in new
    assert new.count("#include") == text.count("#include"), new


def test_cleanup_header_not_added_when_the_file_uses_the_macros(tree):
    f = tree("u.c", LEAK.replace("int use(char *);\n", "int use(char *);\n"
                                 "static char *g(void)\n{\n    UNWIND_FREE char *q = NULL;\n"
                                 "    return TAKE_PTR(q);\n}\n"))
    status, out, err = run_fix("--style", "cleanup", "--cc", "", "--confidence", "all",
                               "--in-place", "u.c", cwd=str(tree.path))
    assert status == 1, err
    assert "unwind/cleanup.h" not in f.read_text()
    assert "UNWIND_FREE char *buf = malloc(n);" in f.read_text()


def test_cleanup_options_need_the_cleanup_style(tree):
    tree("x.c", LEAK)
    status, _, err = run_fix("--style", "goto", "--dialect", "systemd", "x.c",
                             cwd=str(tree.path))
    assert status == 2 and "go with --style cleanup" in err


# ---------------------------------------------------------------- already correct
@pytest.mark.parametrize("case", ["memory/ok_systemd_cleanup_free.c",
                                  "fd/ok_portable_cleanup_header.c",
                                  "glib/ok_autofree_steal_pointer.c",
                                  "kernel/ok_free_no_free_ptr.c"])
def test_cleanup_code_in_each_dialect_is_already_correct(case):
    """Code written in a dialect's own style (with its steal macro) has no finding, so fix
    mode leaves it alone."""
    folder = os.path.join(CORPUS, os.path.dirname(case))
    status, out, err = run_check("--confidence", "all", os.path.basename(case), cwd=folder)
    assert (status, out) == (0, ""), err
    assert open(os.path.join(CORPUS, case[:-2] + ".expected")).read() == ""


# ---------------------------------------------------------------- the kernel pack
KERNEL = sorted(os.path.join(CORPUS, "kernel", f) for f in os.listdir(os.path.join(CORPUS,
                                                                                   "kernel"))
                if f.startswith("leak_") and f.endswith(".c"))


def test_cleanup_kernel_pack_cases(tmp_path):
    """The kernel dialect on the kernel pack's cases: __free(kfree) with no_free_ptr(), and
    guard(mutex); the results compile against the stand-in <linux/cleanup.h>."""
    d = tmp_path / "kernel"
    shutil.copytree(os.path.join(CORPUS, "kernel"), d)
    names = [os.path.basename(c) for c in KERNEL]
    status, out, err = run_fix("--style", "cleanup", "--dialect", "kernel",
                               *FIX_ARGS["kernel"], "--confidence", "all", "--in-place",
                               *names, cwd=str(d))
    assert status == 1 and "%d findings fixed" % len(KERNEL) in err, err
    for case in KERNEL:
        res = res_of(case, "kernel")
        assert (d / os.path.basename(case)).read_text() == open(res).read(), res
        for cc in (["gcc", "-std=gnu11", "-Wjump-misses-init"], ["clang"]):
            p = subprocess.run(cc + ["-Wall", "-Wextra", "-Werror"] + CFLAGS["kernel"] +
                               ["-x", "c", "-c", res, "-o", str(tmp_path / "x.o")],
                               stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
            assert p.returncode == 0, p.stdout


@pytest.mark.parametrize("case", KERNEL, ids=[os.path.basename(c) for c in KERNEL])
def test_cleanup_kernel_result_is_proven_by_the_harness(case):
    from cocci_unwind import verify
    res = res_of(case, "kernel")
    before = harness_run(case)
    after = verify.run_case(res, extra_cflags=CFLAGS["kernel"])
    assert verify.verdict(res, after) == (True, "clean")
    assert verify.compare(before, after) == []


def test_cleanup_table_lines_per_acquirer():
    """`cleanup <family>:<acquirer>` wins over the family's line; `-` says there is none."""
    from cocci_unwind import table
    fams = table.parse("cleanup file glib g_autoptr(FILE) g_steal_pointer\n"
                       "cleanup file:popen glib -\n"
                       "cleanup file:popen portable UNWIND_PCLOSE TAKE_PTR\n")
    f = fams["file"]
    assert f.cleanup_for("glib", "fopen") == ("g_autoptr(FILE)", "g_steal_pointer")
    assert f.cleanup_for("glib", "popen") is None
    assert f.cleanup_for("portable", "popen") == ("UNWIND_PCLOSE", "TAKE_PTR")
    assert f.cleanup_for("systemd", "fopen") is None
    with pytest.raises(table.TableError, match=r"x:1: '-' \(no cleanup\) needs an acquirer"):
        table.parse("cleanup file glib -\n", "x")
    builtin = table.load()
    assert builtin["lock"].cleanup_for("portable", "pthread_rwlock_rdlock") == \
        ("UNWIND_GUARD_RDLOCK", "")
    assert builtin["thread"].cleanup_for("portable", "pthread_create") == \
        ("UNWIND_JOIN", "TAKE_PTR")
    assert builtin["thread"].cleanup_for("glib", "pthread_create") is None
    assert builtin["lock"].cleanup_for("systemd", "pthread_mutex_lock") == ("goto", "")
    with pytest.raises(table.TableError, match=r"x:1: 'goto' \(fix in the goto style\) takes "
                                               r"no steal macro"):
        table.parse("cleanup lock systemd goto TAKE_PTR\n", "x")


@pytest.mark.parametrize("dialect", ["portable", "systemd"])
def test_cleanup_declines_a_pair_learned_from_the_function(tmp_path, dialect):
    """unwind-inferred's pairs are in no table: no cleanup macro, so a reason, not a crash
    (the fix --style goto of the same case is in its .goto.res)."""
    case = os.path.join(CORPUS, "inferred", "leak_wrapper_forgotten_on_one_path.c")
    shutil.copy(case, str(tmp_path))
    status, out, err = run_fix("--style", "cleanup", "--dialect", dialect, "--confidence", "all",
                               os.path.basename(case), cwd=str(tmp_path))
    assert (status, out) == (1, ""), err
    assert "Traceback" not in err
    assert re.search(r"not fixed: \w+\(\)/\w+\(\) is a pair learned from the function: the %s "
                     r"dialect has no cleanup attribute for it" % dialect, err), err


def test_cleanup_systemd_locks_are_fixed_in_goto_style(fixed_corpus):
    """systemd has no lock guard (the table's `cleanup lock systemd goto`): a function that
    holds a lock is fixed whole in the goto style, with a note, and no cleanup header."""
    dialect, d, _, err = fixed_corpus
    if dialect != "systemd":
        pytest.skip("systemd only")
    locks = [c for c in POSITIVE if os.path.relpath(c, CORPUS).startswith("lock/")]
    assert len(locks) == 5
    for case in locks:
        rel = os.path.relpath(case, CORPUS)
        got = (d / rel).read_text()
        assert got == open(case[:-2] + ".goto.res").read(), rel
        assert "cleanup-util.h" not in got and "_cleanup_" not in got
        line = open(case[:-2] + ".expected").read().split(":")[1]
        assert re.search(r"%s:%s: note: no cleanup: the systemd dialect unwinds \w+\(\) with "
                         r"labels: fixed in goto style \[unwind-lock\]"
                         % (re.escape(str(d / rel)), line), err), err


THREADS = r"""#include <pthread.h>
#include <stdlib.h>
void *work(void *);
int use(pthread_t);

int copied(void *arg)
{
    pthread_t t, u;
    if (pthread_create(&t, NULL, work, arg) != 0)
        return -1;
    if (use(t) < 0)
        return -2;
    u = t;
    pthread_join(u, NULL);
    return 0;
}

int address_taken(void *arg, pthread_t **out)
{
    pthread_t t;
    if (pthread_create(&t, NULL, work, arg) != 0)
        return -1;
    if (use(t) < 0)
        return -2;
    *out = &t;
    pthread_detach(t);
    return 0;
}

int not_tested(void *arg)
{
    pthread_t t;
    int r = pthread_create(&t, NULL, work, arg);
    if (r != 0)
        return -1;
    if (use(t) < 0)
        return -2;
    pthread_join(t, NULL);
    return 0;
}
"""


def test_cleanup_thread_shapes_the_owner_would_get_wrong_are_declined(tree):
    """The owner pointer follows the thread only through joins, detaches, hand-offs and
    reads in calls: a copy into a local, the address given away, or a create whose failure
    is not its own test leave the function unchanged, with the reason."""
    f = tree("t.c", THREADS)
    status, out, err = run_fix("--style", "cleanup", "--confidence", "all", "--in-place", "t.c",
                               cwd=str(tree.path))
    assert status == 1, err
    for want in ("t.c:12: not fixed: 't' is copied into the local 'u' at line 13",
                 "t.c:24: not fixed: 't' is assigned or given by address at line 25",
                 "t.c:37: not fixed: pthread_create() fills 't' in place and its failure "
                 "test is not `if (pthread_create(&t, ...) != 0) return ...;`"):
        assert want in err, err
    assert f.read_text() == THREADS
