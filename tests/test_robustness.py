"""run.sh check over one tree that holds every kind of bad input at once (issue 7).

tests/test_cli.py checks each bad input on its own, in a tree with no findings besides; here
they share one run with files that do have findings, so the test shows that the run finishes,
names each bad input, and loses none of the good files' findings. The 50,000-line file is many
tiny functions (a cheap shape for spatch) with one leak at its very end.
"""
import json
import os
import time

from conftest import run_check

LEAK = ("#include <stdlib.h>\nint use(char *);\n"
        "int f(int n)\n{\n    char *buf = malloc(n);\n    if (!buf)\n        return -1;\n"
        "    if (use(buf) < 0)\n        return -2;\n    free(buf);\n    return 0;\n}\n")

# non-UTF-8 bytes (Latin-1) in a comment and in a string, inside the leaking function
LATIN1 = (b"#include <stdio.h>\n/* r\xe9sum\xe9 of the caf\xe9 */\n"
          b"int g(const char *path)\n{\n    FILE *fp = fopen(path, \"r\");\n"
          b"    if (!fp)\n        return -1;\n"
          b"    if (fputs(\"na\xefve\", fp) < 0)\n        return -2;\n"
          b"    fclose(fp);\n    return 0;\n}\n")

UNPARSABLE = ("int h(void)\n{\n    char *p = malloc(3);\n    if (x) return 1 +;\n"
              "    free(p);\n    return 0;\n}\n")

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


def test_one_tree_of_bad_inputs_loses_nothing(tree):
    good = tree("good/leak.c", LEAK)
    latin1 = tree("good/latin1.c", LATIN1)
    big_text, big_lines = big_file()
    big = tree("big/generated.c", big_text)
    tree("bad/unparsable.c", UNPARSABLE)
    tree("bad/empty.c", "")
    tree("bad/blob.c", b"\x7fELF\x02\x01\x01\x00\x00\x00" + bytes(range(256)) * 16)
    os.symlink("loop.c", str(tree.path / "bad" / "loop.c"))           # a symlink to itself
    os.symlink("..", str(tree.path / "bad" / "up"))                   # a folder loop
    missing = tree.path / "no-such-dir"

    t0 = time.time()
    status, out, err = run_check("--format", "json", "--timeout", "300",
                                 str(tree.path), str(missing))
    took = time.time() - t0

    assert big_lines >= BIG_LINES - 10
    # a path that does not exist: exit 2 (README), and everything else is still checked
    assert status == 2, err
    assert "no-such-dir: no such file or directory" in err
    # each bad input is named
    assert "unparsable.c:4: parse error" in err
    assert "blob.c: binary file, not C (skipped)" in err
    assert "loop.c: not a regular file (skipped)" in err
    assert "timed out" not in err.replace("0 timed out", "")
    # nothing lost: the good files' findings, including the non-UTF-8 file and the end of the
    # 50,000-line file; the folder loop is not followed (each file is checked once)
    found = {(os.path.basename(f["file"]), f["variable"], f["line"]) for f in json.loads(out)}
    assert found == {("leak.c", "buf", 9), ("latin1.c", "fp", 9),
                     ("generated.c", "q", big_lines - 3)}, found
    # checked: leak.c, latin1.c, generated.c, unparsable.c, empty.c; skipped: blob.c, loop.c,
    # the missing path
    assert "checked 5 files: 3 findings, 1 file with parse errors, 0 timed out, 3 skipped" in err
    assert took < 600, took


def test_non_utf8_bytes_in_gcc_output(tree):
    """The gcc-style report of a file with non-UTF-8 bytes is still one line per finding."""
    f = tree("latin1.c", LATIN1)
    status, out, err = run_check(str(f))
    assert status == 1, err
    assert out == ("%s:9:9: warning: 'fp' from fopen() at line 5 is not released on this "
                   "return [unwind-file]\n" % f)
