"""The resource table: parsing cocci_unwind/resources.table (and project files in the same form).

A table line is one of
    acquire <family> <function> <shape> <failure> <release>[|<release>...]
    sink    <family> <function> <argument>
    verb    <family> <how-acquired> <not-released-text>
    cleanup <family>[:<acquirer>] <dialect> <declaration-macro>|- [<steal-macro>]
    with    <pack>                 (load cocci_unwind/packs/<pack>.table as well)
Blank lines and lines starting with '#' are ignored. A project's `.cocci-unwind` file is a
table in this form.
"""
import fnmatch
import os
import re
from dataclasses import dataclass, field

HERE = os.path.dirname(os.path.abspath(__file__))
BUILTIN = os.path.join(HERE, "resources.table")
PACKS = os.path.join(HERE, "packs")
CONFIG = ".cocci-unwind"

SHAPES = ("ret", "out", "pair", "lock")
FAILURES = ("null", "neg", "nonzero", "zero", "mapfailed", "minus1", "none", "init")
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
    learned: bool = False   # from the summary pass (the project's code), not a table

    @property
    def never_fails(self):
        """No failure to test: `none` (the resource exists even when the call fails) or
        `init` (a setup that cannot fail)."""
        return self.failure in ("none", "init")


@dataclass
class Family:
    name: str
    acquires: list = field(default_factory=list)
    sinks: dict = field(default_factory=dict)       # function -> the argument indices it keeps
    how: str = "from"                               # "from" | "locked-by"
    not_released: str = "not released"
    cleanup: dict = field(default_factory=dict)     # dialect -> (declaration macro, steal macro)
    cleanup_by: dict = field(default_factory=dict)  # (dialect, acquirer) -> the same, or None
    pack: str = ""                                  # the library pack that defines it, if any
    allocators: list = field(default_factory=list)  # members naming the resource's allocator
    borrows: list = field(default_factory=list)     # calls that use the resource, never keep it

    @property
    def rule(self):
        return "unwind-" + self.name

    def cleanup_for(self, dialect, acquirer):
        """(declaration macro, steal macro) of a dialect for what `acquirer` returns, or None:
        a line for the acquirer (`cleanup file:popen ...`, `-` for none) wins over the
        family's."""
        if (dialect, acquirer) in self.cleanup_by:
            return self.cleanup_by[dialect, acquirer]
        return self.cleanup.get(dialect)

    @property
    def releases(self):
        out = []
        for a in self.acquires:
            for r in a.releases:
                if r not in out:
                    out.append(r)
        return out


_FAMILY = re.compile(r"^[a-z][a-z0-9]*(-[a-z0-9]+)*$")


def _family(word, where, fams, pack):
    """The family named word (created on first use): lower case words joined by '-'."""
    if not _FAMILY.match(word):
        raise TableError("%s: family '%s' is not lower-case words joined by '-'" % (where, word))
    if word not in fams:
        fams[word] = Family(word, pack=pack)
    return fams[word]


def _ident(word, where):
    if not _IDENT.match(word):
        raise TableError("%s: '%s' is not a C identifier" % (where, word))
    return word


def packs():
    """The names of the library packs."""
    return sorted(n[:-len(".table")] for n in os.listdir(PACKS) if n.endswith(".table"))


def pack_headers():
    """pack -> the include globs of its `header` lines (`header openssl/*`): the headers
    that say a file uses the library."""
    out = {}
    for name in packs():
        with open(os.path.join(PACKS, name + ".table")) as fh:
            for raw in fh:
                words = raw.split("#", 1)[0].split()
                if words and words[0] == "header":
                    out.setdefault(name, []).extend(words[1:])
    return out


def auto_packs(includes):
    """The packs whose headers are among includes (the names inside `#include <...>`)."""
    return sorted(name for name, globs in pack_headers().items()
                  if any(fnmatch.fnmatchcase(i, g) for i in includes for g in globs))


def pack_of(family):
    """The pack that defines family, or None (a built-in or project family)."""
    for name in packs():
        fams = parse("with %s\n" % name, "--with", {})
        if family in fams:
            return name
    return None


