"""Generate the rule files cocci/unwind-<family>[-pair].cocci from the resource table.

    python3 -m cocci_unwind.gen [--out DIR] [--table FILE ...] [--check]

One rule file per family and resource form: a variable that the acquisition returns or
writes through an out-parameter, a lock expression, or the two ends of a pipe-like array.
Every file holds the same chain of small rules (acquisition, leaking path, failure-branch
exits, exits after a conditional release, releases elsewhere) and a Python block that
turns the matches into findings; nothing in it depends on a corpus case.
"""
import argparse
import os
import re
import sys

from . import csyntax, table

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
RUNTIME = os.path.join(os.path.dirname(os.path.abspath(__file__)), "rule_runtime.py")

EXITS = r"\(return@p2 ...;\|goto@p2 l;\)"
# A function named like a release (unwind-inferred learns pairs from their calls; case does
# not matter)
RELEASE_LIKE = (r"(free|close|destroy|release|unref|dispose|cleanup|clean_up|fini|deinit|dealloc|"
                r"unload|uninit|finalize|delete)|(^|_)(put|drop|done)($|_)")
BLOCK_EXITS = "{ ... when any\n  " + EXITS + " }"
# every exit of the file, bound before the path search (see Form.leak_rule)
EXITS_RULE = "@exits@\nposition p2;\nidentifier l;\n@@\n" + EXITS + "\n\n"

# Failure tests, by what they test: the returned resource (value) or the call's status.
# (the constant first as well: `if (-1 == fd)`, `if (0 > fd)`; `NULL == p` is an
# isomorphism of Coccinelle's)
VALUE_FAIL = {"null": ["V == NULL", "V == (T)0", "V == K"],
              "neg": ["V < 0", "V == -1", "V == (T)-1", "V == K", "K == V",
                      "-1 == V", "(T)-1 == V", "0 > V"],
              "mapfailed": ["V == MAP_FAILED"], "minus1": ["V == (T)-1", "(T)-1 == V"]}
VALUE_OK = {"null": ["V != NULL", "V != (T)0"],
            "neg": ["V >= 0", "V != -1", "V != (T)-1", "V != K", "K != V",
                    "-1 != V", "(T)-1 != V", "0 <= V"],
            "mapfailed": ["V != MAP_FAILED"], "minus1": ["V != (T)-1", "(T)-1 != V"]}
# status calls: 0 (or a named success constant such as SQLITE_OK, Z_OK) is success, and a
# named constant of another kind one of the failures (`if (r == GLOB_NOMATCH)`); for the
# `zero` kind (a boolean: FALSE on failure) it is the failure
STATUS_FAIL = ["V", "V != 0", "0 != V", "V < 0", "V <= 0", "V == -1", "V != OK", "V == NOK"]
STATUS_OK = ["V == 0", "0 == V", "!V", "V >= 0", "V == OK"]
COUNT_OK = ["V > 0", "0 < V"]
ZERO_FAIL = ["!V", "V == 0"]
ZERO_OK = ["V", "V != 0"]


def _alt(items):
    items = list(items)
    if len(items) == 1:
        return items[0]
    return r"\(" + r"\|".join(items) + r"\)"


def _tests(templates, v, conj=False, last=False):
    """The tests on v; with conj, also joined with another condition by && (the branch is
    still taken only when the acquisition failed); with last, the acquisition's test as the
    last operand of || (`if (fseek(...) || !(p = malloc(n)))`: the branch is taken before
    the acquisition ran or when it failed)."""
    tests = [t.replace("V", v) for t in templates]
    if conj:
        tests += ["C0 && %s" % t for t in tests] + ["%s && C0" % t for t in tests]
    if last:
        tests += ["C0 || %s" % t for t in tests]
    return _alt(tests)


def _maybe_cast(call):
    """The acquiring call, also under a cast (`p = (char *) malloc(n)`): the value is the
    same resource. The cast's type is TA, declared by acq_decls(): not the T of the kill
    forms, which would then match only a release under the same cast (`p = (struct x *)
    malloc(n)` then `free((char *)p)` was taken for no release; lsof arg.c)."""
    return r"\(%s(...)\|(TA)%s(...)\)" % (call, call)


def _alt_stmt(branches):
    return branches[0] if len(branches) == 1 else "(\n" + "\n|\n".join(branches) + "\n)"


def _args(n):
    return "".join("E%d, " % i for i in range(n))



# A sink keeps the arguments the table or the summary names (`sink memory pthread_create 3`;
# libgit2's git_refspec__parse(refspec, input, ...) keeps neither): the calls that take R,
# by the position of R, 3 standing for any later one
SINK_DECLS = ("".join("identifier snk%d : script:python () { _sink_at(snk%d, %d) };\n"
                      % (k, k, k) for k in range(4)) + "expression S1, S2, S3;\n")
# the sinks whose result, once assigned, says whether they took R: the table's (fdopen,
# fdopendir) return NULL when they fail and leave R with the caller, so the path search
# goes on past `fp = fdopen(fd, ...)` and _handed_to_call() excuses the exits outside the
# branch that tests fp
# functions that never return (exit(), err(), the project's die() or fatal(), learned by the
# summary from their noreturn attributes): a path through one ends the process
NORETURN_DECL = "identifier nret : script:python () { _noreturn(nret) };\n"
KEPT_SINK_DECLS = "".join("identifier ksnk%d : script:python () { _sink_kept_at(ksnk%d, %d) };\n"
                          % (k, k, k) for k in range(4))


def sink_calls(r, pos="", name="snk"):
    return [c.replace("snk", name) for c in (
        "snk0%s(%s, ...)" % (pos, r), "snk1%s(S1, %s, ...)" % (pos, r),
        "snk2%s(S1, S2, %s, ...)" % (pos, r), "snk3%s(S1, S2, S3, ..., %s, ...)" % (pos, r))]


