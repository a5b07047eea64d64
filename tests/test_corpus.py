"""Every corpus case: the findings equal its .expected exactly, and the case compiles."""
import os
import subprocess
from concurrent.futures import ThreadPoolExecutor

import pytest

from conftest import CORPUS, build_flags, corpus_cases, run_check

CASES = corpus_cases()
IDS = [os.path.relpath(c, CORPUS) for c in CASES]


@pytest.mark.parametrize("case", CASES, ids=IDS)
def test_findings_equal_expected(case):
    with open(case[:-2] + ".expected") as fh:
        expected = [l for l in fh.read().splitlines() if l]
    status, out, err = run_check("--confidence", "all", os.path.basename(case),
                                 cwd=os.path.dirname(case))
    assert out.splitlines() == expected, err
    assert status == (1 if expected else 0), err
    assert ": parse error:" not in err


def test_corpus_has_positives_and_negatives_per_rule():
    fams = {}
    for c in CASES:
        fam = os.path.basename(os.path.dirname(c))
        kind = "pos" if os.path.basename(c).startswith("leak_") else "neg"
        fams.setdefault(fam, {"pos": 0, "neg": 0})[kind] += 1
        with open(c[:-2] + ".expected") as fh:
            assert bool(fh.read().strip()) == (kind == "pos"), c
    assert set(fams) == {"memory", "file", "fd", "dir", "lock", "thread", "handle"}
    for fam, n in fams.items():
        assert n["pos"] >= 3 and n["neg"] >= 3, (fam, n)


@pytest.mark.parametrize("compiler", [
    ["gcc", "-std=gnu11", "-Wall", "-Wextra", "-Werror"],
    ["clang", "-Wall", "-Werror"]], ids=["gcc", "clang"])
def test_corpus_compiles(compiler, tmp_path):
    """Each case compiles with the flags of its `build:` line; with gcc it is also linked
    (with a main of ours) against the libraries that line names, as the fault-injection
    harness links it."""
    main = tmp_path / "main.c"
    main.write_text("int main(void)\n{\n    return 0;\n}\n")

    def build(case):
        cflags, libs = build_flags(case)
        out = str(tmp_path / ("case%d" % CASES.index(case)))     # two builds run at once
        if compiler[0] == "gcc":
            cmd = compiler + cflags + [case, str(main), "-o", out] + libs
        else:
            cmd = compiler + cflags + ["-c", case, "-o", out + ".o"]
        p = subprocess.run(cmd, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
        return case, p.returncode, p.stdout, libs

    with ThreadPoolExecutor(max_workers=2) as pool:
        for case, status, output, libs in pool.map(build, CASES):
            assert status == 0, "%s (libs %s):\n%s" % (case, libs, output)
