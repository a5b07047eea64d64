"""run.sh check over one tree that holds every kind of odd input at once (issues 7 and 21).

tests/test_cli.py checks each bad input on its own, in a tree with no findings besides; here
they share one run with files that do have findings, so the test shows that the run finishes,
names each input it could not check (by function where it can), loses none of the other
findings, and exits with the status the README gives. The 50,000-line file is many tiny
functions (a cheap shape for spatch) with one leak at its very end; it is over the size rule
(20,000 lines), so it is checked in slices.
"""
import glob
import json
import os
import signal
import subprocess
import tempfile
import time

from conftest import RUN
from test_ci import validate


def run_check(*args, cwd=None):
    """./run.sh check ARGS: (exit status, stdout, stderr), a name's bytes that are not UTF-8
    kept as surrogates (as os.fsdecode() gives them)."""
    p = subprocess.run([RUN, "check", "--jobs", "1", *args], cwd=cwd, stdout=subprocess.PIPE,
                       stderr=subprocess.PIPE, text=True, errors="surrogateescape")
    return p.returncode, p.stdout, p.stderr

LEAK = ("#include <stdlib.h>\nint use(char *);\n"
        "int f(int n)\n{\n    char *buf = malloc(n);\n    if (!buf)\n        return -1;\n"
        "    if (use(buf) < 0)\n        return -2;\n    free(buf);\n    return 0;\n}\n")

# non-UTF-8 bytes (Latin-1) in a comment and in a string, inside the leaking function
LATIN1 = (b"#include <stdio.h>\n/* r\xe9sum\xe9 of the caf\xe9 */\n"
          b"int g(const char *path)\n{\n    FILE *fp = fopen(path, \"r\");\n"
          b"    if (!fp)\n        return -1;\n"
          b"    if (fputs(\"na\xefve\", fp) < 0)\n        return -2;\n"
          b"    fclose(fp);\n    return 0;\n}\n")

# Latin-1 in the acquiring call's own string: unwind-inferred failed with UnicodeDecodeError
LATIN1_OPEN = (b"#include <stdio.h>\nint g(void)\n{\n    FILE *fp = fopen(\"caf\xe9.txt\", \"r\");\n"
               b"    if (!fp)\n        return -1;\n    if (fputs(\"x\", fp) < 0)\n"
               b"        return -2;\n    fclose(fp);\n    return 0;\n}\n")

BOM = b"\xef\xbb\xbf" + LEAK.encode()

# a cast to a function-pointer type: Failure("parenType") in unwind-inferred; the retry with
# the cast blanked keeps every finding
DLSYM = ("#include <dlfcn.h>\n#include <stdlib.h>\nint use(char *);\n"
         "int load(const char *p)\n{\n    void *h = dlopen(p, RTLD_NOW);\n    if (!h)\n"
         "        return -1;\n    const char *(*fn)(void) = (const char *(*)(void))dlsym(h, \"x\");\n"
         "    if (!fn)\n        return -2;\n    dlclose(h);\n    return 0;\n}\n")
# the same cast with a comment inside, which the blanking does not know: the function is
# isolated, the rest of the file still checked by that rule
DLSYM_ODD = DLSYM.replace("(const char *(*)(void))dlsym", "(const char * /* c */ (*)(void))dlsym") \
    + LEAK.split("int use(char *);\n")[1].replace("int f(", "int f2(")

UNPARSABLE = ("int h(void)\n{\n    char *p = malloc(3);\n    if (x) return 1 +;\n"
              "    free(p);\n    return 0;\n}\n")

# a parse error inside a function: the function is named, not only the line
PARSE_SKIPS = ("#include <stdlib.h>\nint use(char *);\nint ok(int n)\n{\n    return n;\n}\n"
               "int h(void)\n{\n    char *p = malloc(3);\n    if (x) return 1 +;\n"
               "    free(p);\n    return 0;\n}\n" + LEAK.split("int use(char *);\n")[1])

BIG_LINES = 50000


