"""cocci-unwind fix mode: `run.sh fix --style goto|release|cleanup [PATH...]`.

Runs the check (the same rules, summary and table as `run.sh check`), then rewrites each
function that has findings, on the C text, at the findings' positions:
  release  the missing release(s) inserted before each leaking exit;
  goto     leaking exits become gotos to a ladder of labels at the end of the function,
           reusing and completing the function's own closing ladder where it has one;
  cleanup  the resources are declared with a cleanup attribute of --dialect (cleanfix.py).
A function is rewritten only if every finding in it can be fixed and the structural checks
below hold; otherwise it is left as it is and reported as `FILE:LINE: not fixed: REASON [rule]`.
Every rewrite is then checked again (the rules must find nothing in the rewritten function)
and compiled when the original compiles; a rewrite that fails either is dropped and reported.

Exit status: 0 nothing to fix, 1 findings (fixed, or reported as not fixed), 2 errors.
"""
import argparse
import difflib
import json
import os
import re
import shlex
import shutil
import subprocess
import sys
import tempfile
from collections import Counter

from . import cli, macros, summary, table
from .csyntax import (KEYWORDS, Parser, Unparsed, code_tokens, declarators, function_spans,
                      functions, knr_functions, mates, tokenize)

PYTHON = cli.PYTHON
RESULT_NAMES = ("ret", "rc", "err", "error", "res", "result", "rv", "status", "r")
_MACRO_CONST = re.compile(r"^[A-Z_][A-Z0-9_]*$")
_SIMPLE_TYPE = re.compile(r"^(?:(?:const|unsigned|signed|long|short|struct|union|enum) )*"
                          r"[A-Za-z_]\w*(?: \*+)?$")
# how a release takes the resource, when the function gives no example of its own
_TEMPLATES = {"regfree": "{f}(&{v})", "globfree": "{f}(&{v})", "pthread_join": "{f}({v}, NULL)"}
_VERBS = {"free": "free", "fclose": "close", "pclose": "close", "close": "close",
          "closedir": "close", "dlclose": "close", "iconv_close": "close", "regfree": "free",
          "globfree": "free", "freeaddrinfo": "free", "munmap": "unmap",
          "pthread_join": "join", "pthread_detach": "detach", "funlockfile": "unlock",
          "pthread_mutex_unlock": "unlock", "pthread_rwlock_unlock": "unlock",
          "pthread_spin_unlock": "unlock"}
_RELEASE_WORDS = re.compile(r"(?i)free|close|release|destroy|cleanup|unref|dispose|delete|"
                            r"unlock|drop")
_LIBC = []
_CLEANUP = re.compile(r"\b(?:cleanup|_cleanup_\w*|g_auto\w*|__free|UNWIND_[A-Z_]+)\b")


def libc_functions():
    """Names of the functions the C library's headers declare (they borrow what they are
    given, except the table's sinks): from /usr/include, read once."""
    if not _LIBC:
        names = set()
        for d in ("", "sys", "arpa", "netinet", "net", "x86_64-linux-gnu/sys",
                  "aarch64-linux-gnu/sys"):
            folder = os.path.join("/usr/include", d)
            try:
                entries = sorted(os.listdir(folder))
            except OSError:
                continue
            for n in entries:
                if n.endswith(".h"):
                    try:
                        with open(os.path.join(folder, n), encoding="latin-1") as fh:
                            names.update(_EXTERN.findall(fh.read()))
                    except OSError:
                        pass
        _LIBC.append(names)
    return _LIBC[0]


_EXTERN = re.compile(r"^extern\b[^;{}]*?\b([A-Za-z_]\w*)\s*\(", re.M)


def verb(release):
    """A label's verb: close for fclose, free for g_strfreev or freelocale, release for
    locale_release, end for inflateEnd; the release's name when it holds no release word."""
    if release in _VERBS:
        return _VERBS[release]
    m = _RELEASE_WORDS.search(release) or _LABEL_VERBS.search(release)
    return m.group(m.lastindex or 0).lower() if m else release


_LABEL_VERBS = re.compile(r"(?i)(finali[sz]e|fini|deinit|put)|(End)$")


class Decline(Exception):
    """This function cannot be rewritten safely; the message says why."""


def err(msg):
    print("cocci-unwind: %s" % msg, file=sys.stderr)


def key(text):
    """A resource expression, for comparison: no spaces, no leading '&'."""
    return re.sub(r"\s+", "", text).lstrip("&")


def slug(text):
    return re.sub(r"\W+", "_", text).strip("_")


class Leak:
    """One finding, with what the table says about its acquisition."""

    def __init__(self, f, acq):
        self.f, self.acq = f, acq
        self.var = f["variable"]
        self.key = key(self.var)
        self.order = (f["acquired_line"], f["acquired_column"])
        self.vtoks = [t.text for t in tokenize(self.var.lstrip("& \t"))]
        self.base = next((t for t in self.vtoks if re.match(r"^[A-Za-z_]", t)), None)

    def release_fn(self):
        return self.acq.releases[0]


def reverse_acquisition(leaks):
    """Release order: the last acquired first; the ends of one pipe in index order."""
    return sorted(leaks, key=lambda l: (-l.order[0], -l.order[1], l.var))


class Edits:
    """Text edits on one file: (start, end, text), applied together."""

    def __init__(self):
        self.items = []

    def add(self, start, end, text):
        self.items.append((start, end, len(self.items), text))

    def apply(self, text):
        out, pos = [], 0
        for start, end, _, new in sorted(self.items):
            if start < pos:
                raise Decline("two rewrites overlap")
            out.append(text[pos:start])
            out.append(new)
            pos = end
        out.append(text[pos:])
        return "".join(out)


