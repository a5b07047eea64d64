"""Every corpus case: the findings equal its .expected exactly, and the case compiles."""
import functools
import os
import re
import subprocess
from concurrent.futures import ThreadPoolExecutor

import pytest

from conftest import CORPUS, build_flags, corpus_cases, run_check
from cocci_unwind import table

CASES = corpus_cases()
IDS = [os.path.relpath(c, CORPUS) for c in CASES]
# the built-in families' folders; one folder per library pack; project pairs in config/
BUILTIN = {"memory", "file", "fd", "dir", "lock", "thread", "handle", "inferred"}
PACKS = set(table.packs())
CONFIG = "config"
_RULE = re.compile(r"\[(unwind-[a-z0-9-]+)\]$")


def folder(case):
    return os.path.basename(os.path.dirname(case))


def expected_lines(case):
    with open(case[:-2] + ".expected") as fh:
        return [l for l in fh.read().splitlines() if l]


@functools.lru_cache(maxsize=None)
def folder_check(d):
    """One check of a corpus folder's cases, from inside it, as a user checks a tree (the
    summary pass reads every case): (exit status, stdout lines, stderr)."""
    names = sorted(os.path.basename(c) for c in CASES if os.path.dirname(c) == d)
    status, out, err = run_check("--confidence", "all", *names, cwd=d)
    return status, out.splitlines(), err


@pytest.mark.parametrize("case", CASES, ids=IDS)
def test_findings_equal_expected(case):
    """The case's findings, in order, when its folder is checked as a tree is (one run,
    the summary pass reading every case): the cases of a folder do not change each other's
    findings."""
    expected = expected_lines(case)
    status, out, err = folder_check(os.path.dirname(case))
    name = os.path.basename(case)
    assert [l for l in out if l.startswith(name + ":")] == expected, err
    assert status == (1 if any(expected_lines(c) for c in CASES
                               if os.path.dirname(c) == os.path.dirname(case)) else 0), err
    assert not re.search(r"(^|[\s/])%s:\d+: parse error:" % re.escape(name), err, re.M), err
    # a pack or config folder's cases are checked under its own .cocci-unwind
    own = os.path.exists(os.path.join(os.path.dirname(case), table.CONFIG))
    assert ("using %s" % table.CONFIG in err) == own, err


def test_every_finding_of_a_folder_check_belongs_to_a_case():
    """Nothing is reported outside the cases (a header of the folder, a stray file)."""
    names = {os.path.basename(c) for c in CASES}
    for d in sorted({os.path.dirname(c) for c in CASES}):
        status, out, err = folder_check(d)
        assert all(l.split(":")[0] in names for l in out), (d, out)
        assert ": parse error:" not in err, err


def test_corpus_has_positives_and_negatives_per_rule():
    fams = {}
    for c in CASES:
        kind = "pos" if os.path.basename(c).startswith("leak_") else "neg"
        fams.setdefault(folder(c), {"pos": 0, "neg": 0})[kind] += 1
        assert bool(expected_lines(c)) == (kind == "pos"), c
    assert set(fams) == BUILTIN | PACKS | {CONFIG}
    for fam, n in fams.items():
        least = 3 if fam in BUILTIN else 2
        assert n["pos"] >= least and n["neg"] >= least, (fam, n)


@pytest.mark.parametrize("name", sorted(PACKS) + [CONFIG])
def test_pack_and_config_folders_find_with_their_own_table(name):
    """corpus/<pack>/.cocci-unwind enables the pack (`with <pack>`), and every finding of the
    folder comes from a family that the folder's table defines."""
    conf = os.path.join(CORPUS, name, table.CONFIG)
    with open(conf) as fh:
        text = fh.read()
    fams = table.parse(text, conf)
    if name in PACKS:
        assert re.search(r"^with %s$" % re.escape(name), text, re.M), conf
        mine = {f.rule for f in fams.values() if f.pack == name}
    else:
        mine = {f.rule for f in fams.values()}
    assert mine
    for c in CASES:
        if folder(c) == name:
            for line in expected_lines(c):
                assert _RULE.search(line).group(1) in mine, (c, line)


def test_config_positives_are_found_only_through_the_configuration():
    """Without .cocci-unwind, nothing reports the configured positives' leaks: buf.h's
    acquirers are not inferred from the cases (the summary pass takes only release wrappers
    and sinks from a header's inline functions)."""
    d = os.path.join(CORPUS, CONFIG)
    pos = [c for c in CASES if folder(c) == CONFIG and os.path.basename(c).startswith("leak_")]
    assert pos
    status, out, err = run_check("--no-config", "--confidence", "all",
                                 *[os.path.basename(c) for c in pos], cwd=d)
    assert "using %s" % table.CONFIG not in err and ": parse error:" not in err, err

    def where(line):            # file:line:col: and the variable
        return line.split(" warning: ")[0], line.split("'")[1]
    # a pair learned from the function itself may still find it, as [unwind-inferred]
    found = {where(l) for l in out.splitlines() if not l.endswith("[unwind-inferred]")}
    for c in pos:
        for line in expected_lines(c):
            assert where(line) not in found, (line, out)


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