def big_file():
    """About 50,000 lines: tiny functions, then one leak in the last function."""
    tail = ("int last(int n)\n{\n    char *q = malloc(n);\n    if (!q)\n        return -1;\n"
            "    if (use(q) < 0)\n        return -2;\n    free(q);\n    return 0;\n}\n")
    head = "#include <stdlib.h>\nint use(char *);\n"
    fn = "int f%d(int a)\n{\n    return a + %d;\n}\n\n"         # 5 lines each
    n = (BIG_LINES - head.count("\n") - tail.count("\n")) // 5
    text = head + "".join(fn % (i, i) for i in range(n)) + tail
    return text, text.count("\n")


NON_UTF8 = os.fsdecode(b"bad\xff.c")


def odd_tree(tree):
    """Every odd input of issue 21, and the files with findings among them."""
    tree("good/leak.c", LEAK)
    tree("good/latin1.c", LATIN1)
    tree("good/latin1_open.c", LATIN1_OPEN)
    tree("good/bom.c", BOM)
    tree("names/a:1.c", LEAK)
    tree("names/colon:dir/b.c", LEAK)
    tree("names/" + NON_UTF8, LEAK)
    tree("names/new\nline.c", LEAK)
    tree("faults/dlsym.c", DLSYM)
    tree("faults/dlsym_odd.c", DLSYM_ODD)
    tree("bad/unparsable.c", UNPARSABLE)
    tree("bad/skips.c", PARSE_SKIPS)
    tree("bad/empty.c", "")
    tree("bad/blob.c", b"\x7fELF\x02\x01\x01\x00\x00\x00" + bytes(range(256)) * 16)
    os.symlink("loop.c", str(tree.path / "bad" / "loop.c"))           # a symlink to itself
    os.symlink("..", str(tree.path / "bad" / "up"))                   # a folder loop


def test_one_tree_of_odd_inputs_loses_nothing(tree):
    odd_tree(tree)
    big_text, big_lines = big_file()
    tree("big/generated.c", big_text)

    t0 = time.time()
    status, out, err = run_check("--format", "json-report", "--fail-on-unchecked",
                                 "--timeout", "300", str(tree.path))
    took = time.time() - t0

    assert big_lines >= BIG_LINES - 10
    # something could not be checked, and --fail-on-unchecked asked: 3, whatever the findings
    assert status == 3, err
    assert "Traceback" not in err and "spatch failed on" not in err
    # each input not checked is named, by function where there is one
    assert "unparsable.c:4: parse error: function h (line 1) not checked" in err
    assert "skips.c:10: parse error: function h (line 7) not checked" in err
    assert "blob.c: binary file, not C (skipped)" in err
    assert "loop.c: not a regular file (skipped)" in err
    assert ("dlsym_odd.c:4: function load not checked: spatch failed: Failure(\"parenType\") "
            "(unwind-inferred)") in err
    assert "bom.c:1: parse error" not in err
    assert "timed out" not in err.replace("0 timed out", "")
    report = json.loads(out)
    # nothing lost: every finding, whatever the file's name or bytes, with the path as given
    found = {(f["file"][len(str(tree.path)) + 1:], f["variable"], f["line"])
             for f in report["findings"]}
    assert found == {
        ("good/leak.c", "buf", 9), ("good/latin1.c", "fp", 9), ("good/latin1_open.c", "fp", 8),
        ("good/bom.c", "buf", 9), ("names/a:1.c", "buf", 9), ("names/colon:dir/b.c", "buf", 9),
        ("names/" + NON_UTF8, "buf", 9), ("names/new\nline.c", "buf", 9),
        ("faults/dlsym.c", "h", 11), ("faults/dlsym_odd.c", "h", 11),
        ("faults/dlsym_odd.c", "buf", 21), ("bad/skips.c", "buf", 20),
        ("big/generated.c", "q", big_lines - 3)}, found
    # a name that is not UTF-8 comes back as its bytes
    assert any(os.fsencode(f["file"]).endswith(b"/bad\xff.c") for f in report["findings"])
    # what was not checked, in JSON
    assert report["complete"] is False
    nc = {(os.path.basename(u["file"]), u["line"], u["function"], u["reason"])
          for u in report["not_checked"]}
    assert nc == {("unparsable.c", 1, "h", "parse error at line 4"),
                  ("skips.c", 7, "h", "parse error at line 10"),
                  ("blob.c", 0, "", "binary file, not C (skipped)"),
                  ("loop.c", 0, "", "not a regular file (skipped)"),
                  ("dlsym_odd.c", 4, "load", "spatch failed: Failure(\"parenType\")")}, nc
    # checked: 14 files (empty.c too); skipped: blob.c, loop.c
    assert ("checked 14 files: 13 findings, 2 files with parse errors, 0 timed out, 2 skipped, "
            "3 functions not checked, 1 with spatch failures") in err, err
    assert took < 600, took


