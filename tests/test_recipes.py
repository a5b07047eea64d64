"""The CI recipes of the README, run as they are written there (in a scratch git repository
with the pack at tools/cocci-unwind and C sources in src/)."""
import json
import os
import re
import shutil
import subprocess

import pytest
import yaml

from conftest import ROOT
from test_ci import LEAK, TWO, git, validate

CLEAN = "int add(int a, int b)\n{\n    return a + b;\n}\n"


def recipe(name):
    with open(os.path.join(ROOT, "README.md")) as fh:
        text = fh.read()
    m = re.search(r"<!-- recipe: %s -->\n```\w*\n(.*?)```" % re.escape(name), text, re.S)
    assert m, "README has no recipe %s" % name
    return m.group(1)


@pytest.fixture
def project(tree):
    tree("src/a.c", CLEAN)
    os.makedirs(tree.path / "tools")
    os.symlink(ROOT, tree.path / "tools" / "cocci-unwind")
    git(tree.path, "init", "-q")
    git(tree.path, "add", ".")
    git(tree.path, "commit", "-q", "-m", "base")
    return tree


def sh(cmd, cwd, env=None):
    return subprocess.run(["bash", "-c", cmd], cwd=cwd, stdout=subprocess.PIPE,
                          stderr=subprocess.PIPE, text=True, env=dict(os.environ, **(env or {})))


def test_pre_commit_hook_refuses_a_leak(project):
    hook = project(".git/hooks/pre-commit", recipe("pre-commit"), mode=0o755)
    assert hook.exists()
    project("src/b.c", LEAK)
    git(project.path, "add", "src/b.c")
    p = subprocess.run(["git", "-c", "user.name=t", "-c", "user.email=t@example.org", "commit",
                        "-q", "-m", "leak"], cwd=project.path, stdout=subprocess.PIPE,
                       stderr=subprocess.PIPE, text=True)
    assert p.returncode != 0 and "[unwind-memory]" in p.stderr     # git shows hooks' output there
    project("src/b.c", CLEAN)
    git(project.path, "add", "src/b.c")
    git(project.path, "commit", "-q", "-m", "clean")      # check=True: the hook lets it pass


def test_make_targets(project):
    project("Makefile", recipe("make"))
    project("src/b.c", LEAK)
    p = sh("tools/cocci-unwind/run.sh check --write-baseline .cocci-unwind.baseline src",
           project.path)
    assert p.returncode == 0, p.stderr
    assert sh("make -s cocci-unwind", project.path).returncode == 0   # accepted by the baseline
    p = sh("make -s cocci-unwind-since", project.path)               # b.c is new: checked
    assert p.returncode != 0 and "[unwind-memory]" in p.stdout
    project("src/c.c", TWO)                                          # a new leak
    p = sh("make -s cocci-unwind", project.path)
    assert p.returncode != 0 and "c.c:" in p.stdout and "b.c:" not in p.stdout


def test_meson_targets(project):
    if not (shutil.which("meson") and shutil.which("ninja")):
        pytest.skip("meson or ninja missing: ./run.sh setup installs them (meson, ninja-build)")
    project("meson.build", recipe("meson"))
    project("src/b.c", LEAK)
    p = sh("tools/cocci-unwind/run.sh check --write-baseline .cocci-unwind.baseline src",
           project.path)
    assert p.returncode == 0, p.stderr
    p = sh("meson setup build", project.path)
    assert p.returncode == 0, p.stdout + p.stderr
    p = sh("meson compile -C build cocci-unwind", project.path)    # accepted by the baseline
    assert p.returncode == 0, p.stdout + p.stderr
    p = sh("meson test -C build --suite cocci-unwind", project.path)  # b.c is new: checked
    log = (project.path / "build" / "meson-logs" / "testlog.txt").read_text()
    assert p.returncode != 0 and "[unwind-memory]" in log and "b.c:" in log
    project("src/c.c", TWO)                                          # a new leak
    p = sh("meson compile -C build cocci-unwind", project.path)
    assert p.returncode != 0 and "c.c:" in p.stdout and "b.c:" not in p.stdout


