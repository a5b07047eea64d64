"""CI check mode: --since, --changed-lines, baseline, suppressions, SARIF, GitHub, shards."""
import json
import os
import subprocess

import pytest

from cocci_unwind import verify

from conftest import ROOT, RUN, run_check
from test_cli import LEAK
from test_fix import NOT_FIXED as FIX_DECLINES
from test_pairs import GLIB

# Two functions that each leak, so a change can touch one and not the other.
TWO = ("#include <stdlib.h>\n#include <unistd.h>\n#include <fcntl.h>\nint use(char *);\n"
       "int f(int n)\n{\n    char *buf = malloc(n);\n    if (!buf)\n        return -1;\n"
       "    if (use(buf) < 0)\n        return -2;\n    free(buf);\n    return 0;\n}\n\n"
       "int g(const char *p)\n{\n    int fd = open(p, O_RDONLY);\n    if (fd < 0)\n"
       "        return -1;\n    if (use((char *)p) < 0)\n        return -2;\n    close(fd);\n"
       "    return 0;\n}\n")


def git(cwd, *args):
    subprocess.run(["git", "-c", "user.name=t", "-c", "user.email=t@example.org"] + list(args),
                   cwd=cwd, check=True, stdout=subprocess.PIPE, stderr=subprocess.PIPE)


def lines(out):
    return [l for l in out.splitlines() if l]


# ---- --since and --changed-lines -----------------------------------------------------------

@pytest.fixture
def repo(tree):
    tree("a.c", TWO)
    tree("b.c", LEAK)
    tree("notes.txt", "x\n")
    git(tree.path, "init", "-q")
    git(tree.path, "add", ".")
    git(tree.path, "commit", "-q", "-m", "one")
    return tree


def test_since_checks_only_changed_files(repo):
    # second commit: an edit inside g() of a.c; b.c untouched
    text = TWO.replace("    close(fd);\n", "    /* done */\n    close(fd);\n")
    repo("a.c", text)
    git(repo.path, "commit", "-q", "-am", "two")
    status, out, err = run_check("--since", "HEAD~1", cwd=repo.path)
    assert status == 1, err
    assert {l.split(":")[0] for l in lines(out)} == {"a.c"}
    assert len(lines(out)) == 2
    assert "checked 1 file:" in err
    # --changed-lines: only the function the change touched
    status, out, err = run_check("--since", "HEAD~1", "--changed-lines", cwd=repo.path)
    assert status == 1, err
    assert lines(out) == ["a.c:22:9: warning: 'fd' from open() at line 18 is not released on "
                          "this return [unwind-fd]"]


def test_since_includes_uncommitted_and_untracked_and_reports_nothing_changed(repo):
    status, out, err = run_check("--since", "HEAD", cwd=repo.path)
    assert (status, out) == (0, ""), err
    assert "no C files changed since HEAD" in err
    repo("new.c", LEAK)                      # untracked
    status, out, err = run_check("--since", "HEAD", cwd=repo.path)
    assert status == 1
    assert [l.split(":")[0] for l in lines(out)] == ["new.c"]


def test_since_bad_revision_and_changed_lines_alone_are_errors(repo):
    status, _, err = run_check("--since", "no-such-rev", cwd=repo.path)
    assert status == 2 and "no-such-rev" in err
    status, _, err = run_check("--changed-lines", cwd=repo.path)
    assert status == 2 and "--changed-lines needs --since" in err


# ---- baseline ------------------------------------------------------------------------------

