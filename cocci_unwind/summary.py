"""The summary pass: the project's own release wrappers, sinks and acquirers.

cocci/summary.cocci prints facts about every function (calls that receive a parameter,
parameters stored where they outlive the call, returned values, assignments from calls);
`derive` closes them over the call graph:
  - a release wrapper of family F passes its parameter to a releaser of F;
  - a sink passes its parameter to a sink, in an argument that the sink keeps, or stores
    it; it is known by the arguments it keeps (libgit2's git_refspec__parse(refspec, input,
    ...) keeps a copy of input in refspec: it is a sink of neither);
  - an acquirer of F returns what an acquirer of F (shape `ret`) gave it, also in one arm
    of a conditional (`return c ? 1 : open(path, ...)`), and returns nothing else but
    failure values (NULL, a negative number); what it returns comes from acquirers only
    (not from a lookup, `t = cached`), and it keeps no copy (a container, a field, a call
    named for registering it: `RB_INSERT(..., t)`);
  - an acquirer of F through its pointer parameter k (shape out:k) stores there what an
    acquirer gave it (`*out = strdup(s)`), or hands the parameter on to an acquirer's
    out-argument (xasprintf(char **ret, ...) calls vasprintf(ret, ...)).
The failure test of a learned acquirer is its source's (`null` for xmalloc, which aborts
when malloc fails: callers test nothing, and nothing is excused that they do not test); of
one through a pointer, `none` when it returns nothing, else a status (`nonzero`, or `zero`
when it returns false on failure).
Function-like macros whose body releases a parameter count as release wrappers.
The result is JSON: {"release": {family: [...]}, "sink": {family: [...]},
"sink_args": {name: [argument indices]}, "sink_on_success": {name: [argument indices it keeps
only when it does not return NULL]}, "acquire": {family: [[name, failure], ...]}}, an
acquirer through a pointer as [name, failure, "out:K"]; also "noreturn" (the functions and
macros that never return: marked so, or whose code reaches a call of one unconditionally) and
"fatal_on" ({name: the classes of returned values on which every caller ends the process},
fatal.py) with "int_constants" (the tree's constants defined as numbers,
for reading returned values).
"""
import json
import os
import re
import subprocess
import sys

from . import csyntax, fatal, macros, passes, staging


class ToolError(Exception):
    """spatch could not run a pass."""

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
RULE = os.path.join(ROOT, "cocci", "summary.cocci")
_DEFINE = re.compile(r"^[ \t]*#[ \t]*define[ \t]+(\w+)\(([^)]*)\)((?:[^\n]*\\\n)*[^\n]*)", re.M)
_CALLEE = re.compile(r"\(?\b(\w+)\)?\s*\(")


_ALIAS = re.compile(r"^[ \t]*#[ \t]*define[ \t]+(\w+)[ \t]+\(?(\w+)\)?[ \t]*$", re.M)


def macro_facts(paths):
    """(macro, [params], body) of every function-like macro in the files, and of every
    alias `#define ngx_close_socket close` (as if it were `name(x) other(x)`)."""
    out = []
    for p in paths:
        try:
            with open(p, encoding="utf-8", errors="replace") as fh:
                text = fh.read()
        except OSError:
            continue
        for m in _DEFINE.finditer(text):
            params = [a.strip() for a in m.group(2).split(",") if a.strip()]
            out.append((m.group(1), params, m.group(3).replace("\\\n", " ")))
        for m in _ALIAS.finditer(text):
            if m.group(1) != m.group(2) and not m.group(2).isdigit():
                out.append((m.group(1), ["x"], " %s(x)" % m.group(2)))
    return out


def _balanced(text, i):
    """Index just past the parenthesis that closes the one at text[i]."""
    depth = 0
    for j in range(i, len(text)):
        if text[j] == "(":
            depth += 1
        elif text[j] == ")":
            depth -= 1
            if depth == 0:
                return j + 1
    return len(text)


def function_params(path):
    """{function: [parameter names]} for the function definitions in a file."""
    try:
        with open(path, encoding="utf-8", errors="replace") as fh:
            text = fh.read()
    except OSError:
        return {}
    out = {}
    for m in re.finditer(r"^[A-Za-z_][^;{}()]*?\b(\w+)\s*\(", text, re.M):
        end = _balanced(text, m.end() - 1)
        if not re.match(r"[\s\w()]*\{", text[end:end + 200]):
            continue
        names = []
        for chunk in text[m.end():end - 1].split(","):
            fp = re.search(r"\(\s*\*\s*(\w+)\s*\)", chunk)
            ids = re.findall(r"[A-Za-z_]\w*", re.sub(r"\[[^\]]*\]", "", chunk))
            if fp:
                names.append(fp.group(1))
            elif ids:
                names.append(ids[-1])
        # a function defined twice (in #if and #else branches) has the parameters of both
        have = out.setdefault(m.group(1), [])
        have.extend(n for n in names if n not in have)
    return out