def test_gitlab_job(project):
    job = yaml.safe_load(recipe("gitlab"))["cocci-unwind"]
    base = sh("git rev-parse HEAD", project.path).stdout.strip()
    p = sh("tools/cocci-unwind/run.sh check --write-baseline .cocci-unwind.baseline src",
           project.path)
    assert p.returncode == 0
    project("src/b.c", LEAK)
    git(project.path, "add", ".")
    git(project.path, "commit", "-q", "-m", "mr")
    env = {"CI_MERGE_REQUEST_DIFF_BASE_SHA": base}
    results = [sh(cmd, project.path, env) for cmd in job["script"]]
    assert [r.returncode for r in results[:-1]] == [0] * (len(results) - 1)
    assert results[-1].returncode == 1 and "b.c:9:9:" in results[-1].stdout


def test_github_workflow_shards_and_merged_sarif(project):
    flow = yaml.safe_load(recipe("github"))
    project("src/b.c", LEAK)
    project("src/c.c", TWO)
    check, report = flow["jobs"]["check"], flow["jobs"]["report"]
    for shard in check["strategy"]["matrix"]["shard"]:
        for step in check["steps"]:
            if "run" in step:
                cmd = step["run"].replace("${{ matrix.shard }}", str(shard))
                p = sh(cmd, project.path)
                assert p.returncode == 0, (cmd, p.stderr)
    for step in report["steps"]:
        if "run" in step:
            p = sh(step["run"], project.path)
            assert p.returncode == 0, (step["run"], p.stderr)
    merged = project.path / "cocci-unwind.sarif"
    assert validate(merged) == []
    whole = sh("tools/cocci-unwind/run.sh check --format sarif src", project.path)
    assert json.loads(merged.read_text()) == json.loads(whole.stdout)
    assert len(json.loads(whole.stdout)["runs"][0]["results"]) == 3


UNPARSABLE = ("int h(void)\n{\n    char *p = malloc(3);\n    if (x) return 1 +;\n"
              "    free(p);\n    return 0;\n}\n")


def test_github_workflow_fails_on_a_run_that_could_not_check_something(project):
    """--fail-on-unchecked in the recipe: exit 3 is neither 0 nor the findings' 1."""
    flow = yaml.safe_load(recipe("github"))
    project("src/b.c", LEAK)
    project("src/bad.c", UNPARSABLE)
    steps = [s["run"] for s in flow["jobs"]["check"]["steps"] if "run" in s]
    failed = []
    for shard in flow["jobs"]["check"]["strategy"]["matrix"]["shard"]:
        p = sh(steps[-1].replace("${{ matrix.shard }}", str(shard)), project.path)
        failed.append(p.returncode != 0)
        assert "Traceback" not in p.stderr
    assert failed.count(True) == 1          # the shard that holds bad.c
    p = sh([s["run"] for s in flow["jobs"]["report"]["steps"] if "run" in s][-1], project.path)
    assert p.returncode != 0, p.stderr      # merge --fail-on-unchecked: exit 3
    merged = json.loads((project.path / "cocci-unwind.sarif").read_text())
    inv = merged["runs"][0]["invocations"][0]
    assert inv["executionSuccessful"] is False
    assert [n["message"]["text"] for n in inv["toolExecutionNotifications"]] == [
        "function h not checked: parse error at line 4"]
    assert len(merged["runs"][0]["results"]) == 1          # b.c's leak is still there


def test_gitlab_job_fails_on_a_changed_file_it_could_not_check(project):
    job = yaml.safe_load(recipe("gitlab"))["cocci-unwind"]
    base = sh("git rev-parse HEAD", project.path).stdout.strip()
    assert sh("tools/cocci-unwind/run.sh check --write-baseline .cocci-unwind.baseline src",
              project.path).returncode == 0
    project("src/bad.c", UNPARSABLE)
    git(project.path, "add", ".")
    git(project.path, "commit", "-q", "-m", "mr")
    p = sh(job["script"][-1], project.path, {"CI_MERGE_REQUEST_DIFF_BASE_SHA": base})
    assert p.returncode == 3, p.stderr
    assert "bad.c:4: parse error: function h (line 1) not checked" in p.stderr