def test_baseline_survives_unrelated_edit_and_reports_only_new(tree):
    f = tree("a.c", TWO)
    base = tree.path / "base.txt"
    status, out, err = run_check("--write-baseline", str(base), "a.c", cwd=tree.path)
    assert (status, out) == (0, ""), err
    text = base.read_text()
    assert text.splitlines()[2:] == [
        "unwind-fd\ta.c\tg\tfd\topen", "unwind-memory\ta.c\tf\tbuf\tmalloc"]
    # an unrelated edit above both findings moves every line
    f.write_text("/* a new header comment\n * of three lines */\n" + TWO)
    status, out, err = run_check("--baseline", str(base), "a.c", cwd=tree.path)
    assert (status, out) == (0, ""), err
    assert "2 accepted by the baseline" in err
    # a new leak in g() is reported, the accepted one is not
    f.write_text(TWO.replace("    close(fd);\n    return 0;",
                             "    if (n_bad())\n        return -3;\n    close(fd);\n"
                             "    return 0;").replace("int use(char *);",
                                                     "int use(char *);\nint n_bad(void);"))
    status, out, err = run_check("--baseline", str(base), "a.c", cwd=tree.path)
    assert status == 1
    assert len(lines(out)) == 1 and "'fd' from open()" in out and "[unwind-fd]" in out
    # a baseline entry whose finding is gone is counted
    f.write_text(TWO.replace("        return -2;\n    free(buf);", "    {\n        free(buf);\n"
                             "        return -2;\n    }\n    free(buf);"))
    status, out, err = run_check("--baseline", str(base), "a.c", cwd=tree.path)
    assert (status, out) == (0, "")
    assert "1 baseline entry no longer found" in err


def test_malformed_baseline_is_a_clear_error(tree):
    tree("a.c", LEAK)
    tree("base.txt", "unwind-memory a.c f buf\n")
    status, _, err = run_check("--baseline", "base.txt", "a.c", cwd=tree.path)
    assert status == 2 and "base.txt:1:" in err


# ---- suppressions --------------------------------------------------------------------------

def test_suppression_on_return_line_silences_with_reason(tree):
    tree("a.c", TWO.replace("        return -2;\n    close(fd);",
                            "        return -2; /* cocci-unwind: ignore unwind-fd: fd is "
                            "owned by the pool */\n    close(fd);"))
    status, out, err = run_check("a.c", cwd=tree.path)
    assert status == 1
    assert len(lines(out)) == 1 and "[unwind-memory]" in out
    assert "1 suppressed in the code" in err
    _, out, _ = run_check("--format", "json", "a.c", cwd=tree.path)
    sup = [d for d in json.loads(out) if d.get("suppressed")]
    assert [(d["rule"], d["suppressed"], d["level"]) for d in sup] == [
        ("unwind-fd", "fd is owned by the pool", "none")]


def test_suppression_on_line_above_acquisition(tree):
    tree("a.c", TWO.replace("    char *buf = malloc(n);",
                            "    // cocci-unwind: ignore unwind-memory - freed by the arena\n"
                            "    char *buf = malloc(n);"))
    status, out, err = run_check("a.c", cwd=tree.path)
    assert status == 1 and "[unwind-memory]" not in out and "[unwind-fd]" in out


def test_stale_suppression_is_reported(tree):
    tree("a.c", "/* cocci-unwind: ignore unwind-fd: was a leak */\n" + TWO.replace(
        "int use(char *);", "int use(char *); // cocci-unwind: ignore unwind-memory"))
    status, out, err = run_check("--rule", "unwind-fd", "a.c", cwd=tree.path)
    # the unwind-memory one is not judged: its rule did not run
    assert lines(out)[-1] == ("a.c:1:1: note: suppression of unwind-fd matches no finding; "
                              "remove it [unwind-stale-suppression]")
    assert len(lines(out)) == 2 and status == 1


# ---- formats -------------------------------------------------------------------------------

def sarif_tool():
    exe = os.path.join(ROOT, ".tools", "node_modules", ".bin", "sarif-multitool")
    if not os.path.exists(exe):
        pytest.fail("SARIF Multitool missing: run ./run.sh setup (npm install into .tools/)")
    return exe


def validate(path):
    p = subprocess.run([sarif_tool(), "validate", str(path)], stdout=subprocess.PIPE,
                       stderr=subprocess.STDOUT, text=True)
    return [l for l in p.stdout.splitlines() if ": error " in l]