def pack_path(name, where="--with"):
    if name not in packs():
        raise TableError("%s: unknown pack '%s' (known: %s)" % (where, name, ", ".join(packs())))
    return os.path.join(PACKS, name + ".table")


def parse(text, path="<table>", families=None, pack=""):
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
            _family(fam, where, fams, pack)
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
            f = _family(fam, where, fams, pack)
            f.acquires.append(Acquire(fam, fn, base, argn, failure, releases))
        elif kind == "sink":
            if len(words) != 4 or not words[3].isdigit():
                raise TableError("%s: 'sink' takes 3 fields: family function argument-index"
                                 % where)
            _, fam, fn, arg = words
            f = _family(fam, where, fams, pack)
            f.sinks.setdefault(_ident(fn, where), set()).add(int(arg))   # a line per argument kept
        elif kind == "verb":
            if len(words) < 4:
                raise TableError("%s: 'verb' takes: family how-acquired not-released-text" % where)
            fam, how = words[1], words[2]
            if how not in ("from", "locked-by"):
                raise TableError("%s: how-acquired must be 'from' or 'locked-by'" % where)
            f = _family(fam, where, fams, pack)
            f.how = how
            f.not_released = " ".join(words[3:])
        elif kind == "cleanup":
            if len(words) not in (4, 5):
                raise TableError("%s: 'cleanup' takes: family dialect declaration-macro "
                                 "[steal-macro]" % where)
            fam, _, acq = words[1].partition(":")
            f = _family(fam, where, fams, pack)
            spec = None if words[3] == "-" else (words[3], words[4] if len(words) == 5 else "")
            if words[3] == "goto" and len(words) != 4:
                raise TableError("%s: 'goto' (fix in the goto style) takes no steal macro"
                                 % where)
            if acq:
                f.cleanup_by[_ident(words[2], where), _ident(acq, where)] = spec
            elif spec is None:
                raise TableError("%s: '-' (no cleanup) needs an acquirer: family:function" % where)
            else:
                f.cleanup[_ident(words[2], where)] = spec
        elif kind == "allocator":
            # a member of the resource that names the allocator its release frees with
            # (zlib's z_stream.zalloc): a function that sets it hands the memory to that
            # allocator (a pool destroyed at once), so its findings are medium
            if len(words) != 3:
                raise TableError("%s: 'allocator' takes 2 fields: family member" % where)
            f = _family(words[1], where, fams, pack)
            f.allocators.append(_ident(words[2], where))
        elif kind == "borrow":
            # calls that use the resource and never keep it (`fgets(buf, n, f)`, `readdir(d)`):
            # a resource that goes nowhere else is the function's alone, so an exit that
            # does not release it is sure to leak it (high even where nothing releases it)
            if len(words) < 3:
                raise TableError("%s: 'borrow' takes: family function [function...]" % where)
            f = _family(words[1], where, fams, pack)
            f.borrows.extend(_ident(w, where) for w in words[2:] if w not in f.borrows)
        elif kind == "header":
            # a pack's headers: a checked file that includes one enables the pack
            # (auto_packs); nothing for the families
            if not pack or len(words) < 2:
                raise TableError("%s: 'header' lines (include globs) belong in a pack's table"
                                 % where)
        elif kind == "with":
            if len(words) != 2:
                raise TableError("%s: 'with' takes one pack name" % where)
            if not any(f.pack == words[1] for f in fams.values()):
                with open(pack_path(words[1], where)) as fh:
                    parse(fh.read(), pack_path(words[1]), fams, pack=words[1])
        else:
            raise TableError("%s: unknown line kind '%s' (expected acquire, sink, verb, cleanup, "
                             "allocator, borrow, with or, in a pack, header)" % (where, kind))
    return fams


def load(paths=(), packs=()):
    """The built-in table, extended by library packs and project tables."""
    with open(BUILTIN) as fh:
        fams = parse(fh.read(), BUILTIN)
    for name in packs:
        parse("with %s\n" % name, "--with", fams)
    for p in paths:
        with open(p) as fh:
            parse(fh.read(), p, fams)
    return fams
