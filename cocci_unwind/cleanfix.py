"""fix --style cleanup: the leaking resources become variables released at scope exit.

For each resource with findings in a function, in the dialect asked for (the table's
`cleanup` lines):
  - its declaration gets the dialect's attribute and is initialised there (to the acquisition,
    or to the empty value NULL / -1 / (iconv_t)-1 when it is assigned later);
  - a lock call becomes the dialect's guard, which unlocks when the enclosing block ends;
  - an explicit release after which the resource is not used again before the function
    returns (or its scope ends) goes; any other release keeps its place on the resource taken
    out of the variable (`free(TAKE_PTR(p))`), so nothing is released twice;
  - ownership that leaves (returned, stored into a field, an array, a global or through a
    pointer) goes through the dialect's steal macro.
A function is converted whole or not at all: every resource with findings, or nothing
(Decline with the reason). Nothing else in the function changes.
"""
import re

from .csyntax import KEYWORDS, declarators
from .fix import _MACRO_CONST, Decline, key

DIALECTS = ("portable", "systemd", "glib", "kernel")
# the #include a dialect's macros come from (a project that has them under another name
# says so with --cleanup-header); the names of systemd's are ours: its macros live in
# several internal headers
HEADERS = {"portable": "<unwind/cleanup.h>", "systemd": '"cleanup-util.h"',
           "glib": "<glib.h>", "kernel": "<linux/cleanup.h>"}
# a file that already uses one of these has the dialect's header, whatever its name
USES = {"portable": re.compile(r"\bUNWIND_[A-Z_]+\b|\bTAKE_(?:PTR|FD)\s*\("),
        "systemd": re.compile(r"\b_cleanup_\w*|\bTAKE_(?:PTR|FD)\s*\("),
        "glib": re.compile(r"\bg_auto(?:free|ptr|fd)\b|\bg_steal_(?:pointer|fd)\s*\("),
        "kernel": re.compile(r"\b__free\s*\(|\bguard\s*\(\s*\w+\s*\)\s*\(|\bno_free_ptr\s*\(")}
# acquirers that leave their output undefined when they fail: a cleanup variable would
# release garbage
_UNDEFINED_ON_FAILURE = {"asprintf", "vasprintf"}


def steal(macro, var):
    """The dialect's hand-off of `var`: TAKE_PTR(p), no_free_ptr(p); GLib's take &p."""
    return "%s(%s%s)" % (macro, "&" if macro.startswith("g_steal_") else "", var)


_TYPE_WORD = re.compile(r"^([A-Za-z_]\w*|\*)$")


def skip_cast(fx, j):
    """The token after a cast that starts at token j (`(char *) malloc(n)`), else j."""
    if fx.ct[j].text == "(" and fx.mate[j] is not None:
        k = fx.mate[j]
        if k > j + 1 and all(_TYPE_WORD.match(t.text) for t in fx.ct[j + 1:k]) and \
                fx.ct[k + 1].kind == "id" and fx.ct[k + 2].text == "(":
            return k + 1
    return j


def empty_value(leak, specs):
    """What the variable holds when it owns nothing."""
    if leak.acq.failure == "neg":
        return "-1"
    if leak.acq.failure == "minus1":
        return "(%s)-1" % " ".join(w for w in specs if w not in ("const", "volatile"))
    return "NULL"