def derive(facts, macros, fams):
    releaser = {}                                  # name -> set(families)
    for fam in fams.values():
        for r in fam.releases:
            releaser.setdefault(r, set()).add(fam.name)
    sinks = {}                                     # name -> argument indices kept
    for fam in fams.values():
        for s, ks in fam.sinks.items():
            sinks.setdefault(s, set()).update(ks)
    acquirer = {a.function: (a.family, a.failure) for fam in fams.values()
                for a in fam.acquires if a.shape == "ret"}
    out_acquirer = {a.function: (a.family, a.failure, a.arg) for fam in fams.values()
                    for a in fam.acquires if a.shape == "out"}
    # the failure test of a family's returned values (memory: NULL, fd: < 0): what a value
    # that an acquirer through a pointer filled is tested by once it is returned
    value_failure = {}
    for fam in fams.values():
        for a in fam.acquires:
            if a.shape == "ret":
                value_failure.setdefault(fam.name, a.failure)
    calls, fieldcalls, stores, rets, assigns, consts = [], [], {}, [], {}, {}
    sinkcalls = []     # (function, callee, argument of the callee, index of the parameter)
    elemcalls = []     # close(fd[0]) inside f(int fd[2]): f releases a pipe pair
    params = {}
    for f in facts:
        if f["kind"] in ("call", "fieldcall", "elemcall", "store", "outcall", "outstore") \
                and f["file"] not in params:
            params[f["file"]] = function_params(f["file"])
    retvals, others, nstores, resizes, filled = {}, {}, {}, {}, {}
    outcalls, outstores = [], []
    first = {}          # function -> the first return after it fills its pointer parameter
    retfile = {}        # function -> the file of its returns
    # from a header's inline functions only what removes findings: release wrappers and
    # sinks, not acquirers (each file that includes it would gain them)
    facts = [f for f in facts if not f["file"].endswith(".h") or
             f["kind"] in ("call", "fieldcall", "elemcall", "store")]
    handed = {}        # (function, local) -> the callees it is given to ("": stored)
    for f in facts:
        fn = f.get("function")
        if f["kind"] in ("call", "store"):
            handed.setdefault((fn, f["param"]), set()).add(f.get("callee", ""))
        elif f["kind"] == "fieldcall" and _REGISTERS.search(f["callee"]):
            # its own link handed to a container: `list_add_tail(&v->node, &pr->values)`
            handed.setdefault((fn, f["param"]), set()).add(f["callee"])
        if f["kind"] == "store":
            nstores[fn, f["param"]] = nstores.get((fn, f["param"]), 0) + 1
        if f["kind"] == "addrcall":
            filled.setdefault((fn, f["var"]), set()).add((f["callee"], f["arg"]))
            continue
        if f["kind"] == "retval":
            retvals.setdefault(fn, []).append(f["value"])
            retfile.setdefault(fn, f["file"])
            # `return (p);` and `return (xstrdup(s));` (tmux writes every return so), which
            # the rets rule's patterns do not match
            arms = _ternary_arms(f["value"])
            for arm in arms:
                arm = re.sub(r"^\(\s*[\w\s\*]+\)\s*(?=[A-Za-z_(])", "", _strip_parens(arm))
                m = _CALL_TEXT.match(arm)
                if re.match(r"^[A-Za-z_]\w*$", arm) and arm not in ("NULL", "nullptr"):
                    rets.append((fn, arm, ""))
                elif m and arm.endswith(")") and _balanced(arm, arm.index("(", m.end() - 1)) \
                        == len(arm):
                    rets.append((fn, "", m.group(1)))
                elif len(arms) == 1 and re.match(r"^-?\s*\d+[uUlL]*$", arm):
                    consts.setdefault(fn, set()).add(arm.replace(" ", ""))
            continue
        if f["kind"] == "assignval":
            m = _CALL_TEXT.match(f["value"])
            if not m and not _failure_value(f["value"]):
                others.setdefault((fn, f["var"]), set()).add(f["value"])
            elif m and re.match(r"^\s*%s\s*," % re.escape(f["var"]), f["value"][m.end():]):
                # `out = xRealloc(out, n)` grows what var holds: not where it comes from
                resizes.setdefault((fn, f["var"]), set()).add(m.group(1))
            continue
        if f["kind"] in ("outcall", "outstore"):
            ps = params[f["file"]].get(fn, ())
            if f["param"] in ps and not _then_fails(f["file"], f.get("line")) and \
                    not _ERROR_OUT.match(f["param"]):
                first.setdefault(fn, _first_return(f["file"], f.get("line")))
                k = ps.index(f["param"])
                if f["kind"] == "outcall":
                    outcalls.append((fn, f["callee"], f["arg"], k))
                else:
                    outstores.append((fn, k, f.get("callee") or "", f.get("var") or ""))
            continue
        if f["kind"] in ("call", "fieldcall", "elemcall", "store") and \
                f["param"] not in params[f["file"]].get(fn, ()):
            continue
        if f["kind"] == "call":
            calls.append((fn, f["callee"]))
            sinkcalls.append((fn, f["callee"], f.get("arg"),
                              params[f["file"]][fn].index(f["param"])))
        elif f["kind"] == "elemcall":
            elemcalls.append((fn, f["callee"]))
        elif f["kind"] == "fieldcall":
            # unlock(&s->lock) inside f(s): a lock wrapper (a field of other resources is not)
            if any(fam.how == "locked-by" for fam in fams.values()):
                fieldcalls.append((fn, f["callee"]))
        elif f["kind"] == "store":
            stores.setdefault(fn, set()).add(params[f["file"]][fn].index(f["param"]))
        elif f["kind"] == "return":
            rets.append((fn, f.get("var") or "", f.get("callee") or ""))
        elif f["kind"] == "retconst":
            consts.setdefault(fn, set()).add(f["value"])
        elif f["kind"] == "assign":
            assigns.setdefault((fn, f["var"]), set()).add(f["callee"])
    new_rel, new_acq = {}, {}
    new_sink = {fn: set(ks) for fn, ks in stores.items()}     # name -> argument indices
    # a function-like macro that stores a parameter into a field, an array or through a
    # pointer is a sink (redis: dictSetKey(d, entry, key) does `(entry)->key = (key)`, so
    # dictAddRaw and dictAdd keep the key they are given)
    for name, margs, body in macros:
        for k, a in enumerate(margs):
            if re.search(r"(->\s*\w+|\.\s*\w+|\])\s*\)?\s*=(?!=)\s*\(*\s*%s\s*\)*\s*(;|\)|$|\})"
                         % re.escape(a), body):
                new_sink.setdefault(name, set()).add(k)
    # release wrappers and sinks first, to their fixed point
    changed = True
    while changed:
        changed = False
        for fn, callee in calls + [(fn, c) for fn, c in fieldcalls
                                   if any(fams[x].how == "locked-by" for x in releaser.get(c, ()))]:
            for fam in releaser.get(callee, set()) | new_rel.get(callee, set()):
                if fam not in new_rel.setdefault(fn, set()) and fn not in releaser:
                    new_rel[fn].add(fam)
                    changed = True
        for fn, callee, arg, k in sinkcalls:
            kept = sinks.get(callee, set()) | new_sink.get(callee, set())
            if (arg is None and kept or arg in kept) and k not in new_sink.get(fn, ()):
                new_sink.setdefault(fn, set()).add(k)
                changed = True
        for fn, callee in elemcalls:
            # only descriptors come in arrays of ends (pipe, socketpair); a function that
            # frees the elements of an array of strings does not free the array
            if "fd" in releaser.get(callee, set()) | new_rel.get(callee, set()) \
                    and fn not in releaser and "fd" not in new_rel.setdefault(fn, set()):
                new_rel[fn].add("fd")
                changed = True
        for name, params, body in macros:
            for callee in _CALLEE.findall(body):
                fams_of = releaser.get(callee, set()) | new_rel.get(callee, set())
                if not fams_of or name in releaser:
                    continue
                args = re.search(r"\b%s\)?\s*\(([^;]*)" % re.escape(callee), body)
                if args and any(re.search(r"\b%s\b" % re.escape(a), args.group(1)) for a in params):
                    for fam in fams_of:
                        if fam not in new_rel.setdefault(name, set()):
                            new_rel[name].add(fam)
                            changed = True
    # then the acquirers, from the whole set of release wrappers: a function that releases
    # what it is given is no acquirer, whichever of the two facts came first
    def kept_elsewhere(fn, var, stored=0):
        """var is kept in a container or a field too (besides `stored` stores of its own):
        borrowed (htop: PCPDynamicColumn_new puts it in a Hashtable, Settings_newScreen in
        this->screens[]; tmux registers a new entry with RB_INSERT before returning it)."""
        kept = handed.get((fn, var), set())
        return (nstores.get((fn, var), 0) > stored or kept & set(sinks) or
                kept & set(new_sink) or any(_REGISTERS.search(c) for c in kept if c))

    def source_of(fn, var, callee):
        """(family, failure) of the acquirer that gave var (or the call `callee`), when
        every value var holds comes from acquirers of one family; else None."""
        if callee:
            return acquirer.get(callee) or new_acq.get(callee)
        if not var or others.get((fn, var)):
            return None
        got = {acquirer.get(s) or new_acq.get(s) for s in assigns.get((fn, var), ())
               if s not in resizes.get((fn, var), ())}
        # filled through its address by an acquirer (`xAsprintf(&path, ...); return path;`)
        for c, k in filled.get((fn, var), ()):
            out = out_acquirer.get(c) or new_acq.get(c, ())
            if len(out) == 3 and out[2] == k:
                got.add((out[0], value_failure.get(out[0], "none")))
        if not got or None in got or len({g[0] for g in got}) > 1:
            return None
        return sorted(got)[0]

    def returns_only(fn, fam, ok_vars):
        """Every value fn returns is the resource (a variable of ok_vars, a call of an
        acquirer of fam, also in one arm of a conditional) or a failure value."""
        for v in retvals.get(fn, ()):
            arms = _ternary_arms(v)
            for a in arms:
                a = _strip_parens(a)
                if a in ok_vars or _failure_value(a) or (len(arms) > 1 and _CONST.match(a)):
                    continue
                m = _CALL_TEXT.match(a)
                got = m and (acquirer.get(m.group(1)) or new_acq.get(m.group(1)))
                if got and got[0] == fam:
                    continue
                return False
        return True

    def _out_fail(fn):
        """_out_failure of fn; `zero` also for a flag it returns as its only value, that
        starts false and is set only to true (`int success = 0; .. success = 1; .. return
        success;`: openssh's dns_read_rdata())."""
        vals = retvals.get(fn) or []
        flag = {_strip_parens(v) for v in vals}
        if len(flag) == 1 and re.match(r"^[A-Za-z_]\w*$", next(iter(flag))):
            v = next(iter(flag))
            init = re.search(r"\b(?:int|bool|_Bool|gboolean|BOOL)\s+%s\s*=\s*(0|false|FALSE)\s*;"
                             % re.escape(v), _cached_text(retfile.get(fn, "")))
            set_to = others.get((fn, v), set())
            if init and set_to and set_to <= {"1", "true", "TRUE"}:
                return "zero"
        return _out_failure(vals, first.get(fn))

    changed = True
    while changed:
        changed = False
        for fn, var, callee in sorted(rets):
            if fn in acquirer or fn in new_acq or fn in new_rel:
                continue
            if var and kept_elsewhere(fn, var):
                continue
            got = source_of(fn, var, callee)
            if not got or _returns_status(got[1], consts.get(fn, ())):
                continue
            ok_vars = {v for f2, v, c in rets if f2 == fn and v and
                       source_of(fn, v, "") and source_of(fn, v, "")[0] == got[0]}
            if returns_only(fn, got[0], ok_vars):
                new_acq[fn] = got
                changed = True
        # through a pointer parameter: `*out = strdup(s)`, or the parameter handed on
        for fn, k, callee, var in sorted(outstores):
            if fn in acquirer or fn in new_acq or fn in new_rel or fn in out_acquirer:
                continue
            if var and kept_elsewhere(fn, var, stored=1):
                continue
            got = source_of(fn, var, callee)
            if got:
                new_acq[fn] = (got[0], _out_fail(fn), k)
                changed = True
        for fn, callee, arg, k in sorted(outcalls):
            if fn in acquirer or fn in new_acq or fn in new_rel or fn in out_acquirer:
                continue
            got = out_acquirer.get(callee) or (new_acq.get(callee) if len(
                new_acq.get(callee, ())) == 3 else None)
            if got and got[2] == arg:
                new_acq[fn] = (got[0], _out_fail(fn), k)
                changed = True
        # a function-like macro whose value is what an acquirer returns (bluez's
        # `new0(type, n)`, a statement expression that ends in `__p;` after `__p =
        # util_malloc(..)`; `#define xmalloc malloc`; `#define malloc0(n) calloc(1, (n))`)
        for name, margs, body in macros:
            if name in acquirer or name in new_acq or name in new_rel or \
                    name in out_acquirer or name in releaser:
                continue
            got = _macro_value_source(body, lambda c: acquirer.get(c) or (
                new_acq.get(c) if len(new_acq.get(c, ())) == 2 else None))
            if got:
                new_acq[name] = got
                changed = True
    # what unwind-inferred must not take for an acquirer: functions that return an object
    # they also keep (a constructor that registers it, `RB_INSERT(..., t); return t;`), or
    # one found rather than made (`t = RB_FIND(...)`, `t = cached`, a lookup)
    borrowed = set()
    for fn, var, callee in rets:
        if not var or fn in acquirer or fn in new_acq:
            continue
        if kept_elsewhere(fn, var) or others.get((fn, var)) or \
                any(_LOOKUP.search(s) for s in assigns.get((fn, var), ())):
            borrowed.add(fn)
    out = {"release": {}, "sink": {}, "sink_args": {}, "acquire": {},
           "borrowed": sorted(borrowed)}
    for fn, fs in sorted(new_rel.items()):
        for fam in sorted(fs):
            out["release"].setdefault(fam, []).append(fn)
    # a release wrapper keeps no argument it releases; it may keep others (openssh
    # ssh_packet_set_connection(ssh, fd_in, fd_out) frees ssh when it fails and stores the
    # descriptors in the session)
    released = {}
    for fn, callee, _arg, k in sinkcalls:
        if fn in new_rel and (callee in releaser or callee in new_rel):
            released.setdefault(fn, set()).add(k)
    args_kept = {fn: set(ks) - (released.get(fn, set(ks)) if fn in new_rel else set())
                 for fn, ks in new_sink.items()}
    kept = sorted(fn for fn, ks in args_kept.items() if ks)
    for fam in sorted(fams):
        if kept:
            out["sink"][fam] = kept
    out["sink_args"] = {fn: sorted(args_kept[fn]) for fn in kept}
    # a constructor that keeps an argument in what it returns, returns NULL when it fails and
    # releases that argument on no path: on its failure branch the argument is still the
    # caller's (`req = request_new(base, handle, ..); if (!req) return;` leaks handle), as
    # with the table's fdopen()
    frees = {(fn, k) for fn, callee, _arg, k in sinkcalls
             if callee in releaser or callee in new_rel}
    on_success = {fn: sorted(k for k in args_kept[fn] if (fn, k) not in frees)
                  for fn in kept if any(v.strip("() ") in ("NULL", "nullptr")
                                        for v in retvals.get(fn, ()))}
    out["sink_on_success"] = {fn: ks for fn, ks in on_success.items() if ks}
    for fn, got in sorted(new_acq.items()):
        item = [fn, got[1]] + (["out:%d" % got[2]] if len(got) == 3 else [])
        out["acquire"].setdefault(got[0], []).append(item)
    if "lock" in fams and fams["lock"].how == "locked-by":
        files = sorted({f["file"] for f in facts if f.get("file")})
        for name, k, unlock in lock_pairs(macros, files, fams.values()):
            out["acquire"].setdefault("lock", []).append(
                [name, "nonzero", "lock:%d" % k, unlock])
    return out