def test_sarif_validates_and_carries_rules_locations_suppressions(tree):
    tree("a.c", TWO.replace("        return -2;\n    close(fd);",
                            "        return -2; // cocci-unwind: ignore unwind-fd: pooled\n"
                            "    close(fd);"))
    status, out, err = run_check("--format", "sarif", "a.c", cwd=tree.path)
    assert status == 1, err
    path = tree.path / "out.sarif"
    path.write_text(out)
    assert validate(path) == []
    log = json.loads(out)
    run = log["runs"][0]
    rules = {r["id"]: r for r in run["tool"]["driver"]["rules"]}
    assert set(rules) >= {"unwind-memory", "unwind-fd", "unwind-lock", "unwind-thread",
                          "unwind-file", "unwind-dir", "unwind-handle", "unwind-fd-pair"}
    assert "Released by: free" in rules["unwind-memory"]["fullDescription"]["text"]
    res = {r["ruleId"]: r for r in run["results"]}
    mem = res["unwind-memory"]
    assert mem["locations"][0]["physicalLocation"]["region"] == {"startLine": 11,
                                                                  "startColumn": 9}
    assert mem["locations"][0]["physicalLocation"]["artifactLocation"]["uri"] == "a.c"
    assert mem["relatedLocations"][0]["physicalLocation"]["region"]["startLine"] == 7
    assert run["tool"]["driver"]["rules"][mem["ruleIndex"]]["id"] == "unwind-memory"
    assert res["unwind-fd"]["suppressions"] == [{"kind": "inSource", "justification": "pooled"}]


# a third function whose acquisition is conditional: fix mode declines it
COND = ("\nint h(int n)\n{\n    char *p = NULL;\n    if (n)\n        p = malloc(4);\n"
        "    if (use(p) < 0)\n        return -1;\n    free(p);\n    return 0;\n}\n")


def apply_sarif_fixes(text, results):
    """The file after every distinct fix of the results, replacements by character offset
    (each region also checked against its line and column)."""
    fixes = {json.dumps(f, sort_keys=True): f for r in results for f in r.get("fixes", [])}
    starts = [0] + [i + 1 for i, ch in enumerate(text) if ch == "\n"]
    reps = []
    for fix in fixes.values():
        for change in fix["artifactChanges"]:
            for rep in change["replacements"]:
                reg = rep["deletedRegion"]
                assert starts[reg["startLine"] - 1] + reg["startColumn"] - 1 == reg["charOffset"]
                assert starts[reg["endLine"] - 1] + reg["endColumn"] - 1 == \
                    reg["charOffset"] + reg["charLength"]
                reps.append((reg["charOffset"], reg["charLength"],
                             rep["insertedContent"]["text"]))
    for off, n, new in sorted(reps, reverse=True):
        text = text[:off] + new + text[off + n:]
    return text


def test_sarif_fixes_validate_and_equal_fix_mode(tree):
    src = TWO + COND
    tree("a.c", src)
    status, out, err = run_check("--format", "sarif", "--confidence", "all", "a.c",
                                 cwd=tree.path)
    assert status == 1, err
    path = tree.path / "out.sarif"
    path.write_text(out)
    assert validate(path) == []
    results = json.loads(out)["runs"][0]["results"]
    fixed = {r["locations"][0]["logicalLocations"][0]["name"]: bool(r.get("fixes"))
             for r in results}
    assert fixed == {"f": True, "g": True, "h": False}          # h: declined by the planner
    fix = results[0]["fixes"][0]
    assert fix["artifactChanges"][0]["artifactLocation"] == {"uri": "a.c",
                                                             "uriBaseId": "SRCROOT"}
    assert "'buf' (free)" in fix["description"]["text"]
    # the same text as run.sh fix --style release
    tree("b.c", src)
    status, _, err = run_fix("--style", "release", "--confidence", "all", "--in-place", "b.c",
                             cwd=tree.path)
    assert status == 1, err
    assert apply_sarif_fixes(src, results) == (tree.path / "b.c").read_text() != src
    status, out, _ = run_check("--format", "sarif", "--fix-style", "none", "a.c", cwd=tree.path)
    assert not any("fixes" in r for r in json.loads(out)["runs"][0]["results"])