class Form:
    """One rule file: a family's acquisitions that share how the resource is named."""

    def __init__(self, family, kind, acquires):
        self.family = family
        self.kind = kind            # var | lock | pair
        self.acquires = acquires

    @property
    def filename(self):
        return "%s%s.cocci" % (self.family.rule, "-pair" if self.kind == "pair" else "")

    @property
    def res(self):
        """The resource as it is written in the patterns."""
        return "A[I]" if self.kind == "pair" else "R"

    @property
    def arg(self):
        """The resource as a release's argument: itself, its address, or cast."""
        r = self.res
        return r"\(%s\|&%s\|(T)%s\)" % (r, r, r)

    # The acquiring call: one name, or an identifier metavariable constrained to a list of
    # names (`identifier fn0 = {malloc, calloc};`). A disjunction of the names instead made
    # Coccinelle 1.1.1 build one branch per name: the failure-test rule took 14 s rather than
    # 0.6 s on curl's openssl.c with the 62 allocators of curl's summary.
    def call(self, fns):
        fns = tuple(sorted(dict.fromkeys(fns)))
        if len(fns) == 1:
            return "%s@p1" % fns[0]
        calls = self.__dict__.setdefault("_calls", {})
        name = calls.setdefault(fns, "fn%d" % len(calls))
        return "%s@p1" % name

    def acq_decls(self, text):
        """The declarations of the call metavariables that text uses."""
        calls = self.__dict__.get("_calls", {})
        return "".join("identifier %s = {%s};\n" % (name, ", ".join(fns))
                       for fns, name in sorted(calls.items(), key=lambda kv: kv[1])
                       if re.search(r"\b%s@p1" % name, text)) + \
            ("type TA;\n" if "(TA)" in text else "")

    def by_shape(self, shape):
        groups = {}
        for a in self.acquires:
            if a.shape == shape:
                groups.setdefault(a.arg, []).append(a.function)
        return sorted(groups.items())

    # -- the rules ---------------------------------------------------------------------
    # Only `leak` searches paths; it names its own acquisition so that Coccinelle checks it
    # once per function rather than once per inherited binding. The rules after it match
    # locally (an if statement, a call) and _emit() orders them by function and line.
    def res_decl(self):
        if self.kind == "pair":
            return "local idexpression A;\nconstant I;\n"
        return ("expression" if self.kind == "lock" else "local idexpression") + " R;\n"

    def inherit(self):
        if self.kind == "pair":
            return "local idexpression acq.A;\nconstant acq.I;\nposition acq.p1;\n"
        rtype = "expression" if self.kind == "lock" else "local idexpression"
        return "%s leak.R;\nposition leak.p1;\n" % rtype

    def head(self):
        """The acquisition, binding the resource and p1 (on the acquiring function's name)."""
        branches = []
        for shape in ("out", "lock", "pair"):
            for arg, fns in self.by_shape(shape):
                call = self.call(fns)
                res = {"out": "&R", "lock": "R", "pair": "A"}[shape]
                branches.append("%s(%s%s, ...)" % (call, _args(arg), res))
        for _, fns in self.by_shape("ret"):
            branches.append("R = %s" % _maybe_cast(self.call(fns)))
        body = branches[0] if len(branches) == 1 else "(\n" + "\n|\n".join(branches) + "\n)"
        if self.kind == "pair":
            # one resource per end: bind I to each index of the array that the function uses
            body += "\n... when any\nA[I]"
        return body

    def kills(self, after_goto=False):
        """What ends a leaking path: a release, a sink, a reassignment, a hand-off by
        assignment (a statement, chained or not, or a declaration, so that a `for (it = res;
        ...)` cursor is no hand-off), or the address given to a call. After a goto, the cleanup label's
        `if (x) { release(x); ... }` counts as a release too."""
        r = self.res
        # a sink takes the resource where its call is a statement or an assignment's value;
        # one in a condition may fail (`if (list_insert(l, p) < 0) return -1;` leaks p):
        # _handed_to_call() excuses the exits outside the branch that tests it
        lines = ["when != rel(..., %s, ...)" % r, "when != rel(..., &%s, ...)" % r,
                 "when != rel(..., (T)%s, ...)" % r]
        lines += ["when != %s;" % c for c in sink_calls(r)]
        lines += ["when != %s%s;" % (lhs, c) for lhs in ("E = ", "T y = ")
                  for c in sink_calls(r, name="ksnk")]
        if self.kind == "lock":
            lines += ["when != wrel(...)"]
        else:
            lines += ["when != %s = E" % r, "when != E = %s;" % r, "when != E = (T)%s;" % r,
                      "when != E = C = %s;" % r,
                      "when != T y = %s;" % r, "when != T y = (T)%s;" % r]
        if self.kind == "var":
            # an element's address kept (`free_list = &(block[n - 1]);`, a pool whose
            # entries are chained and handed out): the block is held from there
            lines += ["when != E = &%s[C];" % r, "when != E = &(%s[C]);" % r]
            # `list_add_tail(&t->node, &dev->tags)`: the container holds it from there
            lines += ["when != g(..., &%s, ...)" % r, "when != reg(..., &%s->rfld, ...)" % r]
        if self.kind == "pair":
            # an end handed to a sink whose result is kept (`stream = fdopen(fds[0], "r")`):
            # the stream owns it from there (its failure branch is not told apart here, as
            # the variable form's _handed_to_call() does)
            lines += ["when != rel(..., A, ...)"]
            lines += ["when != %s%s;" % (lhs, c) for lhs in ("E = ", "T y = ")
                      for c in sink_calls(r)]
        # a path through exit() or abort() ends the process: nothing leaks on it
        lines += ["when != exit(...)", "when != _exit(...)", "when != abort()",
                  "when != nret(...)"]
        if after_goto:
            lines += ["when != if (C) { ... rel(..., %s, ...); ... }" % r,
                      "when != if (C) { ... rel(..., &%s, ...); ... }" % r]
        return "... " + "\n    ".join(lines)

    @property
    def src(self):
        """The rule that binds the resource: the pair form walks to A[I] in its own rule."""
        return "acq" if self.kind == "pair" else "leak"

    def leak_rule(self):
        """`exits` binds every exit of the file; `leak` then runs once per exit, with its
        position fixed, and finds a path from the acquisition to it that neither releases,
        hands on nor reassigns the resource (stopping at the first goto); `handoff` excuses
        the returns that hand the resource on, and `gleak` keeps a goto only when a path from
        it to a return releases nothing either.
        Measured with Coccinelle 1.1.1 on a 180-line function of curl's x509asn1.c (eight
        acquisitions, 25 returns): binding the exit inside the path search took 12 s, and
        following the goto to its return inside the same search more than 300 s; split as
        here, 0.9 s."""
        r = self.res
        nargs = max([a.arg for a in self.acquires] + [0])
        args = "".join("expression E%d;\n" % i for i in range(nargs))
        rels = ("identifier rel : script:python () { _is_release(rel) };\n" + SINK_DECLS +
                KEPT_SINK_DECLS + NORETURN_DECL +
                ("identifier wrel : script:python () { _is_wrapper(wrel) };\n"
                 if self.kind == "lock" else "") +
                ("identifier reg : script:python () { _registers(reg) };\nidentifier rfld;\n"
                 if self.kind == "var" else ""))
        # `g(..., &R, ...)` stops the path unless R is held by value (_address_takes_over)
        gdecl = ("identifier g : script:python (R) { _address_takes_over(g, R) };\n"
                 if self.kind == "var" else "identifier g;\n")
        common = "identifier l, l2, y;\n" + gdecl + "expression E, C;\ntype T;\n" + rels
        tail = "%s\n    when != goto l2;\n%s\n" % (self.kills(),
                                                  EXITS.replace("@p2", "@p2@pl"))
        if self.kind != "pair":
            mv = (self.res_decl() + "position p1, pl;\nposition exits.p2;\n" +
                  self.acq_decls(self.head()) + args + common)
            note = ("@script:python@\np2 << exits.p2;\n@@\n_note_file(p2)\n\n"
                    if self.kind == "var" else "")
            out = EXITS_RULE + note + "@leak exists@\n%s@@\n%s\n%s" % (mv, self.head(), tail)
        else:
            acq = ("@acq exists@\n%sposition p1;\n%s%s@@\n%s\n\n"
                   % (self.res_decl(), self.acq_decls(self.head()), args, self.head()))
            mv = self.inherit() + "position pl;\nposition exits.p2;\nidentifier F;\n" + common
            out = acq + EXITS_RULE + "@leak exists@\n%s@@\nF@p1(...)\n%s" % (mv, tail)
        # returns that hand the resource on: the value itself, or `&obj->base` (its first
        # member: C inheritance), or a call that releases it
        forms = ["%s", "(%s)", "(T)%s"] + (["&%s->fld", "(T)&%s->fld"] if self.kind == "var" else [])
        forms = [f % r for f in forms] + [r"<+... rel(..., \(%s\|&%s\), ...) ...+>" % (r, r)]
        handoff = ("@handoff@\n%sposition leak.pl;\nposition ph;\ntype T;\nidentifier fld;\n"
                   "identifier rel : script:python () { _is_release(rel) };\n@@\n(\n%s\n)\n\n"
                   "@script:python@\np1 << %s.p1;\nph << handoff.ph;\n@@\n_excuse(p1, ph)\n\n"
                   % (self.inherit(), "\n|\n".join("return@pl@ph %s;" % f for f in forms),
                      self.src))
        gleak = ("@gleak exists@\n%sposition leak.pl;\nposition pg;\nidentifier l;\n"
                 "identifier g, y;\nexpression E, C;\ntype T;\nposition pr;\n%s@@\ngoto@pl@pg l;\n%s\n"
                 "return@pr ...;\n\n"
                 "@script:python@\np1 << %s.p1;\npg << gleak.pg;\npr << gleak.pr;\n%s@@\n"
                 "_goto_leaks(p1, pg, pr, %s)\n"
                 % (self.inherit(), rels, self.kills(True), self.src,
                    "rv << acq.A;\ni << acq.I;\n" if self.kind == "pair"
                    else "rv << leak.%s;\n" % r,
                    '"%s[%s]" % (rv, i)' if self.kind == "pair" else "rv"))
        return out + "\n" + handoff + gleak

    def member_rule(self):
        """`X->fld = acq(..)` (or `acq(.., &X->fld)`) and an exit that a path reaches with the
        member neither released, handed on nor overwritten, and the container X neither
        aliased nor given to a call named for releasing or registering it, other than a
        release that cannot know its members (_ends_container). The path search
        finds candidates only: _emit_member() reports one where the code at the exit
        releases the container X but not the member, or where the function releases the
        member itself on another path and this exit returns a failure."""
        if self.kind != "var":
            return ""
        m = "X->fld"
        head = re.sub(r"\bR\b", m, self.head())
        nargs = max([a.arg for a in self.acquires] + [0])
        args = "".join("expression E%d;\n" % i for i in range(nargs))
        kills = ["when != rel(..., %s, ...)" % m, "when != rel(..., &%s, ...)" % m,
                 "when != rel(..., (T)%s, ...)" % m]
        kills += ["when != %s;" % c for c in sink_calls(m)]
        kills += ["when != %s = E" % m, "when != E = %s;" % m, "when != E = (T)%s;" % m,
                  "when != T y = %s;" % m, "when != g(..., &%s, ...)" % m,
                  "when != X = E", "when != E = X;", "when != T y = X;",
                  "when != kx(..., X, ...)", "when != kx(..., (T)X, ...)",
                  "when != kxa(..., &X, ...)",
                  "when != exit(...)", "when != _exit(...)", "when != abort()",
                  "when != nret(...)", "when != goto l2;"]
        mv = ("idexpression X;\nidentifier fld;\nposition p1, pl;\nposition exits.p2;\n" +
              self.acq_decls(head) + args + "identifier l, l2, y, g;\nexpression E;\ntype T;\n"
              "identifier rel : script:python () { _is_release(rel) };\n" + SINK_DECLS +
              NORETURN_DECL +
              "identifier kx : script:python () { _ends_container(kx, False) };\n"
              "identifier kxa : script:python () { _ends_container(kxa, True) };\n")
        out = ("@mleak depends on !patch && !context exists@\n%s@@\n%s\n... %s\n%s\n\n"
               % (mv, head, "\n    ".join(kills), EXITS.replace("@p2", "@p2@pl")))
        for mode, dep in (("report", "!org && !context && !patch"), ("org", "org")):
            out += ("@script:python depends on %s@\np1 << mleak.p1;\np2 << mleak.pl;\n"
                    "X << mleak.X;\nfld << mleak.fld;\n@@\n_emit_member(p1, p2, X, fld, \"%s\")\n\n"
                    % (dep, mode))
        return out

    # The rules that excuse an exit or raise the confidence bind their own resource (a
    # variable of the same name) instead of inheriting leak's, and run before it: Coccinelle
    # runs a rule once per inherited binding over every function of the file, which made them
    # 90% of the time on large files (curl's vtls.c: 19 of 21 s); after `leak`, their matches
    # would multiply its bindings. _emit() pairs what they record with the acquisition by
    # file, function and variable name, and orders them by line.
    def fresh(self, rule):
        """(declarations, script inputs, the variable's text in the script) of a rule that
        binds its own resource."""
        if self.kind == "pair":
            return (self.res_decl(), "A << %s.A;\nI << %s.I;\n" % (rule, rule),
                    '"%s[%s]" % (A, I)')
        return self.res_decl(), "R << %s.R;\n" % rule, "R"

    def fail_rule(self):
        """Exits inside the branch that tests the acquisition's own failure (and break or
        continue there: the exits after the loop may be reached with nothing acquired, which
        lowers the confidence)."""
        kinds = sorted({a.failure for a in self.acquires if not a.never_fails})
        if not kinds:
            return ""
        r = self.res
        ret = [a for a in self.acquires if a.shape == "ret" and not a.never_fails]
        status = [a for a in self.acquires if a.shape != "ret" and not a.never_fails]
        exits = r"\(return@p2 ...;\|goto@p2 l;\|break@p2;\|continue@p2;\)"
        block = "{ ... when any\n  " + exits + " }"
        at, var, valid, st_tests, okret = [], [], [], [], []
        if ret:
            vk = sorted({a.failure for a in ret})
            vf = [t for k in vk for t in VALUE_FAIL[k]]
            vo = [t for k in vk for t in VALUE_OK[k]]
            inplace = "(%s = %s)" % (r, _maybe_cast(self.call(a.function for a in ret)))
            # `if (value && !(val = strndup(value, n)))`: the branch is taken only when the
            # acquisition ran and failed, as in `if (C && (p = malloc(n)) == NULL)`
            for v, out in ((inplace, at), (r, var)):
                out.append("if (%s) %s" % (_tests(vf, v, conj=True, last=(v != r)), block))
                out.append("if (%s) S1 else %s" % (_tests(vo, v), block))
            # `if (fd != -1) return fd;` hands the valid value on: what follows, until the
            # variable is assigned again, is the failure path
            valid.append("if@pi (%s) { ... when any\n  return %s; }" % (_tests(vo, r), r))
            # `if ((fd = open(..)) >= 0) { close(fd); return 0; }`: what follows the if is
            # reached only when the acquisition failed
            # (also after another condition: `if (!probe && (sk = sk_open(..)) != NULL)
            # return sk;`, the if is not taken when the call did not run or failed)
            okret.append("if@pi (%s) { ... when any\n  return ...; }"
                         % _tests(vo, inplace, conj=True))
        # a count (asprintf(): the bytes written, -1 on failure) is also good when above 0
        for kind_fail, kind_ok, group in (
                (STATUS_FAIL, STATUS_OK, [a for a in status if a.failure not in ("zero", "neg")]),
                (STATUS_FAIL, STATUS_OK + COUNT_OK, [a for a in status if a.failure == "neg"]),
                (ZERO_FAIL, ZERO_OK, [a for a in status if a.failure == "zero"])):
            if not group:
                continue
            # the status tested as it comes, or as it is kept: `if (0 != (rc = f(..)))`
            call = r"\(%s(...)\|(E = %s(...))\)" % ((self.call(a.function for a in group),) * 2)
            # `if (use_re && regcomp(&re, ...) != 0)`: the branch is taken only when the call
            # ran and failed
            # and `if ((r = f(&a)) != 0 || (r = g(&b)) != 0)`: taken before g ran or when it
            # failed
            at.append("if (%s) %s" % (_tests(kind_fail, call, conj=True, last=True), block))
            at.append("if (%s) S1 else %s" % (_tests(kind_ok, call), block))
            # `if (C && f(..) == 0) { ..; return ..; }`: what follows the if is reached only
            # when the call did not run or failed
            okret.append("if@pi (%s) { ... when any\n  return ...; }"
                         % _tests(kind_ok, call, conj=True))
            # a status kept in a variable and tested later
            st_tests.append("if@pi (%s) %s" % (_tests(kind_fail, "st"), block))
            st_tests.append("if@pi (%s) S1 else %s" % (_tests(kind_ok, "st"), block))
        consts = (("identifier K : script:python () { _invalid_constant(K) };\n"
                   if any(a.failure in ("neg", "null") for a in ret) else "") +
                  ("identifier OK : script:python () { _success_constant(OK) };\n"
                   "identifier NOK : script:python () { _failure_status_constant(NOK) };\n"
                   if any(a.failure != "zero" for a in status) else "") +
                  ("type T;\n" if {"minus1", "null", "neg", "mapfailed"} & set(kinds) else ""))
        decls, inputs, v = self.fresh("fail_var")
        mv = "position p1, p2;\nidentifier l;\nexpression E, C0;\nstatement S1;\n" + consts
        out = []
        if at:
            out.append("@fail_at exists@\n%s%s%s@@\n%s\n\n"
                       "@script:python@\np1 << fail_at.p1;\np2 << fail_at.p2;\n@@\n"
                       "_fail_at(p1, p2)\n"
                       % (decls, mv, self.acq_decls(_alt_stmt(at)), _alt_stmt(at)))
        if var:
            out.append("@fail_var exists@\n%s%s@@\n%s\n\n"
                       "@script:python@\n%sp2 << fail_var.p2;\n@@\n_fail_var(%s, p2)\n"
                       % (decls, mv.replace("position p1, p2", "position p2"), _alt_stmt(var),
                          inputs, v))
        if valid:
            decls, inputs, v = self.fresh("fail_valid")
            out.append("@fail_valid exists@\n%sposition pi;\nexpression E;\n"
                       "statement S1;\n%s@@\n%s\n\n"
                       "@script:python@\n%spi << fail_valid.pi;\n@@\n_returns_valid(%s, pi)\n"
                       % (decls, consts, _alt_stmt(valid), inputs, v))
        if okret:
            out.append("@fail_okret exists@\n%sposition p1, pi;\nexpression E, C0;\n%s%s@@\n%s\n\n"
                       "@script:python@\np1 << fail_okret.p1;\npi << fail_okret.pi;\n@@\n"
                       "_ok_returns(p1, pi)\n"
                       % (decls if ret else "", consts, self.acq_decls(_alt_stmt(okret)),
                          _alt_stmt(okret)))
        if st_tests:
            calls = self.call(a.function for a in status)
            out.append("@fail_st@\nidexpression st;\nposition p1;\n%s@@\n"
                       "st = %s(...)\n\n"
                       "@script:python@\nst << fail_st.st;\np1 << fail_st.p1;\n@@\n"
                       "_status_var(p1, st)\n\n"
                       "@fail_sttest depends on fail_st exists@\nidexpression st;\n"
                       "position pi, p2;\nidentifier l;\nexpression C0;\nstatement S1;\n%s@@\n%s\n\n"
                       "@script:python@\nst << fail_sttest.st;\npi << fail_sttest.pi;\n"
                       "p2 << fail_sttest.p2;\n@@\n_status_test(st, pi, p2)\n"
                       % (self.acq_decls(calls), calls, consts, _alt_stmt(st_tests)))
        return "\n".join(out)

    def uses_rule(self):
        """Releases, sinks and hand-offs by assignment of a variable, matched locally: a
        release anywhere raises the confidence of the acquisitions before it (`_held`); one
        inside an if branch that then falls through covers the exits after it (`_guarded`).
        (A rule that matched the if statement around it took more than 250 s on curl's
        openssl.c.)"""
        r = self.res
        decls, inputs, v = self.fresh("uses")
        mv = (decls + "position pr;\nexpression E;\ntype T;\n"
              "identifier rel : script:python () { _is_release(rel) };\n" + SINK_DECLS)
        forms = [r"rel@pr(..., %s, ...)" % self.arg] + sink_calls(r, "@pr")
        if self.kind != "lock":
            forms += [r"E =@pr \(%s\|(T)%s\)" % (r, r)]
        out = ("@uses@\n%s@@\n(\n%s\n)\n\n"
               "@script:python@\n%spr << uses.pr;\n@@\n_use(%s, pr)\n"
               % (mv, "\n|\n".join(forms), inputs, v))
        if self.kind == "pair":
            # a wrapper given the whole array releases both ends (util-linux close_pair(fds))
            out += ("\n@uses_pair@\nlocal idexpression A;\nposition pr;\n"
                    "identifier rel : script:python () { _is_release(rel) };\n@@\n"
                    "rel@pr(..., A, ...)\n\n"
                    "@script:python@\nA << uses_pair.A;\npr << uses_pair.pr;\n@@\n"
                    "_use(\"%s[0]\" % A, pr)\n_use(\"%s[1]\" % A, pr)\n")
        return out

    def branch_rule(self):
        """`if (p) { ... release or hand-off ... }` (or the else of `if (!p)`): an exit after
        the whole if is reached with p released, handed on, or never valid. The ifs that test
        the resource are matched here, the releases by `uses`; _emit() checks that one lies
        in the valid branch. (A rule matching both at once took 1.6 s of 3.9 on curl's
        openssl.c.)"""
        ret = sorted({a.failure for a in self.acquires if a.shape == "ret" and not a.never_fails})
        if not ret:
            return ""
        r = self.res
        vf = [t for k in ret for t in VALUE_FAIL[k] if "K" not in t]
        vo = [t for k in ret for t in VALUE_OK[k] if "K" not in t]
        # a descriptor above the standard streams' numbers (`if (fd > STDERR_FILENO)`)
        vo += ["V > N", "V > RK"] if "neg" in ret else []
        decls, inputs, v = self.fresh("tests")
        # which branch is the valid one is read from the text: an isomorphism of Coccinelle
        # lets `if (R != NULL) S1 else S2` match `if (!R) ...` with the branches swapped
        consts = ("constant N;\nidentifier RK : script:python () { _range_constant(RK) };\n"
                  if "neg" in ret else "")
        return ("@tests@\n%s%sposition pi;\ntype T;\nstatement S1, S2;\n@@\n"
                "if@pi (%s) S1 else S2\n\n"
                "@script:python@\n%spi << tests.pi;\n@@\n_tested(%s, pi)\n"
                % (decls, consts, _tests(vo + vf, r), inputs, v))

    def wrapper_rule(self):
        # a lock wrapper typically unlocks a field of its argument: unlock(&s->lock)
        arg = {"lock": r"\(p\|&p\|&p->fld\|&p.fld\)",
               "pair": r"\(p\|&p\|p[C]\)"}.get(self.kind, r"\(p\|&p\)")
        return ("@wrapper depends on !summary exists@\nidentifier w, p, fld;\ntype T;\n%s"
                "identifier rel : script:python () { _is_release(rel) };\n@@\n"
                "w(..., T p, ...) {\n... when any\nrel(..., %s, ...);\n... when any\n}\n\n"
                "@script:python depends on !summary@\nw << wrapper.w;\n@@\n_add_wrapper(w)\n"
                % ("constant C;\n" if self.kind == "pair" else "", arg))

    def report_rules(self):
        var = "A" if self.kind == "pair" else "R"
        src = "acq" if self.kind == "pair" else "leak"
        extra = "i << acq.I;\n" if self.kind == "pair" else ""
        v = '"%s[%s]" % (' + var + ", i)" if self.kind == "pair" else var
        head = "p1 << %s.p1;\np2 << leak.pl;\n%s << %s.%s;\n%s@@\n" % (src, var, src, var, extra)
        out = ["@script:python depends on %s@\n%s_emit(p1, p2, %s, \"%s\")\n" % (dep, head, v, mode)
               for mode, dep in (("report", "!org && !context && !patch"), ("org", "org"))]
        # context mode: the findings that _emit keeps are starred, the acquisition and the exit
        out.append("@script:python depends on context@\n%sif not _emit(p1, p2, %s, \"context\"):\n"
                   "    cocci.include_match(False)\n" % (head, v))
        out.append("@depends on context@\nposition %s.p1;\nidentifier F;\n@@\n* F@p1(...)\n"
                   % src)
        out.append("@depends on context@\nposition leak.pl;\nexpression e;\nidentifier l;\n@@\n"
                   "(\n* return@pl e;\n|\n* return@pl;\n|\n* goto@pl l;\n)\n")
        return "\n".join(out)

    # -- the file ----------------------------------------------------------------------
    def header(self):
        fam = self.family
        fns = ", ".join(sorted({a.function for a in self.acquires}))
        rels = ", ".join(sorted({r for a in self.acquires for r in a.releases}))
        what = {"var": "", "lock": " (locks)", "pair": " (both ends of pipe-like arrays)"}
        return (
            "/// Find %s resources%s that a function acquires and then leaves on a\n"
            "/// return or goto without releasing and without handing them on.\n"
            "/// Acquired by: %s.\n"
            "/// Released by: %s, or a function in the same file that releases its argument.\n"
            "/// Not reported: the acquisition's own failure branch, exits after a conditional\n"
            "/// release, ownership handed on (returned, stored, passed to a sink), cleanup variables.\n"
            "///\n"
            "// Confidence: High where the function releases the resource on another path, Moderate otherwise\n"
            "// Copyright: (C) 2026 cocci-unwind authors. MIT License.\n"
            "// Comments: generated from cocci_unwind/resources.table by cocci_unwind/gen.py; do not edit.\n"
            "//  Exit status of spatch is 0 even when findings are printed; run.sh check sets it.\n"
            "// Options: --no-includes --include-headers --no-loops\n"
            "//  (--no-loops, also set below, drops loop back edges: it keeps the path search\n"
            "//  linear on large functions; a path that needs a second iteration is not followed.)\n\n"
            "#spatch --no-loops\n\n"
            "virtual patch\nvirtual context\nvirtual org\nvirtual report\nvirtual summary\n\n"
            % (fam.name, what[self.kind], fns, rels))

    def render(self, runtime):
        fam = self.family
        releases = sorted({r for a in self.acquires for r in a.releases})
        consts = ("FAMILY = %r\nRULE = %r\nRELEASES = %r\nSINKS = %r\nHOW = %r\nNOT_RELEASED = %r\n"
                  "RELEASE_LIKE = %r\nREGISTERS = %r\n"
                  % (fam.name, fam.rule, releases, {n: sorted(ks) for n, ks in sorted(fam.sinks.items())}, fam.how,
                     fam.not_released,
                     RELEASE_LIKE, csyntax.REGISTERS))
        if self.kind == "var" and getattr(self, "memory_releases", None):
            consts += "MEMORY_RELEASES = %r\n" % self.memory_releases
        if fam.allocators:
            consts += "ALLOCATORS = %r\n" % sorted(fam.allocators)
        if fam.borrows:
            consts += "BORROWS = %r\n" % sorted(fam.borrows)
        consts += "INITS = %r\n" % sorted(a.function for a in self.acquires if a.failure == "init")
        consts += "NEVER_FAILS = %r\n" % sorted({a.function for a in self.acquires if a.never_fails})
        init = "@initialize:python@\n@@\n" + consts + runtime.rstrip() + "\n"
        parts = [self.header(), init, self.wrapper_rule(), self.fail_rule(),
                 self.uses_rule(), self.branch_rule(), self.leak_rule(),
                 self.report_rules(), self.member_rule(), patch_rules(self)]
        return "\n".join(p for p in parts if p)