# a lock-like pair is named so: `HA_SPIN_LOCK`/`HA_SPIN_UNLOCK`, `db_lock`/`db_unlock`,
# `EVLOCK_LOCK`/`EVLOCK_UNLOCK`, `RWLOCK_WRLOCK`/`RWLOCK_WRUNLOCK`; a try-lock may fail
# without saying so to a reader, and the rest are queries (`is_locked`, `lock_held`)
_LOCK_WORD = re.compile(r"(LOCK|Lock|lock)(?!.*(?:LOCK|Lock|lock))")
_NOT_LOCKING = re.compile(r"(?i)unlock|try|is_?locked|locked|held|assert|init|destroy|free|"
                          r"new|alloc|create|file|_t$")
_LOCK_PARAM = re.compile(r"(?i)lock|mutex|mtx|spin|sem|^l$|^m$")


def _unlock_name(name):
    m = _LOCK_WORD.search(name)
    if not m or _NOT_LOCKING.search(name):
        return None
    return name[:m.start()] + {"LOCK": "UNLOCK", "Lock": "Unlock",
                               "lock": "unlock"}[m.group(1)] + name[m.end():]


def lock_pairs(macros, files, families):
    """(lock, argument of the lock, unlock) of the project's lock-like pairs: a function or
    function-like macro named for locking whose unlocking twin the tree defines too, both
    with the same parameters (haproxy `HA_SPIN_LOCK(lbl, l)`/`HA_SPIN_UNLOCK(lbl, l)`). The
    lock is the parameter that every non-empty definition of a macro gives to a call (`l`
    in `pl_take_s(l)` and in `__spin_lock(lbl, l, __func__, ..)`: the label is only logged
    in the second), or a function's only parameter, or the one named for a lock. A macro
    that is empty in every definition (a build without threads) locks nothing. A name that
    a family of the table (or an enabled pack) already knows is left to it."""
    known = {n for fam in families for n in [a.function for a in fam.acquires] +
             list(fam.releases)}          # a pack's pair (the kernel's mutex_lock) stays its own
    defs = {}           # name -> [(params, body or None for a function)]
    for name, params, body in macros:
        defs.setdefault(name, []).append((params, body))
    for path in files:
        for name, params in function_params(path).items():
            defs.setdefault(name, []).append((params, None))
    out = []
    for name in sorted(defs):
        unlock = _unlock_name(name)
        if name in known or not unlock or unlock not in defs:
            continue
        arity = {len(p) for p, _b in defs[name]} | {len(p) for p, _b in defs[unlock]}
        if len(arity) != 1 or arity == {0}:
            continue
        ks = None
        for params, body in defs[name]:
            if body is None:
                named = [i for i, a in enumerate(params) if _LOCK_PARAM.search(a)]
                got = {0} if len(params) == 1 else set(named[:1]) if len(named) == 1 else set()
            elif not body.strip() or re.match(r"^\s*(do\s*\{\s*(/\*.*?\*/)?\s*\}\s*while\s*\(\s*0"
                                               r"\s*\)|\(\s*\(?void\)?\s*0\s*\))\s*;?\s*$",
                                               body.strip(), re.S):
                continue                    # locks nothing in this build
            else:
                got = {i for i, a in enumerate(params)
                       if any(re.search(r"\b%s\b" % re.escape(a), args)
                              for args in re.findall(r"\w\s*\(([^;]*)\)", body))}
            ks = got if ks is None else ks & got
        if ks and len(ks) > 1:
            ks = {k for k in ks if not _constant_at_calls(name, k, files)}
        if ks and len(ks) == 1:
            out.append((name, ks.pop(), unlock))
    return out