class Plan:
    """The cleanup conversion of one function."""

    def __init__(self, fx, dialect):
        self.fx, self.dialect = fx, dialect
        self.scopes = []            # (declaration node, name) of each new cleanup variable

    # ---- shared helpers
    def line_span(self, n):
        """Text range of statement n with its indentation and line end, when it has its line
        to itself; else just its text."""
        fx = self.fx
        a, b = fx.ct[n.first].start, fx.ct[n.last].end
        ls = fx.line_start(a)
        eol = fx.text.find("\n", b)
        eol = len(fx.text) if eol < 0 else eol
        if fx.text[ls:a].strip() == "" and fx.text[b:eol].strip() == "":
            return ls, eol + 1
        if fx.text[b:b + 1] == " " and fx.text[a - 1:a] == " ":
            return a, b + 1         # `{ close(fd); return -2; }`: one space between the rest
        return a, b

    def final(self, s, leak, decl_blk, lock):
        """Is nothing done with the resource after statement s before the function returns or
        the variable's scope ends? (For a lock: nothing at all but labels and a return.)"""
        fx, n = self.fx, s
        while True:
            p = n.parent
            if p is None:
                return False
            if p.kind == "label":
                n = p
                continue
            if p.kind != "block":
                return False
            for m in p.stmts[p.stmts.index(n) + 1:]:
                k = m
                while k.kind == "label" and k.body is not None:
                    k = k.body
                if fx.mentions(leak, m.first, m.last + 1):
                    return False
                if k.kind == "return":
                    return True
                if k.kind == "goto":
                    lab = next((x for x in fx.nodes if x.kind == "label" and x.label == k.label),
                               None)
                    return not lock and lab is not None and \
                        not fx.mentions(leak, lab.first, fx.fn.close_i)
                if lock and not self.is_release(k):
                    return False                # code the guard would hold the lock for
                if k.kind in ("break", "continue"):
                    return False
            if p is decl_blk or p is fx.body:
                return True
            n = p
            if n.parent is None or n.parent.kind != "block":
                return False

    def is_release(self, n):
        """Is statement n a call of a release (`free(p);`)? Releasing under a lock a little
        longer is harmless, and the guard, declared later, still unlocks first."""
        fx = self.fx
        return n.kind == "expr" and fx.ct[n.first].text in fx.releases and \
            fx.ct[n.first + 1].text == "(" and fx.mate[n.first + 1] == n.last - 1

    def release_at(self, i, leak):
        """If the mention of the resource at token i is a release's argument: (call name
        index, '(' index), else None."""
        fx = self.fx
        j = i - 1
        if fx.ct[j].text == "&":
            j -= 1
        if fx.ct[j].text != "(" or j < 1:
            return None
        name = fx.ct[j - 1]
        rels = set(leak.acq.releases) | set(fx.wrappers.get(leak.f["family"], ()))
        if name.kind != "id" or name.text not in rels:
            return None
        args = fx.args(j)
        if not args or key(fx.src(*args[0])) != leak.key:
            return None
        return j - 1, j

    def release_stmt(self, ni, op):
        """The statement that is only this release (`free(p);`, `if (p) free(p);`), or None
        when the release is part of something else (its result is used)."""
        fx = self.fx
        s = fx.stmt_at(ni)
        if s is None or s.kind != "expr" or s.first != ni or fx.mate[op] != s.last - 1:
            return None
        p = s.parent
        if p is not None and p.kind == "block" and len(p.stmts) == 1 and p.parent is not None \
                and p.parent.kind == "if":
            p = p.parent
        if p is not None and p.kind == "if" and p.els is None and \
                {t.text for t in fx.ct[p.cond[0] + 1:p.cond[1]] if t.kind == "id"} <= \
                {fx.ct[k].text for k in range(s.first + 2, s.last - 1)
                 if fx.ct[k].kind == "id"} | {"NULL"}:
            return p                    # if (p) free(p);
        return s

    # ---- variables
    def var(self, leaks, spec):
        fx = self.fx
        leak = leaks[0]
        macro, stealm = spec
        if leak.acq.function in _FILLED_IN_PLACE:
            return self.owner_var(leaks, spec)
        if leak.f["family"] == "thread":
            return self.thread_var(leaks, spec)
        if leak.acq.function in _MAPPED:
            return self.mapping_var(leaks, spec)
        if leak.acq.shape == "pair" and _PAIR_MACRO.search(macro):
            return self.pair_var(leaks, spec)
        if leak.acq.shape == "pair" or leak.var != leak.base:
            raise Decline("'%s' is not a plain variable: a cleanup attribute releases a whole "
                          "variable" % leak.var)
        if leak.acq.shape == "out" and leak.acq.learned:
            # a project function that fills an out-parameter may leave it undefined when it
            # fails (a vasprintf wrapper): a scope-exit release could free garbage
            raise Decline("%s() is learned from the code: what it leaves in '%s' when it "
                          "fails is not known, and the cleanup would release it"
                          % (leak.acq.function, leak.var))
        undefined = leak.acq.function in _UNDEFINED_ON_FAILURE
        if undefined:
            reset = self.failure_branch(leak)
        if leak.base in fx.fn.params:
            raise Decline("'%s' is a parameter" % leak.base)
        ds = fx.decl_of(leak.base)
        if len(ds) != 1:
            raise Decline("'%s' is not declared once in the function" % leak.base)
        node, specs, d = ds[0]
        if d.is_array or "static" in specs or "extern" in specs:
            raise Decline("'%s' is not an automatic variable" % leak.base)
        if _CLEANUP_ANY.search(fx.src(node.first, node.last)):
            raise Decline("'%s' is declared with a cleanup attribute already" % leak.base)
        fam = fx.fams.get(leak.f["family"])
        acqs = {a.function for a in fam.acquires} if fam else {leak.acq.function}
        empty = "NULL" if undefined else empty_value(leak, specs)
        if d.has_init:
            a, b = d.init
            init = fx.src(a, b)
            a = skip_cast(fx, a)
            if not (fx.ct[a].text in acqs and fx.ct[a + 1].text == "(" and
                    fx.mate[a + 1] == b) and key(init) not in (key(empty), "0"):
                raise Decline("'%s' is initialised to '%s', which the cleanup would release"
                              % (leak.base, init))
        self.mentions(leak, node, d, acqs, empty, stealm)
        self.declare(node, specs, d, macro, empty)
        if undefined:
            reset(empty)
        self.scopes.append((node, leak.base))

    def sole_decl(self, base):
        """(declaration node, specifiers, Declarator, all declarators of the statement) of a
        local declared once in the function; Decline for a parameter or several."""
        fx = self.fx
        if base in fx.fn.params:
            raise Decline("'%s' is a parameter" % base)
        ds = fx.decl_of(base)
        if len(ds) != 1:
            raise Decline("'%s' is not declared once in the function" % base)
        node, specs, d = ds[0]
        return node, specs, d, declarators(fx.ct, fx.mate, node)[1]

    def owner_setup(self, leak, stealm):
        """The owner pointer of a struct or handle that the acquirer fills in place
        (`regcomp(&re, ...)`, `pthread_create(&t, ...)`): releasing it is wrong when the
        acquirer failed or never ran, so the cleanup is on a pointer declared after it,
        `T *re_owner = NULL;`, set to &re right after the test that leaves when the acquirer
        fails (`if (regcomp(&re, ...) != 0) return ...;`). Returns (declaration node, its
        specifiers, the failure test's if node, the owner's name, the other mentions of the
        variable)."""
        fx = self.fx
        fn, base = leak.acq.function, leak.base
        if leak.vtoks != [base] or not stealm:
            raise Decline("'%s' is not a plain variable" % leak.var)
        node, specs, d, _ = self.sole_decl(base)     # the declaration stays as it is
        if d.is_array or d.has_init or d.stars or "static" in specs or "extern" in specs:
            raise Decline("'%s' is not an automatic variable declared without a value" % base)
        owner = base + "_owner"
        if owner in fx.ids or owner in fx.fn.params:
            raise Decline("the name '%s' is taken" % owner)
        ai = fx.tok(leak.f["acquired_line"], leak.f["acquired_column"], "acquisition")
        why = Decline("%s() fills '%s' in place and its failure test is not `if (%s(&%s, "
                      "...) != 0) return ...;`: the cleanup could release what it never "
                      "filled" % (fn, base, fn, base))
        f = next((n for n in fx.nodes if n.kind == "if" and n.cond[0] + 1 == ai), None)
        if f is None or fx.ct[ai].text != fn or fx.ct[ai + 1].text != "(" or \
                fx.ct[ai + 2].text != "&" or fx.ct[ai + 3].text != base or \
                f.els is not None or f.parent is None or f.parent.kind != "block" or \
                f.parent is not node.parent or not fx.leaves(f.then, f):
            raise why
        tail = [t.text for t in fx.ct[fx.mate[ai + 1] + 1:f.cond[1]]]
        if tail not in ([], ["!=", "0"]):
            raise why
        uses = [i for i in fx.mentions(leak, fx.fn.open_i, fx.fn.close_i)
                if i not in (d.name_i, ai + 3)]
        return node, specs, f, owner, uses

    def declare_owner(self, node, specs, f, owner, macro, released):
        """`MACRO T *owner = NULL;` after the declaration, `owner = &base;` after the test."""
        fx = self.fx
        typ = " ".join(specs)
        end = fx.trailing_end(fx.ct[node.last].end)
        fx.edits.add(end, end, "\n%s%s %s *%s = NULL;  /* %s at scope exit, once set */"
                     % (fx.indent_at(fx.ct[node.first].start), macro, typ, owner, released))
        b = fx.trailing_end(fx.ct[f.last].end)
        base = owner[:-len("_owner")]
        fx.edits.add(b, b, "\n%s%s = &%s;" % (fx.indent_at(fx.ct[f.first].start), owner, base))
        self.scopes.append((node, owner))

    def owner_var(self, leaks, spec):
        """regcomp(&re, ...) through an owner pointer (owner_setup). A final regfree(&re)
        goes; another becomes regfree(TAKE_PTR(re_owner)). The struct may only be given by
        address to calls or read through `.`: a copy or a hand-off is declined."""
        fx, leak = self.fx, leaks[0]
        macro, stealm = spec
        node, specs, f, owner, uses = self.owner_setup(leak, stealm)
        for i in uses:
            line = fx.ct[i].line
            rel = self.release_at(i, leak)
            if rel is not None and fx.ct[i - 1].text == "&":
                s = self.release_stmt(*rel)
                if s is not None and s.first > f.last and self.final(s, leak, node.parent, False):
                    if s.parent is not None and s.parent.kind in ("if", "while", "for", "do"):
                        raise Decline("the release at line %d is a branch of its own" % line)
                    fx.edits.add(*self.line_span(s), "")
                    continue
                fx.edits.add(fx.ct[i - 1].start, fx.ct[i].end, steal(stealm, owner))
                continue
            if fx.ct[i - 1].text == "&" and fx.ct[i - 2].text in ("(", ",") and \
                    fx.ct[i + 1].text in (",", ")") and i > f.last:
                continue                    # regexec(&re, ...)
            if fx.ct[i + 1].text == "." and fx.ct[i + 3].text not in _ASSIGN and \
                    fx.ct[i - 1].text != "&" and i > f.last:
                continue                    # re.re_nsub
            raise Decline("'%s' is used at line %d other than by address in a call or "
                          "through a field read: the owner pointer would not follow it"
                          % (leak.base, line))
        self.declare_owner(node, specs, f, owner, macro,
                           "%s(&%s)" % (leak.acq.releases[0], leak.base))

    def thread_var(self, leaks, spec):
        """pthread_create(&t, ...) through an owner pointer (owner_setup) whose cleanup joins
        the thread: `UNWIND_JOIN pthread_t *t_owner = NULL;`. Every join or detach keeps its
        place, on the thread taken out of the owner (`pthread_join(*TAKE_PTR(t_owner),
        NULL)`): the code after a join may read what the thread wrote, so the join cannot wait
        for the scope's end. A store or return of t hands it on the same way
        (`p->tid = *TAKE_PTR(t_owner);`). Other reads of t stay (pthread_cancel(t): the
        scope's end then joins the cancelled thread); a copy into a local, a reassignment, its
        address or a sink are declined."""
        fx, leak = self.fx, leaks[0]
        macro, stealm = spec
        node, specs, f, owner, uses = self.owner_setup(leak, stealm)
        taken = "*" + steal(stealm, owner)
        for i in uses:
            line = fx.ct[i].line
            if i < f.last:
                raise Decline("'%s' is used at line %d before the thread is created"
                              % (leak.base, line))
            if self.release_at(i, leak) is not None:
                fx.edits.add(fx.ct[i].start, fx.ct[i].end, taken)
                continue
            if fx.ct[i - 1].text == "&" or fx.ct[i + 1].text in _ASSIGN:
                raise Decline("'%s' is assigned or given by address at line %d: the owner "
                              "pointer would not follow it" % (leak.base, line))
            if self.handed_on(i, leak, stealm, taken):
                continue
            if fx.ct[i - 1].text in ("(", ",") and fx.ct[i + 1].text in (",", ")"):
                continue                    # pthread_cancel(t), pthread_setname_np(t, ...)
            raise Decline("'%s' is used at line %d other than as a call's argument, a join "
                          "or a hand-off: the owner pointer would not follow it" % (leak.base, line))
        self.declare_owner(node, specs, f, owner, macro, "%s(%s, NULL)"
                           % (leak.acq.releases[0], leak.base))

    # ---- mappings: munmap() needs the length, so the cleanup is on an owner that carries it
    def mapping_var(self, leaks, spec):
        """`p = mmap(addr, len, ...);` tested by `if (p == MAP_FAILED) return ...;`: munmap()
        needs the length, which p does not carry, so the cleanup is on an owner struct
        declared after p, `{ NULL, 0 }` (portable: `UNWIND_MUNMAP struct unwind_mapping
        p_map`), set right after that test (`p_map.addr = p; p_map.len = len;`). The length
        must be a value that cannot have changed since the call. A final munmap(p, len) of
        that same length goes; another munmap, and a hand-off of p (returned, stored
        elsewhere than a local), take the address out of the owner
        (`munmap(TAKE_PTR(p_map.addr), len)`). p assigned again, copied into a local or
        given by address is declined, and so is what mapping_read() does not call a read."""
        fx = self.fx
        leak = leaks[0]
        macro, stealm = spec
        fn, base = leak.acq.function, leak.base
        typ = _MAPPING_TYPE.get(self.dialect)
        if typ is None or not stealm:
            raise Decline(no_cleanup_reason(leak, self.dialect))
        if leak.vtoks != [base]:
            raise Decline("'%s' is not a plain variable" % leak.var)
        node, specs, d, dl = self.sole_decl(base)
        if d.is_array or "static" in specs or "extern" in specs:
            raise Decline("'%s' is not an automatic variable" % base)
        owner = base + "_map"
        if owner in fx.ids:
            raise Decline("the name '%s' is taken" % owner)
        ai = fx.tok(leak.f["acquired_line"], leak.f["acquired_column"], "acquisition")
        if fx.ct[ai].text != fn or fx.ct[ai + 1].text != "(" or fx.mate[ai + 1] is None:
            raise Decline("the %s() call at line %d is not understood"
                          % (fn, fx.ct[ai].line))
        call_end = fx.mate[ai + 1]
        args = fx.args(ai + 1)
        if len(args) != 6:
            raise Decline("%s() at line %d does not have six arguments" % (fn, fx.ct[ai].line))
        la, lb = args[1]
        length = fx.src(la, lb)
        # the acquisition: `p = mmap(...);` (a cast allowed) or `T *p = mmap(...);`
        s = fx.stmt_at(ai)
        blk = node.parent
        shape = Decline("%s() is not called as `%s = %s(...);` followed by `if (%s == "
                        "MAP_FAILED) return ...;` in the block that declares '%s': the "
                        "owner could not be set once the mapping exists"
                        % (fn, base, fn, base, base))
        if s is None or s.parent is not blk or fx.ct[s.last].text != ";" or \
                call_end != s.last - 1:
            raise shape
        if s is node:
            if not d.has_init or d.init[1] != call_end:
                raise shape
            eq = d.init[0] - 1
        else:
            if s.kind != "expr" or fx.ct[s.first].text != base or \
                    fx.ct[s.first + 1].text != "=":
                raise shape
            eq = s.first + 1
        cast = eq + 1
        if not (cast == ai or (fx.ct[cast].text == "(" and fx.mate[cast] == ai - 1)):
            raise shape
        # the failure test: the next statement of the block that mentions p
        k = blk.stmts.index(s)
        f = next((m for m in blk.stmts[k + 1:] if fx.mentions(leak, m.first, m.last + 1)),
                 None)
        if f is None or f.kind != "if" or f.els is not None or not fx.leaves(f.then, f):
            raise shape
        cond = [t.text for t in fx.ct[f.cond[0] + 1:f.cond[1]]]
        if cond not in ([base, "==", "MAP_FAILED"], ["MAP_FAILED", "==", base]):
            raise shape
        for m in blk.stmts[k + 1:blk.stmts.index(f)]:
            if any(fx.ct[j].text in ("return", "goto", "break", "continue")
                   for j in range(m.first, m.last + 1)):
                raise Decline("the function may leave at line %d, between %s() and its "
                              "failure test, where the owner is not set yet"
                              % (fx.ct[m.first].line, fn))
        bases = self.length_bases(la, lb, length)
        rels = set(leak.acq.releases) | set(fx.wrappers.get(leak.f["family"], ()))
        self.length_unchanged(bases, call_end + 1, f.last + 1, length, "its failure test")
        # the uses of p
        for i in fx.mentions(leak, fx.fn.open_i, fx.fn.close_i):
            if i == d.name_i or (s is not node and i == s.first):
                continue
            line = fx.ct[i].line
            if f.cond[0] < i < f.cond[1] or f.then.first <= i <= f.then.last:
                continue                    # the test and its branch: nothing is mapped
            nxt, prev = fx.ct[i + 1].text, fx.ct[i - 1].text
            if nxt in _ASSIGN and not (nxt == "=" and fx.ct[i + 2].text == "=") or \
                    prev in ("++", "--"):
                raise Decline("'%s' is assigned again at line %d: the owner would unmap the "
                              "first mapping" % (base, line))
            if prev == "&":
                raise Decline("the address of '%s' is taken at line %d: the owner would not "
                              "follow a change of it" % (base, line))
            if i < f.first:
                raise Decline("'%s' is used at line %d before its failure test" % (base, line))
            rel = self.release_at(i, leak)
            if rel is not None:
                r = self.release_stmt(*rel)
                rargs = fx.args(rel[1])
                same = len(rargs) == 2 and key(fx.src(*rargs[1])) == key(length)
                if same and r is not None and self.final(r, leak, blk, False):
                    try:
                        self.length_unchanged(bases, call_end + 1, r.first, length, "")
                    except Decline:
                        same = False
                    if same:
                        if r.parent is not None and r.parent.kind in ("if", "while", "for",
                                                                      "do"):
                            raise Decline("the release at line %d is a branch of its own"
                                          % line)
                        fx.edits.add(*self.line_span(r), "")
                        continue
                fx.edits.add(fx.ct[i].start, fx.ct[i].end, steal(stealm, owner + ".addr"))
                continue
            if self.mapping_handed_on(i, leak):
                fx.edits.add(fx.ct[i].start, fx.ct[i].end, steal(stealm, owner + ".addr"))
                continue
            self.mapping_read(i, leak, rels)
        decl = "%s%s %s %s = { NULL, 0 };  /* munmap(%s, %s) at scope exit, once set */" \
            % (fx.indent_at(fx.ct[node.first].start), macro, typ, owner, base, length)
        if s is node:       # before `T *p = mmap(...);`, so the re-check sees it
            if not fx.starts_line(node.first):
                raise Decline("code precedes the declaration of '%s' on its line" % base)
            at = fx.line_start(fx.ct[node.first].start)
            fx.edits.add(at, at, decl + "\n")
        else:
            end = fx.trailing_end(fx.ct[node.last].end)
            fx.edits.add(end, end, "\n" + decl)
        b = fx.trailing_end(fx.ct[f.last].end)
        ind = fx.indent_at(fx.ct[f.first].start)
        fx.edits.add(b, b, "\n%s%s.addr = %s;\n%s%s.len = %s;"
                     % (ind, owner, base, ind, owner, length))
        self.scopes.append((node, owner))

    def length_bases(self, la, lb, length):
        """The variables the length expression (tokens la..lb) reads; Decline when it calls a
        function, dereferences a pointer or reads what is not a local or a constant."""
        fx = self.fx
        bases = set()
        why = "the length '%s' of mmap() is not a constant or a local's value" % length
        for j in range(la, lb + 1):
            t = fx.ct[j]
            if t.kind == "punct" and t.text in ("->", "[", "=", "++", "--") or \
                    t.kind == "punct" and t.text.endswith("=") and \
                    t.text not in ("==", "!=", "<=", ">="):
                raise Decline(why)
            if t.text == "*" and (j == la or fx.ct[j - 1].kind == "punct" and
                                  fx.ct[j - 1].text != ")"):
                raise Decline(why)                      # *lenp
            if t.kind != "id" or fx.ct[j - 1].text in (".", "struct", "union", "enum"):
                continue
            if t.text == "sizeof" or t.text in KEYWORDS or _MACRO_CONST.match(t.text):
                continue
            if fx.ct[j + 1].text == "(":
                raise Decline("the length '%s' of mmap() calls %s(), which may give another "
                              "value later" % (length, t.text))
            if t.text in fx.locals:
                bases.add(t.text)
            elif not t.text.endswith("_t"):             # a type in a cast: (size_t)n
                raise Decline(why)
        return bases

    def length_unchanged(self, bases, a, b, length, where):
        """Is no variable of the length assigned (or given by address) in tokens [a, b)?"""
        fx = self.fx
        for j in range(a, b):
            t = fx.ct[j]
            if t.kind != "id" or t.text not in bases or fx.ct[j - 1].text in (".", "->"):
                continue
            e = j
            while fx.ct[e + 1].text == "." and fx.ct[e + 2].kind == "id":
                e += 2
            nxt = fx.ct[e + 1].text
            if nxt in _ASSIGN and not (nxt == "=" and fx.ct[e + 2].text == "=") or \
                    fx.ct[j - 1].text in ("&", "++", "--"):
                raise Decline("'%s' of the length '%s' of mmap() may change at line %d, "
                              "before %s" % (t.text, length, t.line, where or "the munmap()"))

    def mapping_read(self, i, leak, rels):
        """A use of p that is neither a release, nor a hand-off, must only read the mapping:
        p given to mremap() or partly unmapped, or a pointer derived from p kept (`q = p +
        4;`, `return p + 4;`, `T *q = (T *)p;`) is declined: the owner would not follow it."""
        fx = self.fx
        line = fx.ct[i].line
        s = fx.stmt_at(i)
        calls = []                              # the calls p is an argument of, innermost first
        for k in range(i - 1, s.first - 1 if s is not None else i - 1, -1):
            if fx.ct[k].text == "(" and fx.mate[k] is not None and fx.mate[k] > i and \
                    fx.ct[k - 1].kind == "id" and (fx.ct[k - 1].text not in KEYWORDS or
                                                   fx.ct[k - 1].text == "sizeof"):
                calls.append(fx.ct[k - 1].text)
        if any(c in rels or c == "mremap" for c in calls):
            raise Decline("'%s' is given to %s() at line %d other than as the mapping it "
                          "unmaps: the owner would not follow it"
                          % (leak.var, next(c for c in calls if c in rels or c == "mremap"),
                             line))
        b = fx.ct[i - 2]
        if calls or s is None or fx.ct[i + 1].text in ("[", "->") or \
                fx.ct[i - 1].text == "*" and (b.kind == "punct" and b.text not in (")", "]")
                                              or b.text == "return"):
            return                              # memcmp(p, ...), p[4], *p
        if s.kind == "return" or s.kind == "decl" or \
                s.kind == "expr" and any(fx.ct[k].text in _ASSIGN for k in range(s.first, i)):
            raise Decline("a pointer into the mapping '%s' is kept at line %d: the owner "
                          "would unmap it at scope exit" % (leak.var, line))

    def mapping_handed_on(self, i, leak):
        """`return p;`, `return (T)p;`, `x->f = p;`, `*out = p;`: the mapping leaves; a copy
        into a local is declined; any other use reads it."""
        fx = self.fx
        s = fx.stmt_at(i)
        j = i - 1
        if fx.ct[j].text == ")" and fx.mate[j] is not None and fx.ct[i + 1].text == ";":
            j = fx.mate[j] - 1                          # a cast
        if fx.ct[i + 1].text != ";" or s is None:
            return False
        if s.kind == "return" and j == s.first:
            return True
        if s.kind == "expr" and fx.ct[j].text == "=":
            lhs = fx.ct[s.first:j]
            if len(lhs) == 1 and lhs[0].kind == "id" and lhs[0].text in fx.locals:
                raise Decline("'%s' is copied into the local '%s' at line %d: the owner would "
                              "not follow it" % (leak.var, lhs[0].text, fx.ct[i].line))
            return True
        return False

    def pair_var(self, leaks, spec):
        """`int fds[2]` filled by pipe()/pipe2()/socketpair(): the whole array gets the
        dialect's pair cleanup (`= { -1, -1 }`), which closes each end that is >= 0. Each end
        is handled like a plain variable: a final close goes, another close or a hand-off
        takes the end out of the array (TAKE_FD(fds[1])), so it is -1 afterwards and is not
        closed twice. Both ends are handled, whichever has the finding."""
        fx = self.fx
        leak = leaks[0]
        macro, stealm = spec
        base = leak.base
        if leak.vtoks != [base, "[", leak.vtoks[2], "]"] or not stealm:
            raise Decline("'%s' is not an end of a plain array" % leak.var)
        node, specs, d, dl = self.sole_decl(base)
        lb = d.name_i + 1
        if not d.is_array or d.has_init or d.stars or len(dl) != 1 or specs != ["int"] or \
                fx.ct[lb].text != "[" or fx.mate[lb] != lb + 2 or fx.ct[lb + 1].text != "2" \
                or fx.ct[lb + 3].text != ";":
            raise Decline("'%s' is not declared as `int %s[2];`" % (base, base))
        if _CLEANUP_ANY.search(fx.src(node.first, node.last)):
            raise Decline("'%s' is declared with a cleanup attribute already" % base)
        fam = fx.fams.get(leak.f["family"])
        acqs = {a.function for a in fam.acquires}
        # the array itself may only be given to its acquirer, as its pair argument
        for i in range(fx.fn.open_i, fx.fn.close_i):
            t = fx.ct[i]
            if t.kind != "id" or t.text != base or i == d.name_i or \
                    fx.ct[i - 1].text in ("->", "."):
                continue
            if fx.ct[i + 1].text == "[" and fx.ct[i + 2].text in ("0", "1") and \
                    fx.ct[i + 3].text == "]":
                continue
            if fx.ct[i - 1].text == "(" and fx.ct[i - 2].text in acqs and \
                    fx.ct[i + 1].text in (",", ")"):
                continue
            raise Decline("'%s' is used as a whole at line %d: the pair cleanup would "
                          "close what it holds" % (base, t.line))
        for end in ("0", "1"):
            f = dict(leak.f, variable="%s[%s]" % (base, end))
            el = type(leak)(f, leak.acq)
            self.mentions(el, node, d, acqs, "-1", stealm, strict=True)
        fx.edits.add(fx.ct[node.first].start, fx.ct[node.first].start, macro + " ")
        fx.edits.add(fx.ct[lb + 2].end, fx.ct[lb + 2].end, " = { -1, -1 }")
        self.scopes.append((node, base))

    def failure_branch(self, leak):
        """asprintf() and vasprintf() leave the pointer undefined when they fail: the branch
        of `if (asprintf(&p, ...) < 0)` (or `== -1`) must empty the variable first, so the
        cleanup releases nothing there. Returns the function that adds `p = NULL;` as that
        branch's first statement (with braces around a single statement); Decline when the
        test is not of that form."""
        fx = self.fx
        fn = leak.acq.function
        ai = fx.tok(leak.f["acquired_line"], leak.f["acquired_column"], "acquisition")
        why = Decline("%s() leaves '%s' undefined when it fails and its failure test is not "
                      "`if (%s(...) < 0)`: the cleanup would release garbage"
                      % (fn, leak.var, fn))
        if fx.ct[ai].text != fn or fx.ct[ai + 1].text != "(" or fx.mate[ai + 1] is None:
            raise why
        f = next((n for n in fx.nodes if n.kind == "if" and n.cond[0] + 1 == ai), None)
        if f is None or f.then is None:
            raise why
        tail = [t.text for t in fx.ct[fx.mate[ai + 1] + 1:f.cond[1]]]
        if tail not in (["<", "0"], ["==", "-", "1"]):
            raise why
        br = f.then

        def reset(empty):
            line = "%s = %s;" % (leak.base, empty)
            if br.kind == "block":
                if not br.stmts:
                    raise why
                first = fx.ct[br.stmts[0].first]
                ind = fx.indent_at(first.start)
                fx.edits.add(fx.line_start(first.start), fx.line_start(first.start),
                             ind + line + "\n")
                return
            a, b = fx.ct[br.first].start, fx.ct[br.last].end
            ind = fx.indent_at(fx.ct[f.first].start)
            if not fx.starts_line(br.first) or fx.text[b:fx.text.find("\n", b)].strip():
                raise why
            inner = fx.indent_at(a)
            close = fx.ct[f.cond[1]].end
            fx.edits.add(close, close, " {")
            fx.edits.add(fx.line_start(a), fx.line_start(a), inner + line + "\n")
            fx.edits.add(b, b, "\n" + ind + "}")
        return reset

    def mentions(self, leak, node, d, acqs, empty, stealm, strict=False):
        """Rewrite the uses of the variable: releases, hand-offs; decline the others that
        the cleanup would get wrong. strict: a release goes only when nothing but other
        releases and the return follow it (closing a pipe's write end is what lets its
        reader see end-of-file: it must not wait for the scope's end)."""
        fx = self.fx
        blk = node.parent
        for i in fx.mentions(leak, fx.fn.open_i, fx.fn.close_i):
            if i == d.name_i:
                continue
            e = i + len(leak.vtoks) - 1           # the last token: fds[0] is four
            line = fx.ct[i].line
            nxt = fx.ct[e + 1].text
            prev = fx.ct[i - 1].text
            rel = self.release_at(i, leak)
            if rel is not None:
                s = self.release_stmt(*rel)
                if s is not None and self.final(s, leak, blk, strict):
                    fx.edits.add(*self.line_span(s), "")
                    if s.parent is not None and s.parent.kind in ("if", "while", "for", "do"):
                        raise Decline("the release at line %d is a branch of its own" % line)
                    continue
                if not stealm:
                    raise Decline("'%s' is released at line %d and used after it, and the "
                                  "dialect has no macro to take it out of the variable"
                                  % (leak.var, line))
                fx.edits.add(fx.ct[i].start, fx.ct[e].end, steal(stealm, leak.var))
                continue
            if nxt == "=" and fx.ct[e + 2].text != "=":
                j = skip_cast(fx, e + 2)
                if fx.ct[j].text in acqs and fx.ct[j + 1].text == "(":
                    continue
                if key(fx.src(j, fx.stmt_at(j).last - 1)) in (key(empty), "0") and \
                        fx.ct[fx.stmt_at(j).last].text == ";":
                    continue
                raise Decline("'%s' is assigned something other than an acquisition at "
                              "line %d" % (leak.var, line))
            if prev == "&":
                op = max((k for k in range(fx.fn.open_i, i) if fx.ct[k].text == "(" and
                          fx.mate[k] is not None and fx.mate[k] > i), default=None)
                callee = fx.ct[op - 1].text if op else ""
                if callee in acqs:
                    continue
                raise Decline("the address of '%s' is given to %s() at line %d, which may "
                              "change it" % (leak.var, callee or "an expression", line))
            if self.handed_on(i, leak, stealm):
                continue
        return

    def handed_on(self, i, leak, stealm, taken=None):
        """`return p;`, `return (T)p;`, `x->f = p;`, `*out = p;`, `a[i] = p;`, `g = p;`:
        ownership leaves through the steal macro. A copy into a local is declined, a sink
        too; other uses read the resource and stay."""
        fx = self.fx
        s = fx.stmt_at(i)
        e = i + len(leak.vtoks) - 1
        line = fx.ct[i].line
        j = i - 1
        if fx.ct[j].text == ")" and fx.mate[j] is not None and fx.ct[e + 1].text in (";", ")"):
            j = fx.mate[j] - 1                          # a cast
        leaving = False
        if s.kind == "return" and j == s.first and fx.ct[e + 1].text == ";":
            leaving = True
        elif fx.ct[j].text == "=" and fx.ct[e + 1].text == ";" and s.kind == "expr":
            lhs = fx.ct[s.first:j]
            if len(lhs) == 1 and lhs[0].kind == "id" and lhs[0].text in fx.locals:
                if fx.for_cursor(i):
                    return True
                raise Decline("'%s' is copied into the local '%s' at line %d"
                              % (leak.var, lhs[0].text, line))
            leaving = True
            rest = s.parent.stmts[s.parent.stmts.index(s) + 1:] \
                if s.parent is not None and s.parent.kind == "block" else []
            if any(fx.mentions(leak, m.first, m.last + 1) for m in rest):
                raise Decline("'%s' is used after it is handed on at line %d"
                              % (leak.var, line))
        elif fx.ct[j].text in ("(", ","):
            op = max((k for k in range(fx.fn.open_i, i) if fx.ct[k].text == "(" and
                      fx.mate[k] is not None and fx.mate[k] > i), default=None)
            callee = fx.ct[op - 1].text if op else ""
            if any(callee in fam.sinks for fam in fx.fams.values()):
                raise Decline("'%s' is handed on to %s() at line %d, which takes it only when "
                              "it succeeds" % (leak.var, callee, line))
            if op and fx.ct[e + 1].text in (")", ",") and fx.ct[op - 1].kind == "id" and \
                    callee not in KEYWORDS:
                return self.call_handoff(i, e, op, leak, stealm, taken)
        if not leaving:
            return False
        if not stealm:
            raise Decline("ownership of '%s' leaves at line %d and the dialect has no macro "
                          "to take it out of the variable" % (leak.var, line))
        fx.edits.add(fx.ct[i].start, fx.ct[e].end, taken or steal(stealm, leak.var))
        return True

    def call_handoff(self, i, e, op, leak, stealm, taken=None):
        """The resource (tokens i..e) is an argument of the call at op. When the call takes
        it (handoff.classify: a summary sink, a storing macro, a call named for taking
        ownership, one given its destructor or announced as owning it by a comment), it goes
        through the steal macro; the call must be a statement of its own (whose failure
        cannot lead anywhere that still needs it) unless it owns it even when it fails, and
        nothing may use the variable after it. False when the call only borrows it."""
        from .handoff import classify
        fx = self.fx
        k = next(n for n, (a, b) in enumerate(fx.args(op)) if a <= i <= b)
        h = classify(fx, op, k, i, leak)
        if h is None:
            return False
        line = fx.ct[i].line
        s = fx.stmt_at(i)
        whole = s is not None and s.kind == "expr" and s.first == op - 1 and \
            fx.mate[op] == s.last - 1 and fx.ct[s.last].text == ";"
        if not (whole or h.announced):
            raise Decline("'%s' is handed to %s() at line %d (%s) in a test of its result: "
                          "it may keep it only when it succeeds" % (leak.var, h.callee, line,
                                                                    h.why()))
        if not stealm:
            raise Decline("'%s' is handed to %s() at line %d and the dialect has no macro to "
                          "take it out of the variable" % (leak.var, h.callee, line))
        # the steal macro empties the variable where it stands: another argument of the call
        # that reads it (`set(cb, free_it, TAKE_PTR(d), d->flags)`) may read NULL
        if any(fx.ct[n].text == leak.base and fx.ct[n - 1].text not in ("->", ".")
               for n in range(s.first, s.last + 1) if not i <= n <= e):
            raise Decline("'%s' is used in the statement that hands it to %s() at line %d "
                          "(%s): the steal macro would empty it before that use"
                          % (leak.var, h.callee, line, h.why()))
        if any(fx.ct[n].text == leak.base and fx.ct[n - 1].text not in ("->", ".")
               for n in range(s.last + 1, fx.fn.close_i)):
            raise Decline("'%s' is used after it is handed to %s() at line %d (%s)"
                          % (leak.var, h.callee, line, h.why()))
        fx.edits.add(fx.ct[i].start, fx.ct[e].end, taken or steal(stealm, leak.var))
        return True

    def declare(self, node, specs, d, macro, empty):
        """The declaration with the attribute, initialised."""
        fx = self.fx
        _, ds = declarators(fx.ct, fx.mate, node)
        init = "" if d.has_init else " = " + empty
        m = re.match(r"^(\w+)\((\w+)\)$", macro)
        if len(ds) == 1:
            name = fx.ct[d.name_i]
            if macro.startswith("__free("):            # the kernel writes it after the name
                fx.edits.add(name.end, name.end, " " + macro + init)
                return
            if m and m.group(1) == "g_autoptr":         # g_autoptr(FILE) fp: the type goes
                if specs[-1] != m.group(2) or d.stars != 1:
                    raise Decline("'%s' is not a %s *" % (d.name, m.group(2)))
                fx.edits.add(fx.ct[node.first].start, name.start, macro + " ")
            else:
                fx.edits.add(fx.ct[node.first].start, fx.ct[node.first].start, macro + " ")
            fx.edits.add(name.end, name.end, init)
            return
        # one of several declarators: it leaves the list for a declaration of its own
        k = ds.index(next(x for x in ds if x.name_i == d.name_i))
        if d.has_init and k != len(ds) - 1:
            raise Decline("'%s' is initialised in the middle of a declaration list" % d.name)
        first = d.name_i - d.stars
        last = d.init[1] if d.has_init else d.name_i
        if k == 0:
            nxt = ds[1]
            fx.edits.add(fx.ct[first].start, fx.ct[nxt.name_i - nxt.stars].start, "")
        else:
            comma = first - 1
            fx.edits.add(fx.ct[comma].start, fx.ct[last].end, "")
        typ = " ".join(specs)
        value = fx.src(*d.init) if d.has_init else empty
        if macro.startswith("__free("):
            decl = "%s %s%s %s = %s;" % (typ, "*" * d.stars, d.name, macro, value)
        elif m and m.group(1) == "g_autoptr":
            if specs[-1] != m.group(2) or d.stars != 1:
                raise Decline("'%s' is not a %s *" % (d.name, m.group(2)))
            decl = "%s %s = %s;" % (macro, d.name, value)
        else:
            decl = "%s %s %s%s = %s;" % (macro, typ, "*" * d.stars, d.name, value)
        end = fx.trailing_end(fx.ct[node.last].end)
        fx.edits.add(end, end, "\n" + fx.indent_at(fx.ct[node.first].start) + decl)

    # ---- locks
    def guard(self, leaks, spec):
        fx = self.fx
        leak = leaks[0]
        macro = spec[0]
        ai = fx.tok(leak.f["acquired_line"], leak.f["acquired_column"], "acquisition")
        s = fx.stmt_at(ai)
        locks = [i for i in range(fx.fn.open_i, fx.fn.close_i)
                 if fx.ct[i].text == leak.acq.function and fx.ct[i + 1].text == "("
                 and fx.args(i + 1) and key(fx.src(*fx.args(i + 1)[0])) == leak.key]
        if len(locks) != 1:
            raise Decline("'%s' is locked more than once in the function" % leak.var)
        if s is None or s.kind != "expr" or s.first != ai or fx.mate[ai + 1] != s.last - 1 \
                or s.parent is None or s.parent.kind != "block":
            raise Decline("the lock call at line %d is not a statement of its own"
                          % fx.ct[ai].line)
        blk = s.parent
        for i in fx.mentions(leak, fx.fn.open_i, fx.fn.close_i):
            rel = self.release_at(i, leak)
            if rel is None:
                continue
            r = self.release_stmt(*rel)
            line = fx.ct[i].line
            if r is None or not blk.contains(r) or r.first < s.last or \
                    not self.final(r, leak, blk, True):
                raise Decline("'%s' is unlocked at line %d before the end of the block: a "
                              "guard would hold it longer" % (leak.var, line))
            fx.edits.add(*self.line_span(r), "")
        base = leak.base
        ds = fx.decl_of(base)
        if ds and not (ds[0][0].last < s.first and ds[0][0].parent.contains(s)):
            raise Decline("the guard of '%s' would outlive the data it protects" % leak.var)
        args = fx.src(*fx.args(ai + 1)[0])
        fx.edits.add(fx.ct[s.first].start, fx.ct[s.last].end, "%s(%s);" % (macro, args))
        self.scopes.append((s, leak.var))

    # ---- jumps
    def no_jump_into(self):
        """No goto and no case label may enter the scope of a cleanup variable past its
        declaration (gcc would free garbage there, clang rejects it)."""
        fx = self.fx
        for d, name in self.scopes:
            blk = d.parent
            for n in fx.nodes:
                if n.kind == "goto":
                    lab = next((x for x in fx.nodes if x.kind == "label" and
                                x.label == n.label), None)
                    if lab is not None and blk.contains(lab) and lab.first > d.last and \
                            not (blk.contains(n) and n.first > d.last):
                        raise Decline("the goto at line %d would jump into the scope of the "
                                      "cleanup variable '%s' declared at line %d"
                                      % (fx.ct[n.first].line, name, fx.ct[d.first].line))
                if n.kind in ("case", "default") and blk.contains(n) and n.first > d.last:
                    sw = next(p for p in fx.ancestors(n) if p.kind == "switch")
                    if not (sw.first > d.last):
                        raise Decline("a case label at line %d would jump into the scope of "
                                      "the cleanup variable '%s'" % (fx.ct[n.first].line, name))


    def no_hidden_jump(self):
        """Macros of the file and its local headers that expand to a `goto` or a `return`
        hide jumps the statement parser cannot see. A hidden goto is kept only when its
        label is known (named in the macro or given as its argument) and the jump, as if
        written there, enters no cleanup variable's scope past its declaration; a hidden
        return only when its arguments do not name a cleanup variable (the scope exit would
        release what it returns). Otherwise Decline."""
        from .handoff import jumping_macros
        fx = self.fx
        if not self.scopes:
            return
        macros = jumping_macros([fx.text] + list(getattr(fx, "header_texts", ())))
        if not macros:
            return
        names = {name.split("[")[0].lstrip("&*") for _, name in self.scopes}
        for i in range(fx.fn.open_i + 1, fx.fn.close_i):
            t = fx.ct[i]
            if t.kind != "id" or t.text not in macros or fx.ct[i - 1].text in ("->", "."):
                continue
            kind, label, params = macros[t.text]
            args = []
            if fx.ct[i + 1].text == "(" and fx.mate[i + 1] is not None:
                args = [fx.src(a, b) for a, b in fx.args(i + 1)]
            elif params:
                continue                     # a function-like macro's name, not a use
            line = t.line
            used = set(re.findall(r"[A-Za-z_]\w*", " ".join(args)))
            if kind == "return":
                if used & names:
                    raise Decline("macro %s() at line %d returns and is given '%s': the "
                                  "cleanup would release what it returns"
                                  % (t.text, line, sorted(used & names)[0]))
                continue
            if label is None:
                body_label = self.macro_label(t.text, fx, params, args)
                label = body_label
            lab = next((x for x in fx.nodes if x.kind == "label" and x.label == label), None)
            if lab is None:
                raise Decline("macro %s() at line %d expands to a goto whose label fix mode "
                              "cannot see" % (t.text, line))
            s = fx.stmt_at(i)
            for d, name in self.scopes:
                blk = d.parent
                if blk.contains(lab) and lab.first > d.last and \
                        not (s is not None and blk.contains(s) and s.first > d.last):
                    raise Decline("macro %s() at line %d expands to a goto to '%s' that would "
                                  "jump into the scope of the cleanup variable '%s' declared "
                                  "at line %d" % (t.text, line, label, name,
                                                  fx.ct[d.first].line))

    @staticmethod
    def macro_label(name, fx, params, args):
        """The label of `goto PARAM` in a macro whose label is one of its parameters."""
        from .handoff import goto_param
        k = goto_param([fx.text] + list(getattr(fx, "header_texts", ())), name)
        if k is None or k >= len(args):
            return None
        arg = args[k].strip()
        return arg if re.match(r"^[A-Za-z_]\w*$", arg) else None


