"""The resource table: parsing cocci_unwind/resources.table (and project files in the same form).

A table line is one of
    acquire <family> <function> <shape> <failure> <release>[|<release>...]
    sink    <family> <function> <argument>
    verb    <family> <how-acquired> <not-released-text>
Blank lines and lines starting with '#' are ignored.
"""
import os
import re
from dataclasses import dataclass, field

HERE = os.path.dirname(os.path.abspath(__file__))
BUILTIN = os.path.join(HERE, "resources.table")

SHAPES = ("ret", "out", "pair", "lock")
FAILURES = ("null", "neg", "nonzero", "mapfailed", "minus1", "none")
_IDENT = re.compile(r"^[A-Za-z_][A-Za-z0-9_]*$")


class TableError(ValueError):
    """A malformed table line; the message names the file and line."""


@dataclass
class Acquire:
    family: str
    function: str
    shape: str          # ret | out | pair | lock
    arg: int            # argument index for out/pair/lock, -1 for ret
    failure: str
    releases: tuple


@dataclass
class Family:
    name: str
    acquires: list = field(default_factory=list)
    sinks: dict = field(default_factory=dict)       # function -> argument index
    how: str = "from"                               # "from" | "locked-by"
    not_released: str = "not released"

    @property
    def rule(self):
        return "unwind-" + self.name

    @property
    def releases(self):
        out = []
        for a in self.acquires:
            for r in a.releases:
                if r not in out:
                    out.append(r)
        return out


def _ident(word, where):
    if not _IDENT.match(word):
        raise TableError("%s: '%s' is not a C identifier" % (where, word))
    return word


def parse(text, path="<table>", families=None):
    """Parse table text into an ordered dict family-name -> Family (extending `families`)."""
    fams = families if families is not None else {}
    for num, raw in enumerate(text.splitlines(), 1):
        line = raw.split("#", 1)[0].strip()
        if not line:
            continue
        where = "%s:%d" % (path, num)
        words = line.split()
        kind = words[0]
        if kind == "acquire":
            if len(words) != 6:
                raise TableError("%s: 'acquire' takes 5 fields: family function shape failure "
                                 "release (got %d)" % (where, len(words) - 1))
            _, fam, fn, shape, failure, rel = words
            _ident(fam, where)
            _ident(fn, where)
            base, _, arg = shape.partition(":")
            if base not in SHAPES:
                raise TableError("%s: shape '%s' is not one of ret, out:N, pair:N, lock:N"
                                 % (where, shape))
            if base == "ret":
                if arg:
                    raise TableError("%s: shape 'ret' takes no argument" % where)
                argn = -1
            else:
                if not arg.isdigit():
                    raise TableError("%s: shape '%s' needs an argument index, e.g. %s:0"
                                     % (where, shape, base))
                argn = int(arg)
            if failure not in FAILURES:
                raise TableError("%s: failure '%s' is not one of %s"
                                 % (where, failure, ", ".join(FAILURES)))
            releases = tuple(_ident(r, where) for r in rel.split("|"))
            f = fams.setdefault(fam, Family(fam))
            f.acquires.append(Acquire(fam, fn, base, argn, failure, releases))
        elif kind == "sink":
            if len(words) != 4 or not words[3].isdigit():
                raise TableError("%s: 'sink' takes 3 fields: family function argument-index"
                                 % where)
            _, fam, fn, arg = words
            f = fams.setdefault(_ident(fam, where), Family(fam))
            f.sinks[_ident(fn, where)] = int(arg)
        elif kind == "verb":
            if len(words) < 4:
                raise TableError("%s: 'verb' takes: family how-acquired not-released-text" % where)
            fam, how = words[1], words[2]
            if how not in ("from", "locked-by"):
                raise TableError("%s: how-acquired must be 'from' or 'locked-by'" % where)
            f = fams.setdefault(_ident(fam, where), Family(fam))
            f.how = how
            f.not_released = " ".join(words[3:])
        else:
            raise TableError("%s: unknown line kind '%s' (expected acquire, sink or verb)"
                             % (where, kind))
    return fams


def load(paths=()):
    """The built-in table, extended by project tables."""
    with open(BUILTIN) as fh:
        fams = parse(fh.read(), BUILTIN)
    for p in paths:
        with open(p) as fh:
            parse(fh.read(), p, fams)
    return fams
