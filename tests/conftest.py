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


_BUILD = re.compile(r"^\s*\*?\s*build:\s*(.*?)\s*$")


def case_build(case):
    """The words of a corpus case's `build:` line in its header comment ([] without one)."""
    with open(case) as fh:
        m = re.search(r"/\*(.*?)\*/", fh.read(), re.S)
    for line in (m.group(1).splitlines() if m else ()):
        b = _BUILD.match(line)
        if b:
            return b.group(1).split()
    return []


@functools.lru_cache(maxsize=None)
def _pkg_config(what, modules):
    return subprocess.run(["pkg-config", what, *modules], check=True, stdout=subprocess.PIPE,
                          text=True).stdout.split()


def build_flags(case):
    """(compile flags, link flags) of a case, from its `build:` line (corpus/README.md):
    `pkg-config MODULE...` gives the modules' --cflags and --libs; a word ending in `.h` is a
    header of ours beside the case, which it includes with "..." (nothing to add); any other
    word starting with `-` goes to the compiler and the linker as it is."""
    cflags, libs = [], []
    words = case_build(case)
    i = 0
    while i < len(words):
        if words[i] == "pkg-config":
            j = i + 1
            while j < len(words) and not words[j].startswith("-") and not words[j].endswith(".h"):
                j += 1
            mods = tuple(words[i + 1:j])
            cflags += _pkg_config("--cflags", mods)
            libs += _pkg_config("--libs", mods)
            i = j
            continue
        if words[i].startswith("-"):
            cflags.append(words[i])
            libs.append(words[i])
        elif not words[i].endswith(".h"):
            raise ValueError("%s: build: does not know '%s'" % (case, words[i]))
        i += 1
    return cflags, libs


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