def test_sarif_validator_catches_a_broken_log(tree):
    # no ruleId, and a line 0
    bad = tree("bad.sarif", json.dumps({"version": "2.1.0", "runs": [
        {"tool": {"driver": {"name": "x"}}, "results": [
            {"level": "warning", "message": {"text": "m"},
             "locations": [{"physicalLocation": {"region": {"startLine": 0}}}]}]}]}))
    assert validate(bad) != []


def test_github_annotations(tree):
    tree("a.c", LEAK)
    status, out, _ = run_check("--format", "github", "a.c", cwd=tree.path)
    assert status == 1
    assert out == ("::warning file=a.c,line=9,col=9,title=unwind-memory::'buf' from malloc() "
                   "at line 5 is not released on this return\n")


# ---- shards and merge ----------------------------------------------------------------------

def test_shards_cover_every_file_once_and_merge_equals_whole_run(tree):
    for i in range(5):
        tree("s%d.c" % i, LEAK if i % 2 else TWO)
    for fmt in ("json", "sarif"):
        _, whole, _ = run_check("--format", fmt, ".", cwd=tree.path)
        parts = []
        for i in (1, 2, 3):
            _, out, err = run_check("--format", fmt, "--shard", "%d/3" % i, ".", cwd=tree.path)
            assert ("checked 2 files:" if i < 3 else "checked 1 file:") in err
            p = tree.path / ("part%d.%s" % (i, fmt))
            p.write_text(out)
            parts.append(str(p))
        m = subprocess.run([RUN, "merge"] + parts, cwd=tree.path, stdout=subprocess.PIPE,
                           stderr=subprocess.PIPE, text=True)
        assert m.returncode == 1, m.stderr
        assert json.loads(m.stdout) == json.loads(whole)
    status, _, err = run_check("--shard", "4/3", ".", cwd=tree.path)
    assert status == 2 and "--shard" in err


def test_merge_rejects_mixed_or_broken_reports(tree):
    a = tree("a.json", "[]")
    b = tree("b.sarif", json.dumps({"version": "2.1.0", "runs": []}))
    c = tree("c.json", "not json")
    for args in ([a, b], [c]):
        m = subprocess.run([RUN, "merge"] + [str(x) for x in args], stdout=subprocess.PIPE,
                           stderr=subprocess.PIPE, text=True)
        assert m.returncode == 2 and m.stderr, args


# ---- the Linux kernel's coccicheck conventions ---------------------------------------------