class InferredForm(Form):
    """unwind-inferred: acquire/release pairs learned from the function itself. Where a
    function assigns x = acq(...) and elsewhere calls rel(x), with rel named like a release
    (free, close, destroy, unref, put ...) and acq in no table, (acq, rel) is a pair for
    that function; the rules after the learning ones are the same as every family's."""

    def acq_decls(self, text):
        return "identifier acq : script:python () { _is_learned_acquirer(acq) };\n" + \
            ("type TA;\n" if "(TA)" in text else "")

    def __init__(self, fams):
        fam = table.Family("inferred")
        fam.acquires = [table.Acquire("inferred", "acq", "ret", -1, failure, ())
                        for failure in ("null", "neg")]
        super().__init__(fam, "var", fam.acquires)
        self.known = sorted({a.function for f in fams.values() for a in f.acquires})

    def call(self, fns):
        return "acq@p1"

    def learn_rules(self):
        return ("@learn_rel@\nlocal idexpression x;\nposition pr;\n"
                "identifier rel : script:python () { _release_like(rel) };\n@@\n"
                "\\(rel@pr(x);\\|rel@pr(&x);\\)\n\n"
                "@script:python@\nx << learn_rel.x;\nrel << learn_rel.rel;\npr << learn_rel.pr;\n"
                "@@\n_learn(pr, x, rel, _LEARNED_REL)\n\n"
                "@learn_asg@\nlocal idexpression x;\nexpression E;\nposition pa;\n@@\n"
                "x =@pa E\n\n"
                "@script:python@\nx << learn_asg.x;\nE << learn_asg.E;\npa << learn_asg.pa;\n"
                "@@\n_learn_assignment(pa, x, E)\n\n"
                "@learn_decl@\ntype T;\nidentifier x;\nexpression E;\nposition pa;\n@@\n"
                "T x@pa = E;\n\n"
                "@script:python@\nx << learn_decl.x;\nE << learn_decl.E;\npa << learn_decl.pa;\n"
                "@@\n_learn_assignment(pa, x, E)\n\n"
                "@learn_sval@\nidentifier S, x;\nexpression E;\nposition pa;\n@@\n"
                "struct S x@pa = E;\n\n"
                "@script:python@\nx << learn_sval.x;\npa << learn_sval.pa;\n"
                "@@\n_learn_by_value(pa, x)\n\n"
                "@learn_out@\nlocal idexpression x;\nidentifier g;\nposition pa;\n@@\n"
                "g@pa(..., &x, ...)\n\n"
                "@script:python@\nx << learn_out.x;\npa << learn_out.pa;\n"
                "@@\n_learn_assignment(pa, x, \"&\")\n")

    def by_value_rules(self):
        """A struct held by value, built by a learned acquirer and released through its
        address (`struct arena a = arena_new(); ... arena_free(&a);`): giving its address to
        other calls is using it, so `leak`'s path search (which stops at `g(..., &R, ...)`,
        a call that may set a pointer) does not see these exits; `vleak` finds them, and
        _emit reports those after a call that used it (before that, nothing is held yet)."""
        mv = ("identifier S, R;\nposition p1, pl;\nposition exits.p2;\n" +
              self.acq_decls("") +
              "identifier rel : script:python () { _is_release(rel) };\nexpression E;\n" +
              NORETURN_DECL)
        kills = ("... when != rel(..., &R, ...)\n    when != R = E\n    when != exit(...)\n"
                 "    when != _exit(...)\n    when != abort()\n    when != nret(...)\n")
        rule = ("@vleak exists@\n%s@@\nstruct S R = acq@p1(...);\n%sreturn@p2@pl ...;\n"
                % (mv, kills))
        head = "p1 << vleak.p1;\np2 << vleak.pl;\nR << vleak.R;\n@@\n"
        out = [rule]
        for mode, dep in (("report", "!org && !context && !patch"), ("org", "org")):
            out.append("@script:python depends on %s@\n%s_emit_by_value(p1, p2, R, \"%s\")\n"
                       % (dep, head, mode))
        return "\n".join(out)

    def header(self):
        return (
            "/// Find resources of a project's own types that a function acquires and then\n"
            "/// leaves on a return or goto without releasing, where the pair is learned from the\n"
            "/// function itself: x = acq(...) on one line and rel(x) on some path, with rel\n"
            "/// named like a release (free, close, destroy, unref, put, dispose ...) and acq in\n"
            "/// no resource table.\n"
            "/// Not reported: as for every family (failure branch, conditional release,\n"
            "/// ownership handed on, cleanup variables).\n"
            "///\n"
            "// Confidence: Moderate: the pair is a guess from names; reported as medium\n"
            "// Copyright: (C) 2026 cocci-unwind authors. MIT License.\n"
            "// Comments: generated by cocci_unwind/gen.py; do not edit.\n"
            "// Options: --no-includes --include-headers --no-loops\n\n"
            "#spatch --no-loops\n\n"
            "virtual patch\nvirtual context\nvirtual org\nvirtual report\nvirtual summary\n\n")

    def render(self, runtime):
        consts = ("FAMILY = 'inferred'\nRULE = 'unwind-inferred'\nRELEASES = []\nSINKS = {}\n"
                  "HOW = 'from'\nNOT_RELEASED = 'not released'\nINITS = []\nKNOWN_ACQUIRERS = %r\n"
                  "RELEASE_LIKE = %r\nREGISTERS = %r\n" % (self.known, RELEASE_LIKE,
                                                            csyntax.REGISTERS))
        init = "@initialize:python@\n@@\n" + consts + runtime.rstrip() + "\n"
        parts = [self.header(), init, self.learn_rules(), self.fail_rule(), self.uses_rule(),
                 self.branch_rule(), self.leak_rule(), self.report_rules(),
                 self.by_value_rules()]
        return "\n".join(p for p in parts if p)