class Func:
    """One function with findings: its syntax, and the helpers both styles use."""

    def __init__(self, text, toks, ct, mate, fn, fams, wrappers):
        self.text, self.toks, self.ct, self.mate, self.fn = text, toks, ct, mate, fn
        self.fams, self.wrappers = fams, wrappers
        self.releases = {r for f in fams.values() for r in f.releases}
        for names in wrappers.values():
            self.releases.update(names)
        try:
            self.body = Parser(ct, mate, fn.open_i, fn.close_i + 1).block(fn.open_i)
        except Unparsed as e:
            raise Decline("the function's syntax is not understood (%s)" % e)
        self.nodes = list(self.body.walk())
        self.at = {(t.line, t.col): i for i, t in enumerate(ct)
                   if fn.open_i <= i <= fn.close_i}
        self.decls = []             # (node, specifier words, Declarator)
        for n in self.nodes:
            if n.kind == "decl":
                d = declarators(ct, mate, n)
                if d is None:
                    continue
                for x in d[1]:
                    self.decls.append((n, d[0], x))
        self.locals = {d.name for _, _, d in self.decls} | set(fn.params)
        self.ids = {t.text for t in ct[fn.open_i:fn.close_i] if t.kind == "id"}
        self.edits = Edits()
        self.partial = []           # (leak, reason) of exits left as they are
        self.new_decls = []
        self.unit = self._unit()

    # ---- positions and text
    def line_start(self, off):
        return self.text.rfind("\n", 0, off) + 1

    def indent_at(self, off):
        ls = self.line_start(off)
        m = re.match(r"[ \t]*", self.text[ls:])
        return m.group()

    def starts_line(self, i):
        t = self.ct[i]
        return self.text[self.line_start(t.start):t.start].strip() == ""

    def src(self, a, b):
        """Source text of code tokens a..b (inclusive)."""
        return self.text[self.ct[a].start:self.ct[b].end]

    def _unit(self):
        if self.body.stmts:
            inner = self.indent_at(self.ct[self.body.stmts[0].first].start)
            outer = self.indent_at(self.ct[self.fn.open_i].start)
            if inner.startswith(outer) and len(inner) > len(outer):
                return inner[len(outer):]
        return "    "

    def tok(self, line, col, what):
        i = self.at.get((line, col))
        if i is None:
            if any(t.kind == "skipped" and (t.line, t.col) == (line, col) for t in self.toks):
                raise Decline("the %s is in an #else or #elif branch" % what)
            raise Decline("no token at the %s's position %d:%d" % (what, line, col))
        return i

    def stmt_at(self, i):
        best = None
        for n in self.nodes:
            if n.first <= i <= n.last and n.kind != "block":
                if best is None or (n.last - n.first) < (best.last - best.first):
                    best = n
        return best

    def ancestors(self, n):
        out = []
        while n is not None:
            out.append(n)
            n = n.parent
        return out

    def trailing_end(self, off):
        """End of a comment that follows offset `off` on the same line, else `off`;
        Decline if code follows on that line (other than a closing brace or else)."""
        rest = self.text[off:self.text.find("\n", off) if "\n" in self.text[off:] else None]
        m = re.match(r"[ \t]*(/\*.*?\*/|//.*)?[ \t]*", rest)
        tail = rest[m.end():]
        if tail and not tail.startswith("}") and not tail.startswith("else"):
            raise Decline("code follows the exit on its line")
        return off + (m.end(1) if m.group(1) else 0)

    def has_pp(self, a, b):
        return any(t.kind in ("pp", "skipped") and a <= t.start < b for t in self.toks)

    # ---- the resource's releases
    def release_call(self, leak, a_i):
        """The call that releases `leak`: the function's own way of releasing it if it has
        one (what its other paths do), else the table's release in its usual form."""
        rels = set(leak.acq.releases) | set(self.wrappers.get(leak.f["family"], ()))
        fn = self.fn
        for i in range(fn.open_i, fn.close_i):
            t = self.ct[i]
            if t.kind == "id" and t.text in rels and self.ct[i + 1].text == "(":
                args = self.args(i + 1)
                # a lock pair learned with the lock as a later argument (`POOL_UNLOCK(tag,
                # &p->lock)`) is matched on that argument
                k = leak.acq.arg if leak.acq.shape == "lock" and leak.acq.arg > 0 else 0
                args = args[k:] if len(args) > k else []
                first = self.src(*args[0]) if args else ""
                if leak.f.get("by_value") and first.startswith("&"):
                    first = first[1:].strip()       # arena_free(&gc)
                if args and key(first) == leak.key:
                    call = self.src(i, self.mate[i + 1])
                    if "\n" not in call:
                        return call
        f = leak.release_fn()
        if f == "munmap":
            args = self.args(a_i + 1) if self.ct[a_i + 1].text == "(" else []
            if len(args) < 2:
                raise Decline("cannot find the length of the mapping for munmap()")
            a, b = args[1]
            if not all(t.kind == "num" or _MACRO_CONST.match(t.text) or t.text in
                       ("sizeof", "(", ")", "*", "+") for t in self.ct[a:b + 1]):
                raise Decline("the mapping's length may change before the exit")
            return "munmap(%s, %s)" % (leak.var, self.src(a, b))
        if f in _TEMPLATES:
            return _TEMPLATES[f].format(f=f, v=leak.var)
        if leak.acq.shape == "out" and f not in _VERBS:
            raise Decline("cannot tell how %s() takes its argument" % f)
        if leak.f.get("by_value"):
            return "%s(&%s)" % (f, leak.var)
        return "%s(%s)" % (f, leak.var)

    def args(self, op):
        """[(first, last)] token ranges of the arguments of the call whose '(' is at op."""
        close, out, a, i = self.mate[op], [], op + 1, op + 1
        if close is None:
            return out
        while i < close:
            t = self.ct[i]
            if t.text in ("(", "[", "{") and self.mate[i] is not None:
                i = self.mate[i] + 1
                continue
            if t.text == ",":
                out.append((a, i - 1))
                a = i + 1
            i += 1
        if a <= close - 1:
            out.append((a, close - 1))
        return out

    def release_var(self, n):
        """The resource a ladder step releases (`free(p);`, `if (p) free(p);`), or None."""
        if n.kind == "if" and n.els is None:
            n = n.then
            if n.kind == "block" and len(n.stmts) == 1:
                n = n.stmts[0]
        if n.kind != "expr":
            return None
        t = self.ct[n.first]
        if t.kind != "id" or t.text not in self.releases or self.ct[n.first + 1].text != "(":
            return None
        if self.mate[n.first + 1] != n.last - 1:
            return None
        args = self.args(n.first + 1)
        return key(self.src(*args[0])) if args else None

    # ---- is the resource held on every path that reaches this exit?
    def check_held(self, leak, x):
        """None if `leak` is held on every path reaching statement x, ('loop', L) if it is
        acquired in loop L and carried out of it by break; Decline otherwise."""
        ai = self.tok(leak.f["acquired_line"], leak.f["acquired_column"], "acquisition")
        a = self.stmt_at(ai)
        if a is None:
            raise Decline("the acquisition is not inside a statement")
        hdr = a.cond is not None and a.cond[0] < ai < a.cond[1]
        if hdr and a.kind == "for":
            semis = [k for k in range(*a.cond) if self.ct[k].text == ";"]
            if len(semis) == 2 and ai > semis[1]:
                raise Decline("the acquisition is in a for loop's increment")
        if hdr and a.kind == "do":
            raise Decline("the acquisition is in a do-while condition")
        if hdr and any(t.text in ("&&", "||", "?") for t in self.ct[a.cond[0]:ai]):
            raise Decline("the acquisition is conditional: it follows && , || or ? in the "
                          "condition at line %d" % self.ct[a.first].line)
        loop, skip = self.dominates(a, hdr, x, leak)
        if loop is not None:
            return ("loop", loop, a, ai)
        self.no_entry_between(a, x)
        self.scope_ok(leak, x)
        self.failure_excluded(leak, a, ai, x)
        if skip is None or skip.last < a.first:
            self.not_released_between(leak, a.last + 1, x.first, x)
        else:
            self.not_released_between(leak, a.last + 1, skip.first, x)
            self.not_released_between(leak, skip.last + 1, x.first, x)
        for n in self.ancestors(x)[1:]:
            if n.kind in ("while", "for", "do") and not n.contains(a):
                self.not_released_between(leak, n.first, n.last + 1, x)
        return None

    def dominates(self, a, hdr, x, leak=None):
        """Does statement a (or its header) run before x on every path to x? Returns
        (loop, skip): the loop when a is inside a loop that x follows (the break case), and
        the other branch of an if/else that acquires the resource in both branches (a path
        that does not go through a; None if none). Raises Decline if a does not dominate x."""
        anc_x = self.ancestors(x)
        if hdr and a in anc_x[1:]:
            return None, None
        anc_a = self.ancestors(a)
        ids_x = {id(n) for n in anc_x}
        k = next((k for k, n in enumerate(anc_a) if id(n) in ids_x), None)
        if k is None or k == 0 or anc_a[k].kind != "block":
            raise Decline("the acquisition does not come before this exit on every path")
        c = anc_a[k]
        ap = anc_a[k - 1]
        xp = anc_x[anc_x.index(c) - 1]
        if c.stmts.index(ap) >= c.stmts.index(xp):
            raise Decline("the acquisition does not come before this exit on every path")
        chain = anc_a[:k][::-1]             # ap ... a
        loop = skip = None
        for n, child in zip(chain, chain[1:]):
            if n.kind in ("block", "label"):
                continue
            if n.kind == "if" and n.els is not None and skip is None and leak is not None:
                other = n.els if child is n.then else n.then
                if self.acquires_in(other, leak):
                    skip = other
                    continue
            if n.kind in ("while", "for") and child is n.body and loop is None:
                loop = n
                continue
            if n.kind in ("while", "for", "do"):
                raise Decline("the acquisition is in a loop nested in the one the exit follows")
            raise Decline("the acquisition is conditional (line %d): not every path to this "
                          "exit holds the resource" % self.ct[n.first].line)
        return loop, skip

    def acquires_in(self, n, leak):
        """Does statement n assign the resource from an acquirer of its family?"""
        fam = self.fams.get(leak.f["family"])
        acq = ({a.function for a in fam.acquires if a.shape == "ret"} if fam else
               {leak.acq.function})
        vt = leak.vtoks
        for i in self.mentions(leak, n.first, n.last + 1):
            j = i + len(vt)
            if self.ct[j].text == "=" and self.ct[j + 1].text in acq and \
                    self.ct[j + 2].text == "(" and leak.acq.shape == "ret":
                return True
        return False

    def no_entry_between(self, a, x):
        for n in self.nodes:
            if a.last < n.first < x.first:
                if n.kind == "label":
                    raise Decline("label '%s' between the acquisition and the exit"
                                  % n.label)
                if n.kind in ("case", "default"):
                    sw = next(p for p in self.ancestors(n) if p.kind == "switch")
                    if sw.first <= a.last:
                        raise Decline("a case label between the acquisition and the exit")

    def scope_ok(self, leak, x):
        ds = [(n, d) for n, _, d in self.decls if d.name == leak.base]
        if not ds:
            return
        if len(ds) > 1:
            raise Decline("'%s' is declared more than once in the function" % leak.base)
        n, _ = ds[0]
        blk = n.parent
        if not (blk.contains(x) and n.last < x.first):
            raise Decline("'%s' is out of scope at the exit" % leak.base)

    def mentions(self, leak, a, b):
        """Token indexes in [a, b) where the resource expression starts."""
        vt, out = leak.vtoks, []
        for i in range(a, b):
            if [t.text for t in self.ct[i:i + len(vt)]] == vt and \
                    self.ct[i - 1].text not in ("->", ".") and \
                    (i + len(vt) >= len(self.ct) or self.ct[i + len(vt)].text not in ("[",)
                     or vt[-1] == "]"):
                out.append(i)
        return out

    def failure_excluded(self, leak, a, ai, x):
        """The acquisition's own failure must not reach x: some `if` after it that tests it
        and leaves must come before x (free(NULL) and locks need no such test)."""
        fam = leak.f["family"]
        if leak.acq.never_fails or fam == "lock" or (fam == "memory" and
                                                             leak.acq.shape == "ret"):
            return
        status = None
        first = a.first + (self.ct[a.first].text == "*")    # `*err = acq(..)`: through a pointer
        if self.ct[first].kind == "id" and self.ct[first + 1].text == "=":
            status = self.ct[first].text
        for f in self.nodes:
            if f.kind != "if" or f.first < a.first or f.last >= x.first or f.contains(x):
                continue
            c0, c1 = f.cond
            ids = {t.text for t in self.ct[c0:c1]}
            if not (c0 < ai < c1 or leak.base in ids or (status and status in ids)):
                continue
            if not self.leaves(f.then, x):
                continue
            try:
                if self.dominates(f, False, x)[0] is None:
                    return
            except Decline:
                continue
        raise Decline("cannot see %s()'s failure test before this exit" % leak.acq.function)

    def leaves(self, n, x):
        """Does statement n always leave before reaching x?"""
        if n.kind == "block":
            if not n.stmts:
                return False
            n = n.stmts[-1]
        while n.kind == "label" and n.body is not None:
            n = n.body
        if n.kind == "return":
            return True
        if n.kind == "goto":
            lab = next((m for m in self.nodes if m.kind == "label" and m.label == n.label), None)
            return lab is not None and lab.first > x.last
        if n.kind in ("break", "continue"):
            loop = next((p for p in self.ancestors(n)[1:] if p.kind in
                         ("while", "for", "do", "switch")), None)
            return loop is not None and loop.kind != "switch" and loop.body.contains(x)
        return False

    def not_released_between(self, leak, a, b, x):
        """No release, hand-off or reassignment of the resource in [a, b), except in code that
        leaves before reaching x."""
        for i in self.mentions(leak, a, b):
            j = i + len(leak.vtoks)
            nxt = self.ct[j].text if j < len(self.ct) else ""
            prev = i - 1
            if self.ct[prev].text == "&" and leak.f["family"] != "lock":
                prev -= 1
            if self.ct[prev].text == ")" and self.mate[prev] is not None and \
                    nxt in (";", ",", ")"):            # a cast: (T)p
                prev = self.mate[prev] - 1
            bad = None
            if nxt == "=":
                bad = "reassigned"
            elif self.ct[prev].text == "=":
                bad = None if self.for_cursor(i) else "handed on"
            elif self.ct[prev].text in ("(", ",") and nxt in (")", ","):
                op = max((k for k in range(self.fn.open_i, i) if self.ct[k].text == "(" and
                          self.mate[k] is not None and self.mate[k] > i), default=None)
                before = self.ct[op - 1] if op else None
                if before is not None and before.kind == "id" and before.text not in KEYWORDS:
                    bad = self.handed_to(leak, op, i) or self.passed_to(leak, before.text)
                elif before is not None and before.text in (")", "]"):
                    bad = self.passed_to(leak, None)
            if bad and not self.left_before(self.stmt_at(i), x):
                raise Decline("'%s' is %s on some path before this exit" % (leak.var, bad))

    def handed_to(self, leak, op, i):
        """The call at op takes the resource given at token i (handoff.classify): a sink, a
        storing macro, a call named for taking ownership or one that announces it owns it
        even when it fails (its destructor given too, a comment). None: it borrows it."""
        from .handoff import classify
        k = next((n for n, (a, b) in enumerate(self.args(op)) if a <= i <= b), None)
        h = classify(self, op, k, i, leak) if k is not None else None
        if h is None:
            return None
        return "handed to %s() at line %d (%s)" % (h.callee, h.line, h.why())

    def passed_to(self, leak, callee):
        """What passing the resource to `callee` may do to it (None: nothing)."""
        if callee is None:
            return "passed to a call through a pointer"
        if callee in self.releases:
            return "released by %s()" % callee
        if any(callee in fam.sinks for fam in self.fams.values()):
            return "handed on to %s()" % callee
        if _RELEASE_WORDS.search(callee):
            return "passed to %s(), which may release it" % callee
        if leak.f["confidence"] != "high" and leak.f["family"] != "inferred" and \
                callee not in libc_functions():
            # the function never releases it itself (a learned pair's function does): a
            # callee that keeps it is the most frequent reason (measured on curl) why such a
            # finding is not a leak
            return "passed to %s(), which may keep it" % callee
        return None

    def for_cursor(self, i):
        """Is the resource at token i copied into a `for` loop's cursor (`for (c = p; ...`)
        that nothing releases? Walking a list is not handing it on."""
        n = self.stmt_at(i)
        if n is None or n.kind != "for" or not n.cond[0] < i < n.cond[1]:
            return False
        semi = next(k for k in range(*n.cond) if self.ct[k].text == ";")
        lhs = self.ct[i - 2]
        if i > semi or self.ct[i - 1].text != "=" or lhs.kind != "id" or \
                self.ct[i - 3].text != "(" or lhs.text not in self.locals:
            return False
        for k in range(self.fn.open_i, self.fn.close_i):
            if self.ct[k].text == lhs.text and self.ct[k - 1].text == "(" and \
                    self.ct[k - 2].text in self.releases:
                return False
        return True

    def left_before(self, s, x):
        """Does the code after statement s always leave without reaching x?"""
        for n in self.ancestors(s):
            after_x = n.contains(x) and x.last < s.first
            if n.contains(x) and not after_x:
                return False
            if n.kind == "block" and self.leaves(n, x):
                return True
        return False

    # ---- statements in, statements out
    def put(self, s, before, repl=None):
        """Put statements `before` ahead of statement s, and replace s by `repl` (a list of
        statements) if given; a branch that becomes several statements gets braces."""
        new = list(before) + (list(repl) if repl is not None else [self.src(s.first, s.last)])
        p = s.parent
        braceless = p is not None and p.kind in ("if", "while", "for", "do") and s.kind != "block"
        a, b = self.ct[s.first].start, self.ct[s.last].end
        if not braceless or len(new) == 1:
            if len(new) == 1:
                self.replace(a, b, new[0])
            elif self.starts_line(s.first):
                self.edits.add(a, b, ("\n" + self.indent_at(a)).join(new))
            else:
                self.edits.add(a, b, " ".join(new))
            return
        if p.kind == "do":
            raise Decline("a braceless do-while body")
        kw = self.ct[s.first - 1]           # ')' of the header, or 'else'
        kw_line = self.ct[p.first] if kw.text != "else" else kw
        pind = self.indent_at(kw_line.start)
        if self.has_pp(kw.end, a) or (not self.starts_line(s.first) and any(
                t.kind == "comment" and kw.end <= t.start < a for t in self.toks)):
            raise Decline("a comment or preprocessor line inside the branch")
        end = self.trailing_end(b)
        close = "\n" + pind + "}"
        if self.starts_line(s.first):
            ind = self.indent_at(a)
            self.edits.add(kw.end, kw.end, " {")
            self.edits.add(a, b, ("\n" + ind).join(new))
        else:
            ind = pind + self.unit
            comment = self.text[b:end]
            self.edits.add(kw.end, end, " {\n" + ind + ("\n" + ind).join(new) + comment)
        after = s.last + 1
        if p.kind == "if" and s is p.then and p.els is not None and \
                self.ct[after].text == "else" and self.starts_line(after):
            self.edits.add(end, self.ct[after].start, close + " ")
        else:
            self.edits.add(end, end, close)

    def replace(self, a, b, new):
        """Replace text [a, b) by one statement, keeping a trailing comment in its column
        (`return -1;      /* why */`)."""
        m = re.match(r"( +)(?=/[*/])", self.text[b:])
        if m:
            gap = max(1, len(m.group(1)) - (len(new) - (b - a)))
            self.edits.add(a, b + len(m.group(1)), new + " " * gap)
        else:
            self.edits.add(a, b, new)

    def add_decl(self, line):
        self.new_decls.append(line)

    def flush_decls(self):
        if not self.new_decls:
            return
        lead = []
        for s in self.body.stmts:
            if s.kind != "decl":
                break
            lead.append(s)
        if lead:
            last = lead[-1]
            end = self.trailing_end(self.ct[last.last].end)
            ind = self.indent_at(self.ct[last.first].start)
            self.edits.add(end, end, "".join("\n" + ind + d for d in self.new_decls))
        else:
            end = self.ct[self.fn.open_i].end
            ind = self.indent_at(self.ct[self.fn.open_i].start) + self.unit
            self.edits.add(end, end, "".join("\n" + ind + d for d in self.new_decls) + "\n")

    # ---- result variables and return values
    def decl_of(self, name):
        return [(n, s, d) for n, s, d in self.decls if d.name == name]

    def type_of(self, specs, d):
        return " ".join(specs) + (" " + "*" * d.stars if d.stars else "")

    def result_var(self, exclude, before):
        """A variable of the return type to carry the returned value: the function's own
        ret/rc/err if it has one declared at the top, else a new one."""
        rt = self.fn.ret_type
        if rt is None or rt == "void":
            raise Decline("cannot tell the function's return type")
        for name in RESULT_NAMES:
            ds = self.decl_of(name)
            if len(ds) == 1 and name not in exclude:
                n, specs, d = ds[0]
                if n.parent is self.body and n.last < before and not d.is_array and \
                        self.type_of([w for w in specs if w != "register"], d) == rt and \
                        "static" not in specs and "const" not in specs:
                    return name
        if not _SIMPLE_TYPE.match(rt):
            raise Decline("return type '%s' is not simple enough to declare" % rt)
        if getattr(self, "_new_result", None):
            return self._new_result
        name = next(n for n in RESULT_NAMES + ("ret_",) if n not in self.ids and
                    n not in self.fn.params)
        self.add_decl("%s%s%s;" % (rt, "" if rt.endswith("*") else " ", name))
        self._new_result = name
        return name

    def stable(self, e, bases):
        """Is the returned expression (tokens e0..e1) unchanged by releasing `bases`?"""
        if e is None:
            return True
        a, b = e
        for i in range(a, b + 1):
            t = self.ct[i]
            if t.kind == "id":
                if t.text in bases or t.text == "errno":
                    return False
                if t.text == "sizeof" or _MACRO_CONST.match(t.text):
                    continue
                if self.ct[i + 1].text == "(":
                    return False
                if t.text not in self.locals and t.text not in ("int", "long", "char",
                                                                "unsigned", "void"):
                    return False
            elif t.kind == "punct" and t.text in ("->", "*", "[", "=", "++", "--") or \
                    t.kind == "punct" and t.text.endswith("=") and t.text not in ("==", "!=",
                                                                                 "<=", ">="):
                return False
        return True


