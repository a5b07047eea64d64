"""The rule files: generated from the table, self-contained, headed like the kernel's."""
import os
import re
import subprocess

import pytest

from conftest import ROOT
from cocci_unwind import gen, table

COCCI = os.path.join(ROOT, "cocci")
RULES = sorted(f for f in os.listdir(COCCI) if f.startswith("unwind-")) + sorted(
    os.path.join("packs", f) for f in os.listdir(os.path.join(COCCI, "packs")))


def test_committed_rules_are_what_the_table_generates():
    files = gen.outputs(COCCI)
    assert sorted(os.path.relpath(p, COCCI) for p in files) == sorted(RULES)
    for path, text in files.items():
        with open(path) as fh:
            assert fh.read() == text, "%s is stale: run ./run.sh gen" % path


def test_every_pack_has_its_rule_files():
    for pack in table.packs():
        fams = table.load(packs=[pack])
        mine = [f for f in fams.values() if f.pack == pack]
        assert mine, pack
        for fam in mine:
            assert os.path.exists(os.path.join(COCCI, "packs", fam.rule + ".cocci")), fam.rule


@pytest.mark.parametrize("name", RULES)
def test_rule_header_and_modes(name):
    with open(os.path.join(ROOT, "cocci", name)) as fh:
        text = fh.read()
    assert text.startswith("/// ")
    for field in ("// Confidence:", "// Options:", "virtual patch", "virtual context",
                  "virtual org", "virtual report"):
        assert field in text, field


def test_plain_spatch_runs_a_rule_on_its_own(tmp_path):
    src = tmp_path / "src"
    src.mkdir()
    (src / "a.c").write_text(
        "#include <stdlib.h>\nint use(char *);\n"
        "int f(int n)\n{\n    char *buf = malloc(n);\n    if (!buf)\n        return -1;\n"
        "    if (use(buf) < 0)\n        return -2;\n    free(buf);\n    return 0;\n}\n")
    p = subprocess.run(["spatch", "--python", "/usr/bin/python3", "--very-quiet", "--sp-file",
                        os.path.join(ROOT, "cocci", "unwind-memory.cocci"), "--dir", str(src)],
                       stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    assert p.returncode == 0, p.stderr
    assert p.stdout.splitlines() == [
        "%s:9:9: warning: 'buf' from malloc() at line 5 is not released on this return "
        "[unwind-memory]" % (src / "a.c")]


def test_table_errors_name_the_line(tmp_path):
    bad = tmp_path / "pairs"
    bad.write_text("# mine\nacquire memory xalloc ret null xfree\nacquire memory ybad sideways null yfree\n")
    with pytest.raises(table.TableError, match=r"pairs:3: shape 'sideways'"):
        table.load([str(bad)])


def test_a_new_table_pair_reaches_the_generated_rule(tmp_path):
    extra = tmp_path / "pairs"
    extra.write_text("acquire memory xalloc ret null xfree\n")
    files = gen.generate(table.load([str(extra)]))
    # the acquirers are an identifier list of the leak rule: identifier fn0 = {..., xalloc};
    assert re.search(r"identifier fn\d+ = \{[^}]*\bxalloc\b", files["unwind-memory.cocci"])
    assert "'xfree'" in files["unwind-memory.cocci"]


def test_a_borrow_line_reaches_the_generated_rule(tmp_path):
    """`borrow` lines name calls that use a resource and never keep it: the family's rule
    gets them (BORROWS), and a line without a function is an error naming the line."""
    extra = tmp_path / "pairs"
    extra.write_text("acquire buf buf_new ret null buf_free\nborrow buf buf_len buf_peek\n")
    files = gen.generate(table.load([str(extra)]))
    assert "BORROWS = ['buf_len', 'buf_peek']" in files["unwind-buf.cocci"]
    bad = tmp_path / "bad"
    bad.write_text("borrow buf\n")
    with pytest.raises(table.TableError, match=r"bad:1: 'borrow' takes"):
        table.load([str(bad)])


@pytest.mark.parametrize("name", RULES)
def test_every_rule_file_runs_under_plain_spatch(name, tmp_path):
    """Each committed rule file loads (its Python included: spatch's lexer reads the embedded
    runtime too, so an apostrophe in a comment there breaks it) and runs on a small file."""
    src = tmp_path / "a.c"
    src.write_text("int f(int n)\n{\n    return n;\n}\n")
    p = subprocess.run(["spatch", "--python", "/usr/bin/python3", "--very-quiet", "--sp-file",
                        os.path.join(COCCI, name), str(src)],
                       stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    assert p.returncode == 0 and "rror" not in p.stderr, p.stderr
    assert p.stdout == ""