# ---- patch mode (-D patch): the release-style local fix, as SmPL ---------------------------
# Families whose release is harmless on the value a failed acquisition leaves (free(NULL),
# close(-1)) or that cannot fail (locks): an exit reached before the failure test is still
# patched correctly. The other families (a FILE, DIR, handle or thread is undefined or
# NULL after a failure; fclose(NULL) crashes) and pipe ends print nothing in patch mode:
# use run.sh fix, which checks that the failure test comes first.
PATCH_RUNTIME = os.path.join(os.path.dirname(os.path.abspath(__file__)), "patch_runtime.py")


def patch_releases(form):
    """{acquirer: release form with %s for the resource} of the acquisitions of a rule file
    that patch mode may fix; {} when it fixes none."""
    fam = form.family
    if fam.pack or form.kind == "pair" or isinstance(form, InferredForm):
        return {}
    out = {}
    for a in form.acquires:
        if fam.name == "memory" and (a.shape == "ret" or a.never_fails):
            out[a.function] = "free(%s)"        # not asprintf: its pointer is undefined on failure
        elif fam.name == "fd" and a.shape == "ret":
            out[a.function] = "close(%s)"
        elif fam.name == "lock":
            out[a.function] = a.releases[0] + "(%s)"
    return out


def patch_rules(form):
    """The rules of patch mode: two path checks that veto unsafe exits, a Python block that
    keeps the findings report mode prints and that can be fixed, and the one rule that adds
    the release before the exit."""
    rels = patch_releases(form)
    if not rels:
        return ""
    with open(PATCH_RUNTIME) as fh:
        lines = fh.read().split("\n")
    while lines and lines[0].startswith("#"):
        lines.pop(0)
    init = ("@initialize:python depends on patch@\n@@\nPATCH_RELEASE = %r\n%s\n"
            % (rels, "\n".join(lines).strip()))
    r = form.res
    rdecl = form.inherit()
    kills = ["rel@pk(..., %s, ...)" % form.arg] + sink_calls(r, "@pk")
    if form.kind == "lock":
        kills += ["wrel@pk(...)"]
    else:
        kills += ["%s =@pk E" % r, "E =@pk %s" % r, "E =@pk (T)%s" % r]
    veto = ("@script:python depends on patch@\np1 << leak.p1;\np2 << leak.pl;\n"
            "q << %s.q;\n@@\n_patch_unsafe(p1, p2)\n")
    notdom = ("@pnotdom depends on patch exists@\nposition leak.p1, leak.pl;\nposition q;\n"
              "identifier F, G, l;\n@@\nF(...) {\n... when != G@p1(...)\n"
              "\\(return@pl@q ...;\\|goto@pl@q l;\\)\n... when any\n}\n\n" + veto % "pnotdom")
    kill = ("@pkill depends on patch exists@\n%sposition leak.pl;\nposition pk, q;\n"
            "identifier G, l;\nexpression E;\ntype T;\n"
            "identifier rel : script:python () { _is_release(rel) };\n%s%s@@\nG@p1(...)\n"
            "... when any\n(\n%s\n)\n... when any\n\\(return@pl@q ...;\\|goto@pl@q l;\\)\n\n"
            % (rdecl, SINK_DECLS, "identifier wrel : script:python () { _is_wrapper(wrel) };\n"
               if form.kind == "lock" else "", "\n|\n".join(kills)) + veto % "pkill")
    note = ("@script:python depends on patch@\np1 << leak.p1;\np2 << leak.pl;\n"
            "R << leak.R;\n@@\n_patch_note(p1, p2, R)\n")
    fix = ("@script:python pfix depends on patch@\np2 << leak.pl;\nrel;\n@@\n"
           "_s = _patch_statement(p2)\nif _s is None:\n    cocci.include_match(False)\n"
           "else:\n    coccinelle.rel = cocci.make_stmt(_s)\n\n"
           "@depends on patch@\nposition leak.pl;\nstatement pfix.rel;\nexpression e;\n"
           "identifier l;\n@@\n(\n+ rel\n  return@pl e;\n|\n+ rel\n  return@pl;\n|\n"
           "+ rel\n  goto@pl l;\n)\n")
    return "\n".join([init, notdom, kill, note, fix])