def coccicheck(rule, mode, srcdir):
    """spatch invoked the way scripts/coccicheck does: -D MODE, --very-quiet, the rule's own
    `// Options:` line, --no-show-diff for report and org."""
    with open(rule) as fh:
        opt = [l.split(":", 1)[1].split() for l in fh if "Options:" in l][0]
    cmd = ["spatch", "--python", "/usr/bin/python3", "-D", mode, "--very-quiet"]
    if mode in ("report", "org"):
        cmd.append("--no-show-diff")
    cmd += ["--cocci-file", rule] + opt + ["--dir", str(srcdir)]
    p = subprocess.run(cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    assert p.returncode == 0, p.stderr
    return p.stdout


def test_coccicheck_modes(tree):
    f = tree("src/leak.c", LEAK)
    rule = os.path.join(ROOT, "cocci", "unwind-memory.cocci")
    rep = coccicheck(rule, "report", tree.path / "src")
    assert rep == ("%s:9:9: warning: 'buf' from malloc() at line 5 is not released on this "
                   "return [unwind-memory]\n" % f)
    org = coccicheck(rule, "org", tree.path / "src")
    assert org.startswith("* TODO [[view:%s::face=ovl-face1::linb=9::colb=8" % f)
    ctx = coccicheck(rule, "context", tree.path / "src")
    starred = [l for l in ctx.splitlines() if l.startswith("-") and not l.startswith("---")]
    assert starred == ["-    char *buf = malloc(n);", "-        return -2;"]
    # the acquisition's own failure exit (return -1) is not starred


CASE = os.path.join("corpus", "fd", "leak_connect_fails")


def spatch_patch(rule, *args, cwd=ROOT):
    p = subprocess.run(["spatch", "--python", "/usr/bin/python3", "--sp-file",
                        os.path.join(ROOT, "cocci", rule), "-D", "patch", "--very-quiet"]
                       + list(args), cwd=cwd, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                       text=True)
    assert p.returncode == 0, p.stderr
    return p.stdout


def test_patch_mode_plain_spatch_gives_the_release_fix(tmp_path):
    diff = spatch_patch("unwind-fd.cocci", CASE + ".c")
    assert diff.startswith("--- %s.c\n" % CASE)
    assert "+        close(fd);\n" in diff and "[unwind-fd]" not in diff   # a diff only
    out = tmp_path / "patched.c"
    p = subprocess.run(["patch", "-p0", "-s", "-o", str(out)], input=diff, cwd=ROOT,
                       stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    assert p.returncode == 0, p.stdout
    with open(os.path.join(ROOT, CASE + ".release.res")) as fh:
        assert out.read_text() == fh.read()          # what run.sh fix --style release writes
    subprocess.run(["gcc", "-Wall", "-Wextra", "-Werror", "-c", "-o", os.devnull, str(out)],
                   check=True)
    # nothing where the fix is not safe: the exit returns -errno (close may change it), a
    # medium finding (fd returned on success), both ends of a pipe, a negative case
    for name in ("leak_open_read_fails", "leak_socket_bind_fails", "ok_conditional_close"):
        assert spatch_patch("unwind-fd.cocci", os.path.join("corpus", "fd", name + ".c")) == ""
    assert spatch_patch("unwind-fd-pair.cocci", "corpus/fd/leak_pipe_both_ends.c") == ""


# report mode prints both exits; patching either would be wrong
UNSAFE = r"""#include <stdlib.h>
int use(char *);

int released_on_one_path(int n)
{
    char *p = malloc(4);
    if (!p)
        return -1;
    switch (n) {
    case 1:
        free(p);
        break;
    default:
        break;
    }
    if (use(NULL) < 0)
        return -2;
    free(p);
    return 0;
}

int acquired_on_one_path(int n)
{
    char *q;
    if (n)
        q = malloc(4);
    if (use(NULL) < 0)
        return -1;
    free(q);
    return 0;
}
"""


def test_patch_mode_vetoes_exits_reached_released_or_unacquired(tree):
    f = tree("u.c", UNSAFE)
    rule = os.path.join(ROOT, "cocci", "unwind-memory.cocci")
    rep = coccicheck(rule, "report", tree.path)
    assert "u.c:17:9: warning: 'p'" in rep and "u.c:28:9: warning: 'q'" in rep
    assert spatch_patch("unwind-memory.cocci", str(f)) == ""


def split_diff(diff):
    """A unified diff of several files, by the file's name: {name: that file's diff}."""
    out, name = {}, None
    for line in diff.splitlines(keepends=True):
        if line.startswith("diff "):
            continue
        if line.startswith("--- "):
            name = os.path.basename(line[4:].split()[0])
            out[name] = ""
        out[name] += line
    return out


def test_patch_mode_agrees_with_fix_mode_on_the_corpus(tmp_path):
    """Every corpus case of the families patch mode fixes, each family's folder given to
    plain spatch whole (`--dir`, as a user runs it over a codebase: no case changes another
    case's diff): no diff, or fix mode's text."""
    patched = []
    for fam in ("memory", "fd", "lock"):
        folder = os.path.join(ROOT, "corpus", fam)
        diffs = split_diff(spatch_patch("unwind-%s.cocci" % fam, "--dir", folder))
        for name in sorted(os.listdir(folder)):
            if not name.endswith(".c") or name not in diffs:
                continue
            case = os.path.join("corpus", fam, name)
            diff = diffs.pop(name)
            with open(os.path.join(ROOT, case)) as fh:
                if "plain spatch: needs the summary pass" in fh.read(600):
                    continue        # its contract says so: run.sh check is silent on it
            assert name.startswith("leak_"), case
            out = tmp_path / name
            subprocess.run(["patch", "-s", "-o", str(out), os.path.join(ROOT, case)],
                           input=diff, text=True, check=True)
            if (os.path.join(fam, name), "release") in FIX_DECLINES:
                # fix mode declines it (a label a goto jumps back to lies between the
                # acquisition and the exit); patch mode has no such guard, so its text must
                # be clean on every path of the harness
                proven = tmp_path / ("patched_" + name)
                out.rename(proven)
                assert verify.verdict(str(proven), verify.run_case(str(proven))) == \
                    (True, "clean"), case
                continue
            with open(os.path.join(ROOT, case[:-2] + ".release.res")) as fh:
                assert out.read_text() == fh.read(), case
            patched.append(name)
        assert not [n for n in diffs if not n.endswith(".h")], diffs     # only the cases
    assert len(patched) >= 10, patched


def test_patch_mode_coccicheck_applies_with_git_and_compiles(tree):
    tree("src/two.c", TWO)
    tree("src/leak.c", LEAK)
    tree("src/file.c", "#include <stdio.h>\nint use(FILE *);\nint h(const char *p)\n{\n"
         "    FILE *f = fopen(p, \"r\");\n    if (!f)\n        return -1;\n"
         "    if (use(f) < 0)\n        return -2;\n    fclose(f);\n    return 0;\n}\n")
    git(tree.path, "init", "-q")
    git(tree.path, "add", ".")
    git(tree.path, "commit", "-q", "-m", "base")
    diffs = {r: coccicheck(os.path.join(ROOT, "cocci", r + ".cocci"), "patch", tree.path)
             for r in ("unwind-fd", "unwind-memory", "unwind-file")}
    assert diffs["unwind-file"] == ""             # FILE: patch mode does not fix it
    for rule in ("unwind-fd", "unwind-memory"):
        (tree.path / "p.diff").write_text(diffs[rule])
        git(tree.path, "apply", "p.diff")         # check=True
    text = (tree.path / "src" / "two.c").read_text()
    assert "        free(buf);\n        return -2;" in text
    assert "        close(fd);\n        return -2;" in text
    assert "        free(buf);\n        return -2;" in (tree.path / "src" / "leak.c").read_text()
    for c in ("two.c", "leak.c", "file.c"):
        subprocess.run(["gcc", "-Wall", "-Werror", "-c", "-o", os.devnull,
                        str(tree.path / "src" / c)], check=True)
    status, out, _ = run_check("--rule", "unwind-fd", "--rule", "unwind-memory", "src/two.c",
                               cwd=tree.path)
    assert (status, out) == (0, "")


# ---- fix mode in an automated refactor PR --------------------------------------------------

def run_fix(*args, cwd=None):
    p = subprocess.run([RUN, "fix", "--jobs", "1", *args], cwd=cwd, stdout=subprocess.PIPE,
                       stderr=subprocess.PIPE, text=True)
    return p.returncode, p.stdout, p.stderr


def test_fix_in_place_prints_a_commit_message_and_skips_suppressed(tree):
    tree("a.c", TWO.replace("        return -2;\n    close(fd);",
                            "        return -2; // cocci-unwind: ignore unwind-fd: pooled\n"
                            "    close(fd);"))
    status, out, err = run_fix("--style", "release", "--in-place", "--commit-message", "a.c",
                               cwd=tree.path)
    assert status == 1, err
    assert out.startswith("Release resources on error paths\n")
    assert "- a.c: f(): 'buf' from malloc()" in out and "g()" not in out
    text = (tree.path / "a.c").read_text()
    assert "free(buf);\n        return -2;" in text and "close(fd);\n        return -2;" not in text
    assert run_check("a.c", cwd=tree.path)[:2] == (0, "")
    status, _, err = run_fix("--style", "release", "--commit-message", "a.c", cwd=tree.path)
    assert status == 2 and "--commit-message goes with --in-place" in err


def test_fix_uses_the_project_configuration_and_packs(tree):
    tree("g.c", GLIB)
    tree(".cocci-unwind", "with glib\n")
    status, out, err = run_fix("--style", "release", "g.c", cwd=tree.path)
    assert status == 1, err
    assert "+        g_free(path);" in out