def ret_expr(x):
    """Token range of a return's expression, or None for `return;`."""
    return (x.first + 1, x.last - 1) if x.last > x.first + 1 else None


# ---------------------------------------------------------------- the two styles
class Exit:
    def __init__(self, node, leaks):
        self.node, self.leaks = node, leaks
        self.kind = node.kind
        self.label = node.label


def gather(fx, leaks):
    """Exits with their leaks, and the `break`s that carry a leak out of a loop.
    Returns (exits, sites): sites are (break node, leaks to release before it). An exit that
    cannot be fixed goes to fx.partial with its reason; the others still are."""
    by_pos = {}
    for l in leaks:
        by_pos.setdefault((l.f["line"], l.f["column"]), []).append(l)
    exits, sites = [], {}
    for (line, col), ls in sorted(by_pos.items()):
        try:
            x, stay, found = one_exit(fx, line, col, ls)
        except Decline as e:
            fx.partial += [(l, str(e)) for l in ls]
            continue
        for b, l in found:
            sites.setdefault(id(b), (b, []))[1].append(l)
        if stay:
            exits.append(Exit(x, stay))
    if not exits and not sites:
        raise Decline(fx.partial[0][1])
    return exits, list(sites.values())


def one_exit(fx, line, col, ls):
    i = fx.tok(line, col, "exit")
    x = fx.stmt_at(i)
    if x is None or x.first != i or x.kind not in ("return", "goto"):
        raise Decline("the exit at %d:%d is not a return or goto statement" % (line, col))
    if x.parent is not None and x.parent.kind == "label":
        raise Decline("the exit follows a label, so other paths reach it too")
    stay, found = [], []
    for l in ls:
        held = fx.check_held(l, x)
        if held is None:
            stay.append(l)
            continue
        _, loop, a, _ = held
        brk = breaks_of(fx, loop, a)
        for b in brk:
            fx.check_held(l, b)
            found.append((b, l))
        if fx.mentions(l, loop.last + 1, fx.fn.close_i):
            raise Decline("'%s' is used after the loop it leaks from" % l.var)
        if not brk:
            raise Decline("cannot find the break that carries '%s' out of the loop" % l.var)
    return x, stay, found


