import functools
import hashlib
import os
import pickle
import re
import shutil
import subprocess
import sys
import tempfile

import pytest

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
sys.path.insert(0, ROOT)
RUN = os.path.join(ROOT, "run.sh")
CORPUS = os.path.join(ROOT, "corpus")


def run_check(*args, cwd=None):
    """./run.sh check ARGS: (exit status, stdout, stderr)."""
    p = subprocess.run([RUN, "check", "--jobs", "1", *args], cwd=cwd,
                       stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    return p.returncode, p.stdout, p.stderr


def corpus_cases():
    out = []
    for fam in sorted(os.listdir(CORPUS)):
        d = os.path.join(CORPUS, fam)
        if os.path.isdir(d):
            out += [os.path.join(d, f) for f in sorted(os.listdir(d)) if f.endswith(".c")]
    return out


from cocci_unwind.verify import build_flags, case_build  # noqa: E402  (one copy)


@pytest.fixture
def tree(tmp_path):
    """A scratch folder: write(name, text) makes a file in it."""
    def write(name, text, mode=None):
        p = tmp_path / name
        p.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(text, bytes):
            p.write_bytes(text)
        else:
            p.write_text(text)
        if mode is not None:
            os.chmod(p, mode)
        return p
    write.path = tmp_path
    return write


# ------------------------------------------------------------ harness runs, once a session
# A corpus case's fault-injection run is the "before" of every fix result's proof
# (test_harness, test_fix, test_fix_cleanup): it is made once per test session and shared
# by the xdist workers through files under a folder named by the run's id.
_HARNESS_DIR = os.path.join(tempfile.gettempdir(), "cocci-unwind-harness-%s" % os.environ.get(
    "PYTEST_XDIST_TESTRUNUID", "%d" % os.getpid()))
_harness_results = {}


def harness_run(path, extra_cflags=()):
    """verify.run_case(path, extra_cflags=...), computed once per session (the file is not
    changed during a session: tests write their own copies elsewhere)."""
    from cocci_unwind import verify
    key = (os.path.abspath(path), tuple(extra_cflags))
    if key not in _harness_results:
        name = hashlib.sha256(repr(key).encode()).hexdigest() + ".pickle"
        cached = os.path.join(_HARNESS_DIR, name)
        try:
            with open(cached, "rb") as fh:
                _harness_results[key] = pickle.load(fh)
        except (OSError, pickle.PickleError, EOFError):
            res = verify.run_case(path, extra_cflags=extra_cflags)
            os.makedirs(_HARNESS_DIR, exist_ok=True)
            fd, tmp = tempfile.mkstemp(dir=_HARNESS_DIR)
            with os.fdopen(fd, "wb") as fh:
                pickle.dump(res, fh)
            os.replace(tmp, cached)         # whole or absent for the other workers
            _harness_results[key] = res
    return _harness_results[key]


def pytest_collection_modifyitems(items):
    """run.sh test distributes with --dist loadgroup, the groups made here: a test file's tests
    on one worker, as --dist loadfile does (its module fixtures are built once), except that
    the tests of one costly module fixture param (a corpus fixed in one style or dialect) are
    a group of their own, so that the styles of one file run on both workers. (Tests without
    a group would go one by one to either worker, each building the module fixtures again:
    the stop-26 suite took twice as long in CI.)"""
    for item in items:
        param = getattr(getattr(item, "callspec", None), "params", {}).get("fixed_corpus")
        group = item.module.__name__ + ("" if param is None else "-%s" % param)
        item.add_marker(pytest.mark.xdist_group(group))


def pytest_sessionfinish(session):
    if not hasattr(session.config, "workerinput"):      # the controller, or a run without xdist
        shutil.rmtree(_HARNESS_DIR, ignore_errors=True)


# the corpus's leaks of a member of an object (`c->name` lost when `free(c)` runs): fix mode
# declines them in every style, with this reason
MEMBER_CASES = {"memory/leak_member_container_freed.c": "c->name",
                "memory/leak_member_label_frees_container.c": "io->name",
                "memory/leak_member_of_parameter_released_on_one_failure.c": "k->buf"}
# a K&R definition is checked (its head given to spatch as a prototype's) but not rewritten
KNR_CASES = {"memory/leak_in_a_kr_definition.c": "save_label"}
KNR_DECLINED = ("%s() is a K&R definition (its parameters declared after the list): fix mode "
                "rewrites prototype-style definitions only")
MEMBER_DECLINED = ("'%s' is a member of an object: its release belongs with its container's, "
                   "which no style here places")
