"""Functions whose failure ends the process: each of their callers, on that result, calls a
function that never returns, returns it from main, or hands a failure up to a caller of the
same kind (rsync: start_inband_exchange() returns -1, start_socket_client() returns it,
main() calls exit_cleanup()). What such a function drops on a failing exit is lost for
moments only: the rules report it at medium, out of the default output.

A result is described by the class of the value an exit returns: -1, another negative
number, 0 (NULL, false), 1 (true), or another positive number. A call site ends the process
for a class when
  - `return f(..);` in main, or in a function that ends the process for that class;
  - `if (COND) BRANCH` tests the result (`if (f(..) < 0)`, `if (!(p = f(..)))`, or
    `x = f(..);` followed by `if (x == -1)`), COND holds for the class, and BRANCH ends in
    a call that never returns, or in `return V;` with V the result or a constant, returned
    from main or from a function that ends the process for V's class (and leaves no other
    way: no return, goto, break or continue before its last statement);
  - `return x ? x : ..;` right after `x = f(..);`, for the classes other than 0.
A function ends the process for a class when it has at least one call site, every one of
them ends it, and its name is used nowhere but in calls (a function pointer has callers
nobody sees). The relation is the least fixed point: a cycle of calls proves nothing.
"""
import re

from . import csyntax

# the values of a failure, as the rules name them
CLASSES = ("-1", "neg", "0", "1", "pos")
LIBC_NORETURN = {"exit", "_exit", "_Exit", "abort", "quick_exit", "err", "errx", "verr",
                 "verrx", "pthread_exit", "longjmp", "siglongjmp", "__assert_fail"}
_CAST = re.compile(r"^(\(\s*(?:(?:const|unsigned|signed|struct)\s+)*[A-Za-z_]\w*[\s\*]*\)\s*)+")
_INT = re.compile(r"^\(?\s*(-?)\s*(\d+)[uUlL]*\s*\)?$")
_INT_DEFINE = re.compile(r"^[ \t]*#[ \t]*define[ \t]+([A-Za-z_]\w*)[ \t]+\(?[ \t]*(-?[ \t]*\d+)"
                         r"[ \t]*\)?[ \t]*$", re.M)


def value_class(text, constants):
    """The class of a returned value's text (`-1`, `NULL`, `false`, a constant the tree
    defines as a number), or None."""
    text = _CAST.sub("", " ".join(str(text).split()))
    text = constants.get(text, text)
    if text in ("NULL", "false", "FALSE", "nullptr"):
        return "0"
    if text in ("true", "TRUE"):
        return "1"
    m = _INT.match(str(text))
    if not m:
        return None
    n = int(m.group(2)) * (-1 if m.group(1) else 1)
    return {-1: "-1", 0: "0", 1: "1"}.get(n, "neg" if n < 0 else "pos")


_NEG, _ZERO, _POS = {"-1", "neg"}, {"0"}, {"1", "pos"}
_RELATION = {"<": _NEG, "<=": _NEG | _ZERO, ">": _POS, ">=": _ZERO | _POS}


def holds(cond, cls, constants):
    """True when the test `cond` (tokens' texts, the result written R) holds for every
    value of class cls; False or None when it does not or cannot be told."""
    c = list(cond)
    while len(c) > 2 and c[0] == "(" and c[-1] == ")":
        c = c[1:-1]
    if c == ["R"]:
        return cls not in _ZERO
    if c == ["!", "R"]:
        return cls in _ZERO
    if len(c) >= 3 and "R" in (c[0], c[-1]):
        op = c[1] if c[0] == "R" else c[-2]
        k = c[2:] if c[0] == "R" else c[:-2]
        if c[-1] == "R":        # `NULL == R`, `0 > R`: read it the other way round
            op = {"<": ">", ">": "<", "<=": ">=", ">=": "<="}.get(op, op)
        kc = value_class(" ".join(k), constants)
        if kc is None:
            return None
        if op in ("==", "!="):
            exact = kc in ("-1", "0", "1")
            if op == "==":
                return exact and cls == kc
            return cls != kc and (cls in ("-1", "0", "1") or not exact or cls[0] != kc[0])
        if op in _RELATION and kc == "0":
            return cls in _RELATION[op]
    return None