def breaks_of(fx, loop, a):
    out = []
    for n in loop.body.walk():
        if n.kind == "break" and n.first > a.last:
            owner = next(p for p in fx.ancestors(n)[1:] if p.kind in
                         ("while", "for", "do", "switch"))
            if owner is loop:
                out.append(n)
    return out


def release_lines(fx, leaks):
    out = []
    for l in reverse_acquisition(leaks):
        ai = fx.tok(l.f["acquired_line"], l.f["acquired_column"], "acquisition")
        out.append(fx.release_call(l, ai) + ";")
    return out


def fix_in_place(fx, x, leaks):
    """Release style at one exit (also used by goto style for breaks and a final return)."""
    rel = release_lines(fx, leaks)
    if x.kind == "goto":
        lab = next((n for n in fx.nodes if n.kind == "label" and n.label == x.label), None)
        if lab is None:
            raise Decline("goto to a label that is not in the function")
        for l in leaks:
            if fx.mentions(l, lab.first, fx.fn.close_i):
                raise Decline("the code at label '%s' still uses '%s'" % (x.label, l.var))
    e = ret_expr(x) if x.kind == "return" else None
    if x.kind == "return" and not fx.stable(e, {l.base for l in leaks}):
        v = fx.result_var({l.base for l in leaks}, x.first)
        fx.put(x, [], ["%s = %s;" % (v, fx.src(*e))] + rel + ["return %s;" % v])
    else:
        fx.put(x, rel)


def plan_release(fx, leaks):
    exits, sites = gather(fx, leaks)
    for b, ls in sites:
        fix_in_place(fx, b, ls)
    for ex in exits:
        fix_in_place(fx, ex.node, ex.leaks)
    fx.flush_decls()


class Step:
    """One statement of the function's closing ladder: a release, or the final return."""

    def __init__(self, labels, node, var):
        self.labels, self.node, self.var = labels, node, var


def closing_ladder(fx):
    """The function's closing ladder: the longest run of top-level releases (with their
    labels) before its final return. Returns (steps, can_enter_front)."""
    flat = []
    for s in fx.body.stmts:
        labels, n = [], s
        while n.kind == "label":
            labels.append(n)
            if n.body is None:
                break
            n = n.body
        flat.append((labels, n))
    if not flat or flat[-1][1].kind != "return":
        return [], False
    steps = [Step(flat[-1][0], flat[-1][1], None)]
    k = len(flat) - 2
    while k >= 0:
        labels, n = flat[k]
        v = fx.release_var(n) if n.kind != "label" else None
        if v is None:
            break
        steps.insert(0, Step(labels, n, v))
        k -= 1
    front = k >= 0 and flat[k][1].kind in ("return", "goto")
    return steps, front


def plan_goto(fx, leaks):
    exits, sites = gather(fx, leaks)
    for ex in list(exits):
        inner = [l for l in ex.leaks if any(n.parent is not fx.body for n, _, d in fx.decls
                                            if d.name == l.base)]
        if inner and ex.node is not fx.body.stmts[-1]:
            exits.remove(ex)
            fx.partial += [(l, "'%s' is declared in an inner block: a label at the end of the "
                               "function cannot release it" % inner[0].base) for l in ex.leaks]
    if not exits and not sites:
        raise Decline(fx.partial[0][1])
    for b, ls in sites:
        fix_in_place(fx, b, ls)
    steps, front_ok = closing_ladder(fx)
    last = fx.body.stmts[-1] if fx.body.stmts else None
    if exits and any(ex.node is last for ex in exits):
        # the leak is on the function's own final return: release right there
        ex = next(ex for ex in exits if ex.node is last)
        fix_in_place(fx, ex.node, ex.leaks)
        exits.remove(ex)
        steps = []
    if not exits:
        fx.flush_decls()
        return
    rt = fx.fn.ret_type
    ladder_vars = {s.var for s in steps if s.var}
    all_bases = {l.base for ex in exits for l in ex.leaks} | {v.split("->")[0] for v in
                                                            ladder_vars}
    ret_step = steps[-1] if steps else None

    def ret_target(ex):
        """How a return exit can end in the existing ladder's return: (assign-to or None)."""
        if ret_step is None:
            return False
        r = ret_expr(ret_step.node)
        e = ret_expr(ex.node)
        if r is None or e is None:
            return (None,) if r is None and e is None else False
        if r[0] == r[1] and fx.ct[r[0]].kind == "id":
            v = fx.ct[r[0]].text
            ds = fx.decl_of(v)
            if len(ds) == 1 and v not in all_bases:
                n, specs, d = ds[0]
                if n.parent is fx.body and n.last < ex.node.first and \
                        fx.type_of(specs, d) == rt and "const" not in specs:
                    return (None,) if key(fx.src(*e)) == v else (v,)
        if key(fx.src(*r)) == key(fx.src(*e)) and fx.stable(e, all_bases):
            return (None,)
        return False

    plans, pending, front_need = [], [], []
    for ex in exits:
        h = {l.key for l in ex.leaks}
        if ex.kind == "goto":
            j = next((k for k, s in enumerate(steps) if any(lb.label == ex.label
                                                               for lb in s.labels)), None)
            if j is None:
                raise Decline("goto %s: the label is not in the function's closing ladder"
                              % ex.label)
            assign = (None,)
        else:
            assign = ret_target(ex)
            j = len(steps) - 1 if assign else None
        if j is None:
            pending.append(ex)
            continue
        i, cur = j, set()
        while i > 0 and cur != h:
            i -= 1
            cur.add(steps[i].var)
            if not cur <= h:
                break
        if cur == h and all(steps[k].var for k in range(i, j)):
            plans.append((ex, ("old", i), assign[0]))
            continue
        before = {s.var for s in steps[:j]}
        if front_ok and before <= h and all(s.var for s in steps[:j]):
            extra = [l for l in ex.leaks if l.key not in before]
            front_need.append((ex, extra, assign[0]))
            continue
        if ex.kind == "goto":
            raise Decline("goto %s: no label releases exactly what this exit holds"
                          % ex.label)
        pending.append(ex)

    labels_used = {n.label for n in fx.nodes if n.kind == "label"}
    existing = sorted(labels_used)
    err_prefix = next((p for p in ("error", "fail", "err") if any(
        lb.startswith(p + "_") for lb in existing)), "err")
    label_ind = next((fx.indent_at(fx.ct[n.first].start) for n in fx.nodes
                      if n.kind == "label"), "")
    ind = fx.indent_at(fx.ct[fx.body.stmts[0].first].start) if fx.body.stmts else fx.unit

    def new_label(prefix, leak):
        base = "%s_%s_%s" % (prefix, verb(leak.release_fn()), slug(leak.var))
        name, n = base, 2
        while name in labels_used or name in fx.ids:
            name, n = "%s_%d" % (base, n), n + 1
        labels_used.add(name)
        return name

    jumps = []              # (exit, label, assign)
    # entries inside the existing ladder
    entry_label = {}
    for ex, (_, i), assign in plans:
        s = steps[i]
        if s.labels:
            lab = s.labels[0].label
        elif i in entry_label:
            lab = entry_label[i]
        else:
            leak = next(l for l in ex.leaks if l.key == s.var)
            lab = entry_label[i] = new_label("out", leak)
        jumps.append((ex, lab, assign))
    for i, lab in entry_label.items():
        p = fx.line_start(fx.ct[steps[i].node.first].start)
        fx.edits.add(p, p, "%s%s:\n" % (label_ind, lab))
    # new steps at the front of the existing ladder
    if front_need:
        order = reverse_acquisition({l.key: l for _, ls, _ in front_need for l in ls}.values())
        keys = [l.key for l in order]
        text, labs = "", {}
        for ex, extra, assign in front_need:
            want = {l.key for l in extra}
            p = next((p for p in range(len(keys)) if set(keys[p:]) == want), None)
            if p is None:
                raise Decline("exits hold different sets of resources")
            labs.setdefault(p, None)
            jumps.append((ex, p, assign))
        names = {}
        for p, l in enumerate(order):
            if p in labs:
                names[p] = new_label(err_prefix, l)
                text += "%s%s:\n" % (label_ind, names[p])
            a_i = fx.tok(l.f["acquired_line"], l.f["acquired_column"], "acquisition")
            text += "%s%s;\n" % (ind, fx.release_call(l, a_i))
        first = steps[0].labels[0] if steps[0].labels else steps[0].node
        pos = fx.line_start(fx.ct[first.first].start)
        fx.edits.add(pos, pos, text)
        jumps = [(ex, names[lab] if isinstance(lab, int) else lab, assign)
                 for ex, lab, assign in jumps]
    # a new ladder after the function's last statement
    if pending:
        res = {l.key: l for ex in pending for l in ex.leaks}
        order = sorted(sorted(res.values(), key=lambda l: l.var, reverse=True),
                       key=lambda l: l.order)
        keys = [l.key for l in order]
        entries = {}
        for ex in pending:
            h = {l.key for l in ex.leaks}
            if set(keys[:len(h)]) != h:
                raise Decline("exits hold different sets of resources, in no ladder order")
            entries.setdefault(len(h), []).append(ex)
        exprs = [ret_expr(ex.node) for ex in pending]
        texts = {None if e is None else key(fx.src(*e)) for e in exprs}
        if len(texts) == 1 and all(fx.stable(e, all_bases | {l.base for l in order})
                                   for e in exprs):
            e = exprs[0]
            final, var = ("return %s;" % fx.src(*e)) if e else "return;", None
        else:
            var = fx.result_var(all_bases, min(ex.node.first for ex in pending))
            final = "return %s;" % var
        lines = []
        for p in range(len(order), 0, -1):
            l = order[p - 1]
            if p in entries:
                lab = new_label(err_prefix, l)
                lines.append("%s%s:" % (label_ind, lab))
                for ex in entries[p]:
                    e = ret_expr(ex.node)
                    jumps.append((ex, lab, var if e is not None and var and
                                  key(fx.src(*e)) != var else None))
            a_i = fx.tok(l.f["acquired_line"], l.f["acquired_column"], "acquisition")
            lines.append(ind + fx.release_call(l, a_i) + ";")
        lines.append(ind + final)
        last = fx.body.stmts[-1]
        tail = last
        while tail.kind == "label" and tail.body is not None:
            tail = tail.body
        pre = ""
        if tail.kind not in ("return", "goto"):
            if rt != "void":
                raise Decline("the function does not end with a return")
            pre = "\n" + ind + "return;"
        end = fx.trailing_end(fx.ct[last.last].end)
        fx.edits.add(end, end, pre + "\n\n" + "\n".join(lines))
    # the exits themselves
    for ex, lab, assign in jumps:
        if ex.kind == "goto":
            fx.replace(fx.ct[ex.node.first].start, fx.ct[ex.node.last].end, "goto %s;" % lab)
        else:
            e = ret_expr(ex.node)
            pre = ["%s = %s;" % (assign, fx.src(*e))] if assign else []
            fx.put(ex.node, [], pre + ["goto %s;" % lab])
    drop_unused_labels(fx, [ex for ex, _, _ in jumps if ex.kind == "goto"])
    split_jumped_inits(fx, min(ex.node.first for ex, _, _ in jumps))
    fx.flush_decls()