def test_exit_status_without_fail_on_unchecked_and_for_named_paths(tree):
    tree("leak.c", LEAK)
    tree("bad.c", UNPARSABLE)
    # findings and a parse error: 1 (the README's recipes add --fail-on-unchecked for 3)
    status, out, err = run_check(str(tree.path))
    assert status == 1 and "bad.c:4: parse error" in err
    status, out, err = run_check("--fail-on-unchecked", str(tree.path / "leak.c"))
    assert status == 1, err                                  # everything checked: findings
    clean = tree("clean.c", "int add(int a, int b)\n{\n    return a + b;\n}\n")
    assert run_check("--fail-on-unchecked", str(clean))[0] == 0
    assert run_check("--fail-on-unchecked", str(tree.path / "bad.c"))[0] == 3
    # GitHub annotations show it where it is
    status, out, err = run_check("--format", "github", "bad.c", cwd=str(tree.path))
    assert out == ("::warning file=bad.c,line=1,title=cocci-unwind not checked::"
                   "function h not checked: parse error at line 4\n")
    # a parse error in declarations only loses no function: named, not counted
    decl = tree("decl.c", "#define BAD(x) x +\nint z = 3 +;\n" + LEAK)
    status, out, err = run_check("--fail-on-unchecked", str(decl))
    assert status == 1, err
    assert "decl.c:2: parse error: in declarations, no function lost" in err
    # a named path that does not exist: 2, and the others are still checked
    status, out, err = run_check(str(tree.path / "leak.c"), str(tree.path / "no-such-dir"))
    assert status == 2 and "no-such-dir: no such file or directory" in err
    assert "'buf' from malloc()" in out
    if os.geteuid() != 0:           # root reads everything
        secret = tree("secret.c", LEAK, mode=0)
        status, out, err = run_check(str(tree.path / "leak.c"), str(secret))
        assert status == 2 and "secret.c: not readable" in err
        os.chmod(secret, 0o644)