def forms(fams, inferred=True):
    """The rule files' forms; with inferred, also unwind-inferred (pairs it learns)."""
    out = []
    for fam in fams.values():
        groups = {"var": [], "lock": [], "pair": []}
        for a in fam.acquires:
            kind = {"ret": "var", "out": "var", "lock": "lock", "pair": "pair"}[a.shape]
            groups[kind].append(a)
        for kind in ("var", "lock", "pair"):
            if groups[kind]:
                out.append(Form(fam, kind, groups[kind]))
    # the C library's releases of memory: a container freed by one loses its members
    # (_emit_member)
    mem = sorted({r for a in fams["memory"].acquires for r in a.releases}) \
        if "memory" in fams else []
    for f in out:
        f.memory_releases = mem
    if inferred:
        out.append(InferredForm(fams))
    return out


def runtime_text():
    with open(RUNTIME) as fh:
        lines = fh.read().split("\n")
    # drop the leading comment block, which explains the file to its readers
    while lines and lines[0].startswith("#"):
        lines.pop(0)
    return "\n".join(lines)


def generate(fams):
    rt = runtime_text()
    return {f.filename: f.render(rt) for f in forms(fams)}


def outputs(out_dir, extra_tables=()):
    """{path: text} of every committed rule file: the built-in families in out_dir, each
    library pack's families in out_dir/packs (one file per family, usable on its own)."""
    fams = table.load(extra_tables)
    files = {os.path.join(out_dir, n): t for n, t in generate(fams).items()}
    for pack in table.packs():
        pf = table.load(packs=[pack])
        mine = {k: v for k, v in pf.items() if v.pack == pack}
        for n, t in {f.filename: f.render(runtime_text())
                     for f in forms(mine, inferred=False)}.items():
            files[os.path.join(out_dir, "packs", n)] = t
    return files


def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--out", default=os.path.join(ROOT, "cocci"))
    ap.add_argument("--table", action="append", default=[], help="extra table file")
    ap.add_argument("--check", action="store_true",
                    help="exit 1 if the files in --out differ from what the table generates")
    a = ap.parse_args(argv)
    try:
        files = outputs(a.out, a.table)
    except table.TableError as e:
        print("cocci-unwind: %s" % e, file=sys.stderr)
        return 2
    stale = []
    for path, text in sorted(files.items()):
        old = open(path).read() if os.path.exists(path) else None
        if old != text:
            stale.append(os.path.relpath(path, a.out))
            if not a.check:
                os.makedirs(os.path.dirname(path), exist_ok=True)
                with open(path + ".tmp", "w") as fh:
                    fh.write(text)
                os.replace(path + ".tmp", path)
    if a.check and stale:
        print("stale generated rules: %s" % ", ".join(stale), file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