def drop_unused_labels(fx, retargeted):
    """A label whose gotos were all retargeted goes (gcc -Wunused-label)."""
    moved = {id(ex.node) for ex in retargeted}
    for lab in {ex.label for ex in retargeted}:
        if any(n.kind == "goto" and n.label == lab and id(n) not in moved for n in fx.nodes):
            continue
        node = next(n for n in fx.nodes if n.kind == "label" and n.label == lab)
        a, colon = fx.ct[node.first].start, fx.ct[node.first + 1].end
        rest = fx.text[colon:fx.text.find("\n", colon) + 1]
        if fx.starts_line(node.first) and rest.strip() == "":
            fx.edits.add(fx.line_start(a), colon + len(rest), "")
        else:
            m = re.match(r"[ \t]*", fx.text[colon:])
            fx.edits.add(a, colon + m.end(), "")


def split_jumped_inits(fx, first_goto):
    """A goto must not jump over the initialisation of a variable in scope at the labels
    (top-level declarations after the first goto): split `T x = v;` into a declaration at
    the top and an assignment, or decline."""
    top = next(s for s in fx.body.stmts if s.first <= first_goto <= s.last)
    for n in fx.body.stmts:
        if n.first <= top.first or n.kind != "decl":
            continue
        src = fx.src(n.first, n.last)
        if _CLEANUP.search(src):
            raise Decline("a goto would jump over the cleanup variable declared at line %d"
                          % fx.ct[n.first].line)
        d = declarators(fx.ct, fx.mate, n)
        if d is None:
            raise Decline("a goto would jump over the declaration at line %d"
                          % fx.ct[n.first].line)
        specs, ds = d
        if any(x.vla for x in ds):
            raise Decline("a goto would jump over the variable-length array at line %d"
                          % fx.ct[n.first].line)
        inits = [x for x in ds if x.has_init]
        if not inits or "static" in specs:
            continue
        x = inits[0]
        if len(ds) != 1 or x.is_array or fx.ct[x.init[0]].text == "{" or \
                ("const" in specs and not x.stars) or \
                any(t.text == x.name for t in fx.ct[fx.fn.open_i:n.first]):
            raise Decline("a goto would jump over the initialisation of '%s'" % x.name)
        fx.add_decl("%s%s%s;" % (" ".join(specs), " " + "*" * x.stars if x.stars else " ",
                                 x.name))
        fx.edits.add(fx.ct[n.first].start, fx.ct[n.last].end,
                     "%s = %s;" % (x.name, fx.src(*x.init)))


PLANS = {"release": plan_release, "goto": plan_goto}


# ---------------------------------------------------------------- files
class FileFix:
    """The findings of one file, and what became of each of its functions."""

    def __init__(self, path, leaks):
        self.path, self.leaks = path, leaks
        with open(path, "rb") as fh:
            self.data = fh.read()
        # the file as it is (the diff's old side); a CRLF file is planned on LF lines and
        # its rewrite given back CRLF lines (lines and byte columns are the same)
        self.original = self.data.decode("latin-1")
        self.crlf = crlf_lines(self.data)
        self.text = self.original.replace("\r\n", "\n") if self.crlf else self.original
        self.written = False    # --in-place: the rewrite reached the file
        self.gate_cache = {}    # the analysers' findings on the original (gate.py)
        self.gate_note = None   # why the analyser gate could not run, if it could not
        self.gated = 0          # findings whose rewrite the gate dropped
        self.toks = tokenize(self.text)
        self.ct = code_tokens(self.toks)
        self.mate = mates(self.ct)
        self.funcs = functions(self.ct, self.mate)
        self.fixed = {}         # function index -> Edits
        self.declined = []      # (leak, reason)
        self.bad = None         # lines Coccinelle cannot parse in the original
        self.cleanup_funcs = set()  # functions converted to cleanup variables
        self.notes = []         # (leak, text): cleanup declined, the fallback style used
        self.header = None      # the #include that cleanup variables need, if not there
        self.summary_sinks = {}  # name -> argument indexes kept (None: any), the summary's
        self.headers = None     # texts of the local headers the file includes

    def func_of(self, leak):
        line = leak.f["line"]
        for k, fn in enumerate(self.funcs):
            if fn.name == leak.f["function"] and \
                    self.ct[fn.open_i].line <= line <= self.ct[fn.close_i].line:
                return k
        return None

    def not_found(self, leak):
        """Why the leak's function is not among self.funcs: a K&R definition (the check gave
        spatch a copy with a prototype's head), or not found."""
        line, name = leak.f["line"], leak.f["function"]
        if any(self.ct[n].text == name and self.ct[o].line <= line <= self.ct[c].line
               for n, o, c in knr_functions(self.ct, self.mate)):
            return ("%s() is a K&R definition (its parameters declared after the list): fix "
                    "mode rewrites prototype-style definitions only" % name)
        return "cannot find function %s() in the file" % name

    def plan(self, style, fams, wrappers, dialect="portable", fallback=None):
        groups = {}
        for l in self.leaks:
            k = self.func_of(l)
            if l.f.get("member"):
                # its release belongs before the container's, in code that frees the container
                # or on a path the caller's object still holds: where is for a maintainer
                self.declined.append((l, "'%s' is a member of an object: its release belongs "
                                      "with its container's, which no style here places"
                                      % l.var))
                continue
            if k is None:
                self.declined.append((l, self.not_found(l)))
                continue
            groups.setdefault(k, []).append(l)
        for k, ls in sorted(groups.items()):
            try:
                self.plan_one(k, ls, style, fams, wrappers, dialect)
                if style == "cleanup":
                    self.cleanup_funcs.add(k)
            except Decline as e:
                from .cleanfix import GotoInstead
                # the table's `goto` for the dialect, or --fallback: the other style, whole
                table_says = isinstance(e, GotoInstead)
                alt = "goto" if table_says else fallback if style == "cleanup" else None
                if alt:
                    try:
                        self.plan_one(k, ls, alt, fams, wrappers, dialect)
                        self.notes.append((ls[0], "%s: fixed in goto style" % e if table_says
                                           else "%s; fixed in %s style instead" % (e, alt)))
                        continue
                    except Decline as g:
                        if table_says:
                            e = g
                self.declined += [(l, str(e)) for l in ls]

    def plan_one(self, k, ls, style, fams, wrappers, dialect):
        fn = self.funcs[k]
        fx = Func(self.text, self.toks, self.ct, self.mate, fn, fams, wrappers)
        fx.dialect = dialect
        self.describe_calls(fx)
        fx.releases.update(r for l in ls if l.f["family"] == "inferred"
                           for r in l.acq.releases)        # learned pairs
        lo = min(fx.ct[fx.tok(l.f["acquired_line"], l.f["acquired_column"],
                              "acquisition")].start for l in ls)
        if style == "cleanup":
            lo = fx.ct[fn.open_i].start
        hi = fn.end if style in ("goto", "cleanup") else max(
            fx.ct[fx.tok(l.f["line"], l.f["column"], "exit")].start for l in ls) + 1
        if fx.has_pp(lo, hi):
            raise Decline("preprocessor lines inside the code to rewrite")
        if style == "cleanup":
            from .cleanfix import plan_cleanup
            plan_cleanup(fx, ls, dialect)
        else:
            PLANS[style](fx, ls)
        fx.edits.apply(self.text)          # overlapping edits raise here
        left = [l for l, _ in fx.partial]
        self.fixed[k] = (fx.edits, [l for l in ls if l not in left], left)
        self.declined += fx.partial

    def describe_calls(self, fx):
        """What fx needs to tell hand-offs from borrows (handoff.py): the summary's sinks,
        the functions the file defines, the texts of its local headers."""
        from .handoff import local_headers
        if self.headers is None:
            self.headers = local_headers(self.path)
        fx.path = self.path
        fx.summary_sinks = self.summary_sinks
        fx.file_functions = {f.name for f in self.funcs}
        fx.header_texts = self.headers

    def drop(self, k, reason):
        _, ls, _ = self.fixed.pop(k)
        self.declined += [(l, reason) for l in ls]

    def new_text(self):
        all_edits = Edits()
        for edits, _, _ in self.fixed.values():
            all_edits.items += edits.items
        if self.header and self.cleanup_funcs & set(self.fixed):
            from .cleanfix import include_edit
            off, line = include_edit(self.text, self.toks, self.header)
            all_edits.add(off, off, line)
        return self.with_line_ends(all_edits.apply(self.text))

    def with_line_ends(self, text):
        """Text planned on LF lines, in the file's own line endings."""
        return text.replace("\n", "\r\n") if self.crlf else text

    def raw_offset(self, off):
        """The offset in the file of offset `off` of the planned text."""
        return off + self.text.count("\n", 0, off) if self.crlf else off

    def func_at_line(self, text, line):
        """Index of the function (as numbered in the original) holding a line of the
        rewritten text: functions keep their order, so count definitions."""
        for k, (_, first, last) in enumerate(function_spans(text)):
            if first <= line <= last:
                return k
        return None