_CONSTANT_ARG = re.compile(r"^([A-Z_][A-Z0-9_]*|\d+)$")
def _constant_at_calls(name, k, files):
    """The calls of name in the files (not its #define lines) give its argument k as a
    constant, nine times in ten at least (haproxy's lock label, `HA_SPIN_LOCK(SERVER_LOCK,
    &sv->lock)`; a wrapper macro may pass its own parameter on): a tag, not the lock."""
    const = other = 0
    for path in files:
        text = _cached_text(path)
        for m in re.finditer(r"\b%s\s*\(" % re.escape(name), text):
            if re.search(r"#\s*define\s+$", text[text.rfind("\n", 0, m.start()) + 1:m.start()]):
                continue
            args = [a.strip() for a in _split_top(text[m.end():])]
            if k < len(args):
                if _CONSTANT_ARG.match(args[k]):
                    const += 1
                else:
                    other += 1
    return const > 0 and other * 9 <= const


def _split_top(text):
    """The top-level arguments of a call, from the text after its open parenthesis."""
    out, depth, cur = [], 0, ""
    for ch in text[:2000]:
        if ch in "([{":
            depth += 1
        elif ch in ")]}":
            if depth == 0:
                break
            depth -= 1
        elif ch == "," and depth == 0:
            out.append(cur)
            cur = ""
            continue
        cur += ch
    out.append(cur)
    return out


