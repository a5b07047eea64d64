"""Project pairs from .cocci-unwind, and library packs (--with, `with` lines, rule files)."""
import os
import subprocess

import pytest

from conftest import ROOT, run_check
from cocci_unwind import table

GLIB = ("#include <glib.h>\nint use(char *);\n"
        "int f(const char *name)\n{\n    char *path = g_build_filename(\"/tmp\", name, NULL);\n"
        "    if (use(path) < 0)\n        return -1;\n    g_free(path);\n    return 0;\n}\n")
FINDING = ("g.c:7:9: warning: 'path' from g_build_filename() at line 5 is not released on this "
           "return [unwind-glib]\n")
PROJECT = ("struct buf;\nstruct buf *buf_new(int);\nvoid buf_put(struct buf *);\n"
           "int fill(struct buf *);\n"
           "int load(int n)\n{\n    struct buf *b = buf_new(n);\n    if (!b)\n        return -1;\n"
           "    if (fill(b) < 0)\n        return -2;\n    buf_put(b);\n    return 0;\n}\n")


def test_pack_follows_the_headers_the_files_include(tree):
    tree("g.c", GLIB)
    status, out, err = run_check("g.c", cwd=tree.path)
    assert (status, out) == (1, FINDING)
    assert "library packs enabled by the headers the files include: glib" in err
    assert run_check("--no-auto-packs", "g.c", cwd=tree.path)[:2] == (0, "")
    assert run_check("--no-auto-packs", "--with", "glib", "g.c", cwd=tree.path)[:2] == (1, FINDING)
    # without the pack, only the pair learned from the function itself, at medium confidence
    assert run_check("--no-auto-packs", "--confidence", "all", "g.c", cwd=tree.path)[:2] == (
        1, FINDING.replace("[unwind-glib]", "[unwind-inferred]"))
    # a file that declares the functions itself, without the library's header: no pack
    tree("h.c", GLIB.replace("#include <glib.h>\n", "char *g_build_filename(const char *, ...);\n"
                                                    "void g_free(void *);\n"))
    status, out, err = run_check("h.c", cwd=tree.path)
    assert (status, out) == (0, "") and "library packs enabled" not in err
    # fix mode knows the pack check enabled: the finding is fixed with the pack's release
    p = subprocess.run([os.path.join(ROOT, "run.sh"), "fix", "--style", "goto", "g.c"],
                       cwd=tree.path, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    assert "+        goto err_free_path;" in p.stdout and "+    g_free(path);" in p.stdout, p.stderr


def test_a_quoted_include_with_a_directory_enables_its_pack(tree):
    """A library's own sources (and copies of it) include its headers in quotes with their
    directory (`"mbedtls/bignum.h"`): that turns the pack on; a bare quoted name does not."""
    from cocci_unwind import cli
    tree("lib.c", '#include "mbedtls/bignum.h"\n#include "zlib.h"\n#include <stdio.h>\n')
    assert cli.includes_of([str(tree.path / "lib.c")]) == {"mbedtls/bignum.h", "stdio.h"}
    assert table.auto_packs(cli.includes_of([str(tree.path / "lib.c")])) == ["mbedtls"]


def test_header_lines_belong_in_packs():
    assert table.auto_packs({"openssl/evp.h", "stdio.h"}) == ["openssl"]
    assert table.auto_packs({"linux/netlink.h"}) == []     # a user-space header of the kernel's
    assert table.pack_of("openssl") == "openssl" and table.pack_of("memory") is None
    with pytest.raises(table.TableError, match=r"x:1: 'header' lines"):
        table.parse("header mylib/*\n", "x")


def test_config_file_enables_pack_and_project_pairs(tree):
    tree("g.c", GLIB)
    tree("p.c", PROJECT)
    tree(".git/HEAD", "ref: refs/heads/main\n")      # the tree's root
    tree(".cocci-unwind", "# our project\nwith glib\n"
                          "acquire buf buf_new ret null buf_put\n")
    os.makedirs(tree.path / "sub")
    status, out, err = run_check("--confidence", "all", "../g.c", "../p.c",
                                 cwd=tree.path / "sub")
    assert status == 1
    assert out.splitlines() == [
        "../g.c:7:9: warning: 'path' from g_build_filename() at line 5 is not released on "
        "this return [unwind-glib]",
        "../p.c:11:9: warning: 'b' from buf_new() at line 7 is not released on this return "
        "[unwind-buf]"]
    assert "using ../.cocci-unwind" in err
    status, out, _ = run_check("--no-config", "../p.c", cwd=tree.path / "sub")
    assert (status, out) == (0, "")


def test_config_errors_name_file_and_line(tree):
    tree("p.c", PROJECT)
    tree(".cocci-unwind", "with glib\nacquire buf buf_new sideways null buf_put\n")
    status, _, err = run_check("p.c", cwd=tree.path)
    assert status == 2 and ".cocci-unwind:2: shape 'sideways'" in err
    tree(".cocci-unwind", "with nosuchpack\n")
    status, _, err = run_check("p.c", cwd=tree.path)
    assert status == 2 and ".cocci-unwind:1: unknown pack 'nosuchpack'" in err
    status, _, err = run_check("--no-config", "--with", "nosuchpack", "p.c", cwd=tree.path)
    assert status == 2 and "unknown pack 'nosuchpack'" in err


def test_table_cleanup_and_with_lines():
    fams = table.parse("with kernel\ncleanup memory systemd _cleanup_free_ TAKE_PTR\n")
    assert fams["memory"].cleanup == {"systemd": ("_cleanup_free_", "TAKE_PTR")}
    assert fams["kernel"].pack == "kernel" and fams["kernel-lock"].how == "locked-by"
    assert fams["kernel"].cleanup["kernel"] == ("__free(kfree)", "no_free_ptr")
    with pytest.raises(table.TableError, match=r"x:1: 'cleanup' takes"):
        table.parse("cleanup memory systemd\n", "x")


def test_table_allocator_lines():
    fams = table.parse("with zlib\nallocator memory arena\n")
    assert fams["zlib"].allocators == ["zalloc"] and fams["memory"].allocators == ["arena"]
    with pytest.raises(table.TableError, match=r"x:1: 'allocator' takes"):
        table.parse("allocator zlib\n", "x")


@pytest.mark.parametrize("pack", table.packs())
def test_every_pack_table_loads_and_defines_families(pack):
    fams = table.load(packs=[pack])
    mine = [f for f in fams.values() if f.pack == pack]
    assert mine and all(f.acquires for f in mine)


def test_plain_spatch_user_picks_a_pack_rule_file(tree):
    g = tree("src/g.c", GLIB)
    p = subprocess.run(["spatch", "--python", "/usr/bin/python3", "--very-quiet", "--sp-file",
                        os.path.join(ROOT, "cocci", "packs", "unwind-glib.cocci"),
                        "--dir", str(tree.path / "src")],
                       stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    assert p.stdout == FINDING.replace("g.c", str(g))


def test_a_learned_pair_reports_an_error_code_named_for_memory(tree):
    """unwind-inferred skips exits that look like success; `return CODE_OUT_OF_MEMORY;` (curl's
    CURLE_OUT_OF_MEMORY) is an error code, not a named object the function hands back."""
    src = ("enum code { CODE_OK, CODE_BAD, CODE_OUT_OF_MEMORY };\nstruct obj;\n"
           "struct obj *obj_new(void);\nvoid obj_destroy(struct obj *);\n"
           "int obj_fill(struct obj *);\nint obj_more(struct obj *);\n"
           "enum code make(void)\n{\n    struct obj *o = obj_new();\n    if (!o)\n"
           "        return CODE_OUT_OF_MEMORY;\n    if (obj_fill(o) < 0) {\n"
           "        obj_destroy(o);\n        return CODE_BAD;\n    }\n"
           "    if (obj_more(o) == 0)\n        return CODE_OUT_OF_MEMORY;\n"
           "    obj_destroy(o);\n    return CODE_OK;\n}\n")
    f = tree("m.c", src)
    status, out, _ = run_check("--confidence", "all", str(f))
    assert (status, out) == (1, "%s:17:9: warning: 'o' from obj_new() at line 9 is not "
                                "released on this return [unwind-inferred]\n" % f)