def crlf_lines(data):
    """Does every line of the file end with CRLF (a lone LF nowhere)?"""
    n = data.count(b"\n")
    return n > 0 and data.count(b"\r\n") == n


def learned_acquire(f):
    """The pair unwind-inferred learned for a finding (its `release` field: the functions
    the function itself calls as rel(x) on x), as a table entry of shape ret whose failure
    test must be seen before the exit; or the reason it cannot be reused, as a string."""
    rels = f.get("release") or []
    if not rels:
        return "the check names no learned release for %s()" % f["acquirer"]
    if len(rels) > 1:
        return ("'%s' is released by more than one function (%s): which one this exit "
                "needs is not clear" % (f["variable"], ", ".join("%s()" % r for r in rels)))
    # a struct held by value (`struct arena a = arena_new()`) has no failure value to test
    return table.Acquire("inferred", f["acquirer"], "ret", -1,
                         "none" if f.get("by_value") else "null", (rels[0],))


def run_check(args, spath):
    """The check, exactly as `run.sh check` runs it: findings and its exit status."""
    cmd = [PYTHON, "-m", "cocci_unwind.cli", "check", "--format", "json", "--confidence",
           args.confidence, "--jobs", str(args.jobs), "--timeout", str(args.timeout),
           "--write-summary", spath]
    for p in args.pairs:
        cmd += ["--pairs", p]
    for r in args.rule:
        cmd += ["--rule", r]
    for w in args.with_pack:
        cmd += ["--with", w]
    if args.no_config:
        cmd.append("--no-config")
    if args.no_auto_packs:
        cmd.append("--no-auto-packs")
    if args.summary:
        cmd += ["--summary", args.summary]
    for d in args.summary_dir:
        cmd += ["--summary-dir", d]
    env = dict(os.environ)
    env["PYTHONPATH"] = cli.ROOT + (":" + env["PYTHONPATH"] if env.get("PYTHONPATH") else "")
    proc = subprocess.run(cmd + ["--"] + args.paths, stdout=subprocess.PIPE,
                          stderr=subprocess.PIPE, env=env)
    errtext = proc.stderr.decode("utf-8", "replace")
    sys.stderr.write(errtext)
    try:
        findings = json.loads(proc.stdout.decode("utf-8", "replace") or "[]")
        # suppressed findings and stale suppressions are listed too: they are not to fix
        findings = [f for f in findings if f.get("level", "warning") == "warning"]
    except ValueError:
        raise cli.ToolError("the check printed no JSON:\n" + errtext[-1500:])
    if proc.returncode not in (0, 1, 2) or (proc.returncode == 2 and not os.path.exists(spath)
                                            and "checked" not in errtext):
        raise cli.ToolError("the check failed (exit %d)" % proc.returncode)
    return findings, proc.returncode


def recheck(args, fams, spath, files, workdir):
    """Findings (all confidences) of the rules on rewritten copies, with the summary of the
    first pass. files: {copy path: original path}."""
    env = dict(os.environ)
    env["COCCI_UNWIND_FORMAT"] = "jsonl"
    env["COCCI_UNWIND_SUMMARY"] = spath
    inputs, back = cli.sanitize(list(files), tempfile.mkdtemp(dir=workdir))
    macros.write(sorted(set(files.values())), workdir)      # the check's macro file
    out, timeouts = [], set()
    for rule, mine in cli.plan(fams, args.rule, tempfile.mkdtemp(dir=workdir), inputs, back):
        env["COCCI_UNWIND_ORIGINALS"] = json.dumps(back)
        found, _, lost = cli.run_spatch(rule, mine, args, workdir, env)
        out += found
        timeouts |= set(lost)
    shown = cli.path_map(list(files), back)
    for f in out:
        f["file"] = files.get(shown.get(f["file"], f["file"]), f["file"])
    return out, {files.get(shown.get(p, p), p) for p in timeouts}


def bad_lines(path, workdir):
    """Lines Coccinelle cannot parse in a file (cleanup attributes blanked, with the macro
    file recheck wrote into workdir, as check does):
    a rewrite must not add any, or the check would not see the function it rewrote."""
    d = tempfile.mkdtemp(dir=workdir)
    (copy,), _ = cli.sanitize([path], d)
    p = subprocess.run(["spatch", "--python", PYTHON, "--macro-file", macros.path(workdir),
                        "--parse-c", copy],
                       stdout=subprocess.PIPE, stderr=subprocess.STDOUT)
    m = re.search(rb"nb bad = (\d+)", p.stdout)
    return int(m.group(1)) if m else None


_DIAG = re.compile(r"^([^:\n]+):(\d+):\d+: (error|warning): (.*)$", re.M)


def compilers(cc):
    """The compile commands a rewrite is checked with: cc, and clang with the same flags
    when cc is gcc and clang is installed (clang rejects a jump into the scope of a cleanup
    variable, which gcc accepts without -Wjump-misses-init)."""
    base = shlex.split(cc)
    out = [base]
    if base and os.path.basename(base[0]) in ("gcc", "cc") and shutil.which("clang"):
        out.append(["clang", "-Wno-unknown-warning-option"] + base[1:])
    return out


def _function_of_line(text, line):
    return next((name for name, first, last in function_spans(text)
                 if first <= line <= last), None)


def compile_errors(cc, path, text, workdir):
    """The compiler errors of `text` standing in for `path` that the original does not have
    (by function and message: lines move), as the compiler prints them; "" if none. The
    original may fail too (a flag it does not pass, a missing header): only new errors
    count."""
    flags = ["-fsyntax-only", "-Werror=jump-misses-init", "-Werror=unused-label",
             "-Werror=implicit-function-declaration", "-Werror=return-type",
             "-iquote", os.path.dirname(os.path.abspath(path)) or "."]
    d = tempfile.mkdtemp(dir=workdir)
    copy = os.path.join(d, os.path.basename(path))
    with open(copy, "wb") as fh:
        fh.write(text.encode("latin-1"))
    with open(path, "rb") as fh:
        old = fh.read().decode("latin-1")

    def errors(cmd, src, src_text):
        p = subprocess.run(cmd + flags + ["-x", "c", src], stdout=subprocess.PIPE,
                           stderr=subprocess.STDOUT)
        out = p.stdout.decode("utf-8", "replace")
        found = []
        for m in _DIAG.finditer(out):
            if m.group(3) == "error" and os.path.basename(m.group(1)) == \
                    os.path.basename(src):
                fn = _function_of_line(src_text, int(m.group(2)))
                found.append(((fn, m.group(4)), m.group(0)))
        return p.returncode, found

    new = []
    for cmd in compilers(cc):
        status, after = errors(cmd, copy, text)
        if status == 0:
            continue
        _, before = errors(cmd, path, old)
        had = Counter(k for k, _ in before)
        for k, line in after:
            if had[k]:
                had[k] -= 1
            else:
                new.append(line)
        if new:
            break
    return "\n".join(new)


