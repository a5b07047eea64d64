"""run.sh check: exit codes, output formats, and bad input that must not lose anything."""
import json
import os

from conftest import ROOT, run_check

LEAK = ("#include <stdlib.h>\nint use(char *);\n"
        "int f(int n)\n{\n    char *buf = malloc(n);\n    if (!buf)\n        return -1;\n"
        "    if (use(buf) < 0)\n        return -2;\n    free(buf);\n    return 0;\n}\n")
CLEAN = "int add(int a, int b)\n{\n    return a + b;\n}\n"


def test_gcc_format_and_exit_1(tree):
    f = tree("leak.c", LEAK)
    status, out, err = run_check(str(f))
    assert status == 1
    assert out == ("%s:9:9: warning: 'buf' from malloc() at line 5 is not released on this "
                   "return [unwind-memory]\n" % f)
    assert "checked 1 file: 1 finding" in err


def test_json_format(tree):
    f = tree("leak.c", LEAK)
    status, out, _ = run_check("--format", "json", str(f))
    assert status == 1
    data = json.loads(out)
    assert len(data) == 1
    d = data[0]
    assert (d["line"], d["column"], d["variable"], d["acquirer"], d["acquired_line"],
            d["rule"], d["function"], d["exit"]) == (9, 9, "buf", "malloc", 5, "unwind-memory",
                                                    "f", "return")
    assert d["confidence"] == "high"          # the function frees buf on another path


def test_no_findings_exit_0(tree):
    tree("a.c", CLEAN)
    status, out, err = run_check(str(tree.path))
    assert (status, out) == (0, "")
    assert "checked 1 file: 0 findings" in err


def test_confidence_filter(tree):
    # never released anywhere: medium confidence, hidden by --confidence high
    f = tree("m.c", "#include <stdlib.h>\nint use(char *);\nint g(void)\n{\n"
                    "    char *p = malloc(4);\n    if (!p)\n        return -1;\n"
                    "    use(p);\n    return 0;\n}\n")
    assert run_check("--confidence", "high", str(f))[:2] == (0, "")
    status, out, _ = run_check("--confidence", "medium", str(f))
    assert status == 1 and "'p' from malloc()" in out


def test_rule_subset(tree):
    f = tree("leak.c", LEAK)
    assert run_check("--rule", "unwind-fd", str(f))[:2] == (0, "")
    status, _, err = run_check("--rule", "unwind-nope", str(f))
    assert status == 2 and "unknown rule unwind-nope" in err


def test_missing_path_is_an_error_that_loses_nothing(tree):
    f = tree("leak.c", LEAK)
    status, out, err = run_check(str(f), str(tree.path / "nope"))
    assert status == 2
    assert "nope: no such file or directory" in err
    assert "'buf' from malloc()" in out          # the good file is still checked


def test_unparsable_file_is_reported(tree):
    tree("bad.c", "int f(void)\n{\n    char *p = malloc(3);\n    if (x) return 1 +;\n"
                  "    free(p);\n    return 0;\n}\n")
    f = tree("leak.c", LEAK)
    status, out, err = run_check(str(tree.path))
    assert "bad.c:4: parse error" in err
    assert "1 file with parse errors" in err
    assert "'buf' from malloc()" in out and status == 1


def test_a_parse_error_is_reported_once_however_many_rules_read_the_file(tree):
    # malloc and fopen: the memory and the file rule each run on their own copy of the file
    tree("bad.c", "#include <stdio.h>\n#include <stdlib.h>\nint f(void)\n{\n"
                  "    char *p = malloc(3);\n    FILE *fp = fopen(\"x\", \"r\");\n"
                  "    if (x) return 1 +;\n    fclose(fp);\n    free(p);\n    return 0;\n}\n"
                  "int g(int a)\n{\n    return a + 1;\n}\n")   # g: focus blanks it
    status, out, err = run_check(str(tree.path))
    assert err.count("bad.c:7: parse error") == 1, err
    assert "1 file with parse errors" in err


def test_odd_files_are_reported_and_skipped(tree):
    tree("empty.c", "")
    tree("blob.c", b"\x7fELF\x00\x01\x02\x03 binary")
    tree("notes.txt", "not C")
    tree("latin1.c", b"/* caf\xe9 */\nint x;\n")
    unreadable = tree("secret.c", CLEAN, mode=0)
    os.symlink(str(tree.path), str(tree.path / "loop"))
    status, out, err = run_check(str(tree.path))
    assert "blob.c: binary file, not C (skipped)" in err
    if os.geteuid() != 0:
        assert "secret.c: not readable" in err
    assert "notes.txt" not in err
    assert status == 0 and out == ""
    os.chmod(unreadable, 0o644)


def test_empty_tree(tree):
    status, out, err = run_check(str(tree.path))
    assert (status, out) == (0, "")
    assert "no C files under" in err