_CALL_TEXT = re.compile(r"^\(?\s*(?:\(\s*[\w\s\*]+\)\s*)?([A-Za-z_]\w*)\s*\(")
_CONST = re.compile(r"^-?\s*(\d+[uUlL]*|'.'|[A-Z][A-Z0-9_]*)$")
_REGISTERS = re.compile(csyntax.REGISTERS)


# calls that find an object rather than make one
_LOOKUP = re.compile(r"(?i)(find|lookup|get|search|first|last|next|prev|head|tail|peek|cache)")


_LEADING_CAST = re.compile(r"^\(\s*[A-Za-z_][\w\s]*\**\s*\)\s*(?=[A-Za-z_(])")
_STMT_VALUE = re.compile(r"\b([A-Za-z_]\w*)\s*;\s*\}\s*$")


def _macro_value_source(body, acquirer_of):
    """(family, failure) of the acquirer whose result is a macro body's value, or None:
    `acq(..)`, cast or parenthesised, each arm of a conditional an acquisition or a failure
    value, or a statement expression `({ ...; v = acq(..); ...; v; })`. A body that also
    registers the value somewhere (`list_add(..)`) is none."""
    text = body.strip()
    if any(_REGISTERS.search(c) for c in _CALLEE.findall(text)):
        return None
    for _ in range(4):
        text = _strip_parens(_LEADING_CAST.sub("", _strip_parens(text)))
        text = re.sub(r"^__extension__\s*", "", text)
    if text.startswith("{"):
        m = _STMT_VALUE.search(text)
        if not m:
            return None
        var = m.group(1)
        sets = re.findall(r"(?<![\w.>])%s\s*=(?!=)\s*([^;]*);" % re.escape(var), text)
        if len(sets) != 1:
            return None
        arms = [sets[0]]
    else:
        arms = _ternary_arms(text)
    got = set()
    for arm in arms:
        arm = _LEADING_CAST.sub("", _strip_parens(arm))
        if _failure_value(arm):
            continue
        m = _CALL_TEXT.match(arm)
        if not m or not arm.endswith(")") or \
                _balanced(arm, arm.index("(", m.end() - 1)) != len(arm):
            return None
        src = acquirer_of(m.group(1))
        if not src:
            return None
        got.add(tuple(src))
    if len(got) != 1:
        return None
    return got.pop()