def verify(args, fams, spath, fixes, workdir):
    """Drop the rewrites that the rules still flag or that stop the file compiling."""
    for attempt in range(3):
        copies, texts = {}, {}
        for n, ff in enumerate(fixes):
            if not ff.fixed:
                continue
            texts[ff.path] = ff.new_text()
            d = os.path.join(workdir, "v%d_%d" % (attempt, n))
            os.makedirs(d)
            c = os.path.join(d, os.path.basename(ff.path))
            with open(c, "wb") as fh:
                fh.write(texts[ff.path].encode("latin-1"))
            copies[c] = ff.path
        if not copies:
            return
        found, timeouts = recheck(args, fams, spath, copies, workdir)
        dropped = False
        for c, path in copies.items():
            ff = next(x for x in fixes if x.path == path)
            if ff.bad is None:
                ff.bad = bad_lines(path, workdir)
            reason = None
            if path in timeouts:
                reason = "the check timed out on the rewritten file"
            elif ff.bad is None or (bad_lines(c, workdir) or 0) > ff.bad:
                reason = "Coccinelle parses the rewritten file less well than the original"
            if reason:
                for k in list(ff.fixed):
                    ff.drop(k, reason)
                dropped = True
        for ff in fixes:
            if ff.path not in texts or not ff.fixed:
                continue
            keep = cli.CONFIDENCE[args.confidence]
            left = {}
            for f in found:
                if f["file"] != ff.path:
                    continue
                k = ff.func_at_line(texts[ff.path], f["line"])
                if k in ff.fixed and (f["confidence"] in keep or f["variable"] in
                                      {l.var for l in ff.fixed[k][1]}):
                    left.setdefault(k, Counter())[f["variable"], f["rule"]] += 1
            for k, c in left.items():
                c -= Counter((l.var, l.f["rule"]) for l in ff.fixed[k][2])   # exits not fixed
                if c:
                    ff.drop(k, "the check still finds '%s' leaking after the rewrite"
                            % sorted(c)[0][0])
                    dropped = True
            if args.cc and ff.fixed:
                out = compile_errors(args.cc, ff.path, ff.new_text(), workdir)
                if out:
                    lines = [int(m.group(1)) for m in
                             re.finditer(r"^[^:\n]+:(\d+):\d+: error", out, re.M)]
                    ks = {ff.func_at_line(texts[ff.path], ln) for ln in lines} & set(ff.fixed)
                    first = next((l for l in out.splitlines() if ": error" in l), out.strip())
                    for k in (ks or list(ff.fixed)):
                        ff.drop(k, "the rewrite does not compile (%s)"
                                % first.split(": error: ", 1)[-1])
                    dropped = True
            if args.cc and ff.fixed and not getattr(args, "no_gate", False):
                dropped |= gate_file(args, ff, workdir)
        if not dropped:
            return


def gate_file(args, ff, workdir):
    """The analyser gate (gate.py) on one rewritten file: drop each function in which the
    rewrite brings a new double free, use after free, double close, free of a non-heap or
    uninitialised pointer. Returns whether it dropped any. When the file does not build on
    its own, ff.gate_note says that the gate could not run."""
    from . import gate
    text = ff.new_text()
    d = tempfile.mkdtemp(dir=workdir)
    copy = os.path.join(d, os.path.basename(ff.path))
    with open(copy, "wb") as fh:
        fh.write(text.encode("latin-1"))
    try:
        new = gate.new_diagnostics(args.cc, ff.path, ff.original, copy, text, ff.gate_cache)
    except gate.GateError as e:
        ff.gate_note = "the analyser gate could not run: %s" % e
        return False
    ff.gate_note = None
    dropped = False
    for fn, kind, msg, line in new:
        ks = [k for k in ff.fixed if ff.funcs[k].name == fn] or list(ff.fixed)
        for k in ks:
            n = len(ff.fixed[k][1])
            ff.drop(k, "the analyser gate finds a new %s in the rewrite (%s, line %d)"
                    % (kind, msg, line))
            ff.gated += n
            dropped = True
    return dropped


def git_top(folder):
    try:
        p = subprocess.run(["git", "-C", folder, "rev-parse", "--show-toplevel"],
                           stdout=subprocess.PIPE, stderr=subprocess.DEVNULL)
        if p.returncode == 0 and p.stdout.strip():
            return p.stdout.decode().strip()
    except OSError:
        pass
    return None


def tree_path(path, root):
    """The path a diff names a file by: relative to the tree root (the git top level of the
    current folder, or the current folder); a file outside it, relative to its own git top
    level, or to its folder."""
    full = os.path.realpath(path)
    for r in (root, git_top(os.path.dirname(full)), os.path.dirname(full)):
        if r:
            rel = os.path.relpath(full, os.path.realpath(r))
            if not rel.startswith(".."):
                return rel.replace(os.sep, "/")
    return os.path.basename(full)


def unified(path, old, new, root):
    rel = tree_path(path, root)
    out = []
    for line in difflib.unified_diff(old.splitlines(True), new.splitlines(True),
                                     "a/" + rel, "b/" + rel, n=3):
        if line.startswith(("---", "+++")):
            line = line.rstrip("\n") + "\n"
        out.append(line if line.endswith("\n") else line + "\n\\ No newline at end of file\n")
    return "".join(out)


class NotWritten(OSError):
    """A rewrite that was not written; the message says why."""


def write_whole(path, data, expect=None):
    """Replace a file by `data` through a temporary file in the same folder and a rename:
    readers see the old file or the new one, never half. A symlink is followed (its target
    is replaced, the link stays); owner, group and mode are kept; when `expect` is given
    and the file no longer holds it (edited during the run), nothing is written. Returns
    the path written (the target). Raises NotWritten, or OSError."""
    target = os.path.realpath(path)
    st = os.stat(target)
    if not os.access(target, os.W_OK) or not st.st_mode & 0o200:
        raise NotWritten("%s: not writable, not fixed" % path)
    d = os.path.dirname(target)
    fd, tmp = tempfile.mkstemp(dir=d, prefix=".cocci-unwind-")
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
            fh.flush()
            os.fsync(fh.fileno())
        if (st.st_uid, st.st_gid) != (os.getuid(), os.getgid()):
            try:
                os.chown(tmp, st.st_uid, st.st_gid)
            except OSError:
                raise NotWritten("%s: cannot keep its owner and group, not fixed" % path)
        os.chmod(tmp, st.st_mode & 0o7777)
        if expect is not None:
            with open(target, "rb") as fh:
                if fh.read() != expect:
                    raise NotWritten("%s: changed since it was read, not fixed (run fix "
                                     "again)" % path)
        os.replace(tmp, target)
    except BaseException:
        try:
            os.unlink(tmp)
        except OSError:
            pass
        raise
    return target


def write_fixes(fixes):
    """--in-place: write each rewritten file once (a target reached through two paths, as a
    symlink and as itself, is written once), re-reading it just before; sets ff.written.
    Returns the messages of the files not written."""
    done, errors = set(), []
    for ff in fixes:
        if not ff.fixed:
            continue
        target = os.path.realpath(ff.path)
        if target in done:
            continue
        try:
            write_whole(ff.path, ff.new_text().encode("latin-1"), expect=ff.data)
            ff.written = True
            done.add(target)
        except NotWritten as e:
            errors.append(str(e))
        except OSError as e:
            errors.append("%s: %s, not fixed" % (ff.path, e.strerror or e))
    return errors


def plan_fixes(args, style, findings, spath, workdir):
    """Plan the rewrites of the findings (dicts as check's JSON gives them) in one style and
    check them as fix mode does: [FileFix]. spath: the summary file the check wrote (may be
    missing). Also used by `check --format sarif` for SARIF fixes."""
    summ = {}
    if os.path.exists(spath):
        with open(spath) as fh:
            summ = json.load(fh)
    fams = cli.load_tables(args, announce=False)     # check already said "using ..."
    # the packs check enabled for the files' headers: those of the findings' families
    for fam in sorted({f.get("family") for f in findings} - set(fams) - {None, "inferred"}):
        name = table.pack_of(fam)
        if name:
            table.parse("with %s\n" % name, "<headers>", fams)
    summary.extend_table(fams, summ)
    wrappers = summ.get("release", {})
    acquires = {(a.family, a.function): a for f in fams.values() for a in f.acquires}
    per_file = {}
    for f in findings:
        acq = acquires.get((f["family"], f["acquirer"]))
        if acq is None and f["family"] == "inferred":
            acq = learned_acquire(f)
        per_file.setdefault(f["file"], []).append((f, acq))
    fixes = []
    for path in sorted(per_file):
        ff = FileFix(path, [])
        ff.summary_sinks = summary_sinks(summ)
        for f, acq in per_file[path]:
            if acq is None or isinstance(acq, str):
                ff.declined.append((Leak(f, table.Acquire(f["family"], f["acquirer"], "ret",
                                                          -1, "none", ("?",))),
                                    acq or "%s() is not in the resource table"
                                    % f["acquirer"]))
            else:
                ff.leaks.append(Leak(f, acq))
        dialect = getattr(args, "dialect", None) or "portable"
        if style == "cleanup" and getattr(args, "cleanup_header", None):
            from .cleanfix import has_header
            if not has_header(ff.text, ff.toks, dialect, args.cleanup_header):
                ff.header = args.cleanup_header
        ff.plan(style, fams, wrappers, dialect, getattr(args, "fallback", None))
        fixes.append(ff)
    verify(args, fams, spath, fixes, workdir)
    return fixes