def test_default_path_is_the_example():
    status, out, err = run_check(cwd=ROOT)
    assert status == 1
    assert "examples/" in out
    assert "checked" in err


def test_usage_error():
    status, _, err = run_check("--format", "xml")
    assert status == 2 and "invalid choice" in err


def test_timeout_is_reported(tree):
    # many acquisitions in one function: a 1-second budget is not enough for the path search
    body = "".join("    char *p%d = malloc(%d);\n    if (!p%d)\n        return -1;\n"
                   "    if (use(p%d))\n        return -2;\n" % (i, i + 1, i, i) for i in range(150))
    frees = "".join("    free(p%d);\n" % i for i in range(150))
    f = tree("big.c", "#include <stdlib.h>\nint use(char *);\nint big(void)\n{\n%s%s    return 0;\n}\n"
             % (body, frees))
    status, out, err = run_check("--timeout", "1", "--rule", "unwind-memory", str(f))
    assert "big.c:3: function big not checked: timed out after 1s" in err   # named
    assert "1 timed out" in err


def test_exits_from_main_are_not_reported_except_locks(tree):
    """The process ends there: the system takes back memory and descriptors (a lock held by
    main can still block its threads' cleanup, so locks are reported)."""
    main = LEAK.replace("int f(int n)", "int main(int n, char **argv)").replace(
        "use(buf) < 0", "use(buf) < 0 || !argv")
    f = tree("m.c", main)
    assert run_check("--confidence", "all", str(f))[:2] == (0, "")
    lock = ("#include <pthread.h>\nstatic pthread_mutex_t m = PTHREAD_MUTEX_INITIALIZER;\n"
            "int work(void);\nint main(void)\n{\n    pthread_mutex_lock(&m);\n"
            "    if (work() < 0)\n        return 1;\n    pthread_mutex_unlock(&m);\n"
            "    return 0;\n}\n")
    g = tree("l.c", lock)
    status, out, _ = run_check("--confidence", "all", str(g))
    assert status == 1 and "[unwind-lock]" in out


def test_an_applet_main_is_a_main_and_other_mains_are_not(tree):
    """A multi-call program's applet main (busybox: `int login_main(int argc UNUSED_PARAM,
    char **argv)`) ends the process when it returns; a function merely named *_main with
    other parameters is an ordinary function."""
    applet = LEAK.replace("int f(int n)", "int tool_main(int n __attribute__((unused)), "
                          "char **argv)").replace("use(buf) < 0", "use(buf) < 0 || !argv")
    assert run_check("--confidence", "all", str(tree("a.c", applet)))[:2] == (0, "")
    other = LEAK.replace("int f(int n)", "int domain_main(int n)")
    status, out, _ = run_check("--confidence", "all", str(tree("o.c", other)))
    assert status == 1 and "'buf' from malloc()" in out


def test_a_path_through_exit_or_abort_leaks_nothing(tree):
    """A goto to a label that ends the process, or an error branch that calls exit():
    the system takes everything back; only the plain return is reported."""
    src = ("#include <stdlib.h>\nint use(char *);\nvoid fatal(char *);\n"
           "int f(int n)\n{\n    char *buf = malloc(n);\n    if (!buf)\n        return -1;\n"
           "    if (use(buf) < 0)\n        goto die;\n    if (use(buf) > 9) {\n"
           "        fatal(buf);\n        exit(2);\n    }\n    if (use(buf) == 5)\n"
           "        return -3;\n    free(buf);\n    return 0;\ndie:\n    abort();\n}\n")
    f = tree("x.c", src)
    status, out, _ = run_check("--confidence", "all", str(f))
    assert (status, out) == (1, "%s:16:9: warning: 'buf' from malloc() at line 6 is not "
                                "released on this return [unwind-memory]\n" % f)


def test_a_rule_that_fails_on_a_file_is_reported_not_dropped(tmp_path):
    """spatch exits 0 under --file-groups when a rule's Python raises on a file: the file's
    findings of that rule are lost, so run_spatch must say so."""
    import argparse
    from cocci_unwind import cli
    src = tmp_path / "a.c"
    src.write_text("int f(void)\n{\n    g();\n    return 0;\n}\n")
    rule = tmp_path / "unwind-bad.cocci"
    rule.write_text("virtual summary\n\n@r@\nidentifier f;\n@@\nf(...);\n\n@script:python@\nf << r.f;\n@@\n"
                    "undefined_function()\n")
    args = argparse.Namespace(timeout=30, jobs=1)
    findings, parse_errors, lost = cli.run_spatch(str(rule), [str(src)], args, str(tmp_path),
                                                  dict(os.environ))
    assert findings == [] and set(lost) == {str(src)}
    assert lost[str(src)].startswith("unwind-bad: ") and "Python" in lost[str(src)]