def _strip_parens(text):
    text = text.strip()
    while text.startswith("(") and text.endswith(")") and _balanced(text, 0) == len(text):
        text = text[1:-1].strip()
    return text


def _ternary_arms(text):
    """The values of `c ? a : b` (nested arms too), or [text]."""
    text = _strip_parens(text)
    depth, q = 0, -1
    for i, ch in enumerate(text):
        depth += ch in "(["
        depth -= ch in ")]"
        if ch == "?" and depth == 0 and q < 0:
            q = i
        elif ch == ":" and depth == 0 and q >= 0:
            return _ternary_arms(text[q + 1:i]) + _ternary_arms(text[i + 1:])
    return [text]


def _failure_value(text):
    """NULL, 0, a negative number or errno, also cast: what an acquirer returns when it
    fails."""
    t = re.sub(r"^\(\s*[\w\s\*]+\)\s*", "", _strip_parens(text))
    return bool(re.match(r"^(NULL|nullptr|0|-\s*\w+|-\s*\(.*\))$", t))


# a pointer parameter that receives an error's message (tmux `char **cause`, OpenBSD
# `const char **errstr`): what is stored there is made when the function fails
_ERROR_OUT = re.compile(r"(?i)^(cause|why|reason|problem|e?msg|errmsg|errstr\w*|err|error\w*|"
                        r"\w*_?(err|error|errmsg|errstr|cause))$")
_TEXTS = {}
_LINES = {}


def _cached_text(path):
    """The text of a file, read once per process ("" when it cannot be read)."""
    if path not in _TEXTS:
        try:
            with open(path, encoding="utf-8", errors="replace") as fh:
                _TEXTS[path] = fh.read()
        except OSError:
            _TEXTS[path] = ""
    return _TEXTS[path]
_RETURN = re.compile(r"\breturn\b\s*([^;]*);")


def _first_return(path, line):
    """What the first return after the line returns (in the same function), or None."""
    if not line:
        return None
    if path not in _LINES:
        _LINES[path] = _cached_text(path).split("\n")
    rest = "\n".join(_LINES[path][line - 1:line + 40])
    end = re.search(r"^\}", rest, re.M)
    m = _RETURN.search(rest[:end.start()] if end else rest)
    return m.group(1) if m else None


def _then_fails(path, line):
    """The first return after the line returns a failure value (NULL, a negative number,
    false): what was stored through the pointer is the error's message, not the result
    (tmux: `xasprintf(cause, "bad %s", x); return (-1);`, `*cause = xstrdup(..); return
    (NULL);`)."""
    v = _first_return(path, line)
    return v is not None and (_failure_value(v) and v.strip() not in ("0", "(0)")
                              or v.strip() in ("false", "FALSE"))


_BOOLEAN = {"0", "1", "true", "false", "TRUE", "FALSE"}


def _out_failure(values, first=None):
    """The failure test of an acquirer through a pointer: none when it returns nothing,
    zero when it returns false on failure (also a function of 0 and 1 whose first return
    after it fills the pointer, its acquisition's failure, is 0: openssh's
    `lastlog_openseek()`), else nonzero."""
    if not values:
        return "none"
    if any(v in ("false", "FALSE") for v in values):
        return "zero"
    if first is not None and _strip_parens(first) == "0" and \
            {_strip_parens(v) for v in values} <= _BOOLEAN:
        return "zero"
    return "nonzero"        # the same tests as neg; a cleanup variable starts NULL


def _returns_status(failure, constants):
    """A function of a descriptor family (failure < 0) that also returns 0 or another
    non-negative constant returns a status code: what it acquired stays elsewhere."""
    if failure not in ("neg", "minus1"):
        return False
    for c in constants:
        c = c.strip().rstrip("uUlL")
        try:
            if int(c, 0) >= 0:
                return True
        except ValueError:
            continue
    return False


def write_groups(files, workdir, name):
    """A --file-groups file with one file per group, so that files share no bindings."""
    path = os.path.join(workdir, name)
    names = [os.path.abspath(f) for f in files]
    bad = [n for n in names if "\n" in n or ":" in n]
    if bad:         # spatch would split or misread them: give it staged copies
        raise ToolError("spatch cannot be given the path %r" % bad[0])
    with open(path, "w", errors="surrogateescape") as fh:
        fh.write("\n\n".join(names) + "\n")
    return path


_INLINE_DEF = re.compile(r"\binline\b[^;{}()=]*\b\w+\s*\([^;{}]*\)\s*\{")


def inline_headers(headers):
    """The headers that define inline functions: a project's small release wrappers live
    there (htop's Compat_openatArgClose() closes its descriptor in Compat.h). derive() takes
    release wrappers and sinks from them, not acquirers."""
    out = []
    for h in headers:
        try:
            with open(h, encoding="utf-8", errors="replace") as fh:
                if _INLINE_DEF.search(fh.read()):
                    out.append(h)
        except OSError:
            pass
    return out