def summary_sinks(summ):
    """{sink: set of argument indexes it keeps, or None for any} from the summary."""
    out = {}
    for names in summ.get("sink", {}).values():
        for n in names:
            ks = summ.get("sink_args", {}).get(n)
            out[n] = set(ks) if ks is not None else None
    return out


def fix(args):
    workdir = tempfile.mkdtemp(prefix="cocci-unwind-fix-")
    status = 0
    try:
        spath = os.path.join(workdir, "summary.json")
        findings, check_status = run_check(args, spath)
        if check_status == 2:
            status = 2
        fixes = plan_fixes(args, args.style, findings, spath, workdir)
        root = git_top(os.getcwd()) or os.getcwd()
        for ff in fixes:
            seen = set()
            for l, note in ff.notes:
                if not ff.fixed or ff.func_of(l) not in ff.fixed:
                    continue
                print("%s:%d: note: no cleanup: %s [%s]" % (ff.path, l.f["line"], note,
                                                          l.f["rule"]), file=sys.stderr)
            if ff.fixed and ff.gate_note:
                print("%s: note: %s" % (ff.path, ff.gate_note), file=sys.stderr)
            for l, reason in sorted(ff.declined, key=lambda x: (x[0].f["line"], x[0].var)):
                msg = "%s:%d: not fixed: %s [%s]" % (ff.path, l.f["line"], reason, l.f["rule"])
                if msg not in seen:
                    seen.add(msg)
                    print(msg, file=sys.stderr)
            if ff.fixed and not args.in_place:
                # the file's own bytes (its text is read as latin-1): a diff of a UTF-8 or
                # Latin-1 file applies to that file
                sys.stdout.flush()
                sys.stdout.buffer.write(
                    unified(ff.path, ff.original, ff.new_text(), root).encode("latin-1"))
        if args.in_place:
            for msg in write_fixes(fixes):
                err(msg)
                status = 2
        done = [ff for ff in fixes if ff.written or not args.in_place]
        nfixed = sum(len(ls) for ff in done for _, ls, _ in ff.fixed.values())
        ndecl = sum(len({(l.f["line"], l.var) for l, _ in ff.declined}) for ff in fixes)
        ndecl += sum(len(ls) for ff in fixes if ff not in done for _, ls, _ in ff.fixed.values())
        ngated = sum(ff.gated for ff in fixes)
        err("%s: %d finding%s fixed (%s style), %d not fixed%s"
            % ("wrote" if args.in_place else "diff", nfixed, "" if nfixed == 1 else "s",
               args.style, ndecl, " (%d by the analyser gate)" % ngated if ngated else ""))
        if args.commit_message and nfixed:
            sys.stdout.write(commit_message(args.style, done))
        if status == 0 and findings:
            status = 1
        return status
    finally:
        shutil.rmtree(workdir, ignore_errors=True)


# ---------------------------------------------------------------- SARIF fixes
def finding_key(f):
    return (f["file"], f["line"], f["column"], f["rule"], f["variable"])


def _text_position(data, off):
    """(0-based code point offset, 1-based line, 1-based column) of byte offset `off`, in
    Unicode code points when the file is UTF-8 (SARIF's columnKind), else one per byte."""
    head = data[:off]
    try:
        text = head.decode("utf-8")
    except UnicodeDecodeError:
        text = head.decode("latin-1")
    line = text.count("\n") + 1
    return len(text), line, len(text) - (text.rfind("\n") + 1) + 1


def _decoded(data, text):
    """Inserted text as the file's characters: UTF-8 when the file is, else bytes."""
    raw = text.encode("latin-1")
    try:
        data.decode("utf-8")
        return raw.decode("utf-8")
    except UnicodeDecodeError:
        return text


def sarif_region(data, start, end):
    a, l1, c1 = _text_position(data, start)
    b, l2, c2 = _text_position(data, end)
    return {"startLine": l1, "startColumn": c1, "endLine": l2, "endColumn": c2,
            "charOffset": a, "charLength": b - a}


def sarif_fixes(fixes, style, location):
    """{finding key: SARIF 2.1.0 fix} for every finding whose function the planner rewrote
    (and the checks kept). A function is rewritten as a whole, so every fixed finding of
    one function carries the same fix; findings the planner declined get none.
    location(path) gives the artifactLocation of a file."""
    out = {}
    for ff in fixes:
        for k in sorted(ff.fixed):
            edits, ls, _ = ff.fixed[k]
            what = ", ".join("'%s' (%s)" % (l.var, l.release_fn())
                             for l in reverse_acquisition(ls))
            fn = ls[0].f["function"]
            desc = ("Release %s on the leaking exits of %s() (cocci-unwind fix --style %s)"
                    % (what, fn, style))
            reps = [{"deletedRegion": sarif_region(ff.data, ff.raw_offset(start),
                                                   ff.raw_offset(end)),
                     "insertedContent": {"text": _decoded(ff.data, ff.with_line_ends(new))}}
                    for start, end, _, new in sorted(edits.items)]
            fix = {"description": {"text": desc},
                   "artifactChanges": [{"artifactLocation": location(ff.path),
                                        "replacements": reps}]}
            for l in ls:
                out[finding_key(l.f)] = fix
    return out


def commit_message(style, fixes):
    """A commit message for an automated refactor: what was released, where."""
    lines = []
    for ff in fixes:
        done = sorted({(l.f["function"], l.var, l.f["acquirer"]) for _, ls, _ in ff.fixed.values()
                       for l in ls})
        for fn, var, acq in done:
            lines.append("- %s: %s(): '%s' from %s()" % (ff.path, fn, var, acq))
    how = {"goto": "jump to labels at the end of the function that release in reverse order "
                   "of acquisition",
           "cleanup": "hold them in variables declared with a cleanup attribute, released on "
                      "every exit"}.get(style, "release what is held before leaving")
    return ("Release resources on error paths\n\n"
            "Error exits of these functions left resources unreleased; they now %s:\n\n"
            "%s\n\nFound and rewritten by cocci-unwind (fix --style %s), each rewrite checked "
            "again by its rules.\n" % (how, "\n".join(lines), style))


def main(argv=None):
    ap = argparse.ArgumentParser(prog="run.sh fix", description="cocci-unwind fix mode: "
                                 "rewrite the functions whose error paths leak")
    ap.add_argument("paths", nargs="*", help="files or folders (default: the bundled example)")
    ap.add_argument("--style", choices=("goto", "release", "cleanup"), required=True,
                    help="goto: exits jump to a ladder of labels at the end of the function; "
                         "release: the missing release before each leaking exit; cleanup: "
                         "the resource is declared with a cleanup attribute (see --dialect)")
    ap.add_argument("--dialect", choices=("portable", "systemd", "glib", "kernel"),
                    default="portable",
                    help="with --style cleanup: whose macros to write: portable "
                         "(include/unwind/cleanup.h, default), systemd, glib, kernel")
    ap.add_argument("--cleanup-header", metavar="NAME",
                    help="with --style cleanup: the #include that defines the dialect's macros "
                         "in this project, e.g. '\"macro.h\"' ('' adds none); a file that "
                         "includes it or already uses the macros gets none")
    ap.add_argument("--fallback", choices=("goto",),
                    help="with --style cleanup: a function that cannot be converted safely is "
                         "fixed in this style instead of being left alone")
    ap.add_argument("--in-place", action="store_true",
                    help="rewrite the files (each written whole) instead of printing a diff")
    ap.add_argument("--cc", default="gcc -std=gnu11",
                    help="compiler command to check rewrites with (with -I flags the code "
                         "needs); a file whose original does not compile is not compiled. "
                         "'' turns it off. Default: %(default)s")
    cli.add_run_options(ap, "fix only this rule's findings",
                        "fix findings of this confidence and above, as check shows them "
                        "(default: high)")
    ap.add_argument("--no-gate", action="store_true",
                    help="do not run the analyser gate (gcc -fanalyzer, and clang --analyze, "
                         "on the original and the rewrite: a new double free or use after "
                         "free drops the rewrite)")
    ap.add_argument("--commit-message", action="store_true",
                    help="with --in-place: print a commit message that lists the functions "
                         "changed")
    args = ap.parse_args(argv)
    if args.commit_message and not args.in_place:
        ap.error("--commit-message goes with --in-place (without it, stdout is the diff)")
    cli.check_run_options(ap, args)
    if args.style != "cleanup" and (args.fallback or args.cleanup_header is not None or
                                    "--dialect" in (argv if argv is not None else sys.argv)):
        ap.error("--dialect, --cleanup-header and --fallback go with --style cleanup")
    if args.style == "cleanup":
        from .cleanfix import HEADERS
        if args.cleanup_header and args.cleanup_header[0] not in '<"':
            args.cleanup_header = '"%s"' % args.cleanup_header       # macro.h: "macro.h"
        if args.cleanup_header is None:
            args.cleanup_header = HEADERS[args.dialect]
            if args.dialect == "portable" and args.cc:
                # our own header: the rewrite is compiled against it
                args.cc += " -I " + shlex.quote(os.path.join(cli.ROOT, "include"))
    if not args.paths:
        if args.in_place:
            ap.error("--in-place needs the files or folders to rewrite")
        args.paths = [cli.EXAMPLE]
    # SIGTERM/SIGHUP as an exception: write_whole's temporary file and the scratch folder
    # are removed on the way out (staging.exit_on_signals)
    cli.staging.exit_on_signals()
    try:
        return fix(args)
    except BrokenPipeError:
        return 1
    except (cli.ToolError, table.TableError, KeyboardInterrupt) as e:
        if str(e):
            err(str(e))
        return 2


if __name__ == "__main__":
    # run as the package's module, so that cleanfix shares its classes (Decline)
    from cocci_unwind import fix as _fix
    sys.exit(_fix.main())