_FILLED_IN_PLACE = {"regcomp"}
_ASSIGN = {"=", "+=", "-=", "*=", "/=", "%=", "&=", "|=", "^=", "<<=", ">>=", "++", "--"}
_PAIR_MACRO = re.compile(r"PAIR|_pair_")
_CLEANUP_ANY = re.compile(r"__attribute__\s*\(\(\s*(?:__)?cleanup|\b_cleanup_\w*|"
                          r"\bg_auto(?:free|ptr|fd)\b|\b__free\s*\(|\bUNWIND_[A-Z_]+\b")


# munmap() needs the length: the owner struct that carries it, per dialect
_MAPPED = {"mmap"}
_MAPPING_TYPE = {"portable": "struct unwind_mapping", "systemd": "struct mapping"}


def no_cleanup_reason(leak, dialect):
    fn = leak.acq.function
    if fn == "mmap":
        return ("munmap() needs the mapping's length: the %s dialect has no cleanup that "
                "carries it" % dialect)
    if fn in ("regcomp", "glob"):
        return ("%s() fills a struct in place: the %s dialect has no cleanup for it"
                % (fn, dialect))
    if leak.acq.shape == "lock":
        return "the %s dialect has no lock guard for %s()" % (dialect, fn)
    return "the %s dialect has no cleanup attribute for %s()" % (dialect, fn)