def test_gcc_and_github_lines_carry_the_names_bytes(tree):
    odd = tree("names/" + NON_UTF8, LEAK)
    colon = tree("names/a:1.c", LEAK)
    p = subprocess.run([RUN, "check", "--jobs", "1", str(odd), str(colon)],
                       stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    assert p.returncode == 1, p.stderr
    assert p.stdout.splitlines() == [
        os.fsencode(str(colon)) + b":9:9: warning: 'buf' from malloc() at line 5 is not "
        b"released on this return [unwind-memory]",
        os.fsencode(str(odd)) + b":9:9: warning: 'buf' from malloc() at line 5 is not "
        b"released on this return [unwind-memory]"]


def test_a_current_folder_with_a_colon(tree):
    f = tree("colon:dir/b.c", LEAK)
    status, out, err = run_check("b.c", cwd=str(f.parent))
    assert status == 1, err
    assert out.startswith("b.c:9:9: warning: 'buf' from malloc()")


def test_sarif_of_odd_inputs_validates_and_records_what_was_not_checked(tree):
    tree("names/" + NON_UTF8, LEAK)
    tree("names/a:1.c", LEAK)
    tree("names/new\nline.c", LEAK)
    tree("bad/skips.c", PARSE_SKIPS)
    status, out, err = run_check("--format", "sarif", "--fix-style", "none", str(tree.path),
                                 cwd=str(tree.path))
    assert status == 1, err
    sarif = tree("out.sarif", out)
    assert validate(sarif) == []
    run = json.loads(out)["runs"][0]
    uris = sorted(r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"]
                  for r in run["results"])
    assert uris == ["bad/skips.c", "names/a%3A1.c", "names/bad%FF.c", "names/new%0Aline.c"]
    inv = run["invocations"][0]
    assert inv["executionSuccessful"] is False
    (note,) = inv["toolExecutionNotifications"]
    assert note["message"]["text"] == "function h not checked: parse error at line 10"
    loc = note["locations"][0]
    assert loc["physicalLocation"]["artifactLocation"]["uri"] == "bad/skips.c"
    assert loc["physicalLocation"]["region"] == {"startLine": 7}
    assert loc["logicalLocations"] == [{"name": "h", "kind": "function"}]


def test_a_function_that_times_out_is_named_and_the_rest_of_the_file_checked(tree):
    # many acquisitions in one function: a 2-second budget is not enough for the path search
    body = "".join("    char *p%d = malloc(%d);\n    if (!p%d)\n        return -1;\n"
                   "    if (use(p%d))\n        return -2;\n" % (i, i + 1, i, i) for i in range(150))
    frees = "".join("    free(p%d);\n" % i for i in range(150))
    slow = ("#include <stdlib.h>\nint use(char *);\nint big(void)\n{\n%s%s    return 0;\n}\n"
            % (body, frees))
    f = tree("slow.c", slow + LEAK.split("int use(char *);\n")[1])
    leak_line = slow.count("\n") + 7
    t0 = time.time()
    status, out, err = run_check("--timeout", "2", "--fail-on-unchecked", str(f))
    took = time.time() - t0
    assert status == 3, err
    assert "slow.c:3: function big not checked: timed out after 1s" in err
    assert "slow.c:%d:9: warning: 'buf' from malloc()" % leak_line in out   # f still checked
    assert "1 timed out" in err
    # the function is tried by one rule, then left out of the others' passes
    assert err.count("function big not checked") == 1
    assert took < 120, took


def test_rule_unwind_fd_pair_is_accepted(tree):
    f = tree("pipe.c", "#include <unistd.h>\nint use(int);\nint p(void)\n{\n    int fds[2];\n"
                       "    if (pipe(fds) < 0)\n        return -1;\n    if (use(fds[0]) < 0)\n"
                       "        return -2;\n    close(fds[0]);\n    close(fds[1]);\n    return 0;\n}\n")
    status, out, err = run_check("--rule", "unwind-fd-pair", str(f))
    assert status == 1, err
    assert "[unwind-fd]" in out and "unknown rule" not in err


def start_slow_check(f):
    """A check of f running in the background, once its scratch folder holds something:
    (the process, the glob pattern of its scratch folder)."""
    p = subprocess.Popen([RUN, "check", "--jobs", "1", "--timeout", "60", str(f)],
                         stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    pattern = os.path.join(tempfile.gettempdir(), "cocci-unwind-%d-*" % p.pid)
    for _ in range(300):
        if glob.glob(os.path.join(pattern, "summary-stage")):
            break
        time.sleep(0.1)
    assert glob.glob(pattern), "the check made no scratch folder"
    return p, pattern


def test_sigterm_removes_the_scratch_folder(tree):
    body = "".join("    char *p%d = malloc(%d);\n    if (!p%d)\n        return -1;\n"
                   "    if (use(p%d))\n        return -2;\n" % (i, i + 1, i, i) for i in range(150))
    f = tree("slow.c", "#include <stdlib.h>\nint use(char *);\nint big(void)\n{\n%s    return 0;\n}\n"
             % body)
    p, pattern = start_slow_check(f)
    time.sleep(1)
    p.send_signal(signal.SIGTERM)
    p.communicate(timeout=60)
    assert p.returncode == 2
    assert glob.glob(pattern) == []
    # kill -9 cannot be caught: the next run removes the folder of a run that is gone
    p, pattern = start_slow_check(f)
    p.kill()
    p.communicate(timeout=60)
    assert glob.glob(pattern)
    clean = tree("clean.c", "int add(int a, int b)\n{\n    return a + b;\n}\n")
    assert run_check(str(clean))[0] == 0
    assert glob.glob(pattern) == []


def test_non_utf8_bytes_in_gcc_output(tree):
    """The gcc-style report of a file with non-UTF-8 bytes is still one line per finding."""
    f = tree("latin1.c", LATIN1)
    status, out, err = run_check(str(f))
    assert status == 1, err
    assert out == ("%s:9:9: warning: 'fp' from fopen() at line 5 is not released on this "
                   "return [unwind-file]\n" % f)


def test_merged_shards_keep_what_was_not_checked(tree):
    tree("src/a.c", LEAK)
    tree("src/b.c", UNPARSABLE)
    for fmt in ("json-report", "sarif"):
        reports = []
        for shard in (1, 2):
            status, out, err = run_check("--format", fmt, "--fix-style", "none",
                                         "--shard", "%d/2" % shard, "src", cwd=str(tree.path))
            reports.append(tree("%s-%d.out" % (fmt, shard), out))
        merge = [RUN, "merge"] + [str(r) for r in reports]
        p = subprocess.run(merge, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
        assert p.returncode == 1, p.stderr                   # findings
        doc = json.loads(p.stdout)
        if fmt == "sarif":
            inv = doc["runs"][0]["invocations"][0]
            assert not inv["executionSuccessful"]
            assert [n["message"]["text"] for n in inv["toolExecutionNotifications"]] == [
                "function h not checked: parse error at line 4"]
            assert validate(tree("merged.sarif", p.stdout)) == []
        else:
            assert [(u["file"], u["function"]) for u in doc["not_checked"]] == [("src/b.c", "h")]
            assert doc["complete"] is False and len(doc["findings"]) == 1
        p = subprocess.run(merge[:2] + ["--fail-on-unchecked"] + merge[2:],
                           stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
        assert p.returncode == 3, p.stderr


def test_spatch_copies_keep_every_byte_offset():
    from cocci_unwind import staging
    data = b"\xef\xbb\xbfint x; /* caf\xe9 \xff */ char *s = \"\xc3\xa9\";\n"
    out = staging.safe_text(data)
    assert len(out) == len(data)
    assert out.startswith(b"   int x;") and b"caf? ? */" in out and b"\"\xc3\xa9\"" in out
    assert staging.safe_text(b"plain\n") == b"plain\n"


def test_parse_error_regions_come_from_spatchs_report():
    from cocci_unwind import passes
    err = ("parse error \n = File \"x.c\", line 15, column 21, charpos = 191\n"
           "  around = ';',\n  whole content =     if (x) return 1 +;\nbadcount: 7\n"
           "bad: }\nbad: int h(void)\nbad: {\nbad:     char *p = malloc(3);\n"
           "BAD:!!!!!     if (x) return 1 +;\nbad:     free(p);\nbad:     return 0;\nbad: }\n"
           "EXN: Failure(\"parenType\") in y.c\n")
    po = passes.read_output("", err)
    assert po.parse_errors == {"x.c": [(12, 15, 18)]}      # the '}' at 11 ends the function before
    assert po.lost == {"y.c": "Failure(\"parenType\")"}
    text = "".join("int ok%d(void)\n{\n    return 0;\n}\n" % i for i in range(2)) + \
        "\n\n\nint h(void)\n{\n    char *p = malloc(3);\n    if (x) return 1 +;\n" \
        "    free(p);\n    return 0;\n}\n"
    assert passes.skipped_functions(text, po.parse_errors["x.c"]) == [("h", 12, 15)]


KNR = """#include <stdlib.h>
int use(char *);

int h(n, s)
    int n;
    char *s;
{
    char *p = malloc(n);
    if (x) return 1 +;
    free(p);
    return use(s);
}

int g(n)
    int n;
{
    return n + 1;
}
"""


def test_a_knr_function_that_spatch_cannot_parse_is_named(tree):
    """K&R definitions (zlib 1.2's) are functions: a parse error inside one names it, in the
    text and in JSON, and the count of functions checked leaves it out."""
    f = tree("knr.c", KNR)
    status, out, err = run_check("--format", "json-report", str(f))
    assert "knr.c:9: parse error: function h (line 4) not checked" in err, err
    assert "1 function not checked, 1 of 2 functions checked" in err, err
    assert [(u["function"], u["line"]) for u in json.loads(out)["not_checked"]] == [("h", 4)]