class _Site:
    """A call of a function of the tree: where it is and what follows its result."""
    __slots__ = ("caller", "kind", "cond", "ret", "ret_else")

    def __init__(self, caller, kind, cond=None, ret=None, ret_else=None):
        self.caller = caller    # the name of the function that makes the call
        self.kind = kind        # "return" (returns it), "test" (tests it), "other"
        self.cond = cond        # the test's tokens, the result written R
        self.ret = ret          # what the branch taken ends with: ("nret",), ("return",
                                # text or None for the result itself), or None
        self.ret_else = ret_else    # the same of the else branch, when there is one


class Tree:
    """The call sites of every function defined in the files."""

    def __init__(self, texts, noreturn):
        self.noreturn = set(noreturn) | LIBC_NORETURN
        self.constants = {}
        self.sites = {}
        self.address_taken = set()
        files = []
        for text in texts:
            for m in _INT_DEFINE.finditer(text):
                self.constants.setdefault(m.group(1), m.group(2).replace(" ", ""))
            ct = csyntax.code_tokens(csyntax.tokenize(text))
            mate = csyntax.mates(ct)
            files.append((ct, mate, csyntax.definitions(ct, mate)))
        self.defined = {ct[s[0]].text for ct, _, spans in files for s in spans}
        for ct, mate, spans in files:
            inside = set()
            for name_i, open_i, close_i in spans:
                inside.update(range(name_i, close_i + 1))
                for i in range(open_i + 1, close_i):
                    self._token(ct, mate, i, ct[name_i].text, open_i, close_i)
            for i, t in enumerate(ct):       # file-level uses: tables of handlers
                if i not in inside and t.kind == "id" and t.text in self.defined and not (
                        i + 1 < len(ct) and ct[i + 1].text == "("):
                    self.address_taken.add(t.text)
        self._memo = {}

    def _token(self, ct, mate, i, caller, open_i, close_i):
        t = ct[i]
        if t.kind != "id" or t.text not in self.defined or ct[i - 1].text in (".", "->"):
            return
        if ct[i + 1].text != "(" or mate[i + 1] is None:
            self.address_taken.add(t.text)
            return
        self.sites.setdefault(t.text, []).append(
            self._site(ct, mate, i, mate[i + 1], caller, close_i))

    def _site(self, ct, mate, i, j, caller, end):
        """The call at tokens i..j (name to closing parenthesis) in the body ending at end."""
        prev = ct[i - 1].text
        if prev == "return" and ct[j + 1].text == ";":
            return _Site(caller, "return")
        # `if (f(..) < 0)`, `if (!f(..))`, `if ((p = f(..)) == NULL)`
        k, call = i - 1, (i, j)
        if prev == "=" and ct[i - 2].kind == "id" and ct[i - 3].text == "(" and \
                mate[i - 3] is not None and mate[i - 3] == j + 1:
            k, call = i - 3, (i - 2, j + 1)      # the assignment in parentheses
        while k >= 0 and ct[k].text in ("(", "!") and not (ct[k].text == "(" and
                                                          ct[k - 1].text == "if"):
            k -= 1
        if k > 0 and ct[k].text == "(" and ct[k - 1].text == "if" and mate[k] is not None:
            cond = ([x.text for x in ct[k + 1:call[0]]] + ["R"] +
                    [x.text for x in ct[call[1] + 1:mate[k]]])
            return _Site(caller, "test", cond, *self._branches(ct, mate, mate[k] + 1, end))
        # `x = f(..);` then `if (COND(x)) BRANCH` or `return x ? x : ..;`
        if prev == "=" and ct[i - 2].kind == "id" and ct[j + 1].text == ";":
            x, n = ct[i - 2].text, j + 2
            if n < end and ct[n].text == "if" and ct[n + 1].text == "(" and mate[n + 1]:
                cond = ["R" if c.text == x else c.text for c in ct[n + 2:mate[n + 1]]]
                if cond.count("R") == 1:
                    return _Site(caller, "test", cond,
                                 *self._branches(ct, mate, mate[n + 1] + 1, end, x))
            if n + 5 < end and [c.text for c in ct[n:n + 5]] == ["return", x, "?", x, ":"]:
                return _Site(caller, "test", ["R"], ("return", None))
        return _Site(caller, "other")

    def _branches(self, ct, mate, b, end, result=None):
        """The ends (_branch_end) of the then branch at token b and of its else, if any."""
        after = self._statement_after(ct, mate, b, end)
        has_else = after is not None and after < end and ct[after].text == "else"
        return (self._branch_end(ct, mate, b, end, result),
                self._branch_end(ct, mate, after + 1, end, result) if has_else else None)

    @staticmethod
    def _statement_after(ct, mate, b, end):
        """The token after the statement that starts at b (a block, or up to its `;`; an
        if statement's own else is not followed), or None."""
        if b >= end:
            return None
        if ct[b].text == "{":
            return mate[b] + 1 if mate[b] is not None else None
        k = b
        while k < end and ct[k].text != ";":
            k = mate[k] + 1 if ct[k].text in "([{" and mate[k] else k + 1
        return k + 1

    def _branch_end(self, ct, mate, b, end, result=None):
        """How the statement at token b ends when it is the only way out of it: ("nret",),
        ("return", text), ("return", None) for the result itself, or None."""
        if b >= end:
            return None
        if ct[b].text == "{":
            close = mate[b]
            if close is None:
                return None
            body = list(range(b + 1, close))
        else:
            k = b
            while k < end and ct[k].text != ";":
                k = mate[k] + 1 if ct[k].text in "([" and mate[k] else k + 1
            body = list(range(b, k + 1))
        # the last statement: from the `;` before the last one (or a brace) on
        if not body or ct[body[-1]].text != ";":
            return None
        s = body[-1] - 1
        while s >= body[0] and ct[s].text not in (";", "{", "}"):
            s -= 1
        last = [ct[k] for k in range(s + 1, body[-1])]
        earlier = [ct[k].text for k in body if k <= s]
        if any(w in earlier for w in ("return", "goto", "break", "continue")) or not last:
            return None
        if last[0].kind == "id" and len(last) > 1 and last[1].text == "(" and \
                last[0].text in self.noreturn:
            return ("nret",)
        if last[0].text == "return" and len(last) > 1:
            value = " ".join(x.text for x in last[1:])
            return ("return", None if result and value == result else value)
        return None

    def ends(self, name, cls, seen=()):
        """Every call of name ends the process when it returns a value of class cls."""
        key = (name, cls)
        if key in self._memo:
            return self._memo[key]
        if name in seen or name in self.address_taken or not self.sites.get(name):
            return False
        seen = seen + (name,)
        ok = all(self._site_ends(s, cls, seen) for s in self.sites[name])
        self._memo[key] = ok
        return ok

    def _site_ends(self, site, cls, seen):
        if site.kind == "return":
            return site.caller == "main" or self.ends(site.caller, cls, seen)
        if site.kind != "test":
            return False
        taken = holds(site.cond, cls, self.constants)
        if taken is None:
            return False
        end = site.ret if taken else site.ret_else
        if not end:
            return False
        if end[0] == "nret":
            return True
        value = end[1]
        up = cls if value is None else value_class(value, self.constants)
        return up is not None and (site.caller == "main" or self.ends(site.caller, up, seen))


def fatal_on_failure(texts, noreturn):
    """{function: [classes]} of the functions of the tree (the C texts) whose every caller
    ends the process when they return a value of those classes, and {constant: value} of
    the tree's integer constants that the rules need to read returned values."""
    tree = Tree(texts, noreturn)
    out = {}
    for name in sorted(tree.sites):
        classes = [c for c in CLASSES if tree.ends(name, c)]
        if classes:
            out[name] = classes
    return out, tree.constants
