"""Every corpus case: the findings equal its .expected exactly, and the case compiles."""
import os
import subprocess

import pytest

from conftest import CORPUS, corpus_cases, run_check

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
    assert set(fams) == {"memory", "file", "fd", "dir", "lock", "thread", "handle", "inferred"}
    for fam, n in fams.items():
        assert n["pos"] >= 3 and n["neg"] >= 3, (fam, n)


@pytest.mark.parametrize("compiler", [
    ["gcc", "-std=gnu11", "-Wall", "-Wextra", "-Werror"],
    ["clang", "-Wall", "-Werror"]], ids=["gcc", "clang"])
def test_corpus_compiles(compiler, tmp_path):
    for case in CASES:
        p = subprocess.run(compiler + ["-c", case, "-o", str(tmp_path / "x.o")],
                           stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
        assert p.returncode == 0, "%s:\n%s" % (case, p.stdout)