def build(files, fams, workdir, jobs, timeout=60):
    headers = headers_beside(files)
    headers += [h for h in headers_included(files) if h not in set(headers)]
    # spatch reads copies under generated names (see staging.py); the facts name the copies,
    # which derive() reads (same text, same suffix)
    stage = staging.Stage(workdir, "summary-stage")
    copies, _ = stage.add_all(files + inline_headers(headers))
    # a large file (generated code) in slices, as the rule passes give it (passes.slices)
    real, given = {}, []
    for i, c in enumerate(copies):
        if not (c.endswith(".c") and passes.is_large(c)):
            given.append(c)
            continue
        with open(c, encoding="latin-1") as fh:
            text = fh.read()
        for k, t in enumerate(passes.slices(text, passes.live_functions(text))):
            x = passes.write_copy(workdir, os.path.join("summary-slices", str(i), str(k)),
                                  os.path.basename(c), t)
            real[x] = stage.real(c)
            given.append(x)
    copies = given
    groups = write_groups(copies, workdir, "summary.groups")
    cmd = ["spatch", "--python", "/usr/bin/python3", "--sp-file", RULE, "--file-groups", groups,
           "--no-includes", "--include-headers", "--very-quiet", "--jobs", str(jobs),
           "--chunksize", "1", "--timeout", str(timeout), "--macro-file", macros.path(workdir)]
    proc = subprocess.run(cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    if proc.returncode != 0:
        raise ToolError("the summary pass failed (spatch exit %d): %s"
                           % (proc.returncode, proc.stderr.decode("utf-8", "replace")[-1500:]))
    for line in proc.stderr.decode("utf-8", "replace").splitlines():
        m = re.match(r"^EXN: (.*) in (\S+)$", line.strip())
        if m:       # with --file-groups spatch goes on, and exits 0
            print("cocci-unwind: %s: the summary pass %s there: the project's wrappers, sinks "
                  "and acquirers in it are unknown" % (real.get(m.group(2), stage.real(m.group(2))), "timed out" if "Timeout" in
                                                       m.group(1) else "failed (%s)" % m.group(1)),
                  file=sys.stderr)
    facts = []
    for line in proc.stdout.decode("utf-8", "replace").splitlines():
        if line.startswith("{"):
            try:
                facts.append(json.loads(line))
            except ValueError:
                pass
    ms = macro_facts(files + headers)
    out = derive(facts, ms, fams)
    out["noreturn"] = noreturn_functions(files + headers, ms)
    texts = []
    for f in files:
        if f.endswith(".c"):
            with open(f, encoding="latin-1") as fh:
                texts.append(fh.read())
    out["fatal_on"], constants = fatal.fatal_on_failure(texts, out["noreturn"])
    out["int_constants"] = {k: v for k, v in constants.items() if re.match(r"^[A-Z_][A-Z0-9_]*$", k)}
    return out


_NORETURN_MARK = re.compile(r"__attribute__\s*\(\(\s*(?:__)?noreturn(?:__)?\s*\)\)|"
                            r"\b_Noreturn\b|\[\[\s*noreturn\s*\]\]|\b__dead2?\b|"
                            r"\b\w*NORETURN\w*\b|\b__noreturn\b|\bnoreturn\b")
_ATTRIBUTE = re.compile(r"\b__attribute__\s*\(\((?:[^()]|\([^()]*\))*\)\)")


def noreturn_functions(paths, macros):
    """The functions the files declare never to return (a prototype or definition carrying
    `__attribute__((noreturn))`, `_Noreturn`, `[[noreturn]]`, `__dead`, or a project macro
    named NORETURN: git's die(), tmux's fatal(), openssh's sshfatal()), and the function-like
    macros whose body is a call of one (openssh `#define fatal_f(...) sshfatal(...)`)."""
    names = set()
    # tmux `#define printflike(a, b) __attribute__ ((format (printf, a, b)))`
    attributes = {n for n, _p, b in macros if re.match(r"\s*(__attribute__|__declspec)\b", b)}
    texts = []
    for p in paths:
        try:
            with open(p, encoding="utf-8", errors="replace") as fh:
                text = fh.read()
        except OSError:
            continue
        # comments and strings blanked, lengths kept
        text = re.sub(r"/\*.*?\*/|//[^\n]*|\"(?:\\.|[^\"\\\n])*\"",
                      lambda c: re.sub(r"[^\n]", " ", c.group(0)), text, flags=re.S)
        if p.endswith(".c"):
            texts.append(text)
        for m in _NORETURN_MARK.finditer(text):
            line_start = text.rfind("\n", 0, m.start()) + 1
            if re.match(r"\s*#", text[line_start:m.start()]):
                continue            # `#define NORETURN __attribute__((noreturn))`
            start = max(text.rfind(c, 0, m.start()) for c in ";{}") + 1
            before = text[start:m.start()]
            if before.count("(") != before.count(")") and "__attribute__" in before:
                before = before[:before.rindex("__attribute__")]   # ((noreturn, format(..)))
            if before.count("(") != before.count(")"):
                continue            # a parameter's (git: `NORETURN_PTR report_fn routine`)
            ends = [i for i in (text.find(";", m.end()), text.find("{", m.end())) if i >= 0]
            decl = text[start:min(ends) if ends else len(text)]
            decl = _ATTRIBUTE.sub(" ", re.sub(r"(?m)^\s*#.*$", " ", decl))
            if attributes:
                decl = re.sub(r"\b(?:%s)\s*\([^()]*\)" % "|".join(map(re.escape, attributes)),
                              " ", decl)
            decl = re.sub(r"/\*.*?\*/|//[^\n]*", " ", decl, flags=re.S)
            for c in re.finditer(r"\b([A-Za-z_]\w*)\s*\(", decl):
                name = c.group(1)
                if name.isupper() or name in attributes or name in csyntax.KEYWORDS or \
                        name in ("__attribute__", "__declspec", "sizeof",
                                              "typeof", "__typeof__", "_Pragma"):
                    continue
                if "(" not in decl[:c.start()]:
                    names.add(name)
                break
    # the functions defined here, their bodies (comments and strings blanked)
    bodies = {}
    for text in texts:
        lines = text.split("\n")
        try:
            spans = csyntax.function_spans(text)
        except Exception:       # a file the tokenizer cannot read: its attributes still count
            spans = []
        for fn, first, last in spans:
            code = "\n".join(lines[first - 1:last])
            o = code.find("{")
            if o >= 0:
                bodies.setdefault(fn, code[o + 1:code.rfind("}")])
    known = names | fatal.LIBC_NORETURN
    changed = True
    while changed:
        changed = False
        for name, _params, body in macros:
            c = re.match(r"^[\s(]*(?:do\s*\{\s*)?(?:\(\s*void\s*\)\s*)?([A-Za-z_]\w*)\s*\(",
                         body)
            if name not in names and ((c and c.group(1) in names) or
                                      _ends_in_call(_unwrap_do(body), known)):
                names.add(name)
                known.add(name)
                changed = True
        for fn, body in bodies.items():
            if fn not in names and _ends_in_call(body, known):
                names.add(fn)
                known.add(fn)
                changed = True
    return sorted(names)


def _unwrap_do(body):
    """A macro body without its `do { ... } while (0)` (or `{ ... }`) wrapper."""
    m = re.match(r"^\s*(?:do\s*)?\{(.*)\}\s*(?:while\s*\(\s*0\s*\))?\s*;?\s*$", body, re.S)
    return m.group(1) if m else body


def _ends_in_call(body, noreturn):
    """The code (a function's body, a macro's) reaches, unconditionally, a statement that is
    a call of a function that never returns, with no return, goto or label before it:
    chrony's `static void other_parse_error(..) { LOG_FATAL(..); }`, where `#define
    LOG_FATAL(...) do { LOG_MESSAGE(..); exit(1); } while (0)`."""
    depth, start = 0, 0
    for i, ch in enumerate(body):
        if ch in "({[":
            depth += 1
        elif ch in ")}]":
            depth -= 1
            if depth < 0:
                return False
        if depth == 0 and ch in ";}":
            stmt = body[start:i + 1]
            start = i + 1
            if re.search(r"\b(return|goto|longjmp|siglongjmp|switch|case|default)\b"
                         r"|^\s*\w+\s*:(?!:)", stmt):
                return False
            m = re.match(r"^\s*(?:\(\s*void\s*\)\s*)?([A-Za-z_]\w*)\s*\((.*)\)\s*;\s*$",
                         stmt, re.S)
            if m and m.group(1) in noreturn and _parens_balanced(m.group(2)):
                return True
    return False


def _parens_balanced(text):
    depth = 0
    for ch in text:
        depth += ch == "("
        depth -= ch == ")"
        if depth < 0:
            return False
    return depth == 0


_INCLUDE = re.compile(r'^[ \t]*#[ \t]*include[ \t]*"([^"]+)"', re.M)


_ANGLE_INCLUDE = re.compile(r'^[ \t]*#[ \t]*include[ \t]*<([^>]+)>', re.M)


def headers_included(files, depth=3):
    """Headers that the checked files include with quotes, found in the including file's
    folder or one of its parents (a project's -I folders are usually there): curl's
    lib/vtls/*.c include "memdebug.h" from lib/, where Curl_safefree is defined; and those
    included with angle brackets from the project's own `include/` folder there (haproxy's
    src/*.c include <haproxy/thread.h>, where its lock macros are defined)."""
    out, seen = [], set(files)
    todo = list(files)
    while todo:
        f = todo.pop()
        try:
            with open(f, encoding="utf-8", errors="replace") as fh:
                text = fh.read()
        except OSError:
            continue
        names = [("", n) for n in _INCLUDE.findall(text)] + \
            [("include", n) for n in _ANGLE_INCLUDE.findall(text)]
        base = os.path.dirname(os.path.abspath(f))
        for sub, name in names:
            d = base
            for _ in range(depth + 1):
                p = os.path.normpath(os.path.join(d, sub, name))
                if os.path.isfile(p):
                    if p not in seen:
                        seen.add(p)
                        out.append(p)
                        todo.append(p)
                    break
                d = os.path.dirname(d)
    return out


def headers_beside(files):
    """Headers in the folders of the checked files: where a project defines its macros."""
    seen, out = set(files), []
    for d in sorted({os.path.dirname(os.path.abspath(f)) for f in files}):
        try:
            names = sorted(os.listdir(d))
        except OSError:
            continue
        for n in names:
            p = os.path.join(d, n)
            if n.endswith(".h") and p not in seen and os.path.isfile(p):
                seen.add(p)
                out.append(p)
    return out


def extend_table(fams, summ):
    """Add the summary's acquirers to the table, as `ret` acquisitions of their family."""
    from .table import Acquire
    for fam, items in summ.get("acquire", {}).items():
        if fam not in fams:
            continue
        f = fams[fam]
        known = {a.function for a in f.acquires}
        base = next((a for a in f.acquires if a.shape == "ret"), None)
        if base is None and f.how != "locked-by":
            continue
        for item in items:
            name, failure = item[0], item[1]
            shape, _, arg = (item[2] if len(item) > 2 else "ret").partition(":")
            if shape == "lock" and len(item) > 3 and name not in known:
                f.acquires.append(Acquire(fam, name, shape, int(arg), failure, (item[3],),
                                          learned=True))
                continue
            if name not in known and base is not None:
                f.acquires.append(Acquire(fam, name, shape, int(arg) if arg else -1, failure,
                                          base.releases, learned=True))
