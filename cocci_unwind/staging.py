"""What spatch is given: copies of the files under generated names, and the way back.

spatch reads `FILE:LINE` out of some of its own arguments and file lists (a colon in a path
gives `int_of_string`), its --file-groups format is one path a line (a newline in a name
splits it), and its Python binding decodes matched code as UTF-8 (a Latin-1 byte in a string
literal gives UnicodeDecodeError in the rule's script). So spatch never sees a path the user
gave: each file is copied to `<workdir>/<stage>/<n>.c` (or `.h`), with its text made safe in
place (same bytes count, so lines and columns are unchanged), and every position that comes
back is mapped to the path as given, whatever bytes it holds.

The scratch folder itself: `scratch()` makes it (in a temporary folder whose path spatch can
read), `exit_on_signals()` turns SIGTERM and SIGHUP into an exception so that the `finally`
that removes it runs (SIGINT already does), and `scratch()` also removes the folders of runs
that were killed outright (kill -9), which carry their process id in the name.
"""
import codecs
import os
import re
import shutil
import signal
import tempfile

from . import csyntax

BOM = b"\xef\xbb\xbf"
_SAFE_DIR = re.compile(r"^[\w/.+-]+$")


def _one_question_mark_a_byte(e):
    return "?" * (e.end - e.start), e.end


codecs.register_error("cocci-unwind-question", _one_question_mark_a_byte)


def safe_text(data):
    """data as spatch can read it, byte for byte at the same offsets: a UTF-8 byte-order
    mark becomes three spaces (spatch takes it for code: a parse error at line 1), and each
    byte that is not part of valid UTF-8 becomes `?` (a Latin-1 `caf\\xe9` in a string or a
    comment: spatch hands matched code to Python as UTF-8)."""
    if data.startswith(BOM):
        data = b"   " + data[3:]
    try:
        data.decode("utf-8")
        return data
    except UnicodeDecodeError:
        return data.decode("utf-8", "cocci-unwind-question").encode("utf-8")


class Stage:
    """Copies of files under generated names in one folder: add(path) -> the copy spatch
    reads; real(copy) -> the path as given. Coccinelle 1.1.1 cannot parse a K&R definition
    (GNU screen 4.9 is written so): in the copy its head is a prototype's, on the line of its
    identifier list, the declaration lines left empty (csyntax.knr_to_ansi): every line of
    the body keeps its number and its columns."""

    def __init__(self, workdir, name="stage"):
        self.dir = os.path.join(workdir, name)
        self._real = {}
        self._copy = {}

    def add(self, path, data=None):
        if path in self._copy:
            return self._copy[path]
        if data is None:
            with open(path, "rb") as fh:
                data = fh.read()
        os.makedirs(self.dir, exist_ok=True)
        copy = os.path.join(self.dir, "%d%s" % (len(self._real),
                                                 ".h" if path.endswith(".h") else ".c"))
        if csyntax.KNR_HINT.search(data):
            data = csyntax.knr_to_ansi(data.decode("latin-1")).encode("latin-1")
        with open(copy, "wb") as fh:
            fh.write(safe_text(data))
        self._real[copy] = path
        self._copy[path] = copy
        return copy

    def add_all(self, paths):
        """The copies of the paths that can be read, in order, and the paths that cannot
        ({path: reason})."""
        out, bad = [], {}
        for p in paths:
            try:
                out.append(self.add(p))
            except OSError as e:
                bad[p] = e.strerror or str(e)
        return out, bad

    def real(self, copy):
        return self._real.get(copy, copy)

    def copies(self):
        return dict(self._real)


def scratch(prefix):
    """A new scratch folder, named after this process, in a temporary folder whose path
    spatch can read (TMPDIR with a colon or a space falls back to /tmp); the folders of runs
    of this prefix whose process is gone are removed first."""
    base = tempfile.gettempdir()
    if not _SAFE_DIR.match(base) and os.path.isdir("/tmp"):
        base = "/tmp"
    _remove_orphans(base, prefix)
    return tempfile.mkdtemp(prefix="%s%d-" % (prefix, os.getpid()), dir=base)


def _remove_orphans(base, prefix):
    pat = re.compile(r"^%s(\d+)-\w+$" % re.escape(prefix))
    try:
        names = os.listdir(base)
    except OSError:
        return
    for n in names:
        m = pat.match(n)
        if not m:
            continue
        pid = int(m.group(1))
        if pid == os.getpid():
            continue
        try:
            os.kill(pid, 0)          # signal 0: only asks whether the process exists
            continue
        except ProcessLookupError:
            pass
        except OSError:
            continue                 # it exists, owned by someone else
        path = os.path.join(base, n)
        try:
            if os.stat(path).st_uid == os.getuid():
                shutil.rmtree(path, ignore_errors=True)
        except OSError:
            pass


class Terminated(KeyboardInterrupt):
    """SIGTERM or SIGHUP, raised where the program is, so that `finally` clauses (the
    scratch folder's removal, fix's removal of its temporary file) run before it exits."""

    def __str__(self):
        return "stopped by %s" % signal.Signals(self.args[0]).name


def exit_on_signals():
    def handler(signum, frame):
        signal.signal(signum, signal.SIG_DFL)     # a second signal ends it at once
        raise Terminated(signum)
    for s in (signal.SIGTERM, signal.SIGHUP):
        try:
            signal.signal(s, handler)
        except (ValueError, OSError):
            pass                                   # not the main thread
