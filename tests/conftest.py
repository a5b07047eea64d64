import functools
import os
import re
import subprocess
import sys

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