class GotoInstead(Decline):
    """The dialect has no cleanup for a resource of the function (the table says `goto`): the
    function is fixed whole in the goto style."""


def plan_cleanup(fx, leaks, dialect):
    """Convert every resource with findings in the function, or Decline."""
    plan = Plan(fx, dialect)
    groups = {}
    for l in leaks:     # the ends of one pipe are one array, one cleanup variable
        groups.setdefault(l.base if l.acq.shape == "pair" else l.key, []).append(l)
    for k in sorted(groups, key=lambda k: groups[k][0].order):
        ls = groups[k]
        fam = fx.fams.get(ls[0].f["family"])
        if fam is None:     # a pair learned from the function: no table entry, no macro
            raise Decline("%s()/%s() is a pair learned from the function: the %s dialect has "
                          "no cleanup attribute for it (list the pair and its cleanup macro "
                          "in .cocci-unwind, or use --style goto)"
                          % (ls[0].acq.function, "/".join(ls[0].f.get("release") or ["?"]),
                             dialect))
        specs = {fam.cleanup_for(dialect, l.acq.function) for l in ls}
        spec = specs.pop()
        if spec == ("goto", ""):
            raise GotoInstead("the %s dialect unwinds %s() with labels"
                              % (dialect, ls[0].acq.function))
        if spec is None or specs:
            raise Decline(no_cleanup_reason(ls[0], dialect))
        if ls[0].acq.shape == "lock":
            plan.guard(ls, spec)
        else:
            plan.var(ls, spec)
    plan.no_jump_into()
    plan.no_hidden_jump()
    fx.flush_decls()


def has_header(text, toks, dialect, header):
    """Does the file include the dialect's header, or use its macros already?"""
    want = header.strip('<>"')
    for t in toks:
        if t.kind == "pp":
            m = re.match(r'#\s*include\s*[<"]([^>"]+)[>"]', t.text)
            if m and m.group(1) == want:
                return True
    code = " ".join(t.text for t in toks if t.kind not in ("comment", "pp", "str", "chr"))
    return bool(USES[dialect].search(code))


def include_edit(text, toks, header):
    """(offset, text) that adds `#include HEADER` after the last #include before the first
    line of code, or before the first code when there is none."""
    last = None
    for t in toks:
        if t.kind == "pp":
            if re.match(r"#\s*include\b", t.text):
                last = t
        elif t.kind not in ("comment",):
            break
    line = "#include %s\n" % header
    if last is not None:
        end = text.find("\n", last.end)
        end = len(text) if end < 0 else end + 1
        return end, line
    first = next((t for t in toks if t.kind != "comment"), None)
    off = text.rfind("\n", 0, first.start) + 1 if first is not None else len(text)
    return off, line


__all__ = ["DIALECTS", "HEADERS", "GotoInstead", "plan_cleanup", "has_header", "include_edit", "KEYWORDS"]
