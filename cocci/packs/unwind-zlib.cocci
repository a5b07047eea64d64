/// Find zlib resources (locks) that a function acquires and then leaves on a
/// return or goto without releasing and without handing them on.
/// Acquired by: deflateInit, deflateInit2, inflateInit, inflateInit2.
/// Released by: deflateEnd, inflateEnd, or a function in the same file that releases its argument.
/// Not reported: the acquisition's own failure branch, exits after a conditional
/// release, ownership handed on (returned, stored, passed to a sink), cleanup variables.
///
// Confidence: High where the function releases the resource on another path, Moderate otherwise
// Copyright: (C) 2026 cocci-unwind authors. MIT License.
// Comments: generated from cocci_unwind/resources.table by cocci_unwind/gen.py; do not edit.
//  Exit status of spatch is 0 even when findings are printed; run.sh check sets it.
// Options: --no-includes --include-headers --no-loops
//  (--no-loops, also set below, drops loop back edges: it keeps the path search
//  linear on large functions; a path that needs a second iteration is not followed.)

#spatch --no-loops

virtual patch
virtual context
virtual org
virtual report
virtual summary


@initialize:python@
@@
FAMILY = 'zlib'
RULE = 'unwind-zlib'
RELEASES = ['deflateEnd', 'inflateEnd']
SINKS = {}
HOW = 'from'
NOT_RELEASED = 'not ended'
RELEASE_LIKE = '(free|close|destroy|release|unref|dispose|cleanup|clean_up|fini|deinit|dealloc|unload|uninit|finalize|delete)|(^|_)(put|drop|done)($|_)'
REGISTERS = '(?i)(insert|add|push|append|register|attach|link|enqueue|adopt|take|steal|_put$|hash_?put|set_?(data|value|item))'
ALLOCATORS = ['zalloc']
INITS = []
NEVER_FAILS = []
import json as _json
import os as _os
import re as _re

_SUMMARY = {}
if _os.environ.get("COCCI_UNWIND_SUMMARY"):
    with open(_os.environ["COCCI_UNWIND_SUMMARY"]) as _fh:
        _SUMMARY = _json.load(_fh)
WRAPPERS = set(_SUMMARY.get("release", {}).get(FAMILY, []))
RELEASES = set(RELEASES) | WRAPPERS
TABLE_SINKS = set(SINKS)    # the table's (fdopen, putenv): the summary's are added to SINKS
_SINK_ARGS = {n: set(ks) for n, ks in SINKS.items()}   # name -> the arguments it keeps
SINKS = set(SINKS) | set(_SUMMARY.get("sink", {}).get(FAMILY, []))
if FAMILY == "inferred":    # the resource of a learned pair is of any family: any sink takes it
    SINKS |= set().union(*_SUMMARY.get("sink", {}).values())
for _n, _ks in _SUMMARY.get("sink_args", {}).items():
    _SINK_ARGS.setdefault(_n, set()).update(_ks)
_JSON = _os.environ.get("COCCI_UNWIND_FORMAT") == "jsonl"
# What the rules after `leak` record. Keys: _key(p) of the acquisition, or _fkey() (file,
# function, variable) where the rule binds a variable of its own; _emit() pairs them.
_EXCUSED = set()        # (acquisition, exit): a hand-off, or an exit in its failure test
_FAIL_AT_BREAKS = {}    # acquisition -> break/continue keys in its failure test
_FAIL_VAR = {}          # fkey -> exit keys inside a failure test of the variable
_FAIL_VAR_BREAKS = {}   # fkey -> break/continue keys there
_VALID_RET = {}         # fkey -> ends of `if (valid) return var;`
_OK_RET = {}            # acquisition -> ends of `if (ok(call)) { ..; return ..; }`
_STATUS_VAR = {}        # acquisition -> (file, function, status variable)
_STATUS_TEST = {}       # (file, function, status variable) -> [(if key, exit key)]
_GOTO_LEAKS = set()
_HELD = {}              # fkey -> release keys
_GUARDS = {}            # fkey -> keys of conditional releases that fall through
_TESTS = {}             # fkey -> [(if key, True for a validity test, False for a failure test,
                        #   or RANGE: `fd > STDERR_FILENO`, the values the code releases)]
RANGE = "range"
_USES = {}              # fkey -> keys of releases, sinks and assignments away
_SEEN = set()
_LINES = {}
_CLEANUP = _re.compile(r"__attribute__\s*\(\(\s*(__)?cleanup|\b_cleanup_\w*|\bg_auto(free|ptr|fd)\b"
                       r"|\b__free\s*\(|\bauto_\w+|\bCLEANUP\w*|\bUNWIND_[A-Z_]+\b")
_LOCKED_DOC = _re.compile(r"(returns?|exits?|leaves?)\s+(with\s+)?[^.]*\b(locked|held)\b"
                          r"|\b(caller|callers)\s+(must\s+)?(un)?lock|__acquires|acquire_capability"
                          r"|exclusive_lock_function|ACQUIRE\(", _re.I)


def _is_release(name):
    """A release of the family; for unwind-inferred, any call named like a release also
    ends the resource (redis releases a split line with sdsfreesplitres(argv, argc) on one
    path and zfree(argv) on another)."""
    return name in RELEASES or (FAMILY == "inferred" and _release_like(name))


# functions that never return: the C library's, and the project's that the summary saw
# declared so (`__attribute__((noreturn))`, `_Noreturn`, `NORETURN`, `__dead`) or macros that
# call one (openssh `fatal_f(...)` calls sshfatal())
_NORETURN = {"exit", "_exit", "_Exit", "abort", "quick_exit", "err", "errx", "verr", "verrx",
             "pthread_exit", "longjmp", "siglongjmp", "__assert_fail"} | \
    set(_SUMMARY.get("noreturn", ()))


def _noreturn(name):
    return name in _NORETURN


_REGISTERS = _re.compile(REGISTERS)     # REGISTERS: written by gen.py (csyntax.REGISTERS)


def _registers(name):
    """name is named for putting what it is given in a container (`list_add_tail(&t->node,
    &dev->tags)`, `TAILQ_INSERT_TAIL`): handed its own link, the container holds it."""
    return bool(_REGISTERS.search(name))


def _is_wrapper(name):
    return name in WRAPPERS


def _sink_at(name, k):
    """name keeps its argument k (3: any argument from the fourth on). A summary saved
    before it knew arguments (--summary FILE) names no arguments: any is kept."""
    if name not in SINKS:
        return False
    ks = _SINK_ARGS.get(name)
    return ks is None or _kept_arg(ks, k)


def _kept_arg(ks, k):
    """k is among the argument indices ks (3: any argument from the fourth on)."""
    return k in ks if k < 3 else any(x >= 3 for x in ks)


_ON_SUCCESS = {n: set(ks) for n, ks in _SUMMARY.get("sink_on_success", {}).items()}


def _sink_kept_at(name, k):
    """name keeps its argument k whatever its result says: a sink of the project. A sink
    of the table (fdopen) returns NULL when it fails, with the argument still the
    caller's, and so does a constructor of the project that keeps the argument in what it
    returns and releases it on no path (the summary's sink_on_success)."""
    return name not in TABLE_SINKS and _sink_at(name, k) and \
        not _kept_arg(_ON_SUCCESS.get(name, ()), k)


def _add_wrapper(name):
    RELEASES.add(name)
    WRAPPERS.add(name)


# -- unwind-inferred: pairs learned from the function ------------------------------------
_RELEASE_LIKE = _re.compile(RELEASE_LIKE, _re.I)       # RELEASE_LIKE: written by gen.py
_LEARNED_REL = {}       # (file, function, variable) -> release names used on it
_LEARNED_ACQ = {}       # (file, function, variable) -> what is assigned to it: call names,
                        # or "" for anything else (a copy, arithmetic, its address given to
                        # a call that may set it); constants do not count
_LEARNED_ACQUIRERS = set()
# functions the summary saw return an object they keep or found (summary.py: borrowed)
_BORROWED = set(_SUMMARY.get("borrowed", ()))
_LEARN_FILE = [None]
_TRIVIAL = _re.compile(r"^(\(\s*[\w\s\*]+\)\s*)?(NULL|0|-\s*1|nullptr|false|FALSE)$")
_CALL = _re.compile(r"^([A-Za-z_]\w*)\s*\(")


def _release_like(name):
    return bool(_RELEASE_LIKE.search(name))


# accessors that read back a stored pointer (connGetPrivateData, dictGetVal,
# g_object_get_data, SSL_get_ex_data, pthread_getspecific, listNodeValue): borrowed
_ACCESSOR = _re.compile(r"(?:(?:^|_)(?i:get|fetch)|(?<=[a-z0-9])(?:Get|Fetch))\w*?"
                        r"(?i:data|val|value|specific)$|(?i:node_?value)$")


def _acquirer_candidate(name):
    """Not a table acquirer, not a release, and not an upper-case macro: those are casts,
    container_of-style lookups and list accessors (TAILQ_FIRST), which own nothing; nor an
    accessor of stored data (_ACCESSOR), nor a function the summary saw return an object it
    keeps or found (tmux: key_bindings_get_table(name, 0) looks the table up,
    file_create_with_client() puts the new file in its client's tree)."""
    return (name not in KNOWN_ACQUIRERS and name not in _BORROWED and not _release_like(name)
            and not name.isupper()
            and name not in ("container_of", "va_arg") and not _ACCESSOR.search(name))


def _learn_key(p, x):
    if p[0].file != _LEARN_FILE[0]:         # learned pairs hold within one file
        _LEARN_FILE[0] = p[0].file
        _LEARNED_ACQUIRERS.clear()
    return (p[0].file, p[0].current_element, " ".join(str(x).split()))


def _learn(p, x, name, into):
    k = _learn_key(p, x)
    into.setdefault(k, set()).add(str(name))
    RELEASES.add(str(name))
    _pair_learned(k)


_BY_VALUE = set()       # learn keys of structs held by value (`struct arena a = arena_new();`)
_BY_VALUE_ACQ = set()   # acquisitions (keys) of those: found by the vleak rule


def _learn_by_value(p, x):
    """x is a struct held by value and initialised by a call: giving its address to calls
    is how it is used (`arena_strdup(&a, s)`), not a new value for it."""
    _BY_VALUE.add(_learn_key(p, x))


def _learn_assignment(p, x, e):
    text = " ".join(str(e).split())
    if _TRIVIAL.match(text):
        return
    if text == "&" and _learn_key(p, x) in _BY_VALUE:
        return
    m = _CALL.match(text)
    k = _learn_key(p, x)
    _LEARNED_ACQ.setdefault(k, set()).add(m.group(1) if m and _acquirer_candidate(m.group(1))
                                          else "")
    _pair_learned(k)


def _pair_learned(k):
    """A pair is learned when the variable is released and every non-constant value it is
    given comes from one call: a variable reused for other values teaches nothing."""
    acq = _LEARNED_ACQ.get(k, ())
    if _LEARNED_REL.get(k) and len(acq) == 1 and "" not in acq:
        _LEARNED_ACQUIRERS.add(next(iter(acq)))


def _is_learned_acquirer(name):
    return name in _LEARNED_ACQUIRERS


def _learned_pair(p1, var):
    k = (p1[0].file, p1[0].current_element, var)
    acq = _LEARNED_ACQ.get(k, ())
    return acq == {_text(p1)} and bool(_LEARNED_REL.get(k))


def _key(p):
    return (p[0].file, int(p[0].line), int(p[0].column))


def _same_function(p, q):
    return p[0].file == q[0].file and p[0].current_element == q[0].current_element


def _norm(var):
    """A resource's text as findings name it: `s -> lock` is `s->lock`, `& l` is `&l`."""
    var = _re.sub(r"\s*(->|\.|\[|\]|\(|\))\s*", r"\1", " ".join(str(var).split()))
    return _re.sub(r"^([&*])\s+", r"\1", var)


def _fkey(p, var):
    return (p[0].file, p[0].current_element, _norm(var))


def _is_leave(p):
    """p is a break or continue (else a return or goto)."""
    return _re.match(r"(break|continue)\b", _text(p)) is not None


def _goto_leaks(p1, p2, pr, var):
    """A path from the goto at p2 to the return at pr releases nothing of p1's resource, and
    the return does not hand it on (htop: `err: pdata->error = true; return pdata;`)."""
    if not _same_function(p1, p2):
        return
    value = _returned(pr)
    var = _norm(var)
    if var and value is not None and (_CASTS.sub("", _bare(value)).rstrip(") ") == var or
                              _returns_owner(pr, var)):
        return
    if _released_under_same_pp(p1, p2, pr, var) or _released_on_error_status(p2, pr, var) \
            or _released_if_valid_at_label(p1, p2, pr, var) or _ends_on_error_status(p2, pr, var):
        return
    _GOTO_LEAKS.add((_key(p1), _key(p2)))


_ELSE_BODY = _re.compile(r"(?<![\w.>])else\b(?!\s*if\b)")


def _released_if_valid_at_label(p1, p2, pr, var):
    """The code from the goto's label releases var under a test that it holds something,
    at the top level of that code (`next: if (fd != -1) { (void)close(fd); fd = -1; }
    continue;`, openssh scp.c; `failed: if (nfd != NGX_INVALID_FILE) { if
    (ngx_close_file(nfd) == NGX_FILE_ERROR) ... }`, nginx ngx_copy_file; `if (p)`, `!=
    NULL`, `>= 0`), or under the condition the acquisition was made under (`if (filename) {
    fd = open(..); ... } ... done: if (filename) { if (close(fd) == -1) ... }`, nginx
    ngx_conf_parse): a goto taken while var holds the resource releases it there (the graph
    loses the test when the label heads the if, or the release is cast or tested)."""
    path, n2 = p2[0].file, int(p2[0].line)
    lines = _lines_from_label(p2, pr, var, n2 + 1)
    if not lines:
        return False
    text = "\n".join(_cline(path, i) for i in lines)
    text = _re.sub(r"^\s*\w+\s*:(?!:)", " ", text)          # the label itself
    v = _re.escape(var)
    same = [" ".join(c.split()) for c, then in
            _branches_holding(p1[0].file, int(p1[0].line), int(p1[0].column)) if then]
    valid = _re.compile(r"\bif\s*\(\s*(?:%s\s*(?:!=\s*%s|>=\s*0)?|%s\s*!=\s*%s%s)\s*\)"
                        % (v, _CONST, _CONST, v,
                           "".join("|" + _re.escape(c).replace("\\ ", r"\s*") for c in same
                                   if "(" not in c and "=" not in c.replace("==", "")
                                   .replace("!=", ""))))
    depth = 0
    k = 0
    while k < len(text):
        ch = text[k]
        if ch == "{":
            depth += 1
        elif ch == "}":
            depth -= 1
            if depth < 0:
                return False
        elif depth == 0:
            # or the else of a test at the label (`err: if (cs) { free(cs->seq); ... } else
            # free(seq);`, util-linux colors.c: cs took seq over): the code chose the branch
            g = valid.match(text, k) or _ELSE_BODY.match(text, k)
            if g:
                rest = text[g.end():]
                b = len(rest) - len(rest.lstrip())
                if rest[b:b + 1] == "{":
                    body = rest[b:_close(rest, b, "{", "}")]
                else:
                    body = rest.split(";")[0] + ";"
                if any(_is_release(c.group(1)) and
                       any(_re.match(r"^\(?\s*&?\s*%s\s*\)?$" % v, _CASTS.sub("", a))
                           for a in _split_args(body[c.end():]))
                       for c in _re.finditer(r"\b([A-Za-z_]\w*)\s*\(", body)):
                    return True     # a release anywhere in it (`if (close(fd) == -1)`)
        k += 1
    return False


_ST_GUARD = _re.compile(r"^\s*if\s*\(\s*([A-Za-z_]\w*)\s*(!=\s*0|<\s*0)?\s*\)")


def _nonzero_at_goto(path, n2, col, st):
    """st holds a failure (not 0) when the goto at line n2 runs: the statements before it in
    its block set `st = CONST;` (a negative number or a failure constant's name), or the goto
    is the branch of `if ((st = f(..)) != 0)`, `if (st != 0)`, `if (st < 0)`, `if (st)` (or
    an `||` chain of those)."""
    t = ("\n".join(_cline(path, i) for i in range(max(1, n2 - 12), n2)) + "\n"
         + _cline(path, n2)[:col]).rstrip()
    v = _re.escape(st)
    while t.endswith(";"):
        start = max(t.rfind(";", 0, len(t) - 1), t.rfind("{", 0, len(t) - 1),
                    t.rfind("}", 0, len(t) - 1)) + 1
        stmt = " ".join(t[start:].split())
        m = _re.match(r"^%s\s*=\s*(-\s*\d+|[A-Z][A-Z0-9_]*)\s*;$" % v, stmt)
        if m:
            value = m.group(1).replace(" ", "")
            return value.startswith("-") or _failure_status_constant(value)
        if _re.search(r"\b%s\b" % v, stmt) or _re.match(r"^(if|else|for|while|do|switch|case)\b",
                                                        stmt):
            return False
        t = t[:start].rstrip()
    if t.endswith("{"):
        t = t[:-1].rstrip()
    if not t.endswith(")"):
        return False
    o = _open_of(t, len(t) - 1, "(", ")")
    if o < 0 or not _re.search(r"\bif\s*$", t[:o]):
        return False
    cond = t[o + 1:-1]
    if "&&" in cond:
        return False
    fails = (r"^\s*\(\s*%s\s*=[^=].*\)\s*(!=\s*0|<\s*0)\s*$" % v,
             r"^\s*%s\s*(!=\s*0|<\s*0)?\s*$" % v)
    return all(any(_re.match(f, part, _re.S) for f in fails) for part in cond.split("||"))


def _goto_target(p2):
    """The label a `goto` at p2 jumps to, or None."""
    m = _re.match(r"goto\s+(\w+)", _text_at(_key(p2)))
    return m.group(1) if m else None


def _label_line(path, name, first, last):
    """The line from first to last (inclusive) that holds the label `name:`, or None."""
    lab = _re.compile(r"^\s*%s\s*:(?!:)" % _re.escape(name))
    return next((i for i in range(first, last + 1) if lab.match(_cline(path, i))), None)


def _lines_from_label(p2, pr, var, first):
    """The lines from the label of the goto at p2 (looked for from line `first`) to the
    return at pr, ending early at a line before pr that may leave another way (a return or
    a goto: the path need not go on); [] when var is not a plain name (or an element of an
    array at a constant index, a pipe's `fds[0]`) or there is no label."""
    name, path, nr = _goto_target(p2), p2[0].file, int(pr[0].line)
    if not name or not _re.match(r"^[A-Za-z_]\w*(\[\s*\w+\s*\])?$", var):
        return []
    label = _label_line(path, name, first, nr)
    if label is None:
        # a label before the goto (lsof arg.c: `nwad_exit:` inside an earlier block, its
        # releases under `if (sn)`, reached by gotos further down)
        n2 = int(p2[0].line)
        label = _label_line(path, name, _function_start(path, n2), max(n2, nr))
    out, hops, i = [], 0, label
    seg = label                 # where the stretch of lines being read began
    while i is not None and len(out) < 1000:
        out.append(i)
        if i == nr:
            break
        if _LEAVES.search(_cline(path, i)):
            # a goto the path must take (alone on its line, after a complete statement)
            # leads on to the next label (lsof arg.c: `unacc_port: ..; goto nwad_exit;`)
            m = _re.match(r"^\s*goto\s+(\w+)\s*;\s*$", _cline(path, i))
            before = next((_cline(path, j).rstrip() for j in range(i - 1, seg - 1, -1)
                           if _cline(path, j).strip()), "")
            if not m or hops >= 3 or not before.endswith((";", "{", "}", ":")):
                break
            hops += 1
            i = seg = _label_line(path, m.group(1), _function_start(path, i), max(i, nr))
            continue
        i += 1
    return out


# every call, nested ones too (`if (step(3) < 0) { free(p); ..` holds two): a lookahead, so
# that one call's arguments do not swallow the next call
_CALL_ARGS = _re.compile(r"\b(?=([A-Za-z_]\w*)\s*\(([^;]*))")


def _releases_var(text, var, named_like=False):
    """text calls a release (with named_like, also a function named like one) with var among
    its arguments."""
    v = _re.compile(r"(?<![\w.>])%s(?!\w)" % _re.escape(var))
    return any((_is_release(c.group(1)) or named_like and _release_like(c.group(1)))
               and v.search(c.group(2)) for c in _CALL_ARGS.finditer(text))


def _released_on_error_status(p2, pr, var):
    """The code from the goto's label releases var under `if (st != 0)` (or `if (st)`,
    `if (st < 0)`), and st holds a failure when the goto runs (openssh krl.c: `out: if (r !=
    0) ssh_krl_free(krl);`, every `goto out` after `r = SSH_ERR_...;` or in the branch of
    `if ((r = f(..)) != 0)`): the graph takes st as unknown at the label."""
    path, n2, nr = p2[0].file, int(p2[0].line), int(pr[0].line)
    for i in _lines_from_label(p2, pr, var, n2 + 1):
        g = _ST_GUARD.match(_cline(path, i)) if i < nr else None
        # a release, or a call named like one (a project's destructor the summary could not
        # read: ssh_krl_free)
        if g and _releases_var((_cline(path, i)[g.end():] + " " + _cline(path, i + 1))
                               .split(";")[0] + ";", var, named_like=True):
            return _nonzero_at_goto(path, n2, int(p2[0].column), g.group(1))
    return False


# `if (st == FAIL)`, `if (st != 0)`, `if (st < 0)`, `if (st)`: the status says it failed
_ST_FAILED = _re.compile(r"^\s*if\s*\(\s*([A-Za-z_]\w*)\s*(!=\s*0|<\s*0|==\s*([A-Z][A-Z0-9_]*))?\s*\)")


def _ends_on_error_status(p2, pr, var):
    """The code from the goto's label calls a function that never returns under a test of a
    status that holds a failure when the goto runs (dropbear ecc.c: `out: if (err ==
    DROPBEAR_FAILURE) dropbear_exit(..);`, with `int err = DROPBEAR_FAILURE;` not assigned
    before any `goto out`): on that path the process ends; the graph takes err as unknown at
    the label."""
    path, n2, nr = p2[0].file, int(p2[0].line), int(pr[0].line)
    for i in _lines_from_label(p2, pr, var, n2 + 1):
        g = _ST_FAILED.match(_cline(path, i)) if i < nr else None
        if not g or (g.group(3) and not _failure_status_constant(g.group(3))):
            continue
        rest = (_cline(path, i)[g.end():] + " " + _cline(path, i + 1)).lstrip(" \t{")
        m = _re.match(r"([A-Za-z_]\w*)\s*\(", rest)
        if m and _noreturn(m.group(1)):
            return _failing_at_goto(p2, g.group(1), g.group(3))
    return False


def _failing_at_goto(p2, st, const=None):
    """st holds a failure when the goto at p2 runs: set so just before it (_nonzero_at_goto),
    or initialised in its declaration to a failure (const, when given; else a negative number
    or a failure constant) and assigned nowhere between the declaration and the goto."""
    path, n2, col = p2[0].file, int(p2[0].line), int(p2[0].column)
    if const is None and _nonzero_at_goto(path, n2, col, st):
        return True
    text, off, start = _function_code(path, n2)
    before = text[:off[n2 - start] + col]
    m = _decl_re(st).search(before)
    v = _re.match(r"\s*([^;,]*)[;,]", before[m.end():]) if m and m.group(0).endswith("=") \
        else None
    if not v:
        return False
    value = " ".join(v.group(1).split())
    if const is not None:
        failed = value == const
    else:
        failed = value.replace(" ", "").startswith("-") or _failure_status_constant(value)
    return failed and not _assignment_re(st).search(before[m.end() + v.end():])


_PP = {}


def _pp_conditions(path, n):
    """The preprocessor conditionals around line n, outermost first: (the #if line's text,
    the number of #else/#elif passed) for each (computed once for every line of the file)."""
    if path not in _PP:
        stack, per_line = [], [()]
        for i in range(1, len(_src(path)) + 1):
            per_line.append(tuple(tuple(c) for c in stack))       # around line i
            t = _line(path, i).strip()
            m = _re.match(r"#\s*(if|ifdef|ifndef|elif|else|endif)\b(.*)", t)
            if not m:
                continue
            if m.group(1) in ("if", "ifdef", "ifndef"):
                stack.append([" ".join(t.split()), 0])
            elif m.group(1) in ("elif", "else") and stack:
                stack[-1][1] += 1
            elif m.group(1) == "endif" and stack:
                stack.pop()
        _PP[path] = per_line
    lines = _PP[path]
    return list(lines[n]) if 0 < n < len(lines) else []


def _exclusive_configurations(p1, p2):
    """The acquisition and the exit are in different branches of a preprocessor conditional
    on the same condition (`#ifdef USE_PIPES pipe(pin) ... #else if (socketpair(..) == -1)
    return -1; #endif`): no configuration compiles both, whatever path the graph joins."""
    path = p1[0].file
    at1 = dict(_pp_conditions(path, int(p1[0].line)))
    return any(cond in at1 and at1[cond] != branch
               for cond, branch in _pp_conditions(path, int(p2[0].line)))


_TEST_MACRO = _re.compile(r"\b[A-Z0-9_]*(?<![A-Z0-9])(TESTS?|TEST_?PROGRAM|UNIT_?TESTS?|SELFTESTS?)"
                          r"(?![A-Z0-9])[A-Z0-9_]*\b")


def _test_program_code(p1):
    """The acquisition is compiled only into a test program: inside `#ifdef TEST_PROGRAM` (or
    `#if defined(UNIT_TEST)`, `#ifdef TESTS`), not in its #else, nor under `#ifndef`
    (util-linux builds each library file's `test_*()` functions into a one-shot test binary
    whose main() returns right after them)."""
    for cond, branch in _pp_conditions(p1[0].file, int(p1[0].line)):
        if branch == 0 and not _re.match(r"#\s*ifndef\b", cond) and "!" not in cond \
                and _TEST_MACRO.search(cond.split(None, 1)[-1] if " " in cond else ""):
            return True
    return False


def _sinks_var(text, var):
    """text gives var to a sink, in an argument the sink keeps."""
    v = _re.compile(r"^\(?\s*%s\s*\)?$" % _re.escape(var))
    return any(_sink_at(c.group(1), k) for c in _CALL_ARGS.finditer(text)
               for k, a in enumerate(_split_args(c.group(2))) if v.match(a))


def _released_in_twin_branch(p1, p2, var):
    """The acquisition is inside a preprocessor conditional, and the exit's block releases
    var before it under the same conditional (openssh session.c: `#ifdef USE_PIPES
    close(perr[0]); close(perr[1]); #else close(err[0]); ... #endif return -1;` after pipes
    made under `#ifdef USE_PIPES`; or hands it to a sink there): the graph takes the #else
    branch as a path that skips the release, but in the configuration that acquires var the
    release runs.""" 
    path, n1, n2 = p1[0].file, int(p1[0].line), int(p2[0].line)
    pp = _pp_conditions(path, n1)
    if not pp:
        return False
    depth = 0
    for i in range(n2 - 1, n1, -1):
        t = _cline(path, i)
        depth += t.count("}") - t.count("{")
        if depth < 0:
            return False
        if depth == 0 and (_releases_var(t, var) or _sinks_var(t, var)) and \
                _pp_conditions(path, i)[:len(pp)] == pp and not _LEAVES.search(t) and \
                not _re.match(r"^\s*(if|else|while|for|do|switch|case|default)\b|^\s*[{}]", t) \
                and not _re.match(r"^\s*(if|else|for|while)\b.*[^;{}\s]\s*$",
                                  _prev_code_line(path, i)):
            return True     # a release statement of its own, not one a test guards
        if depth == 0 and _re.match(r"^\s*(case\b[^:]*|default\s*):", t):
            return False
    return False


def _released_under_same_pp(p1, p2, pr, var):
    """The code from the goto's label to the return releases var inside a preprocessor
    conditional that also holds the acquisition (openssh sshconnect.c: `getifaddrs(&ifaddrs)`
    and, at the label, `freeifaddrs(ifaddrs)`, both under `#ifdef HAVE_IFADDRS_H`): the graph
    walks past the release as if the conditional were off, where the acquisition is off too."""
    path, n2 = p2[0].file, int(p2[0].line)
    acq = set(_pp_conditions(path, int(p1[0].line)))
    for i in _lines_from_label(p2, pr, var, _function_start(path, n2)):
        if _releases_var(_cline(path, i), var):
            conds = _pp_conditions(path, i)
            if conds and (conds[-1] in acq or _pp_implied(conds[-1], acq)):
                return True
    return False


def _pp_defined(text):
    """The set of `defined(X)` a preprocessor line requires: `#ifdef X` gives {X}; `#if
    defined(A) && defined(B)` gives {A, B}; anything else an empty set."""
    m = _re.match(r"#\s*ifdef\s+(\w+)\s*$", text)
    if m:
        return {m.group(1)}
    m = _re.match(r"#\s*if\s+(.*)$", text)
    if not m or "||" in m.group(1):
        return set()
    out = set()
    for term in m.group(1).split("&&"):
        d = _re.match(r"^\s*defined\s*\(?\s*(\w+)\s*\)?\s*$", term)
        if not d:
            return set()
        out.add(d.group(1))
    return out


def _pp_implied(cond, acq):
    """The conditional (text, branch) holding a release is on whenever one holding the
    acquisition is (openssh ssh-pkcs11.c: `EC_KEY_dup()` under `#if defined(OPENSSL_HAS_ECC)
    && defined(HAVE_EC_KEY_METHOD_NEW)`, `EC_KEY_free(ec)` at the label under `#ifdef
    OPENSSL_HAS_ECC`): both in their first branch, and what the release's requires is part of
    what the acquisition's does."""
    need = _pp_defined(cond[0])
    return bool(need) and cond[1] == 0 and any(
        b == 0 and need <= _pp_defined(t) for t, b in acq)


def _excuse(p1, p2):
    """The exit at p2 hands the resource acquired at p1 on (`return p;`)."""
    if _same_function(p1, p2):
        _EXCUSED.add((_key(p1), _key(p2)))


def _fail_at(p1, p2):
    """p2 lies in the branch that tests the failure of the acquisition at p1."""
    if _same_function(p1, p2):
        if _is_leave(p2):
            _FAIL_AT_BREAKS.setdefault(_key(p1), []).append(_key(p2))
        else:
            _EXCUSED.add((_key(p1), _key(p2)))


def _fail_var(var, p2):
    """p2 lies in a branch that tests var's failure (`if (!p) ...`)."""
    into = _FAIL_VAR_BREAKS if _is_leave(p2) else _FAIL_VAR
    into.setdefault(_fkey(p2, var), set()).add(_key(p2))


def _returns_valid(var, pi):
    """`if (valid(var)) return var;` at pi: what follows is var's failure path."""
    end = _statement_end(pi[0].file, int(pi[0].line), int(pi[0].column))
    _VALID_RET.setdefault(_fkey(pi, var), []).append((_key(pi), end))


def _ok_returns(p1, pi):
    """`if (ok(f@p1(..))) { ..; return ..; }` at pi: what follows the if is the call's
    failure path."""
    if _same_function(p1, pi) and _then_ends_in_return(pi):
        end = _statement_end(pi[0].file, int(pi[0].line), int(pi[0].column))
        _OK_RET.setdefault(_key(p1), []).append(end)


def _then_ends_in_return(pi):
    """The then branch of the if at pi cannot fall through: its last statement of its own is
    a return or a goto (openssh ssh.c: `if ((addrs = resolve_host(..)) != NULL) goto found;`,
    where found: returns it). (`if (ok(f())) { if (c) { ..; return 1; } }` returns only on
    some paths: what follows it is not the call's failure path alone.)"""
    path = pi[0].file
    (a, b) = _if_parts(path, int(pi[0].line), int(pi[0].column))[0]
    lines = [_cline(path, n) for n in range(a[0], b[0] + 1)]
    lines[-1] = lines[-1][:b[1]]
    lines[0] = lines[0][a[1]:]
    body = "\n".join(lines).strip()
    if body.startswith("{") and body.endswith("}"):
        body = body[1:-1]
    # the last statement at the block's own depth
    depth, last, cur = 0, "", ""
    for ch in body:
        if ch in "{(":
            depth += 1
        elif ch in "})":
            depth -= 1
        cur += ch
        if depth == 0 and ch in ";}":
            if cur.strip():
                last = cur.strip()
            cur = ""
    return bool(_re.match(r"(return|goto)\b", last))


def _after_ok_return(p1, p2):
    """p2 follows an if that returns when the acquisition at p1 succeeded."""
    k2 = _key(p2)
    return any((end[0], end[1]) <= k2[1:] for end in _OK_RET.get(_key(p1), ()))


def _status_var(p1, st):
    _STATUS_VAR[_key(p1)] = _fkey(p1, st)


def _status_test(st, pi, p2):
    if _same_function(pi, p2):
        _STATUS_TEST.setdefault(_fkey(pi, st), []).append((_key(pi), _key(p2)))


def _assignment_re(var):
    """`var = `, `var += ` ... (not `==`, not a member's or another name's)."""
    return _re.compile(r"(?<![\w.>])%s\s*(?:[-+*/%%&|^]|<<|>>)?=(?!=)" % _re.escape(var))


def _found_between(path, word, start, end):
    """The pattern word matches on a line from start (line, column) to end, exclusive."""
    for n in range(start[0], end[0] + 1):
        text = _cline(path, n)
        if n == end[0]:
            text = text[:end[1]]
        if n == start[0]:
            text = " " * start[1] + text[start[1]:]
        if word.search(text):
            return True
    return False


def _assigned_between(path, var, start, end):
    """var is assigned on a line from start (line, column) to end, exclusive."""
    return _found_between(path, _assignment_re(var), start, end)


def _address_given_between(path, var, start, end):
    """`&var` is given to a call on a line from start (line, column) to end, exclusive: the
    call may set it."""
    return _found_between(path, _re.compile(r"[(,]\s*&\s*%s\s*[,)]" % _re.escape(var)),
                          start, end)


def _filled_before(p1, p2, var):
    """Between the setup at p1 (`mbedtls_mpi_init(&T);`, an acquirer of the table's `init`
    kind) and the exit at p2, some call is given &var: from there on the object may hold
    memory only its release frees. Before that it holds nothing."""
    path, n1 = p1[0].file, int(p1[0].line)
    line = _cline(path, n1)
    semi = line.find(";", int(p1[0].column))
    start = (n1, semi + 1 if semi >= 0 else len(line))
    return _address_given_between(path, var, start, _key(p2)[1:])


def _fail_exits(p1, var):
    """(exit keys excused as the failure path of the acquisition at p1, break/continue keys
    in that failure path)."""
    k1, fk = _key(p1), _fkey(p1, var)
    path = p1[0].file
    exits = set(_FAIL_VAR.get(fk, ()))
    leaves = list(_FAIL_AT_BREAKS.get(k1, ())) + list(_FAIL_VAR_BREAKS.get(fk, ()))
    st = _STATUS_VAR.get(k1)
    for pi, k2 in _STATUS_TEST.get(st, ()) if st else ():
        if pi > k1 and not _assigned_between(path, st[2], k1[1:], pi[1:]):
            (leaves.append(k2) if _re.match(r"(break|continue)\b", _text_at(k2)) else
             exits.add(k2))
    return exits, leaves


def _text_at(k):
    """The code from the position with key k to the end of its line."""
    return _cline(k[0], k[1])[k[2]:]


def _after_valid_return(p1, p2, var):
    """p2 follows `if (valid(var)) return var;` with var not assigned in between."""
    k2 = _key(p2)
    for pi, end in _VALID_RET.get(_fkey(p1, var), ()):
        if (end[0], end[1]) <= k2[1:] and not _assigned_between(p2[0].file, var, end, k2[1:]):
            return True
    return False


_LEAVES = _re.compile(r"\b(return|goto)\b")
_COMMENT_OR_LITERAL = _re.compile(r"/\*.*?\*/|//[^\n]*|\"(\\.|[^\"\\\n])*\"|'(\\.|[^'\\\n])*'", _re.S)


def _code(text):
    """text with comments and string/char literals blanked (same length, same lines)."""
    return _COMMENT_OR_LITERAL.sub(lambda m: _re.sub(r"[^\n]", " ", m.group(0)), text)


_CODE = {}


def _csrc(path):
    """The lines of the file with comments (also those spanning lines) and literals blanked."""
    if path not in _CODE:
        _CODE[path] = _code("\n".join(_src(path))).split("\n")
    return _CODE[path]


def _cline(path, n):
    lines = _csrc(path)
    return lines[n - 1] if 0 < n <= len(lines) else ""


def _falls_through(pr):
    """Nothing between the release at pr and the end of its block leaves the function as a
    statement of that block itself: a return or goto there ends every path through the
    release (`if (err) { close(fd); return -2; }`), while one under a test of its own
    (`if (!use_stdout) { fclose(out); if (rename(..)) goto error; }`, curl cookie.c) leaves
    the other paths to go on past the block."""
    path, n = pr[0].file, int(pr[0].line)
    before = _cline(path, n)[:int(pr[0].column)]
    k = n
    while not before.strip() and k > 1:
        k -= 1
        before = _cline(path, k)
    before = before.rstrip()
    if before.endswith(")") or before.endswith("else"):
        return True                 # the release is the whole branch: `if (c) free(p);`
    text = "\n".join(_csrc(path)[n - 1:n + 400])[int(pr[0].column):]
    depth = 0
    for i, ch in enumerate(text):
        if ch == "{":
            depth += 1
        elif ch == "}":
            depth -= 1
            if depth < 0:
                return True
        elif depth == 0 and ch in "rg" and _LEAVES.match(text, i) and \
                (i == 0 or not (text[i - 1].isalnum() or text[i - 1] == "_")):
            prev = text[:i].rstrip()
            if not (prev.endswith(")") or _re.search(r"\belse$", prev)):
                return False        # a return or goto of the release's own block
            g = _re.match(r"goto\s+(\w+)", text[i:])
            if g and _label_before(path, n, g.group(1)):
                return False        # `goto retry`: the paths go round again (tmux client.c)
    return True


def _label_before(path, n, label):
    """The label is defined in the function holding line n, before that line."""
    start = _function_start(path, n)
    return any(_re.match(r"^\s*%s\s*:(?!:)" % _re.escape(label), _cline(path, i))
               for i in range(start, n))


_INVALID = _re.compile(r"^[A-Z][A-Z0-9_]*(BAD|INVALID|NONE|ERR|ERROR|FAIL|FAILED)[A-Z0-9_]*$")


_SUCCESS = _re.compile(r"^([A-Z][A-Z0-9]*_)*(OK|SUCCESS)$")


def _success_constant(name):
    """SQLITE_OK, Z_OK, CURLE_OK, EXIT_SUCCESS: a status call's success value."""
    return bool(_SUCCESS.match(name))


def _failure_status_constant(name):
    """A named constant that a status call returns on one of its failures (GLOB_NOMATCH,
    WRDE_NOSPACE, EAI_NONAME): a macro name that is not a success constant."""
    return bool(_re.match(r"^[A-Z][A-Z0-9]*_[A-Z0-9_]+$", name)) and not _success_constant(name)


def _invalid_constant(name):
    """A macro that names an invalid or special handle, as in `if (CURL_SOCKET_BAD == s)`
    or nginx's `if (resolve == NGX_NO_RESOLVER)`: a variable equal to a named constant
    holds a sentinel, not something acquired (also redis `if (ids == raxNotFound)`)."""
    return bool(_INVALID.match(name) or _re.search(r"(?i)not_?found$|^invalid|_invalid$", name)) or (bool(_re.match(r"^[A-Z][A-Z0-9]*_[A-Z0-9_]+$", name))
                                          and name not in ("NULL", "MAP_FAILED"))


def _range_constant(name):
    """A macro constant a descriptor is compared with (`STDERR_FILENO`, `MAX_FD`)."""
    return bool(_re.match(r"^[A-Z][A-Z0-9_]*$", name)) and name != "NULL"


def _if_parts(path, n, col):
    """The branches of the if statement whose `if` is at (n, col): [(start, end)] of the then
    branch and, when there is one, of the else branch, as (line, column) positions."""
    lines = _src(path)
    code = "\n".join(_csrc(path)[n - 1:n + 400])

    def skip_ws(i):
        while i < len(code) and code[i].isspace():
            i += 1
        return i

    def statement(i):
        i = skip_ws(i)
        if code.startswith("{", i):
            return _close(code, i, "{", "}")
        if _re.match(r"if\b", code[i:]):
            return if_stmt(i)[-1][1]
        depth = 0
        while i < len(code):
            depth += code[i] in "({["
            depth -= code[i] in ")}]"
            if code[i] == ";" and depth <= 0:
                return i + 1
            i += 1
        return i

    def if_stmt(i):
        i = skip_ws(_close(code, code.index("(", i), "(", ")"))
        parts = [(i, statement(i))]
        j = skip_ws(parts[0][1])
        if _re.match(r"else\b", code[j:]):
            k = skip_ws(j + 4)
            parts.append((k, statement(k)))
        return parts

    def at(off):
        consumed = code[:off]
        return (n + consumed.count("\n"), len(consumed) - consumed.rfind("\n") - 1)

    return [(at(a), at(b)) for a, b in if_stmt(col)]


def _statement_end(path, n, col):
    """(line, column) just past the if statement whose `if` is at (n, col), else included."""
    return _if_parts(path, n, col)[-1][1]


def _tested(var, pi):
    """An if at pi tests var, for its validity or for its failure."""
    cond = _if_condition(pi)
    kind = RANGE if _RANGE_TEST.match(cond) else _tests_validity(cond)
    _TESTS.setdefault(_fkey(pi, var), []).append((_key(pi), kind))


# `fd > 2`, `fd > STDERR_FILENO`: the then branch is taken for the values the code owns (the
# standard streams' numbers are kept on purpose: a daemon's /dev/null in their place)
_RANGE_TEST = _re.compile(r"^\s*[A-Za-z_]\w*\s*>\s*([1-9]\d*|[A-Z][A-Z0-9_]*)\s*$")


def _if_condition(p):
    """The condition of the if at p, as one line of code."""
    return _if_condition_at(_key(p))


def _tests_validity(cond):
    """Whether the then branch of `if (cond)` is taken when the resource cond tests is valid:
    `p`, `p != NULL`, `fd >= 0`, `fd != -1`, `0 <= fd` (not `!p`, `p == NULL`, `fd < 0`,
    `-1 == fd`, `0 > fd`)."""
    valid = True
    while True:
        cond = cond.strip()
        if cond.startswith("!") and not cond.startswith("!="):
            cond, valid = cond[1:], not valid
        elif cond.startswith("(") and cond.endswith(")"):
            cond = cond[1:-1]
        else:
            break
    # the constant first: `0 > fd` tests what `fd < 0` does
    m = _re.match(r"^(\(\s*[\w\s\*]+\)\s*)?(-\s*\d+|\d+|NULL|[A-Z][A-Z0-9_]*)\s*(<=|>=|<|>)", cond)
    if m:
        cond = {"<": ">", ">": "<", "<=": ">=", ">=": "<="}[m.group(3)] + cond[m.end():]
    if _re.search(r"==|<", cond):
        valid = not valid
    return valid


_CONST = r"(?:\(\s*[\w\s\*]+\)\s*)?(?:-\s*\d+|\d+|NULL|[A-Z][A-Z0-9_]*)"


def _in_failure_branch(p1, p2, var):
    """The exit lies in the branch of an if that tests var alone (`if (fd >= 0) { ... }
    else if (errno == EISDIR) return ...;`, `if (-1 == fd) ...`) and is taken when var
    holds nothing, and var is not assigned between the acquisition and that test."""
    if not _re.match(r"^[A-Za-z_]\w*$", var):
        return False
    v = _re.escape(var)
    pure = _re.compile(r"^[!(\s]*(%s\s*(==|!=|<=|>=|<|>)\s*%s|%s\s*(==|!=|<=|>=|<|>)\s*%s|%s)[)\s]*$"
                       % (v, _CONST, _CONST, v, v))
    k1, k2 = _key(p1), _key(p2)
    path = p1[0].file
    for pi, valid in _TESTS.get(_fkey(p1, var), ()):
        if valid == RANGE or not (k1 < pi < k2) or not pure.match(_if_condition_at(pi)):
            continue
        parts = _if_parts(path, pi[1], pi[2])
        if valid and len(parts) < 2:
            continue
        a, b = parts[1] if valid else parts[0]
        if a <= k2[1:] < b and not _assigned_between(path, var, k1[1:], pi[1:]):
            return True
    return False


def _split_or(cond):
    """The top-level operands of an || chain."""
    out, depth, cur, i = [], 0, "", 0
    while i < len(cond):
        ch = cond[i]
        depth += ch in "(["
        depth -= ch in ")]"
        if depth == 0 and cond.startswith("||", i):
            out.append(cur.strip())
            cur, i = "", i + 2
            continue
        cur += ch
        i += 1
    return out + [cur.strip()]


def _bare(expr):
    """expr on one line, without the parentheses around all of it: `((p != NULL))` -> `p != NULL`."""
    c = " ".join(expr.split())
    while c.startswith("(") and _close(c, 0, "(", ")") == len(c):
        c = c[1:-1].strip()
    return c


def _nothing_held_test(op, var):
    """`!p`, `p == NULL`, `fd < 0`, `-1 == fd`: true only while var holds nothing."""
    c = _bare(op)
    v = _re.escape(var)
    return bool(_re.match(r"^(!\s*%s|%s\s*(==|<)\s*%s|%s\s*(==|>)\s*%s)$" % (v, v, _CONST, _CONST, v), c)) \
        and not _tests_validity(c)


def _status_fails_test(op, st, status_call):
    """op is true only when the status st says the acquisition failed: `st < 0`, `st == -1`,
    and for a call that gives the resource through a pointer and returns a status, `st`,
    `st != 0`, `st != X_OK`."""
    c = _bare(op)
    s = _re.escape(st).replace("\\ ", "\\s*")
    if _re.match(r"^%s\s*(<\s*0|==\s*-\s*1)$|^(0\s*>|-\s*1\s*==)\s*%s$" % (s, s), c):
        return True
    return status_call and bool(
        _re.match(r"^%s(\s*!=\s*(0|[A-Z][A-Z0-9_]*))?$" % s, c) and
        (not _re.search(r"!=\s*[A-Z]", c) or _success_constant(c.split("!=")[1].strip())))


def _status_reassigned(path, st, var, start, end):
    """st is assigned between start and end other than by another acquisition into var
    (`if (path) r = get_socket(&sock); else r = get_socket_at(path, &sock);`: either way r is
    the status of what filled var)."""
    again = _re.compile(r"(?<![\w.>])%s\s*=\s*[A-Za-z_]\w*\s*\([^;]*&\s*%s\b"
                        % (_re.escape(st), _re.escape(var)))
    a = _assignment_re(st)
    for n in range(start[0], end[0] + 1):
        line = _cline(path, n)
        lo = start[1] if n == start[0] else 0
        hi = end[1] if n == end[0] else len(line)
        for m in a.finditer(line):
            if lo <= m.start() < hi and not again.match(line, m.start()):
                return True
    return False


def _truth(expr):
    """(name, True) when expr is true exactly while name is not null or zero (`p`, `p !=
    NULL`, `0 != n`), (name, False) for the converse (`!p`, `p == NULL`); else None."""
    c = _bare(expr)
    m = _re.match(r"^(!\s*)?([A-Za-z_]\w*)$", c)
    if m:
        return m.group(2), not m.group(1)
    m = _re.match(r"^([A-Za-z_]\w*)\s*([!=]=)\s*(?:NULL|0)$|"
                  r"^(?:NULL|0)\s*([!=]=)\s*([A-Za-z_]\w*)$", c)
    if m:
        return m.group(1) or m.group(4), (m.group(2) or m.group(3)) == "!="
    return None


def _unguarded_tests(p1):
    """The tests true only when a branch the acquisition lies in was not taken (`if (path !=
    NULL) dir = opendir(path);`: `path == NULL`), each as _truth's (name, polarity),
    innermost first: [] when no enclosing branch tests a name alone."""
    path, n1, c1 = p1[0].file, int(p1[0].line), int(p1[0].column)
    out = []
    for cond, then in _branches_holding(path, n1, c1):
        t = _truth(cond)
        if t:
            out.append((t[0], (not t[1]) if then else t[1]))
    return out


def _guard_not_taken(p1, p2, var):
    """The exit is in a branch taken only when a branch holding the acquisition was not
    (nano rcfile.c: `if (dobind) { .. newsc->expansion = copy_of(..); .. }` and later `if
    (!dobind) goto free_things;`): nothing was acquired on the way there. Only for a name the
    function never assigns (a parameter, or one set where it is declared), so that every
    test of it agrees."""
    path = p1[0].file
    unguarded = _unguarded_tests(p1)
    if not unguarded:
        return False
    start = (_function_start(path, int(p1[0].line)) + 1, 0)
    for cond, then in _branches_holding(path, int(p2[0].line), int(p2[0].column)):
        t = _truth(cond)
        if t and (t[0], t[1] if then else not t[1]) in unguarded and \
                not _assigned_between(path, t[0], start, (int(p2[0].line), 0)):
            return True
    return False


def _exclusive(path, a, b):
    """The positions a and b lie in the two branches of one if."""
    ha = set(_branches_holding(path, a[0], a[1]))
    return any((cond, not then) in ha for cond, then in _branches_holding(path, b[0], b[1]))


def _container_null_branch(p1, p2, var):
    """A member's exit in a branch taken when its container is null (`if (newsc == NULL) goto
    free_things;`, nano rcfile.c): on a path that stored the member the container was
    valid, so it holds nothing there; unless the container is assigned between the store
    and the exit on that path (an assignment in the other branch of an if holding the store
    is not on it: `if (..) { newsc = nmalloc(..); newsc->expansion = ..; } else newsc =
    strtosc(..);`)."""
    m = _re.match(r"^([A-Za-z_]\w*)\s*->\s*[A-Za-z_]\w*$", var)
    if not m:
        return False
    c, path = m.group(1), p1[0].file
    a, b = (int(p1[0].line), int(p1[0].column)), (int(p2[0].line), int(p2[0].column))
    for cond, then in _branches_holding(path, b[0], b[1]):
        ops = _split_or(cond)
        if not (then and ops and all(_nothing_held_test(op, c) for op in ops)):
            continue
        assign = _assignment_re(c)
        for n in range(a[0], b[0] + 1):
            for x in assign.finditer(_cline(path, n)):
                if a < (n, x.start()) < b and not _exclusive(path, a, (n, x.start())):
                    return False
        return True
    return False


def _status_or_nothing_branch(p1, p2, var):
    """The exit is in the then branch of an if whose every || operand is a failure test of
    the acquisition: of its status, kept in a variable or through a pointer (`uc =
    curl_url_get(u, .., &referer, 0); curl_url_cleanup(u); if (uc || !referer) return ..;`,
    `*err = parse(.., &req); if (*err) return -1;`), or of var holding nothing, or of the
    acquisition's own guard being false (nano: `if (path != NULL) dir = opendir(path); if
    (path == NULL || dir == NULL) { .. return NULL; }`); neither the status, var nor that
    guard's name assigned between the acquisition and the if."""
    if not _re.match(r"^[A-Za-z_]\w*$", var):
        return False
    path, n1, c1 = p1[0].file, int(p1[0].line), int(p1[0].column)
    n2, c2 = int(p2[0].line), int(p2[0].column)
    head = _cline(path, n1)[:c1]
    m = _re.search(r"(?:^|[;{(]|\belse)\s*(\*?\s*[A-Za-z_]\w*)\s*=(?!=)\s*(\(\s*[\w\s\*]+\)\s*)?$",
                   head)
    st = " ".join(m.group(1).split()) if m else None
    if st == var:
        st = None
    code = _cline(path, n1)
    status_call = bool(_re.search(r"[(,]\s*&\s*%s\s*[,)]" % _re.escape(var),
                                  code[c1:] + " " + _cline(path, n1 + 1)))
    unguarded = _unguarded_tests(p1)
    for cond, then in _branches_holding(path, n2, c2):
        if not then:
            continue
        ops = _split_or(cond)
        guards = [op for op in ops if _truth(op) in unguarded]
        if not all(_nothing_held_test(op, var) or op in guards or
                   (st and _status_fails_test(op, st, status_call)) for op in ops):
            continue
        # the if of that condition, after the acquisition
        flat = _re.escape(" ".join(cond.split())).replace("\\ ", "\\s*")
        for i in range(n2, n1 - 1, -1):
            text = " ".join(_cline(path, j) for j in range(i, min(i + 4, n2 + 1)))
            f = _re.search(r"\bif\s*\(\s*%s" % flat, text)
            if not f:
                continue
            at = (i, len(_cline(path, i)))
            if (i, 0) <= (n1, c1) or _assigned_between(path, var, (n1, c1 + 1), at) or \
                    (st and _status_reassigned(path, st.lstrip("* "), var, (n1, c1 + 1), at)) \
                    or any(_assigned_between(path, _truth(g)[0], (n1, c1 + 1), at)
                           for g in guards):
                break
            return True
    return False


def _failing_last_operand(p1, p2, var):
    """The exit is in the branch of `if (a || (var = acq(..)) == NULL)`: taken when a held
    (nothing acquired yet) or the acquisition failed (openssh digest-openssl.c:
    `if (digest == NULL || ((ret = calloc(1, sizeof(*ret))) == NULL)) return NULL;`). Only
    when the acquisition's test is the chain's last operand: one after it may be taken with
    the resource held."""
    if not _re.match(r"^[A-Za-z_]\w*$", var):
        return False
    path = p1[0].file
    v = _re.escape(var)
    fails = _re.compile(r"^\(*\s*%s\s*=[^=].*\)\s*(==\s*(NULL|0|-\s*1)|<\s*0|<=\s*0)\s*\)*$"
                        % v, _re.S)
    for cond, then in _branches_holding(path, int(p2[0].line), int(p2[0].column))[:1]:
        parts = _split_or(cond)
        if then and len(parts) > 1 and _text(p1) in parts[-1] and fails.match(parts[-1]) \
                and not any(_re.search(r"\b%s\s*=[^=]" % v, x) for x in parts[:-1]):
            return True
    return False


def _acquiring_if(p1):
    """(line, column, condition) of the if whose condition holds the acquisition at p1 (its
    `if` at most three lines up), or None."""
    path = p1[0].file
    n1, c1 = int(p1[0].line), int(p1[0].column)
    for n in range(n1, max(n1 - 4, 0), -1):
        for m in _re.finditer(r"\bif\s*\(", _cline(path, n)):
            if n == n1 and m.start() > c1:
                continue
            cond = _if_condition_at((path, n, m.start()))
            if _text(p1) in cond:
                return n, m.start(), cond
    return None


def _false_edge_of_acquiring_if(p1, p2, var):
    """`if (a && (var = acq(..))) { ..; rel(var); .. }` without an else, and the exit after
    it: a path that skips the then branch took the condition's false edge, where an operand
    before the acquisition was false (nothing acquired) or the acquisition failed (util-linux
    newgrp.c: `if (pwd && *pwd && (xpwd = xgetpass(..))) { .. free(xpwd); .. }`). Only when
    the acquisition is the && chain's last operand and the then branch releases var as one
    of its own statements, so that every way through it releases."""
    if not _re.match(r"^[A-Za-z_]\w*$", var):
        return False
    path, v = p1[0].file, _re.escape(var)
    last = _re.compile(r"^\(*\s*%s\s*=[^=].*?\)*\s*(!=\s*(NULL|0|-\s*1)|>=\s*0|>\s*0)?\s*\)*$"
                       % v, _re.S)
    at = _acquiring_if(p1)
    if at is None:
        return False
    n, col, cond = at
    parts = _conjuncts(cond, "&&")
    if not (parts and _text(p1) in parts[-1] and last.match(parts[-1])) or \
            any(_re.search(r"\b%s\s*=[^=]" % v, x) for x in parts[:-1]):
        return False
    body = _lone_then_before(path, n, col, p2)
    # a statement of the block itself (one tab or indent level in), not a nested one
    return body is not None and \
        bool(_re.search(r"^(\s*)\w+\s*\(\s*&?\s*%s\s*\)\s*;" % v, body, _re.M)) and \
        _top_level_release(body, var)


def _handed_in_own_condition(p1, p2, var):
    """`if (!(s = dup(b)) || !list_add(l, &s)) { free(s); return; }`, `if ((fd = open(..)) <
    0 || move_fd(fd, want) < 0) return -1;`: an operand after the acquisition in the || chain
    of its own if gives var to a call as a later statement would hand it on (its address, or
    var to a sink, a release or a call named for taking ownership). An exit outside the then
    branch took the condition's false edge, where that call was made and did not fail: var
    is its owner's there. (The graph starts after the if, so it does not see that call.)"""
    if not _re.match(r"^[A-Za-z_]\w*$", var):
        return False
    path, v = p1[0].file, _re.escape(var)
    whole = _re.compile(r"^(\(\s*[\w\s\*]+\)\s*)?%s$" % v)
    at = _acquiring_if(p1)
    if at is None:
        return False
    n, col, cond = at
    parts = _conjuncts(cond, "||")
    k = next((i for i, x in enumerate(parts) if _text(p1) in x), None)
    if k is None or not _re.search(r"\b%s\s*=[^=]" % v, parts[k]):
        return False

    def gives(x):
        for c in _re.finditer(r"\b([A-Za-z_]\w*)\s*\(", x):
            args = _split_args(x[c.end():])
            for j, a in enumerate(args):
                if _re.match(r"^&\s*%s$" % v, a) or whole.match(a) and (
                        _is_release(c.group(1)) or _sink_at(c.group(1), j) or
                        _takes_named(path, c.group(1), j, len(args))):
                    return True
        return False
    if not any(gives(x) for x in parts[k + 1:]):
        return False
    then = _if_parts(path, n, col)[:1]
    return bool(then) and not (then[0][0] <= (int(p2[0].line), int(p2[0].column)) <= then[0][1])


def _lone_then_before(path, n, col, p2):
    """The text of the then branch of the if at (n, col) when it has no else and ends
    before the exit at p2, else None."""
    branches = _if_parts(path, n, col)
    if len(branches) != 1:
        return None
    (a, b) = branches[0]
    if not (b <= (int(p2[0].line), int(p2[0].column))):
        return None
    return "\n".join(_cline(path, i) for i in range(a[0], b[0] + 1))


def _false_edge_of_status_if(p1, p2, var):
    """`st = acq(.., &var); if (st == OK) { ..; rel(var); .. }` without an else, and the exit
    after it (libuv's `r = RegOpenKeyExW(.., &key); if (r == ERROR_SUCCESS) { ..
    RegCloseKey(key); .. }`): a path that skips the then branch took the success test's false
    edge, where the acquisition failed, and every way through the branch releases var as
    one of its own statements. Only when the if is the statement right after the
    acquisition."""
    st = _STATUS_VAR.get(_key(p1))
    if not st or not _re.match(r"^&?[A-Za-z_]\w*$", var):
        return False
    path, n1, c1 = p1[0].file, int(p1[0].line), int(p1[0].column)
    lines = _csrc(path)
    text = "\n".join(lines[n1 - 1:n1 + 60])
    i, depth = c1, 0
    while i < len(text) and not (text[i] == ";" and depth <= 0):
        depth += text[i] in "({["
        depth -= text[i] in ")}]"
        i += 1
    m = _re.compile(r"\s*if\s*\(").match(text, i + 1)
    if not m:
        return False
    at = m.start() + len(m.group(0)) - len(m.group(0).lstrip())
    n = n1 + text.count("\n", 0, at)
    col = at - (text.rfind("\n", 0, at) + 1)
    cond = _if_condition_at((path, n, col))
    s = _re.escape(st[2])
    ok = r"(0|[A-Z][A-Z0-9_]*)"
    t = _re.match(r"^\(*\s*(%s\s*==\s*%s|%s\s*==\s*%s|!\s*%s|%s\s*>=\s*0)\s*\)*$"
                  % (s, ok, ok, s, s, s), cond)
    if not t or any(c != "0" and not _success_constant(c)
                    for c in _re.findall(r"\b(0|[A-Z][A-Z0-9_]*)\b", cond)):
        return False
    body = _lone_then_before(path, n, col, p2)
    return body is not None and _top_level_release(body, var.lstrip("&"))


def _top_level_release(body, var):
    """The block `{ ... }` (its text) calls a release of var as one of its own statements:
    at brace depth 1, not inside an inner if or loop."""
    depth, i, v = 0, 0, _re.escape(var)
    call = _re.compile(r"(\w+)\s*\(\s*&?\s*%s\s*\)\s*;" % v)
    while i < len(body):
        ch = body[i]
        if ch == "{":
            depth += 1
        elif ch == "}":
            depth -= 1
        elif depth == 1:
            m = call.match(body, i)
            if m and (i == 0 or not (body[i - 1].isalnum() or body[i - 1] == "_")) and \
                    _is_release(m.group(1)) and not _re.search(
                        r"\b(if|while|for|else)\b[^;{}]*$", body[:i].split(";")[-1].split("{")[-1]):
                return True
        i += 1
    return False


def _if_condition_at(k):
    """The condition of the if whose key is k, as one line of code."""
    path, n = k[0], k[1]
    text = "\n".join(_csrc(path)[n - 1:n + 40])[k[2]:]
    i = text.find("(")
    depth = 0
    for j in range(i, len(text)) if i >= 0 else ():
        depth += text[j] == "("
        depth -= text[j] == ")"
        if depth == 0:
            return " ".join(text[i + 1:j].split())
    return ""


def _branches_covering(p1, var, k2=None):
    """The ends of the ifs after p1 whose valid-resource branch releases var, hands it to a
    sink or assigns it away: an exit after such an if is reached with var released, handed
    on, or never valid. After a range test (`if (fd > 2) close(fd);`) the other values are
    kept on purpose, but only when the release's branch goes on to the exit at k2."""
    k1, fk = _key(p1), _fkey(p1, var)
    uses = _USES.get(fk, ())
    out = []
    for pi, valid in _TESTS.get(fk, ()):
        if pi <= k1 or not uses:
            continue
        parts = _if_parts(pi[0], pi[1], pi[2])
        if valid or len(parts) > 1:
            (a, b) = parts[0] if valid else parts[1]
            if any(a <= u[1:] < b and (valid != RANGE or k2 is None or _guard_reaches(u, k2))
                   for u in uses):
                out.append(parts[-1][1])
    return out


def _use(var, pr):
    """var released (a call of a release), handed to a sink or assigned away at pr."""
    fk = _fkey(pr, var)
    _USES.setdefault(fk, []).append(_key(pr))
    if _is_release(_text(pr)):
        _HELD.setdefault(fk, []).append(_key(pr))
    # a conditional release or hand-off whose block then falls through covers the exits
    # after it (the condition correlates with the resource)
    if _branches_holding(pr[0].file, int(pr[0].line), int(pr[0].column)) and _falls_through(pr):
        _GUARDS.setdefault(fk, []).append(_key(pr))


def _guard_reaches(g, k2):
    """The code after the conditional release at key g can reach the exit at key k2: no
    block holding g closes before k2 with a return or goto as its last statement
    (`if (rc) { if (p) free(p); return 1; }` covers none of the exits after it)."""
    if tuple(g[1:]) >= tuple(k2[1:]):
        return False
    path = g[0]
    lines = [_cline(path, n) for n in range(g[1], k2[1] + 1)]
    lines[-1] = lines[-1][:k2[2]]
    lines[0] = " " * g[2] + lines[0][g[2]:]
    text = "\n".join(lines)
    depth = low = 0
    for i in range(g[2], len(text)):
        ch = text[i]
        if ch == "{":
            depth += 1
        elif ch == "}":
            depth -= 1
            if depth < low:
                low = depth
                j = i - 1
                while j >= 0 and text[j].isspace():
                    j -= 1
                if j < 0 or text[j] != ";":
                    continue
                k, d = j - 1, 0
                while k >= 0 and not (d == 0 and text[k] in ";{}"):
                    d += text[k] == ")"
                    d -= text[k] == "("
                    k -= 1
                if _re.match(r"\s*(return\b|goto\s+\w+\s*;)", text[k + 1:j + 1]):
                    return False
    return True


def _is_held(p1, var):
    k1 = _key(p1)
    return any(k > k1 for k in _HELD.get(_fkey(p1, var), ()))


# run.sh check hands spatch a blanked copy of files that 1.1.1 cannot parse as written:
# {copy: original} as JSON, or the path of a file that holds it (a long map does not fit in
# the environment)
_ORIGINALS = _os.environ.get("COCCI_UNWIND_ORIGINALS") or "{}"
if not _ORIGINALS.lstrip().startswith("{"):
    with open(_ORIGINALS) as _fh:
        _ORIGINALS = _fh.read()
_ORIGINALS = _json.loads(_ORIGINALS)


def _src(path):
    if path not in _LINES:
        try:
            with open(_ORIGINALS.get(path, path), encoding="utf-8", errors="replace") as fh:
                _LINES[path] = fh.read().split("\n")
        except OSError:
            _LINES[path] = []
    return _LINES[path]


def _line(path, n):
    lines = _src(path)
    return lines[n - 1] if 0 < n <= len(lines) else ""


def _text(p):
    """The source text of a one-line position."""
    l = _line(p[0].file, int(p[0].line))
    return l[int(p[0].column):int(p[0].column_end)]


_HEAD = _re.compile(r"^[A-Za-z_][^;]*\(")
_TYPE_LINE = _re.compile(r"^[A-Za-z_][\w \t\*]*$")


def _function_start(path, n):
    """First line of the head of the function holding line n: the nearest line above it
    that starts at column 0 with a name and an opening parenthesis (with a return type on
    its own line above, as in `static int\nfoo(void)`)."""
    i = n
    while i > 1:
        if _HEAD.match(_line(path, i)):
            if i > 1 and _TYPE_LINE.match(_line(path, i - 1).rstrip()):
                return i - 1
            return i
        i -= 1
    return 1


def _returned(p2):
    """What the return at p2 returns, as one line of code ("" for `return;`), or None when
    p2 is not a return."""
    path, n = p2[0].file, int(p2[0].line)
    text = "\n".join(_csrc(path)[n - 1:n + 20])[int(p2[0].column):]
    m = _re.match(r"return\b([^;]*);", text, _re.S)
    return " ".join(m.group(1).split()) if m else None


def _returned_value(p2):
    """What the return at p2 returns, and when that is a bare variable (`return ret;`), the
    value last assigned to it before p2 in the function's text, its initialiser included
    (`int ret = -1; .. return ret;`), where that is a constant or a named value."""
    value = _returned(p2)
    if not value or not _re.match(r"^[A-Za-z_]\w*$", value):
        return value
    path, n2 = p2[0].file, int(p2[0].line)
    text, off, start = _function_code(path, n2)
    before = text[:off[n2 - start] + int(p2[0].column)]
    last = None
    for m in _re.finditer(r"(?<![\w.>])%s\s*=(?!=)\s*([^;,]*)[;,]" % _re.escape(value), before):
        last = " ".join(m.group(1).split())
    if last and _re.match(r"^\(?\s*-?\s*[\w]+\s*\)?$", last) and "(" not in last.strip("()"):
        return last
    return value


def _returns_pointer(p2):
    """The function holding p2 is declared to return a pointer."""
    path = p2[0].file
    start = _function_start(path, int(p2[0].line))
    head = " ".join(_cline(path, i) for i in range(start, start + 3))
    m = _re.match(r"([^(]*?)\b%s\s*\(" % _re.escape(p2[0].current_element), head)
    return bool(m and "*" in m.group(1))


_CASTS = _re.compile(r"^(\(\s*[\w\s\*]+\)\s*|\(\s*)*")


def _returns_owner(p2, var):
    """The return at p2 gives the object of var back in another form: through the address
    of one of its members, also as the argument of the call whose result is returned by a
    function that returns a pointer (htop: `return (EnvScreen*) InfoScreen_init(&this->super,
    ...)`), through a pointer assigned from it before (`ProcessList* pl = &(this->super);
    ... return pl;`), through a call that returns its first argument (`return memcpy(new, s,
    len)`), or as the argument of a sink of the project whose result is returned."""
    value = _returned(p2)
    if not value or not _re.match(r"^[A-Za-z_]\w*$", var):
        return False
    v = _re.escape(var)
    member = r"&\s*\(?\s*%s\s*(->|\.)" % v
    bare = _CASTS.sub("", _bare(value)).rstrip(") ")
    if _re.match(member, bare):
        return True
    if _re.search(r"[^=!<>]=\s*(\(\s*[\w\s\*]+\)\s*)?%s\s*($|\))" % v, value):
        return True         # stored as it is returned: `return (*list = ptr);`
    if _re.match(r"^(memcpy|memmove|memset|strcpy|strncpy|strcat|strncat)\s*\(\s*%s\s*," % v,
                 bare):
        return True         # these return their first argument
    call = _re.match(r"^([A-Za-z_]\w*)\s*\((.*)$", bare)
    if call and call.group(1) not in TABLE_SINKS and any(
            _re.match(r"^(\(\s*[\w\s\*]+\)\s*)?%s$" % v, a) and _sink_at(call.group(1), k)
            for k, a in enumerate(_split_args(call.group(2)))):
        return True         # a sink of the project keeps it (htop: `return InfoScreen_init(
                            # &this->super, process, fuBar, ...)`); the table's sinks, such as
                            # fdopen(), may fail and leave it with the caller
    if _returns_pointer(p2) and _re.match(r"^\w+\s*\(", bare) and _re.search(member, bare):
        return True
    if _re.match(r"^[A-Za-z_]\w*$", bare) and bare != var:
        alias = _re.compile(r"(?<![\w.>])%s\s*=\s*(\(\s*[\w\s\*]+\)\s*)?(%s|%s\s*[;,)])"
                            % (_re.escape(bare), member, v))
        path = p2[0].file
        n = int(p2[0].line)
        return any(alias.search(_cline(path, i))
                   for i in range(_function_start(path, n), n + 1))
    return False


# calls named for taking ownership: OpenSSL's add0/set0/push0 convention, pushes onto a
# stack (NSPR PR_PushIOLayer), list and vector inserts, `_nodup` appends that keep the
# pointer they are given
_TAKES = _re.compile(r"(?i)(add0|set0|push|assign0|_own\b|take|steal|adopt|attach|insert|nodup|"
                     r"give|consume)")


def _kept_when_call_succeeds(p1, p2, var):
    """A call named for taking ownership receives the resource, and the branch taken when it
    fails releases it (`if (OCSP_request_add0_id(req, id) == NULL) { OCSP_CERTID_free(id);
    goto failed; }`, or `r = list_insert(l, s); if (r) { free(s); ... }`): after that
    statement the resource belongs to what took it."""
    if not _re.match(r"^[A-Za-z_]\w*$", var):
        return False
    path, k1, k2 = p1[0].file, _key(p1), _key(p2)
    v = _re.compile(r"\b%s\b" % _re.escape(var))
    calls = _re.compile(r"\b([A-Za-z_]\w*)\s*\(([^;{}]*)")
    exit_in = set(_branches_holding(path, k2[1], k2[2]))
    for r in _HELD.get(_fkey(p1, var), ()):
        if not (k1 < r < k2):
            continue
        holding = _branches_holding(path, r[1], r[2])
        if not holding or holding[0] in exit_in:
            continue
        cond = holding[0][0]
        if any(_TAKES.search(m.group(1)) and v.search(m.group(2))
               for m in calls.finditer(cond)):
            return True
        names = set(_re.findall(r"[A-Za-z_]\w*", cond))
        for i in range(k1[1], r[1] + 1):
            for m in _re.finditer(r"(?<![\w.>])([A-Za-z_]\w*)\s*=\s*([A-Za-z_]\w*)\s*\(([^;]*)\)\s*;",
                                  _cline(path, i)):
                if m.group(1) in names and _TAKES.search(m.group(2)) and v.search(m.group(3)):
                    return True
    return False


def _split_args(args):
    """The top-level arguments of a call, from the text after its open parenthesis."""
    out, depth, cur = [], 0, ""
    for ch in args:
        if ch in "([{":
            depth += 1
        elif ch in ")]}":
            if depth == 0:
                break
            depth -= 1
        elif ch == "," and depth == 0:
            out.append(cur.strip())
            cur = ""
            continue
        cur += ch
    out.append(cur.strip())
    return out


def _conjuncts(cond, op):
    """The top-level operands of cond joined by op (`&&` or `||`); [cond] when there is none
    or when the other operator joins at the top level too."""
    c = " ".join(cond.split())
    out, depth, cur, i = [], 0, "", 0
    other = "||" if op == "&&" else "&&"
    while i < len(c):
        if c[i] in "([{":
            depth += 1
        elif c[i] in ")]}":
            depth -= 1
        elif depth == 0 and c.startswith(op, i):
            out.append(cur.strip())
            cur, i = "", i + 2
            continue
        elif depth == 0 and c.startswith(other, i):
            return [c]
        cur += c[i]
        i += 1
    out.append(cur.strip())
    return out


def _top_level_logic(cond):
    """cond joins operands with && or || outside any parentheses (`!a && b` is not the
    negation of a whole condition)."""
    depth = 0
    for i, ch in enumerate(cond):
        depth += (ch in "([{") - (ch in ")]}")
        if depth == 0 and cond.startswith(("&&", "||"), i):
            return True
    return False


def _null_in_branch(p1, p2, var):
    """The exit is in a branch that runs only while var holds nothing: the then branch of a
    condition with `!var` (or `var == NULL`) among its && operands, or the else of one with
    `var` (or `var != NULL`) among its || operands (util-linux probe.c: `else if (S_ISBLK(..)
    && !dm_uuid && ..) { .. goto err; }`); the acquisition is not inside that branch and
    var is not set again before the exit."""
    path, n2, c2 = p2[0].file, int(p2[0].line), int(p2[0].column)
    v = _re.escape(var)
    null = _re.compile(r"^\(?\s*(!\s*%s|%s\s*==\s*NULL|NULL\s*==\s*%s)\s*\)?$" % (v, v, v))
    valid = _re.compile(r"^\(?\s*(%s|%s\s*!=\s*NULL|NULL\s*!=\s*%s)\s*\)?$" % (v, v, v))
    at1 = set(_branches_holding(path, int(p1[0].line), int(p1[0].column)))
    for cond, then in _branches_holding(path, n2, c2):
        if (cond, then) in at1:
            continue
        ops = _conjuncts(cond, "&&") if then else _conjuncts(cond, "||")
        if any((null if then else valid).match(o) for o in ops):
            start = (int(p1[0].line) + 1, 0)     # after the acquisition's line
            if not _assigned_between(path, var, start, (n2, c2)) and \
                    not _address_given_between(path, var, start, (n2, c2)):
                return True
    return False


_FUNCTIONS = {}
_FUNCTION_HEAD = _re.compile(r"(?m)^(?:[A-Za-z_][\w \t\*]*[\s\*])?([A-Za-z_]\w*)\s*\(")


def _is_function_of_file(path, name):
    """name is defined or declared as a function at the top level of the file: its name
    starts a line after a type, or starts the line itself (BSD style). The names are read
    once per file."""
    if path not in _FUNCTIONS:
        _FUNCTIONS[path] = set(_FUNCTION_HEAD.findall("\n".join(_csrc(path))))
    return name in _FUNCTIONS[path]


def _tests_call(cond, name, status):
    """The condition tests the call of name, or its status variable as an operand of its
    own: `fileno(f)` inside another call only uses f (openssh: `if (strict_modes &&
    safe_path_fd(fileno(f), ...) != 0)` after `f = fdopen(fd, "r")`)."""
    if _re.search(r"\b%s\s*\(" % _re.escape(name), cond):
        return True
    if not status:
        return False
    bare = cond
    while True:
        inner = _re.sub(r"\b[A-Za-z_]\w*\s*\([^()]*\)", "0", bare)
        if inner == bare:
            break
        bare = inner
    return _re.search(r"(?<![\w>.])%s\b(?!\s*(->|\.|\[))" % _re.escape(status), bare) is not None


def _calls_between(p1, p2):
    """The calls strictly between the acquisition at p1 and the exit at p2, in order:
    (line, the match of `name(`, its arguments, on_every_path), where on_every_path() says
    whether the call is in no branch that holds neither the exit nor the acquisition; and
    the branches holding the exit."""
    path, n1, c1 = p1[0].file, int(p1[0].line), int(p1[0].column)
    n2, c2 = int(p2[0].line), int(p2[0].column)
    exit_in = set(_branches_holding(path, n2, c2))
    held = exit_in | set(_branches_holding(path, n1, c1))

    def calls():
        for i in range(n1, n2 + 1):
            code = _cline(path, i)
            for m in _re.finditer(r"\b([A-Za-z_]\w*)\s*\(", code):
                if (i, m.start()) <= (n1, c1) or (i, m.start()) >= (n2, c2) or \
                        m.group(1) in ("if", "while", "for", "switch", "return", "sizeof"):
                    continue
                args = _split_args(code[m.end():] + " " + " ".join(
                    _cline(path, j) for j in range(i + 1, min(i + 4, n2 + 1))))
                yield i, m, args, (lambda i=i, m=m:
                                   set(_branches_holding(path, i, m.start())) <= held)
    return calls(), exit_in


def _handed_to_call(p1, p2, var):
    """Between the acquisition and the exit, on every path to the exit, a call takes the
    resource:
    - it registers a function of the file as a callback and gives it the resource, as an
      argument after the callback (`evtimer_set(&cdata->timer, cmd_run_shell_timer, cdata)`,
      `pthread_create(&t, NULL, worker, arg)`) or through the address of one of its members
      (`uv_async_init(loop, &s->async, cb)`): the event loop or the thread owns it now;
      `qsort(p, n, size, cmp)`, which gives the array before its callback, is no hand-off;
    - or it is a sink, or named for taking ownership (`Curl_llist_insert_next(list,
      list->tail, wrap, &wrap->node);`); the path search stops only at a sink called as a
      statement or an assignment's value, not at one in a condition, nor at one given a
      cast of the resource (git reftable: `tree_search((void *)key, &tree, cmp, 1)`);
    - or it calls through a function pointer member, whose callee the code does not show,
      with the resource as its first argument, the object the callee works on (nginx:
      `ls->handler(c);` hands the new connection to the listener's handler); a resource
      given further on is data for the call (`w->write(w->arg, buf, n)`).
    "Every path": the call is in no branch that holds neither the exit nor the acquisition.
    Not when the exit is in a branch that tests the call or its status: it may have failed
    (`if (pthread_create(&t, NULL, worker, job) != 0) return -1;` leaks job)."""
    if not _re.match(r"^[A-Za-z_]\w*$", var):
        return False
    path, n2, c2 = p1[0].file, int(p2[0].line), int(p2[0].column)
    whole = _whole_arg(var)
    member = _re.compile(r"^&\s*\(?\s*%s\s*(->|\.)" % _re.escape(var))
    calls, exit_in = _calls_between(p1, p2)
    for i, m, args, on_every_path in calls:
        code = _cline(path, i)
        cbs = [k for k, a in enumerate(args) if _re.match(r"^&?\s*[A-Za-z_]\w*$", a)
               and a.lstrip("& ") not in (var, m.group(1))
               and _is_function_of_file(path, a.lstrip("& "))]
        # the object of a call through a member: `w->write(` starts at `w`
        obj = _re.search(r"(?:[A-Za-z_]\w*\s*(?:->|\.)\s*)+$", code[:m.start()])
        gives = (cbs and any(member.match(a) or (k > cbs[0] and whole.match(a))
                             for k, a in enumerate(args))) or \
            any(whole.match(a) and (_takes_named(path, m.group(1), k, len(args)) or
                                    _sink_at(m.group(1), k))
                for k, a in enumerate(args)) or \
            (obj and whole.match(args[0]))
        if not gives or not on_every_path():
            continue
        st = _re.search(r"([A-Za-z_]\w*)\s*=\s*$", code[:obj.start() if obj else m.start()])
        if st and (_assigned_between(path, st.group(1), (i, m.end()), (n2, c2)) or
                   _address_given_between(path, st.group(1), (i, m.end()), (n2, c2))):
            st = None   # the status is of a later call (`next_u64(s, &num, &rc)` sets it too)
        tests = [(cond, pol) for cond, pol in exit_in
                 if _tests_call(cond, m.group(1), st and st.group(1))]
        if not tests or st and all(_holds_value(cond, pol, st.group(1)) for cond, pol in tests):
            return True     # untested, or the exit is where the call gave a value (`f =
                            # fdopen(fd, "w"); if (f) { ... goto leave; }`): it took var
    return False


def _calls_given(p1, p2, var, address=False):
    """The calls between the acquisition and the exit that are given var whole (cast or not;
    `&var` too with address): (line, match of `name(`, arguments, indices given var,
    on_every_path), and the branches holding the exit (_calls_between)."""
    if not _re.match(r"^[A-Za-z_]\w*$", var):
        return (), set()
    whole = _re.compile(r"^(\(\s*[\w\s\*]+\)\s*)?%s\s*%s$"
                        % ("&?" if address else "", _re.escape(var)))
    calls, exit_in = _calls_between(p1, p2)
    return ((i, m, args, [k for k, a in enumerate(args) if whole.match(a)], every)
            for i, m, args, every in calls), exit_in


def _failed_handoff(p1, p2, var):
    """The exit is on the failure branch of a call that takes the resource only when it
    succeeds (the table's fdopen(), a constructor of the project the summary lists in
    sink_on_success): `f = fdopen(fd, "r"); if (!f) return NULL;`. The hand-off the author
    wrote is the exemplar: the resource needed an owner, and here it is still the caller's."""
    calls, exit_in = _calls_given(p1, p2, var)
    for i, m, _args, ks, _every in calls:
        name = m.group(1)
        if not any(_sink_at(name, k) and not _sink_kept_at(name, k) for k in ks):
            continue
        st = _re.search(r"([A-Za-z_]\w*)\s*=\s*$", _cline(p1[0].file, i)[:m.start()])
        tests = [(cond, pol) for cond, pol in exit_in
                 if st and _tests_call(cond, name, st.group(1))]
        if tests and all(_holds_value(cond, not pol, st.group(1)) for cond, pol in tests):
            return True
    return False


def _holds_value(cond, then, var):
    """The branch (then or else) of the condition `cond` runs only while var holds a value:
    `if (f)`, `if (f != NULL)`, the else of `if (f == NULL)` (a leading `!` is flipped
    already)."""
    c = _bare(cond)
    v = _re.escape(var)
    if _re.match(r"^%s(\s*!=\s*(NULL|0))?$" % v, c):
        return then
    if _re.match(r"^%s\s*==\s*(NULL|0)$" % v, c):
        return not then
    return False


# ownership a call announces: the comment at a call that says the callee owns it
# (fix mode's handoff.OWNS_COMMENT reads the same words)
_OWNS_COMMENT = _re.compile(r"(?i)\b(?:owns?|ownership|owned\s+by|adopts?|consumes?|steals?|"
                            r"frees?|freed|takes?\s+(?:over|it|the\s+\w+|ownership))\b")
_COMMENT_TEXT = _re.compile(r"/\*.*?\*/|//[^\n]*", _re.S)


def _takes_named(path, name, k, nargs=1):
    """name is named for taking ownership, its argument k is not a `const T *` nor the
    receiver (the first of several: `util_iov_push_le24(iov, v)`, `sk_X509_push(sk, x)`,
    `SSL_set0_rbio(ssl, bio)` take the later arguments into the first), and the file does
    not define it (then its body decides, through the summary's sinks)."""
    return bool(_TAKES.search(name)) and not (k == 0 and nargs > 1) and \
        not _const_param(path, name, k) and not _defined_in_file(path, name)


def _defined_in_file(path, name):
    """The file defines name (its body is there: the summary judges it by what it does)."""
    return _re.search(r"\b%s\s*\([^;{}()]*\)\s*\{" % _re.escape(name),
                      "\n".join(_csrc(path))) is not None


def _const_param(path, name, k):
    """A prototype of name in the file takes its argument k as a pointer to const: a
    borrower, never an owner."""
    for m in _re.finditer(r"\b%s\s*\(([^;{}()]*)\)\s*[;{]" % _re.escape(name),
                          "\n".join(_csrc(path))):
        ps = [x.strip() for x in m.group(1).split(",")]
        if k < len(ps) and ps[k].count("*") == 1 and \
                _re.search(r"\bconst\b", ps[k].split("*")[0]):
            return True
    return False


def _comment_says_owns(path, first, last):
    """A comment on lines first..last, or ending on the line just above, says the callee
    owns, takes, adopts, consumes or frees what it is given."""
    lo = max(1, first - 6)
    text = "\n".join(_line(path, i) for i in range(lo, last + 1))
    for m in _COMMENT_TEXT.finditer(text):
        end_line = lo + text.count("\n", 0, m.end())
        if end_line >= first - 1 and _OWNS_COMMENT.search(m.group(0)):
            return True
    return False


def _announced_handoff(p1, p2, var):
    """Between the acquisition and the exit, on every path to it, a call receives the
    resource and announces that it owns it even when it fails: it is given in the same call
    a function that releases it (`registry_add(r, o, obj_free)`, cast or not: a destructor
    or free callback), or a comment on the call's line or just above it says the callee
    owns, takes, adopts, consumes or frees it. Not a callee the file defines (its body
    decides, through the summary), nor one whose prototype takes it as `const T *`."""
    path = p1[0].file
    calls, _exit_in = _calls_given(p1, p2, var, address=True)
    for i, m, args, ks, on_every_path in calls:
        name = m.group(1)
        if not ks or _is_release(name) or _defined_in_file(path, name) or \
                any(_const_param(path, name, k) for k in ks):
            continue
        if not on_every_path():
            continue
        for a in args:
            f = _re.sub(r"^(\(\s*[\w\s\*]+(\(\s*\*\s*\)\s*\([^()]*\))?\s*\)\s*)*&?\s*", "", a)
            # a destructor: a release, or named like one; a callback of the file's
            # own that frees its argument runs only once registered (a failed
            # registration leaves the resource with the caller: medium, below)
            if _re.match(r"^[A-Za-z_]\w*$", f) and f != var and \
                    (_release_like(f) or
                     _is_release(f) and not _defined_in_file(path, f)):
                return "%s() is given %s() to release it" % (name, f)
        if _comment_says_owns(path, i, i):
            return "the comment at %s() says it owns it" % name
    return None


def _whole_arg(var):
    """An argument that gives var whole: `var`, `&var`, a cast of it, or an upper-case macro
    of the project wrapping it (tinyproxy: `htab_insert(h, k, HTV_P(v))`, HTV_P making a
    compound literal of its argument)."""
    v = _re.escape(var)
    return _re.compile(r"^(\(\s*[\w\s\*]+\)\s*)?&?\s*%s$|^[A-Z][A-Z0-9_]*\s*\(\s*%s\s*\)$"
                       % (v, v))


def _named_taker_tested(p1, p2, var):
    """The exit is in a branch that tests a call named for taking ownership that received
    the resource (`if (!list_push(l, p)) return -1;`): the callee may own it even when it
    fails. Returns that call's name, or None."""
    if not _re.match(r"^[A-Za-z_]\w*$", var):
        return None
    path, n1 = p1[0].file, int(p1[0].line)
    whole = _whole_arg(var)
    for cond, _pol in _branches_holding(path, int(p2[0].line), int(p2[0].column)):
        for m in _re.finditer(r"\b([A-Za-z_]\w*)\s*\(", cond):
            if not _TAKES.search(m.group(1)) or _defined_in_file(path, m.group(1)):
                continue
            args = _split_args(cond[m.end():])
            if any(whole.match(a) and not _const_param(path, m.group(1), k) and
                   not (k == 0 and len(args) > 1) for k, a in enumerate(args)):
                return m.group(1)
    return None


def _function_code(path, n):
    """(text, offsets, start): the code of the function holding line n, from its first line
    to the end of the file, preprocessor lines blanked; offsets[i] is where line start + i
    begins in text."""
    start = _function_start(path, n)
    lines = [("" if _line(path, i).lstrip().startswith("#") else _cline(path, i))
             for i in range(start, len(_src(path)) + 1)]
    offs = [0]
    for l in lines:
        offs.append(offs[-1] + len(l) + 1)
    return "\n".join(lines), offs, start


def _open_braces(text, end, begin=0):
    """Offsets of the braces of text[begin:end] still open at end, outermost first."""
    stack = []
    for i in range(begin, end):
        if text[i] == "{":
            stack.append(i)
        elif text[i] == "}" and stack:
            stack.pop()
    return stack


def _past_loop_of(b, k2):
    """The exit at key k2 lies past the end of the loop that the break or continue at key b
    leaves (or b is in no loop the scanner sees); an exit still inside that loop is on a
    path after the acquisition succeeded (openssh dns.c: `if (!dns_read_rdata(.., &digest,
    ..)) continue;` and a `return -1;` later in the same iteration)."""
    lp = _loop_around(b[0], b[1], b[2])
    if lp is None or b[0] != k2[0]:
        return True
    _, end, _, offs, start = lp
    i = k2[1] - start
    return not (0 <= i < len(offs)) or offs[i] + k2[2] > end


def _loop_around(path, n, col):
    """(offset of the body, offset of its end, text, line offsets) of the innermost loop
    with a braced body that holds (n, col) in its body, or in its condition; None when there
    is none. Offsets are in text, the code of the function from its first line."""
    text, offs, start = _function_code(path, n)
    a = offs[n - start] + col
    body = None
    for o in reversed(_open_braces(text, a)):
        if _brace_kind(text, o) == "loop":
            body = o
            break
    # the acquisition in the condition of a loop: `while ((line = next(fp)) != NULL) {`
    m = None
    for m in _re.finditer(r"\b(while|for)\s*\(", text[:a]):
        pass
    if m and text[m.end():a].count("(") >= text[m.end():a].count(")"):
        j = _close(text, m.end() - 1, "(", ")")
        k = j
        while k < len(text) and text[k].isspace():
            k += 1
        if text.startswith("{", k) and (body is None or k > body):
            body = k
    if body is None:
        return None
    return body, _close(text, body, "{", "}") - 1, text, offs, start


def _close(text, i, op, cl):
    """Offset just past the bracket that closes the one at text[i]."""
    depth = 0
    while i < len(text):
        depth += text[i] == op
        depth -= text[i] == cl
        i += 1
        if depth == 0:
            break
    return i


def _open_of(text, i, op, cl):
    """Offset of the bracket that opens the one closing at text[i]; -1 when none does."""
    depth = 0
    while i >= 0:
        depth += text[i] == cl
        depth -= text[i] == op
        if depth == 0:
            break
        i -= 1
    return i


def _brace_kind(text, o):
    """What the brace at text[o] opens: a loop, a switch or other."""
    head = text[max(0, o - 400):o].rstrip()
    if _re.search(r"\bdo$", head):
        return "loop"
    if not head.endswith(")"):
        return "other"
    i = _open_of(head, len(head) - 1, "(", ")")
    m = _re.search(r"\b(for|while|switch)\s*$", head[:i])
    return "other" if not m else ("switch" if m.group(1) == "switch" else "loop")


def _released_each_iteration(p1, p2, var, fail_leaves):
    """The acquisition is in a loop body (or its condition) that releases the resource at
    the end of each iteration, in the block of the acquisition, and the exit comes after the
    loop: the only ways out of the loop with the resource are the break and continue
    statements of the acquisition's own failure test (htop's `for (;;) { char* line =
    String_readLine(fd); if (!line) break; ...; free(line); }`, then `return pdata;`)."""
    path, n1, c1 = p1[0].file, int(p1[0].line), int(p1[0].column)
    loop = _loop_around(path, n1, c1)
    if loop is None:
        return False
    body, end, text, offs, start = loop

    def off(line, col):
        return offs[line - start] + col if 0 <= line - start < len(offs) else -1

    def pos(o):
        i = max(k for k in range(len(offs)) if offs[k] <= o)
        return (start + i, o - offs[i])

    a, e = off(n1, c1), off(int(p2[0].line), int(p2[0].column))
    if e <= end:
        return False

    def stack_at(o):
        return _open_braces(text, o, body)

    here = stack_at(a) if a > body else [body]
    rel = None
    for r in sorted(_HELD.get(_fkey(p1, var), ())):
        o = off(r[1], r[2])
        if not (a < o < end) or stack_at(o) != here:
            continue
        before = text[:o].rstrip()
        if before.endswith((";", "{", "}", ":")):
            rel = o             # a statement of its own (or labelled), in the block of the acquisition
            break
    if rel is None:
        return False
    fails = {(k[1], k[2]) for k in fail_leaves}
    for m in _re.finditer(r"\b(break|continue)\b", text[a:rel]):
        o = a + m.start()
        kinds = [_brace_kind(text, b) for b in stack_at(o)[1:]]
        if "loop" in kinds or (m.group(1) == "break" and "switch" in kinds):
            continue            # it leaves an inner loop or a switch, not this loop
        if pos(o) not in fails:
            return False
    return True


_ERRORISH = _re.compile(r"^\(?\s*-|^\(\s*[\w\s\*]+\)\s*-|\b(NULL|nullptr|false|FALSE|EXIT_FAILURE)\b"
                        r"|(?i:err|fail|fatal|invalid|nomem|memory|oom\b|bad|abort|denied|refused|unsupp)")
_STATUS_NAME = _re.compile(r"^(?i:r|e|rc|rv|ret|retval|res|result|status|st|error|code|err\w*)$")


def _success_exit(p2, var):
    """The exit at p2 looks like the success of the function: it returns 0 or a positive number
    from a function that does not return a pointer, a name of success (`C_OK`, `true`), the
    resource inside an expression (`return attach(c, ssl)`), or another object. Learned pairs
    (unwind-inferred) report only the other exits: on a success path the resource of a project is
    usually kept by something the rules cannot see (redis: dictAdd, zslInsert, ...)."""
    value = _returned(p2)
    if not value:
        return False                # a goto, or `return;`: nothing says
    base = _re.escape(var.lstrip("&*").split("[")[0].split("->")[0].split(".")[0])
    if _re.search(r"\b%s\b" % base, value):
        return True
    if _ERRORISH.search(value):
        return False
    if _re.match(r"^\(?\s*(0|[1-9]\d*)[uUlL]*\s*\)?$", value):
        return not _returns_pointer(p2)
    if _re.match(r"^(true|TRUE|EXIT_SUCCESS)$|(?i:ok$|success)", value):
        return True
    m = _re.match(r"^\(?\s*&?\s*([A-Za-z_]\w*)(\s*(->|\.)\s*\w+)*\s*\)?$", value)
    return bool(m) and not _STATUS_NAME.match(m.group(1))


def _function_end(path, n):
    """Line of the closing brace of the function holding line n."""
    text, _, start = _function_code(path, n)
    o = text.find("{")
    if o < 0:
        return len(_src(path))
    return start + text.count("\n", 0, _close(text, o, "{", "}"))


def _handed_on_later(p1, p2, var):
    """After the exit at p2 the function gives the resource away on its way to success: it
    stores it (`as->s = s;`, `*out = p;`), hands it to a sink, or returns it (`return fd;`).
    Its author meant to hold it until then, so an exit that fails before drops it: a
    hand-off vouches for the resource as a release on another path does."""
    k2, fk = _key(p2), _fkey(p1, var)
    held = set(_HELD.get(fk, ()))
    if any(u > k2 and u not in held for u in _USES.get(fk, ())):
        return True
    if not _re.match(r"^[A-Za-z_]\w*$", var):
        return False
    path, n = p2[0].file, int(p2[0].line)
    v = _re.escape(var)
    ret = _re.compile(r"\breturn\s*\(?\s*(\(\s*[\w\s\*]+\)\s*)?%s\s*\)?\s*;" % v)
    # or wraps it in an object it stores in a member: `s->io = g_io_channel_unix_new(fd);`
    wrap = _re.compile(r"(->|\.)\s*\w+\s*=\s*[A-Za-z_]\w*\s*\(([^;]*[(,])?\s*%s\s*[,)]" % v)
    return any(ret.search(_cline(path, i)) or wrap.search(_cline(path, i))
               for i in range(n + 1, _function_end(path, n) + 1))


_CONDITION_WORDS = ("if", "while", "for", "switch")


def _enclosing_call(body, i):
    """(name, its offset, offset of the parenthesis) of the innermost parenthesis open around
    body[i] within its statement (a call's or an if's), or None."""
    depth, j = 0, i - 1
    while j >= 0:
        c = body[j]
        if c in ")]":
            depth += 1
        elif c in "([":
            if depth == 0:
                if c == "[":
                    return None
                m = _re.search(r"([A-Za-z_]\w*)\s*$", body[:j])
                return (m.group(1), m.start(1), j) if m else None
            depth -= 1
        elif c in "{};" and depth == 0:
            return None
        j -= 1
    return None


def _borrowed_use(body, i, end, var):
    """The occurrence of var at body[i:end] keeps the resource in the function: a test, a
    member or element access, sizeof, a dereference, an argument of a release or of a call
    that borrows it (the table's `borrow` lines) whose result does not carry it away
    (`return memcpy(p, ..)` does), or a reset to nothing."""
    before, after = body[:i].rstrip(), body[end:].lstrip()
    if _re.match(r"(->|\.|\[)", after):
        return not before.endswith("&")     # dev->len, buf[i]; not &obj->first_member
    if _re.match(r"=(?!=)", after):
        return bool(_TRIVIAL.match(after[1:].split(";")[0].strip()))
    if _re.search(r"(?<![=!<>])=$|\breturn$|\?$|:$|&$", before):
        return False                # copied away, returned, its address taken
    if _re.search(r"\bsizeof\s*\(?$", before):
        return True
    if _re.match(r"(==|!=|<=|>=|<(?!<)|>(?!>))", after) or \
            _re.search(r"(==|!=|<=|>=|(?<!<)<|(?<![>-])>)$", before):
        return True                 # fd < 0, NULL == p
    if before.endswith("!") or (before.endswith("*") and
                                _re.search(r"(^|[(;{}=,!&|])\s*\*$", before)):
        return True                 # !p, *p = 0
    call = _enclosing_call(body, i)
    if call is None:
        return False
    name, start, open_ = call
    if name in _CONDITION_WORDS:
        return bool(_re.search(r"(\(|&&|\|\|)$", before)) and \
            bool(_re.match(r"(\)|&&|\|\|)", after))
    exact = bool(_re.search(r"[(,]$", before)) and bool(_re.match(r"[),]", after))
    if not exact or not (name in (globals().get("BORROWS") or ()) or _is_release(name)):
        return False
    if FAMILY != "memory":
        return True                 # `ep = readdir(dp)`: the result is not the stream
    # the result of a call given memory may be that memory (`return memcpy(p, ..)`): it
    # must be a statement of its own, or tested
    close = _close(body, open_, "(", ")")
    call_before, call_after = body[:start].rstrip(), body[close:].lstrip()
    if call_before.endswith(")"):
        o = _open_of(body, len(call_before) - 1, "(", ")")
        if _re.search(r"\b(if|while|for)\s*$", body[:max(o, 0)]):
            return call_after.startswith(";")   # `if (x) memcpy(..);`
        start = o                   # a cast: `(char *) memcpy(..)`
        call_before = body[:o].rstrip()
    if _re.search(r"([;{}]|\belse|\bdo)$", call_before):
        return call_after.startswith(";")   # `fgets(..);`
    return _borrowed_use(body, start, close, var) \
        if not _re.search(r"(?<![=!<>])=$|\breturn$", call_before) else False


def _never_escapes(p1, var):
    """The function gives the resource nowhere: every use of var in it is one that keeps it
    (_borrowed_use: `fgets(buf, n, f)`, `readdir(dp)`, `if (!f)`, `buf[i] = c`). Nothing else
    can own it, so an exit that does not release it leaks it even where the function releases
    it nowhere, and the finding is as sure as one the function vouches for with a release.
    A `return var;` is no escape for the other exits: the caller gets it only there."""
    if not globals().get("BORROWS") or not _re.match(r"^[A-Za-z_]\w*$", var):
        return False
    path, n1 = p1[0].file, int(p1[0].line)
    text, off, start = _function_code(path, n1)
    o = text.find("{")
    if o < 0 or n1 - start >= len(off):
        return False
    end = _close(text, o, "{", "}")
    acq_line = (off[n1 - start], off[n1 - start + 1] if n1 - start + 1 < len(off) else end)
    decl = _decl_re(var)
    for m in _re.finditer(r"(?<![\w.>])%s\b" % _re.escape(var), text[:end]):
        if m.start() < o:
            return False            # a parameter of the function: the caller's
        line_start = text.rfind("\n", 0, m.start()) + 1
        line = text[line_start:text.find("\n", m.start()) % (len(text) + 1)]
        copied = _re.search(r"(?<![=!<>])=\s*$", text[line_start:m.start()])  # `q = var`
        if acq_line[0] <= m.start() < acq_line[1] and not copied:
            continue                # the acquisition itself
        if decl.search(line) and not copied:
            if _re.search(r"%s\s*=(?!=)" % _re.escape(var), line) and \
                    not _re.search(r"%s\s*=\s*(NULL|0|-\s*1)\s*[;,]" % _re.escape(var), line):
                return False        # declared with another value
            continue
        if _re.search(r"\breturn\s*(\(\s*[\w\s]+\**\s*\)\s*)?$", text[:m.start()]) and \
                _re.match(r"\s*;", text[m.end():]):
            continue                # `return var;`: that exit hands it back, no other does
        if not _borrowed_use(text, m.start(), m.end(), var):
            return False
    return True


def _own_allocator(p1, var):
    """Before the acquisition the function sets the member of the resource that names its
    allocator (the table's `allocator` lines: `zs.zalloc = pool_alloc;`), other than to NULL:
    the memory is the allocator's (nginx gives a zlib stream its pool, destroyed at the
    label), so a missing release may lose nothing."""
    members = globals().get("ALLOCATORS") or ()
    base = var.lstrip("&*")
    if not members or not base:
        return False
    path, n1 = p1[0].file, int(p1[0].line)
    text, off, start = _function_code(path, n1)
    before = text[:off[n1 - start] + int(p1[0].column)]
    return any(_re.search(r"(?<![\w.>])%s\s*(\.|->)\s*%s\s*=(?!=)\s*(?!(NULL|Z_NULL|0)\s*;)"
                          % (_re.escape(base).replace("\\.", "\\s*\\.\\s*"), _re.escape(m)),
                          before)
               for m in members)


def _decl_re(var):
    """A declaration of var (with or without an initialiser), not an assignment."""
    return _re.compile(r"(^\s*|[;{(]\s*)(const\s+|struct\s+|unsigned\s+|static\s+)*"
                       r"(?!(return|else|case|goto|do|sizeof)\b)[A-Za-z_]\w*"
                       r"([\s\*]+(const|volatile|restrict|__restrict)\b)*"   # DIR * const dir
                       r"[\s\*]+%s\s*(=|;|,|\[)" % _re.escape(var))


_ARITHMETIC = _re.compile(r"\b(char|short|int|long|float|double|_Bool|bool|signed|unsigned"
                         r"|size_t|ssize_t|off_t|pid_t|u?int\d+_t|intptr_t|uintptr_t)\s*$")


_FILE = [None]          # the file whose exits `exits` bound last (_note_file)


def _note_file(p2):
    """The file being checked: script constraints see only the names they test."""
    _FILE[0] = p2[0].file


_HELD_BY_VALUE = {}


def _held_by_value(path, var):
    """var is an object held by value wherever the file declares it, set up through its
    address (`regex_t re; regcomp(&re, ..)`, `mbedtls_mpi x; mbedtls_mpi_init(&x)`): every
    declaration of it has no `*` or `[` and a type that is not arithmetic, and the file never
    assigns it. Giving its address to another call is using it, not handing it on."""
    if (path, var) not in _HELD_BY_VALUE:
        _HELD_BY_VALUE[(path, var)] = _held_by_value_in(path, var)
    return _HELD_BY_VALUE[(path, var)]


def _held_by_value_in(path, var):
    decl = _decl_re(var)
    name = _re.compile(r"\b%s\s*(=|;|,|\[)" % _re.escape(var))
    assigned = _re.compile(r"\b%s\s*=(?!=)" % _re.escape(var))
    found = False
    for i in range(1, len(_src(path)) + 1):
        code = _cline(path, i)
        for m in decl.finditer(code):
            head = code[m.start():m.end()]
            n = name.search(head)
            typ = _re.sub(r"^[;{(]\s*", "", head[:n.start()].strip()) if n else ""
            if not typ or "*" in typ or n.group(1) in ("=", "[") or _ARITHMETIC.search(typ):
                return False
            found = True
        if assigned.search(code) and not decl.search(code):
            return False
    return found


def _address_takes_over(g, var):
    """`g(..., &var, ...)` may take var over (set a pointer, steal it): the path search stops
    there, unless var is held by value (_held_by_value), where the call only uses it."""
    return _FILE[0] is None or not _held_by_value(_FILE[0], var)


def _declared_twice(p1, p2, var):
    """Two declarations of var before the exit (in #if and #else branches): the graph may
    bind the acquisition to one and the release to the other."""
    path = p1[0].file
    decl = _decl_re(var)
    found = 0
    for i in range(_function_start(path, int(p1[0].line)), int(p2[0].line) + 1):
        found += bool(decl.search(_cline(path, i)))
    return found > 1


def _redeclared(p1, p2, var):
    """var is declared again after the acquisition at p1, before the exit at p2 (its twin in
    an #else branch)."""
    path = p1[0].file
    decl = _decl_re(var)
    return any(decl.search(_cline(path, i)) for i in range(int(p1[0].line) + 1, int(p2[0].line) + 1))


def _block_end(path, n, var):
    """(line, column) of the brace closing the block that declares var, when the
    declaration at or above line n is inside a block nested in the function body;
    None for a parameter, a global or a declaration at the top of the function."""
    start = _function_start(path, n)
    decl = _decl_re(var)
    stack = []
    found = None
    for i in range(start, n + 1):
        t = _line(path, i)
        if t.lstrip().startswith("#"):
            continue
        code = _cline(path, i)
        m = decl.search(code)
        if m and stack:
            found = (i, m.end(), len(stack))
        for c, ch in enumerate(code):
            if ch == "{":
                stack.append((i, c))
            elif ch == "}" and stack:
                stack.pop()
                if found and len(stack) < found[2]:
                    found = None
    if not found or found[2] < 2:
        return None
    depth = found[2]
    i, col = found[0], found[1]
    while i <= len(_src(path)):
        t = _line(path, i)
        code = "" if t.lstrip().startswith("#") else _cline(path, i)
        for c in range(col, len(code)):
            depth += code[c] == "{"
            depth -= code[c] == "}"
            if depth < found[2]:
                return (i, c)
        i, col = i + 1, 0
    return None


def _branches_holding(path, n, col):
    """The if conditions whose branch holds (n, col) in its function, innermost first, as
    (condition text, True for the then branch or False for the else branch); a leading
    `!` flips the branch."""
    start = _function_start(path, n)
    lines = [("" if _line(path, i).lstrip().startswith("#") else _cline(path, i))
             for i in range(start, n + 1)]
    text = "\n".join(lines)
    target = sum(len(l) + 1 for l in lines[:-1]) + col
    i = text.find("{")
    out = []
    if i < 0:
        return out

    def skip(i):
        while i < len(text) and text[i].isspace():
            i += 1
        return i

    def statement(i):
        i = skip(i)
        m = _re.match(r"(case\b[^:]*|default|[A-Za-z_]\w*)\s*:(?!:)", text[i:])
        while m and not text[i:].startswith(("if", "else")):
            i = skip(i + m.end())
            m = _re.match(r"(case\b[^:]*|default|[A-Za-z_]\w*)\s*:(?!:)", text[i:])
        if text.startswith("{", i):
            end = _close(text, i, "{", "}")
            if i < target < end:
                inner(i + 1)
            return end
        m = _re.match(r"(if|for|while|switch)\s*\(", text[i:])
        if m:
            c0 = i + m.end() - 1
            c1 = _close(text, c0, "(", ")")
            body0 = skip(c1)
            body1 = statement(body0)
            if m.group(1) == "if":
                cond = " ".join(text[c0 + 1:c1 - 1].split())
                pol = True
                while cond.startswith("!") and not cond.startswith("!=") and \
                        not _top_level_logic(cond[1:]):
                    cond, pol = cond[1:].strip(), not pol
                if body0 <= target < body1:
                    out.append((cond, pol))
                j = skip(body1)
                if _re.match(r"else\b", text[j:]):
                    e0 = skip(j + 4)
                    e1 = statement(e0)
                    if e0 <= target < e1:
                        out.append((cond, not pol))
                    return e1
            return body1
        if _re.match(r"do\b", text[i:]):
            j = statement(i + 2)
            k = text.find(";", j)
            return len(text) if k < 0 else k + 1
        m = _re.match(r"[A-Za-z_]\w*\s*\(", text[i:])
        if m:   # an iterator macro with a braced body: TAILQ_FOREACH(x, head, entry) { ... }
            c1 = _close(text, i + m.end() - 1, "(", ")")
            if text.startswith("{", skip(c1)):
                return statement(skip(c1))
        depth = 0
        while i < len(text):
            depth += text[i] in "({["
            depth -= text[i] in ")}]"
            if depth < 0:
                return i
            i += 1
            if depth == 0 and text[i - 1] == ";":
                return i
        return i

    def inner(i):
        while i < len(text) and i <= target:
            j = statement(i)
            if j <= i:
                break
            i = j

    inner(i + 1)
    return out


_OPERAND = _re.compile(r"[A-Za-z_]\w*(?:\s*(?:->|\.)\s*[A-Za-z_]\w*)*(?!\s*[\w(])")


def _operands(cond, var):
    out = set()
    for m in _OPERAND.finditer(cond):
        o = _re.sub(r"\s+", "", m.group(0))
        if o != var and not o.isupper() and o not in ("sizeof", "NULL"):
            out.add(o)
    return out


def _correlated(p1, p2, var):
    """The acquisition was made under a condition that the exit does not share, and the
    exit is under another condition on the same operand: `if (onCrash) f = stderr; else
    f = fopen(...); ... if (onCrash) return 0;`, or `if (src->type == PATH) fp = fopen(...);
    ... if (src->type == BLOB && ...) return ...;`. The graph takes both branches as
    independent; the code does not."""
    a = _branches_holding(p1[0].file, int(p1[0].line), int(p1[0].column))
    b = _branches_holding(p2[0].file, int(p2[0].line), int(p2[0].column))
    mine = [c for c in a if c not in b and c[0]]
    # an exit under a test of the resource itself (`if (f || blob)`) may well hold it
    theirs = [c for c in b if c not in a and c[0] and var not in _operands(c[0], "")]
    for cond, pol in mine:
        if (cond, not pol) in theirs:
            return True
        ops = _operands(cond, var)
        if any(ops & _operands(c, var) for c, _ in theirs):
            return True
    return False


_EQ = _re.compile(r"^\(?\s*([A-Za-z_][\w.>\s-]*?)\s*==\s*([A-Z_][A-Z0-9_]*|\d+)\s*\)?$")


def _equalities(cond):
    """{operand: constant} of the `x == CONSTANT` terms of a condition that is one such term
    or a conjunction of them and other terms."""
    if "||" in cond:
        return {}
    out = {}
    for term in cond.split("&&"):
        m = _EQ.match(term.strip())
        if m:
            out[_re.sub(r"\s+", "", m.group(1))] = m.group(2)
    return out


def _excluded_by_condition(p1, p2, var):
    """The acquisition is under a condition that rules out the exit: the exit is in the
    other branch of the same test (`if (onCrash) fd = stderr; else fd = fopen(...); ... if
    (onCrash) return 0;`), or under a test of the same operand against another constant
    (`if (src->type == PATH) fp = fopen(...); ... if (src->type == BLOB && ...) return`), and
    no operand of the test is assigned between them. Nothing was acquired on that exit."""
    path = p1[0].file
    k1 = (int(p1[0].line), int(p1[0].column))
    k2 = (int(p2[0].line), int(p2[0].column))
    a = _branches_holding(path, k1[0], k1[1])
    b = _branches_holding(path, k2[0], k2[1])

    def stable(cond):
        return not any(_assigned_between(path, op.split("->")[0].split(".")[0], k1, k2)
                       for op in _operands(cond, var) | set(_equalities(cond)))

    for cond, pol in (c for c in a if c not in b and c[0]):
        if var in _operands(cond, ""):
            continue
        if (cond, not pol) in b and stable(cond):
            return True
        mine = _equalities(cond) if pol else {}
        for c2, pol2 in b:
            theirs = _equalities(c2) if pol2 else {}
            if any(op in theirs and theirs[op] != k for op, k in mine.items()) \
                    and stable(cond) and stable(c2):
                return True
    return False


def _after_loop_of_condition(p1, p2):
    """The acquisition is the condition of a while loop (`while ((p = next()) != NULL)`), or
    of a for loop (`for (X509 *ca; (ca = PEM_read_bio_X509(in, ..)); X509_free(ca))`): the
    loop ends when it fails, so an exit after the loop holds nothing, unless a break left the
    loop with it (the graph cannot tell which)."""
    path, n = p1[0].file, int(p1[0].line)
    text = "\n".join(_csrc(path)[n - 1:n + 2000])
    col = int(p1[0].column)
    m = None
    for m in _re.finditer(r"\b(while|for)\s*\(", text[:col]):
        pass
    if m is None or text[m.end():col].count("(") < text[m.end():col].count(")"):
        return False
    if m.group(1) == "for":
        head, depth, semis = text[m.end():col], 0, 0
        for ch in head:
            depth += (ch == "(") - (ch == ")")
            semis += ch == ";" and depth == 0
        if semis != 1:
            return False            # in the initialisation or the step, not the condition

    i = _close(text, m.end() - 1, "(", ")")
    while i < len(text) and text[i].isspace():
        i += 1
    end = _close(text, i, "{", "}") if text.startswith("{", i) else text.find(";", i) + 1
    line = n + text.count("\n", 0, end)
    column = end - (text.rfind("\n", 0, end) + 1)
    return (int(p2[0].line), int(p2[0].column)) >= (line, column)


def _goto_within_loop(p1, p2):
    """The exit is `goto l;` to a label inside a loop body that also holds the goto (tmux
    `goto next;`): the loop goes on, but without back edges the graph walks out of it.
    (offset of that loop's opening brace in the function's code, line offsets, first line
    of the function), as _function_code gives them, or None."""
    path, n = p2[0].file, int(p2[0].line)
    m = _re.match(r"goto\s+(\w+)", _text(p2) + _line(path, n)[int(p2[0].column_end):])
    if not m:
        return None
    text, off, start = _function_code(path, n)
    goto_at = off[n - start] + int(p2[0].column)
    lab = _re.compile(r"(^|[;{}])\s*%s\s*:(?!:)" % _re.escape(m.group(1)), _re.M)
    found = lab.search(text, 0)
    if not found:
        return None
    # the innermost loop whose body holds the label
    for b in reversed(_open_braces(text, found.end())):
        if _brace_kind(text, b) == "loop":
            end = _close(text, b, "{", "}")
            return (b, off, start) if b < goto_at < end else None
    return None


def _continues_loop(p1, loop):
    """A goto to a label in the loop that holds both the goto and the label (loop: what
    _goto_within_loop gave for the exit), where the resource was acquired before that loop:
    the jump goes on to the next iteration, like `continue`, and the resource is still held,
    not leaked (tmux yylex_token: `goto next;` inside `for (;;)`, and `buf` returned after
    the loop)."""
    if loop is None:
        return False
    b, off, start = loop
    n1 = int(p1[0].line)
    return 0 <= n1 - start < len(off) and off[n1 - start] + int(p1[0].column) < b


_ENDLESS = _re.compile(r"\b(for\s*\(\s*;\s*;\s*\)|while\s*\(\s*(1|true|TRUE)\s*\))\s*$")


def _breaks_out(text, o, end):
    """A break in the loop body text[o:end] that leaves this loop, not a nested loop or
    switch."""
    for m in _re.finditer(r"\bbreak\s*;", text[o:end]):
        inner = [b for b in _open_braces(text, o + m.start(), o) if b != o]
        if not any(_brace_kind(text, b) in ("loop", "switch") for b in inner):
            return True
    return False


def _after_endless_loop(p1, p2):
    """The exit comes right after the closing brace of an endless loop (`for (;;)`,
    `while (1)`) that no break leaves: nothing reaches it, but the graph gives such a loop
    an exit edge (util-linux get_max_number_of_cpus: `for (;;) { ... return n * 8; }`, then
    `#endif` and `return -1;`). A preprocessor conditional between the loop and the exit
    counts only when the acquisition is inside it: otherwise another configuration
    reaches the exit holding the resource."""
    path, n1, n2, c2 = p1[0].file, int(p1[0].line), int(p2[0].line), int(p2[0].column)
    text, off, start = _function_code(path, n2)
    i = off[n2 - start] + c2 - 1
    while i >= 0 and text[i].isspace():
        i -= 1
    if i < 0 or text[i] != "}":
        return False
    o = _open_of(text, i, "{", "}")
    if o < 0 or not _ENDLESS.search(text[max(0, o - 200):o].rstrip()) or \
            _breaks_out(text, o, i):
        return False
    end_line = start + text.count("\n", 0, i)
    depth = 0
    for k in range(n2 - 1, end_line, -1):
        d = _line(path, k).strip()
        if not d.startswith("#"):
            continue
        if not _re.match(r"#\s*endif\b", d):
            return False            # an #else or #if between the loop and the exit
        # the #if that opens this #endif: it must hold the acquisition, with no #else
        for j in range(k - 1, 0, -1):
            dj = _line(path, j).strip()
            if _re.match(r"#\s*endif\b", dj):
                depth += 1
            elif _re.match(r"#\s*if", dj):
                if depth == 0:
                    if j >= n1:
                        return False
                    break
                depth -= 1
            elif _re.match(r"#\s*(else|elif)\b", dj) and depth == 0:
                return False
        else:
            return False
    return True


def _out_of_scope(p1, p2, var):
    """The exit lies after the end of the block that declares the variable (a loop body):
    whatever leaked did so when the block ended, not at this exit."""
    end = _block_end(p1[0].file, int(p1[0].line), var)
    return end is not None and (int(p2[0].line), int(p2[0].column)) > end


def _declared_with_cleanup(path, n, var):
    start = _function_start(path, n)
    word = _re.compile(r"\b%s\b" % _re.escape(var))
    for i in range(start, n + 1):
        t = _line(path, i)
        if word.search(t) and _CLEANUP.search(t):
            return True
    return False


def _documented_locked(path, n):
    """The comment block right above the function's head, or an annotation in the head,
    says that it returns with the lock held (a lock wrapper, not a leak)."""
    start = _function_start(path, n)
    head = []
    i = start
    while i <= n and "{" not in _line(path, i):
        head.append(_line(path, i))
        i += 1
    head.append(_line(path, i))
    above = []
    j = start - 1
    if j >= 1 and _line(path, j).rstrip().endswith("*/"):
        while j >= 1:
            above.insert(0, _line(path, j))
            if "/*" in _line(path, j):
                break
            j -= 1
    else:
        while j >= 1 and _line(path, j).lstrip().startswith("//"):
            above.insert(0, _line(path, j))
            j -= 1
    return bool(_LOCKED_DOC.search("\n".join(above + head)))


def _named_lock_function(p):
    """The function is named for taking a lock (`foo_lock`, `lock_table`, mbedTLS
    `Curl_mbedtlsthreadlock_lock_function`, `LockMutex`): returning with the lock held is its
    job."""
    words = _re.sub(r"([a-z0-9])([A-Z])", r"\1_\2", p[0].current_element).lower().split("_")
    return any(w in ("lock", "rdlock", "wrlock") for w in words)


def _handed_on_at_acquisition(p1, var):
    """`s->p = p = calloc(...)`: the chained assignment stores the resource as it is made;
    `p = realloc(p, n)` resizes and is no acquisition."""
    l = _line(p1[0].file, int(p1[0].line))
    fn = _text(p1)
    v = _re.escape(var)
    # (an assignment, not a comparison: `-1 == (fd = socket(..))` is the acquisition's test)
    if _re.search(r"(?<![=!<>])=\s*\(?\s*%s\s*=\s*\(?\s*%s\s*\(" % (v, _re.escape(fn)), l):
        return True
    if fn == "realloc" and _re.search(r"\brealloc\s*\(\s*%s\s*," % v, l):
        return True
    return False


def _in_initializer(p1, p2, var):
    """`struct it m = { .stack = p, ... };` between the acquisition and the exit: the
    resource is handed to a structure (a designated initializer, which the graph does not
    see as an assignment)."""
    path = p1[0].file
    pat = _re.compile(r"(^|[{,])\s*\.\w+\s*=\s*(\(\s*[\w\s\*]+\)\s*)?%s\s*($|[,}])"
                      % _re.escape(var))
    return any(pat.search(_cline(path, i))
               for i in range(int(p1[0].line), int(p2[0].line) + 1))


def _backward_goto(p1, p2):
    """The exit is `goto l;` to a label between the acquisition and the goto (`goto retry`,
    `goto again`): the function goes on holding the resource; the exits after the label
    are checked on their own."""
    name = _goto_target(p2)
    path, n1, n2 = p1[0].file, int(p1[0].line), int(p2[0].line)
    return bool(name) and _label_line(path, name, n1 + 1, n2 - 1) is not None


_CASE_LABEL = _re.compile(r"\b(case\s+([^:;{}]+?)|default)\s*:(?!:)")


def _else_after_block(text, pos):
    """(start, end) offsets of the else branch of the if whose braced branch holds pos, or
    None."""
    opened = _open_braces(text, pos)
    if not opened:
        return None
    end = _close(text, opened[-1], "{", "}")
    m = _re.match(r"\s*else\b\s*", text[end:])
    if not m:
        return None
    i = end + m.end()
    if text.startswith("{", i):
        return (i, _close(text, i, "{", "}"))
    j = text.find(";", i)
    return (i, j + 1) if j >= 0 else None


def _case_labels(text, body, end, pos):
    """(the label of the case arm that holds offset pos, every label) of the switch body
    text[body:end] (body at its `{`): `case` labels as written, "default" for default."""
    label, labels, depth = None, [], 0
    for i in range(body + 1, end):
        c = text[i]
        depth += (c == "{") - (c == "}")
        if depth == 0 and c in "cd":
            lm = _CASE_LABEL.match(text, i)
            if lm and not (text[i - 1].isalnum() or text[i - 1] == "_"):
                labels.append((lm.group(2) or "default").strip())
                if i < pos:
                    label = labels[-1]
    return label, labels


def _in_failing_case(p1, p2):
    """p2 lies in a `case -1:` arm (or another negative constant's) of `switch (st)`, where st
    holds the status of the acquisition at p1 and is not assigned in between (`pid =
    fdforkpty(ptm, &master, ..); switch (pid) { case -1: goto fail; case 0: ...}`): the
    acquisition failed there and holds nothing."""
    st = _STATUS_VAR.get(_key(p1))
    if not st or not _same_function(p1, p2):
        return False
    path, n1, n2 = p1[0].file, int(p1[0].line), int(p2[0].line)
    text, off, start = _function_code(path, n1)
    if n2 - start + 1 >= len(off):
        return False
    pos1 = off[n1 - start] + int(p1[0].column)
    pos2 = off[n2 - start] + int(p2[0].column)
    for m in _re.finditer(r"\bswitch\s*\(\s*%s\s*\)\s*\{" % _re.escape(st[2]), text):
        body = m.end() - 1
        if not pos1 < m.start() or not body < pos2:
            continue
        end = _close(text, body, "{", "}")
        if pos2 >= end:
            continue
        # st assigned between them, other than in the else of the if whose branch made the
        # acquisition (tmux: `if (pty) pid = fdforkpty(..); else pid = fork();`)
        skip = _else_after_block(text, pos1)
        for a in _assignment_re(st[2]).finditer(text[pos1:m.start()]):
            if not (skip and skip[0] <= pos1 + a.start() < skip[1]):
                return False
        label = _case_labels(text, body, end, pos2)[0]
        return bool(label) and bool(_re.match(r"^\(?\s*-\s*\d+\s*\)?$", label))
    return False


def _in_failing_named_case(p1, p2):
    """The acquisition's status is kept (`result = f(.., &x)`) and switched on before the
    exit, and the exit lies in a case arm labelled by a named failure constant (`case
    CURLE_PEER_FAILED_VERIFICATION:`), or in `default:` of a switch that has a case for a
    named success constant (`case CURLE_OK: break;`): f failed there (curl sectransp.c)."""
    path, n1, n2 = p1[0].file, int(p1[0].line), int(p2[0].line)
    m = _re.search(r"(?<![\w.>])([A-Za-z_]\w*)\s*=\s*(\(\s*[\w\s\*]+\)\s*)?$",
                   _cline(path, n1)[:int(p1[0].column)])
    if not m or not _same_function(p1, p2):
        return False
    st = m.group(1)
    text, off, start = _function_code(path, n1)
    if n2 - start + 1 >= len(off):
        return False
    pos1 = off[n1 - start] + int(p1[0].column)
    pos2 = off[n2 - start] + int(p2[0].column)
    for sw in _re.finditer(r"\bswitch\s*\(\s*%s\s*\)\s*\{" % _re.escape(st), text):
        body = sw.end() - 1
        if not pos1 < sw.start() or not body < pos2:
            continue
        end = _close(text, body, "{", "}")
        if pos2 >= end or _assignment_re(st).search(text, pos1, sw.start()):
            return False
        label, labels = _case_labels(text, body, end, pos2)
        if not label:
            return False
        if label == "default":
            return any(_success_constant(x) for x in labels)
        return _failure_status_constant(label)
    return False


def _after_status_switch(p1, p2, var):
    """The acquiring call is the whole expression of a switch (`switch (glob(pat, 0, NULL,
    &gl)) { case 0: ... globfree(&gl); break; case GLOB_NOMATCH: ... }`), its body releases
    the resource, and the exit comes after the switch: the cases other than the success one
    hold nothing, and the success case released it."""
    path, n1, c1 = p1[0].file, int(p1[0].line), int(p1[0].column)
    if not _re.search(r"\bswitch\s*\(\s*$", _cline(path, n1)[:c1]):
        return False
    text, off, start = _function_code(path, n1)
    i = text.find("(", off[n1 - start] + c1)
    j = _close(text, i, "(", ")")
    while j < len(text) and text[j].isspace():
        j += 1
    if j >= len(text) or text[j] != ")":
        return False            # the call is only part of the switch's expression
    j += 1
    while j < len(text) and text[j].isspace():
        j += 1
    if not text.startswith("{", j):
        return False
    end = _close(text, j, "{", "}")

    def at(o):
        k = max(x for x in range(len(off)) if off[x] <= o)
        return (start + k, o - off[k])

    body, after = at(j), at(end)
    if (int(p2[0].line), int(p2[0].column)) < after:
        return False
    return any(body <= r[1:] < after for r in _HELD.get(_fkey(p1, var), ()))


def _count_zero_means_null(p1, p2, var):
    """The exit is under `if (n == 0)` where the acquisition grows var from itself with a
    size of n (`list = xreallocarray(list, n + 1, sizeof *list)`, starting from NULL) and n
    is counted up after it (in a loop): n is 0 exactly when nothing was allocated."""
    path, n1, n2 = p1[0].file, int(p1[0].line), int(p2[0].line)
    v = _re.escape(var)
    m = _re.search(r"(?<![\w.>])%s\s*=\s*(\(\s*[\w\s\*]+\)\s*)?%s\s*\(\s*%s\s*,([^;]*)"
                   % (v, _re.escape(_text(p1)), v), _cline(path, n1))
    if not m:
        return False        # (the loop may be an iterator macro: TAILQ_FOREACH(...) { })
    counts = set(_re.findall(r"[A-Za-z_]\w*", m.group(2))) - {"sizeof", var}
    body = "\n".join(_cline(path, i) for i in range(n1, n2))
    for cond, pol in _branches_holding(path, n2, int(p2[0].column)):
        c = cond.strip("() ")
        z = _re.match(r"^(?:([A-Za-z_]\w*)\s*==\s*0|0\s*==\s*([A-Za-z_]\w*))$", c)
        name = (z.group(1) or z.group(2)) if z and pol else (
            c if _re.match(r"^[A-Za-z_]\w*$", c) and not pol else None)
        if name in counts and _re.search(r"(\+\+\s*%s|(?<![\w.>])%s\s*(\+\+|\+=))"
                                         % (name, name), body):
            return True
    return False


def _points_into_parameter(p1, var):
    """var is set, in the function before the acquisition, to the address of a member of
    an object the caller gave it (`z_stream *z = &zp->z;` with zp a parameter, or a local
    copy of one: curl's content_encoding.c): the stream lives in the caller's object, whose
    own teardown may end it, so an exit that leaves it set up may hand it back (medium)."""
    if not _re.match(r"^[A-Za-z_]\w*$", var):
        return False
    path, n1 = p1[0].file, int(p1[0].line)
    text, off, start = _function_code(path, n1)
    before = text[:off[n1 - start]]
    m = None
    for m in _re.finditer(r"(?<![\w.>])%s\s*=(?!=)\s*&\s*\(?\s*([A-Za-z_]\w*)\s*(->|\.)"
                          % _re.escape(var), before):
        pass
    if not m:
        return False
    obj = m.group(1)
    if _is_parameter(p1, obj):
        return True
    # one alias: `struct zlib_writer *zp = (struct zlib_writer *) writer;`
    a = _re.search(r"(?<![\w.>])%s\s*=(?!=)\s*(\(\s*[\w\s\*]+\)\s*)?([A-Za-z_]\w*)\s*;"
                   % _re.escape(obj), before)
    return bool(a) and _is_parameter(p1, a.group(2))


def _is_parameter(p, name):
    """name is a parameter of the function holding p (`int fds[2]`, `int * const fds`):
    what the function stores in it belongs to its caller."""
    path, n = p[0].file, int(p[0].line)
    start = _function_start(path, n)
    head = []
    for i in range(start, n + 1):
        code = _cline(path, i)
        head.append(code.split("{")[0])
        if "{" in code:
            break
    text = " ".join(head)
    i = text.find("(")
    if i < 0:
        return False
    params = _split_args(text[i + 1:])
    return any(_re.search(r"\b%s\s*(\[[^\]]*\]\s*)?$" % _re.escape(name), a) for a in params)


def _is_main(p):
    """main, or the main of an applet of a multi-call program (busybox `login_main(int argc,
    char **argv)`): what it returns ends the process."""
    name = p[0].current_element
    if name == "main":
        return True
    if not name.endswith("_main"):
        return False
    path = p[0].file
    start = _function_start(path, int(p[0].line))
    head = " ".join(_cline(path, i) for i in range(start, start + 3))
    return _re.search(r"\b%s\s*\(\s*int\s+\w+[^,]*,\s*(const\s+)?char\s*\*\s*\*\s*\w+"
                      % _re.escape(name), head) is not None


def _helper_of_main(p):
    """The function is a static helper of the program's main that main alone calls: every
    call of it in the file lies in main (util-linux chsh's ask_new_shell(), blkdiscard's
    probe_device()). Its failure exits (NULL, a negative number) hand main a failure the
    program ends on, so what they drop is lost only for moments (medium); its other exits
    stay high (sshd's server_accept_loop() returns to a child that runs the session)."""
    calls = _static_call_sites(p)
    src = _csrc(p[0].file)
    mains = [i + 1 for i, l in enumerate(src) if _re.match(r"^(\s*int\s+)?main\s*\(", l)]
    if not calls or len(mains) != 1:
        return False
    m_start, m_end = mains[0], _function_end(p[0].file, mains[0])
    return all(m_start <= i + 1 <= m_end for i in calls)


_CALL_SITES = {}


def _static_call_sites(p):
    """The lines (0-based) of the file that call the function holding p, outside its own
    body, when it is static; [] when it is not (once per function)."""
    key = (p[0].file, p[0].current_element)
    if key not in _CALL_SITES:
        _CALL_SITES[key] = _static_call_sites_in(p)
    return _CALL_SITES[key]


def _static_call_sites_in(p):
    name, path = p[0].current_element, p[0].file
    start = _function_start(path, int(p[0].line))
    head = " ".join(_cline(path, i) for i in range(start, start + 2))
    if not _re.match(r"^\s*static\b", head):
        return []
    own = range(start, _function_end(path, int(p[0].line)) + 1)
    call = _re.compile(r"(?<![\w.>])%s\s*\(" % _re.escape(name))
    return [i for i, l in enumerate(_csrc(path)) if call.search(l) and i + 1 not in own]


def _callers_end_after(p):
    """The function is static and each call of it in the file is a statement of its own
    followed by a call that never returns (openssh mux.c: `mux_client_request_stdio_fwd(sock);
    exit(0);`): whatever its exits drop, the process ends right after, so it is lost only for
    moments (medium)."""
    name, src = p[0].current_element, _csrc(p[0].file)
    sites = _static_call_sites(p)
    if not sites:
        return False
    null = _returned_value(p) in ("NULL", "0")
    for i in sites:
        j = _next_code_line(src, i)
        if _re.match(r"^\s*(\(\s*void\s*\)\s*)?%s\s*\(.*\)\s*;\s*$" % _re.escape(name),
                     src[i]):
            if not _noreturn_call_at(src, j):
                return False
            continue
        # `v = name(..); if (!v) nret(..);` (dropbear cli-authpasswd.c gui_getpass): the
        # exits that return NULL end the process
        a = _re.match(r"^\s*(?:[A-Za-z_][\w\s]*[\s\*])?([A-Za-z_]\w*)\s*=\s*%s\s*\(.*\)\s*;\s*$"
                      % _re.escape(name), src[i])
        v = _re.escape(a.group(1)) if a else None
        t = _re.match(r"^\s*if\s*\(\s*(!\s*%s|%s\s*==\s*NULL|NULL\s*==\s*%s)\s*\)\s*{?\s*"
                      % (v, v, v), src[j]) if a and null and j < len(src) else None
        if not t:
            return False
        rest = src[j][t.end():]
        if not (_re.match(r"^\s*(\w+)\s*\(", rest) and _noreturn(rest.split("(")[0].strip())
                or not rest.strip() and _noreturn_call_at(src, _next_code_line(src, j))):
            return False
    return True


_FATAL_ON = _SUMMARY.get("fatal_on", {})
_INT_CONSTANTS = _SUMMARY.get("int_constants", {})


def _callers_end_on(p2):
    """Every caller of the function, in the whole tree the summary read, ends the process
    when it returns the value this exit returns (summary fatal_on: rsync
    start_inband_exchange() returns -1 to start_client(), whose caller, main, calls
    exit_cleanup()): what the exit drops is lost for moments only (medium)."""
    classes = _FATAL_ON.get(p2[0].current_element)
    if not classes:
        return False
    if _text(p2).startswith("goto"):
        value = _label_returns(p2)
    else:
        value = _returned_value(p2)
    return _value_class(value) in classes


def _value_class(text):
    """The class the summary gives a returned value: -1, neg, 0 (NULL, false), 1 (true),
    pos; None when the text is not a number or a constant the tree defines as one."""
    text = _CASTS.sub("", " ".join(str(text or "").split())).strip()
    text = _INT_CONSTANTS.get(text, text)
    if text in ("NULL", "false", "FALSE"):
        return "0"
    if text in ("true", "TRUE"):
        return "1"
    m = _re.match(r"^\(?\s*(-?)\s*(\d+)[uUlL]*\s*\)?$", text)
    if not m:
        return None
    n = int(m.group(2)) * (-1 if m.group(1) else 1)
    return {-1: "-1", 0: "0", 1: "1"}.get(n, "neg" if n < 0 else "pos")


def _label_returns(p2):
    """What the return after the goto's label returns: a constant, or a variable's value as
    last set before the goto (_returned_value's reading); None when the label's code may
    leave another way or return under a test first."""
    name, path, n2 = _goto_target(p2), p2[0].file, int(p2[0].line)
    end = _function_end(path, n2)
    label = _label_line(path, name, n2 + 1, end) if name else None
    for i in range(label, end + 1) if label is not None else ():
        m = _re.match(r"^\s*return\b\s*([^;]*);", _cline(path, i))
        if m:
            value = _bare(m.group(1))
            if not _re.match(r"^[A-Za-z_]\w*$", value) or value in _INT_CONSTANTS:
                return value
            text, off, start = _function_code(path, n2)
            last = None
            for a in _re.finditer(r"(?<![\w.>])%s\s*=(?!=)\s*([^;,]*)[;,]" % _re.escape(value),
                                  text[:off[n2 - start] + int(p2[0].column)]):
                last = " ".join(a.group(1).split())
            return last
        if _re.search(r"\b(if|else|switch|return|goto|break|continue)\b", _cline(path, i)):
            return None
    return None


def _next_code_line(src, i):
    """The index of the first line after i in src that is not blank nor a lone brace."""
    j = i + 1
    while j < len(src) and src[j].strip() in ("", "{"):
        j += 1
    return j


def _noreturn_call_at(src, j):
    m = _re.match(r"^\s*(\w+)\s*\(", src[j]) if j < len(src) else None
    return bool(m and _noreturn(m.group(1)))


_LOOP_HEAD = _re.compile(r"^\s*(?:(?:for|while)\s*\(.*\)|[A-Za-z_]\w*(?:for_?each|FOREACH|"
                         r"foreach)\w*\s*\(.*\))\s*$")


def _prev_code_line(path, n):
    i = n - 1
    while i > 0 and not _cline(path, i).strip():
        i -= 1
    return _cline(path, i) if i > 0 else ""


def _locked_per_element(p1, var):
    """A lock taken as the whole body of a loop over a set (haproxy `list_for_each_entry(expr,
    &ref->pat, list) HA_RWLOCK_WRLOCK(.., &expr->lock);`) and released the same way by a later
    loop: the graph cannot pair the two loops' iterations."""
    path, n1 = p1[0].file, int(p1[0].line)
    if not _LOOP_HEAD.match(_prev_code_line(path, n1)):
        return False
    end = _function_end(path, n1)
    return any(_releases_var(_cline(path, i), var) and
               _LOOP_HEAD.match(_prev_code_line(path, i)) for i in range(n1 + 1, end + 1))


def _emit_by_value(p1, p2, var, mode):
    """A struct held by value (vleak): reported from the first call given its address on
    (`arena_strdup(&a, s)`), before which it holds nothing."""
    path, n1, n2 = p1[0].file, int(p1[0].line), int(p2[0].line)
    used = _re.compile(r"\b([A-Za-z_]\w*)\s*\([^;]*&\s*%s\b(?!\s*(\.|->))" % _re.escape(var))
    text = "\n".join(_cline(path, i) for i in range(n1 + 1, n2))
    if not any(not _is_release(m.group(1)) for m in used.finditer(text)):
        return None
    _BY_VALUE_ACQ.add(_key(p1))
    return _emit(p1, p2, var, mode)


def _emit(p1, p2, var, mode):
    k1, k2 = _key(p1), _key(p2)
    var = _norm(var)
    if FAMILY == "inferred" and k1 not in _BY_VALUE_ACQ and \
            (p1[0].file, p1[0].current_element, var) in _BY_VALUE:
        return              # a struct held by value: _emit_by_value's exits
    if (k1, k2) in _EXCUSED or (k1, k2, var) in _SEEN:
        return
    if not _same_function(p1, p2):
        return
    if _text(p2).startswith("goto") and (k1, k2) not in _GOTO_LEAKS:
        return              # the code from the label on releases it
    fk = _fkey(p1, var)
    if any(k1 < g < k2 and _guard_reaches(g, k2) for g in _GUARDS.get(fk, ())):
        return
    if any(end <= k2[1:] and _guard_reaches((k1[0],) + tuple(end), k2)
           for end in _branches_covering(p1, var, k2)):
        return
    fail_exits, fail_leaves = _fail_exits(p1, var)
    if k2 in fail_exits or _failing_last_operand(p1, p2, var) or \
            _status_or_nothing_branch(p1, p2, var) or \
            _false_edge_of_acquiring_if(p1, p2, var) or _false_edge_of_status_if(p1, p2, var) or \
            _after_valid_return(p1, p2, var) or _after_ok_return(p1, p2) or \
            _in_failure_branch(p1, p2, var) or _in_failing_case(p1, p2) or \
            _in_failing_named_case(p1, p2) or _guard_not_taken(p1, p2, var) or \
            _container_null_branch(p1, p2, var) or \
            (HOW != "locked-by" and _text(p1) not in _NEVER_FAILS and
             _in_own_failure_test(p1, p2, var)):
        return
    if _text(p1) in INITS and not _filled_before(p1, p2, var):
        return              # set up by an init that allocates nothing, not filled yet
    if _returns_owner(p2, var) or _released_each_iteration(p1, p2, var, fail_leaves):
        return
    loop = _goto_within_loop(p1, p2)
    if _kept_when_call_succeeds(p1, p2, var) or _continues_loop(p1, loop) or \
            _after_endless_loop(p1, p2):
        return
    if _handed_to_call(p1, p2, var) or _excluded_by_condition(p1, p2, var) or \
            _handed_in_own_condition(p1, p2, var):
        return
    if _announced_handoff(p1, p2, var):
        return
    if _redeclared(p1, p2, var) or _released_in_twin_branch(p1, p2, var) or \
            _exclusive_configurations(p1, p2):
        return              # #if and #else declare it twice: the graph binds the releases
                            # after the twin to the twin (htop: `int entryFd` and `char
                            # entryFd[4096]`; `DIR * const dir = opendir(..)` in both); the
                            # twin's own acquisition is followed (at medium, below)
    _SEEN.add((k1, k2, var))
    path = p2[0].file
    if _handed_on_at_acquisition(p1, var) or _in_initializer(p1, p2, var):
        return
    if _declared_with_cleanup(path, int(p1[0].line), var.lstrip("&*").split("[")[0]):
        return
    if HOW == "locked-by" and (_documented_locked(path, int(p1[0].line))
                               or _named_lock_function(p1) or _locked_per_element(p1, var)):
        return
    if FAMILY == "inferred" and (not _learned_pair(p1, var) or _success_exit(p2, var)):
        return
    if _backward_goto(p1, p2) or _count_zero_means_null(p1, p2, var) or \
            _after_status_switch(p1, p2, var) or _null_in_branch(p1, p2, var):
        return
    if "[" in var and _is_parameter(p1, var.split("[")[0]):
        return              # the ends of a pipe filled into the caller's array
    if _is_main(p2) and FAMILY != "lock":
        return              # the process ends: the system takes back memory and descriptors
    fn = _text(p1)
    exit_kind = "goto" if _text(p2).startswith("goto") else "return"
    how = "locked by" if HOW == "locked-by" else "from"
    msg = "'%s' %s %s() at line %s is %s on this %s" % (
        var, how, fn, p1[0].line, NOT_RELEASED, exit_kind)
    line, col = int(p2[0].line), int(p2[0].column) + 1
    # a learned pair is as sure as a table pair where it cannot be a lookup: a struct held by
    # value, built by a call and released through its address on another path
    vouched = FAMILY != "inferred" or k1 in _BY_VALUE_ACQ
    conf = "high" if vouched and (
        _is_held(p1, var) or (not _success_exit(p2, var) and _handed_on_later(p1, p2, var))
        or _never_escapes(p1, var) or _failed_handoff(p1, p2, var)) else "medium"
    if conf == "high" and (_out_of_scope(p1, p2, var) or _declared_twice(p1, p2, var)
                           or _correlated(p1, p2, var) or _after_loop_of_condition(p1, p2)
                           or loop is not None
                           or any(b < k2 and _past_loop_of(b, k2) for b in fail_leaves)):
        conf = "medium"
    if conf == "high" and (_own_allocator(p1, var) or _test_program_code(p1)
                           or _points_into_parameter(p1, var)
                           or (FAMILY != "lock" and (
                               (_ERRORISH.search(_returned_value(p2) or "") and
                                _helper_of_main(p2)) or _callers_end_after(p2)
                               or _callers_end_on(p2)))):
        conf = "medium"
    taker = _named_taker_tested(p1, p2, var) if FAMILY != "lock" else None
    if taker:
        conf = "medium"
        msg += " (%s() is named for taking ownership: it may own it even when it fails)" % taker
    if mode == "context":
        return True         # the context rules star it
    extra = {}
    if FAMILY == "inferred":    # the learned releases, for fix mode
        extra["release"] = sorted(_LEARNED_REL.get((p1[0].file, p1[0].current_element, var), ()))
        if k1 in _BY_VALUE_ACQ:
            extra["by_value"] = True        # released through its address, never fails
    return _print_finding(p1, p2, var, conf, msg, mode, extra)


def _print_finding(p1, p2, var, conf, msg, mode, extra=None):
    """Print a finding in the mode's form: GCC-style, org, or a JSON line for run.sh."""
    path, line, col = p2[0].file, int(p2[0].line), int(p2[0].column) + 1
    if _JSON:
        item = {
            "file": path, "line": line, "column": col, "rule": RULE, "family": FAMILY,
            "variable": var, "acquirer": _text(p1), "acquired_line": int(p1[0].line),
            "acquired_column": int(p1[0].column) + 1,
            "exit": "goto" if _text(p2).startswith("goto") else "return",
            "function": p2[0].current_element, "confidence": conf, "message": msg}
        item.update(extra or {})
        print(_json.dumps(item))
    elif mode == "org":
        import coccilib.org
        coccilib.org.print_todo(p2[0], "%s [%s]" % (msg, RULE))
    else:
        print("%s:%d:%d: warning: %s [%s]" % (path, line, col, msg, RULE))
    return True


# -- members: `X->fld = acq(..)` (the mleak rule) -------------------------------------------
_TABLE_MEMORY_RELEASES = set(globals().get("MEMORY_RELEASES") or ())
MEMORY_RELEASES = _TABLE_MEMORY_RELEASES | set(_SUMMARY.get("release", {}).get("memory", []))


def _emit_member(p1, p2, x, fld, mode):
    """The member X->fld acquired at p1 is left at the exit p2 (the mleak rule's path) and
    it is lost there: the code on the way out releases its container X and not the member
    (e2fsprogs inode_open: `ext2fs_free_mem(&io)` at the label, io->name never freed), or
    the function releases the member itself on another path, this exit returns a failure,
    and X is the caller's (a parameter, or a pointer into one: libevent
    bufferevent_init_common_, bufev->input freed on one failing path and not on the
    next). A member left in an object that someone still holds is not reported."""
    var = _norm("%s->%s" % (x, fld))
    k1, k2 = _key(p1), _key(p2)
    if not _same_function(p1, p2) or (k1, k2, var) in _SEEN or _backward_goto(p1, p2):
        return None
    if _in_own_failure_test(p1, p2, var) or _is_main(p2) or \
            _declared_with_cleanup(p1[0].file, int(p1[0].line), x) or \
            _guard_not_taken(p1, p2, var) or _container_null_branch(p1, p2, var):
        return None
    goto = _text(p2).startswith("goto")
    # the acquisition names the member as written (not `a[i].fld`, which the graph may bind)
    if not _re.search(r"(?<![\w.>])%s\s*->\s*%s\b" % (_re.escape(x), _re.escape(fld)),
                      _cline(p1[0].file, int(p1[0].line))):
        return None
    code, top = _exit_code(p1, p2)
    # a release of the member anywhere on the way out (`if (n) free(c->env);` counts), or
    # the container handed on there (`if (r == 0) *out = cc; else free(cc);`)
    if code is None or _releases_var(code, var) or _sinks_var(code, var) or \
            _re.search(r"(?<![\w.>])%s\b" % _re.escape(x), _returned(p2) or "") or \
            _re.search(r"=\s*%s\s*;" % _re.escape(x), code):
        return None
    if _releases_container(top, x):
        why = "which releases its container '%s'" % x
    else:
        value = _label_returns(p2) if goto else _returned_value(p2)
        if not (value and _ERRORISH.search(value)) or \
                not (_is_parameter(p1, x) or _points_into_parameter(p1, x)) or \
                not _released_after(p1, p2, var):
            return None
        why = "a failure, where the function releases it on another path"
    _SEEN.add((k1, k2, var))
    conf = "high"
    if _callers_end_after(p2) or _callers_end_on(p2) or _test_program_code(p1):
        conf = "medium"
    if mode == "context":
        return True
    msg = "'%s' %s %s() at line %s is %s on this %s, %s" % (
        var, "from", _text(p1), p1[0].line, NOT_RELEASED, "goto" if goto else "return", why)
    return _print_finding(p1, p2, var, conf, msg, mode, {"member": True})


def _exit_code(p1, p2):
    """(all, top): the code on the way out at the exit p2 (its braced blocks that leave are
    other paths, left out), and its statements outside any braced block nested in it (a
    path may skip those). For a goto, from its label to the
    first return ((None, None) when it leaves another way first); for a return, its block
    before it, from the acquisition on."""
    path, n2 = p2[0].file, int(p2[0].line)
    text, off, start = _function_code(path, n2)
    if _text(p2).startswith("goto"):
        name = _goto_target(p2)
        end = _function_end(path, n2)
        label = _label_line(path, name, start, end) if name else None
        if label is None:
            return None, None
        for i in range(label, end + 1):
            if _re.search(r"\breturn\b", _cline(path, i)):
                begin, at = off[label - start], off[i - start + 1] - 1
                break
            if _re.search(r"\b(goto|break|continue)\b", _cline(path, i)):
                return None, None
        else:
            return None, None
    else:
        at = off[n2 - start] + int(p2[0].column)
        n1 = int(p1[0].line)
        a = off[n1 - start] + int(p1[0].column) if n1 >= start else 0
        braces = _open_braces(text, at)
        begin = max(braces[-1] + 1 if braces else 0, a)
    # a nested block that leaves is another path; one that falls through is on the way
    top, through, i = "", "", begin
    while i < at:
        j = text.find("{", i, at)
        if j < 0:
            break
        top += text[i:j]
        through += text[i:j]
        i = _close(text, j, "{", "}")
        if not _re.search(r"\b(return|goto|break|continue)\b", text[j:i]):
            through += text[j:i]
    rest = text[i:at] if i < at else ""
    return through + rest, top + rest


def _releases_container(code, x):
    """code frees the object x itself with a release of memory that cannot know its members:
    the C library's (free), or a wrapper given its address (`ext2fs_free_mem(&io)`, which
    frees and clears the pointer); a destructor given the object may free its members."""
    for c in _CALL_ARGS.finditer(code):
        name, args = c.group(1), _split_args(c.group(2))
        if name not in MEMORY_RELEASES:
            continue
        for a in args:
            a = _CASTS.sub("", _bare(a)).strip()
            if a == x and name in _TABLE_MEMORY_RELEASES or \
                    _re.match(r"^&\s*%s$" % _re.escape(x), a):
                return True
    return False


def _ends_container(name, address):
    """A call given the container (with address, its address) that may end or keep its
    members: a release wrapper of the project given the object (a destructor may free its
    members: tmux's window_buffer_finish_edit(ed)), or one named for releasing or
    registering, other than the releases _releases_container counts (free(X), a memory
    wrapper given &X)."""
    if address and name in MEMORY_RELEASES or not address and name in _TABLE_MEMORY_RELEASES:
        return False
    return name in MEMORY_RELEASES or _release_like(name) or _registers(name)


def _released_after(p1, p2, var):
    """After the acquisition at p1, the function releases var in a block that then leaves
    (`free(c->buf); c->buf = NULL; return -1;`): on failure it owns the member. (A release
    that goes on, `free(d->host); d->host = NULL;` to clear an empty value, says nothing.)
    The release is the table's or a wrapper named like one."""
    path, n1 = p1[0].file, int(p1[0].line)
    text, off, start = _function_code(path, n1)
    end = _close(text, text.find("{"), "{", "}")
    a = off[n1 - start] + int(p1[0].column)
    for c in _CALL_ARGS.finditer(text, a, end):
        name = c.group(1)
        # a release of the table, or a wrapper named like one (the summary may take a
        # parser that frees on some path for a release: util-linux mnt_table_parse_fstab)
        if not (_is_release(name) and (name not in WRAPPERS or _release_like(name)) and any(
                _CASTS.sub("", _bare(x)).lstrip("& ") == var for x in _split_args(c.group(2)))):
            continue
        braces = _open_braces(text, c.start())
        close = _close(text, braces[-1], "{", "}") if braces else end
        if _re.search(r"\b(return|goto)\b", text[c.start():close]):
            return True
    return False


_IF = _re.compile(r"\bif\s*\(")
# acquirers with no failure to test (the table's `none` and `init`: sqlite3_open_v2() makes
# the handle even when it fails): no branch is their failure's
_NEVER_FAILS = set(globals().get("NEVER_FAILS") or ())


def _in_call_args(text, at):
    """The position at lies inside a call's argument list in text (`acq(z) != 0`), not in
    a parenthesised expression (`(p = acq(..)) == NULL`, `!(p = acq(..))`)."""
    depth = 0
    for i in range(at - 1, -1, -1):
        if text[i] == ")":
            depth += 1
        elif text[i] == "(":
            if depth == 0:
                return bool(_re.search(r"[A-Za-z_0-9]\s*$", text[:i])) and \
                    not _re.search(r"\b(sizeof|return)\s*$", text[:i])
            depth -= 1
    return False


def _in_own_failure_test(p1, p2, var):
    """The exit p2 lies in the branch of the acquisition's own failure test, read from the
    text: the if around the acquisition (`if ((X->f = malloc(n)) == NULL)`, `if (acq(&X->f)
    != 0)`), or the if right after it that tests the variable or the status the call
    returned (`st = acq(.., &X->f); if (st) goto out;`). The fail_at rule's pattern misses
    an exit nested in the branch when the branch ends in an if/else chain of gotos (dnsmasq
    tftp.c: `if ((fd = open(..)) == -1) { if (errno == ENOENT) { ..; return NULL; } else if
    (..) goto perm; else goto oops; }`)."""
    path, n1, c1 = p1[0].file, int(p1[0].line), int(p1[0].column)
    k2 = _key(p2)[1:]
    line = _cline(path, n1)
    st = _re.match(r"^\s*([A-Za-z_]\w*)\s*=\s*$", line[:c1])
    st = st.group(1) if st else None
    # the member's value tested (`(c->f = acq(..)) == NULL`), else the call's status (`acq(..,
    # &c->f) != 0`, `(r = acq(.., &c->f)) != 0`)
    def value(cond):
        if var.startswith("&"):     # a context given by address (`inflateInit2(&zs, ..)`)
            return False
        return any(not cond[:m.start()].rstrip().endswith("&") and not _in_call_args(cond, m.start())
                   for m in _re.finditer(r"(?<![\w.>])%s\b" % _re.escape(var), cond))
    # the if whose condition holds the acquisition, its `if (` up to three lines before
    text, off, start = _function_code(path, n1)
    at = off[n1 - start] + c1
    ifs = [m for m in _IF.finditer(text, off[max(n1 - 3, start) - start], at)
           if text[m.end() - 1:at].count("(") > text[m.end() - 1:at].count(")")]
    if ifs:
        m = ifs[-1]
        n = start + text.count("\n", 0, m.start())
        col = m.start() - (text.rfind("\n", 0, m.start()) + 1)
        cond = _if_condition_at((path, n, col))
        parts = _if_parts(path, n, col)
        status = not value(_norm(cond))
    else:
        semi = line.find(";", c1)
        if semi < 0:
            return False
        rest = line[semi + 1:]
        n, col = n1, semi + 1
        while not rest.strip() and n < n1 + 3:
            n += 1
            rest, col = _cline(path, n), 0
        m = _re.match(r"\s*if\s*\(", rest)
        if not m:
            return False
        col += len(rest) - len(rest.lstrip())
        cond = _if_condition_at((path, n, col))
        parts = _if_parts(path, n, col)
        # the if right after tests the variable or the status alone (`!p`, `fd < 0`, `rc !=
        # 0`), not a later call given it (`if (fputs(key, fp) == EOF)`)
        operand = None
        for x in ([var] + ([st] if st else [])):
            if _re.match(r"^[!(\s]*(%s\s*(==|!=|<=|>=|<|>)\s*%s|%s\s*(==|!=|<=|>=|<|>)\s*%s|%s)[)\s]*$"
                         % ((_re.escape(x), _CONST, _CONST, _re.escape(x), _re.escape(x))),
                         _norm(cond)):
                operand = x
        if operand is None:
            return False
        status = operand != var
    valid = _tests_validity(cond)
    if status and not _re.search(r"<|(?<!-)>|==\s*-", cond):
        failure_then = valid
    else:
        failure_then = not valid
    branch = parts[0] if failure_then else (parts[1] if len(parts) > 1 else None)
    if branch is not None and branch[0] <= k2 < branch[1]:
        return True
    # `if ((p = acq(..))) { ..; return 1; }` with no else: what follows the if is reached
    # only when the acquisition failed, until the variable is set again (dnsmasq network.c:
    # `if ((iface->name = whine_malloc(..))) { ..; return 1; } free(iface); return 0;`)
    if failure_then or len(parts) != 1 or not parts[0][1] <= k2:
        return False
    (a, b) = parts[0]
    then = "\n".join(_cline(path, i) for i in range(a[0], b[0] + 1))
    then = then[a[1]:len(then) - (len(_cline(path, b[0])) - b[1])].rstrip().rstrip("}").rstrip()
    return bool(_re.search(r"(^|[;{}])\s*(return\b[^;]*|goto\s+\w+);$", then)) and \
        not _assigned_between(path, var, b, k2)

@wrapper depends on !summary exists@
identifier w, p, fld;
type T;
identifier rel : script:python () { _is_release(rel) };
@@
w(..., T p, ...) {
... when any
rel(..., \(p\|&p\|&p->fld\|&p.fld\), ...);
... when any
}

@script:python depends on !summary@
w << wrapper.w;
@@
_add_wrapper(w)

@fail_at exists@
expression R;
position p1, p2;
identifier l;
expression E, C0;
statement S1;
identifier OK : script:python () { _success_constant(OK) };
identifier NOK : script:python () { _failure_status_constant(NOK) };
identifier fn0 = {deflateInit, deflateInit2, inflateInit, inflateInit2};
@@
(
if (\(\(fn0@p1(...)\|(E = fn0@p1(...))\)\|\(fn0@p1(...)\|(E = fn0@p1(...))\) != 0\|0 != \(fn0@p1(...)\|(E = fn0@p1(...))\)\|\(fn0@p1(...)\|(E = fn0@p1(...))\) < 0\|\(fn0@p1(...)\|(E = fn0@p1(...))\) <= 0\|\(fn0@p1(...)\|(E = fn0@p1(...))\) == -1\|\(fn0@p1(...)\|(E = fn0@p1(...))\) != OK\|\(fn0@p1(...)\|(E = fn0@p1(...))\) == NOK\|C0 && \(fn0@p1(...)\|(E = fn0@p1(...))\)\|C0 && \(fn0@p1(...)\|(E = fn0@p1(...))\) != 0\|C0 && 0 != \(fn0@p1(...)\|(E = fn0@p1(...))\)\|C0 && \(fn0@p1(...)\|(E = fn0@p1(...))\) < 0\|C0 && \(fn0@p1(...)\|(E = fn0@p1(...))\) <= 0\|C0 && \(fn0@p1(...)\|(E = fn0@p1(...))\) == -1\|C0 && \(fn0@p1(...)\|(E = fn0@p1(...))\) != OK\|C0 && \(fn0@p1(...)\|(E = fn0@p1(...))\) == NOK\|\(fn0@p1(...)\|(E = fn0@p1(...))\) && C0\|\(fn0@p1(...)\|(E = fn0@p1(...))\) != 0 && C0\|0 != \(fn0@p1(...)\|(E = fn0@p1(...))\) && C0\|\(fn0@p1(...)\|(E = fn0@p1(...))\) < 0 && C0\|\(fn0@p1(...)\|(E = fn0@p1(...))\) <= 0 && C0\|\(fn0@p1(...)\|(E = fn0@p1(...))\) == -1 && C0\|\(fn0@p1(...)\|(E = fn0@p1(...))\) != OK && C0\|\(fn0@p1(...)\|(E = fn0@p1(...))\) == NOK && C0\|C0 || \(fn0@p1(...)\|(E = fn0@p1(...))\)\|C0 || \(fn0@p1(...)\|(E = fn0@p1(...))\) != 0\|C0 || 0 != \(fn0@p1(...)\|(E = fn0@p1(...))\)\|C0 || \(fn0@p1(...)\|(E = fn0@p1(...))\) < 0\|C0 || \(fn0@p1(...)\|(E = fn0@p1(...))\) <= 0\|C0 || \(fn0@p1(...)\|(E = fn0@p1(...))\) == -1\|C0 || \(fn0@p1(...)\|(E = fn0@p1(...))\) != OK\|C0 || \(fn0@p1(...)\|(E = fn0@p1(...))\) == NOK\|C0 || C0 && \(fn0@p1(...)\|(E = fn0@p1(...))\)\|C0 || C0 && \(fn0@p1(...)\|(E = fn0@p1(...))\) != 0\|C0 || C0 && 0 != \(fn0@p1(...)\|(E = fn0@p1(...))\)\|C0 || C0 && \(fn0@p1(...)\|(E = fn0@p1(...))\) < 0\|C0 || C0 && \(fn0@p1(...)\|(E = fn0@p1(...))\) <= 0\|C0 || C0 && \(fn0@p1(...)\|(E = fn0@p1(...))\) == -1\|C0 || C0 && \(fn0@p1(...)\|(E = fn0@p1(...))\) != OK\|C0 || C0 && \(fn0@p1(...)\|(E = fn0@p1(...))\) == NOK\|C0 || \(fn0@p1(...)\|(E = fn0@p1(...))\) && C0\|C0 || \(fn0@p1(...)\|(E = fn0@p1(...))\) != 0 && C0\|C0 || 0 != \(fn0@p1(...)\|(E = fn0@p1(...))\) && C0\|C0 || \(fn0@p1(...)\|(E = fn0@p1(...))\) < 0 && C0\|C0 || \(fn0@p1(...)\|(E = fn0@p1(...))\) <= 0 && C0\|C0 || \(fn0@p1(...)\|(E = fn0@p1(...))\) == -1 && C0\|C0 || \(fn0@p1(...)\|(E = fn0@p1(...))\) != OK && C0\|C0 || \(fn0@p1(...)\|(E = fn0@p1(...))\) == NOK && C0\)) { ... when any
  \(return@p2 ...;\|goto@p2 l;\|break@p2;\|continue@p2;\) }
|
if (\(\(fn0@p1(...)\|(E = fn0@p1(...))\) == 0\|0 == \(fn0@p1(...)\|(E = fn0@p1(...))\)\|!\(fn0@p1(...)\|(E = fn0@p1(...))\)\|\(fn0@p1(...)\|(E = fn0@p1(...))\) >= 0\|\(fn0@p1(...)\|(E = fn0@p1(...))\) == OK\)) S1 else { ... when any
  \(return@p2 ...;\|goto@p2 l;\|break@p2;\|continue@p2;\) }
)

@script:python@
p1 << fail_at.p1;
p2 << fail_at.p2;
@@
_fail_at(p1, p2)

@fail_okret exists@
position p1, pi;
expression E, C0;
identifier OK : script:python () { _success_constant(OK) };
identifier NOK : script:python () { _failure_status_constant(NOK) };
identifier fn0 = {deflateInit, deflateInit2, inflateInit, inflateInit2};
@@
if@pi (\(\(fn0@p1(...)\|(E = fn0@p1(...))\) == 0\|0 == \(fn0@p1(...)\|(E = fn0@p1(...))\)\|!\(fn0@p1(...)\|(E = fn0@p1(...))\)\|\(fn0@p1(...)\|(E = fn0@p1(...))\) >= 0\|\(fn0@p1(...)\|(E = fn0@p1(...))\) == OK\|C0 && \(fn0@p1(...)\|(E = fn0@p1(...))\) == 0\|C0 && 0 == \(fn0@p1(...)\|(E = fn0@p1(...))\)\|C0 && !\(fn0@p1(...)\|(E = fn0@p1(...))\)\|C0 && \(fn0@p1(...)\|(E = fn0@p1(...))\) >= 0\|C0 && \(fn0@p1(...)\|(E = fn0@p1(...))\) == OK\|\(fn0@p1(...)\|(E = fn0@p1(...))\) == 0 && C0\|0 == \(fn0@p1(...)\|(E = fn0@p1(...))\) && C0\|!\(fn0@p1(...)\|(E = fn0@p1(...))\) && C0\|\(fn0@p1(...)\|(E = fn0@p1(...))\) >= 0 && C0\|\(fn0@p1(...)\|(E = fn0@p1(...))\) == OK && C0\)) { ... when any
  return ...; }

@script:python@
p1 << fail_okret.p1;
pi << fail_okret.pi;
@@
_ok_returns(p1, pi)

@fail_st@
idexpression st;
position p1;
identifier fn0 = {deflateInit, deflateInit2, inflateInit, inflateInit2};
@@
st = fn0@p1(...)

@script:python@
st << fail_st.st;
p1 << fail_st.p1;
@@
_status_var(p1, st)

@fail_sttest depends on fail_st exists@
idexpression st;
position pi, p2;
identifier l;
expression C0;
statement S1;
identifier OK : script:python () { _success_constant(OK) };
identifier NOK : script:python () { _failure_status_constant(NOK) };
@@
(
if@pi (\(st\|st != 0\|0 != st\|st < 0\|st <= 0\|st == -1\|st != OK\|st == NOK\)) { ... when any
  \(return@p2 ...;\|goto@p2 l;\|break@p2;\|continue@p2;\) }
|
if@pi (\(st == 0\|0 == st\|!st\|st >= 0\|st == OK\)) S1 else { ... when any
  \(return@p2 ...;\|goto@p2 l;\|break@p2;\|continue@p2;\) }
)

@script:python@
st << fail_sttest.st;
pi << fail_sttest.pi;
p2 << fail_sttest.p2;
@@
_status_test(st, pi, p2)

@uses@
expression R;
position pr;
expression E;
type T;
identifier rel : script:python () { _is_release(rel) };
identifier snk0 : script:python () { _sink_at(snk0, 0) };
identifier snk1 : script:python () { _sink_at(snk1, 1) };
identifier snk2 : script:python () { _sink_at(snk2, 2) };
identifier snk3 : script:python () { _sink_at(snk3, 3) };
expression S1, S2, S3;
@@
(
rel@pr(..., \(R\|&R\|(T)R\), ...)
|
snk0@pr(R, ...)
|
snk1@pr(S1, R, ...)
|
snk2@pr(S1, S2, R, ...)
|
snk3@pr(S1, S2, S3, ..., R, ...)
)

@script:python@
R << uses.R;
pr << uses.pr;
@@
_use(R, pr)

@exits@
position p2;
identifier l;
@@
\(return@p2 ...;\|goto@p2 l;\)

@leak exists@
expression R;
position p1, pl;
position exits.p2;
identifier fn0 = {deflateInit, deflateInit2, inflateInit, inflateInit2};
identifier l, l2, y;
identifier g;
expression E, C;
type T;
identifier rel : script:python () { _is_release(rel) };
identifier snk0 : script:python () { _sink_at(snk0, 0) };
identifier snk1 : script:python () { _sink_at(snk1, 1) };
identifier snk2 : script:python () { _sink_at(snk2, 2) };
identifier snk3 : script:python () { _sink_at(snk3, 3) };
expression S1, S2, S3;
identifier ksnk0 : script:python () { _sink_kept_at(ksnk0, 0) };
identifier ksnk1 : script:python () { _sink_kept_at(ksnk1, 1) };
identifier ksnk2 : script:python () { _sink_kept_at(ksnk2, 2) };
identifier ksnk3 : script:python () { _sink_kept_at(ksnk3, 3) };
identifier nret : script:python () { _noreturn(nret) };
identifier wrel : script:python () { _is_wrapper(wrel) };
@@
fn0@p1(R, ...)
... when != rel(..., R, ...)
    when != rel(..., &R, ...)
    when != rel(..., (T)R, ...)
    when != snk0(R, ...);
    when != snk1(S1, R, ...);
    when != snk2(S1, S2, R, ...);
    when != snk3(S1, S2, S3, ..., R, ...);
    when != E = ksnk0(R, ...);
    when != E = ksnk1(S1, R, ...);
    when != E = ksnk2(S1, S2, R, ...);
    when != E = ksnk3(S1, S2, S3, ..., R, ...);
    when != T y = ksnk0(R, ...);
    when != T y = ksnk1(S1, R, ...);
    when != T y = ksnk2(S1, S2, R, ...);
    when != T y = ksnk3(S1, S2, S3, ..., R, ...);
    when != wrel(...)
    when != exit(...)
    when != _exit(...)
    when != abort()
    when != nret(...)
    when != goto l2;
\(return@p2@pl ...;\|goto@p2@pl l;\)

@handoff@
expression leak.R;
position leak.p1;
position leak.pl;
position ph;
type T;
identifier fld;
identifier rel : script:python () { _is_release(rel) };
@@
(
return@pl@ph R;
|
return@pl@ph (R);
|
return@pl@ph (T)R;
|
return@pl@ph <+... rel(..., \(R\|&R\), ...) ...+>;
)

@script:python@
p1 << leak.p1;
ph << handoff.ph;
@@
_excuse(p1, ph)

@gleak exists@
expression leak.R;
position leak.p1;
position leak.pl;
position pg;
identifier l;
identifier g, y;
expression E, C;
type T;
position pr;
identifier rel : script:python () { _is_release(rel) };
identifier snk0 : script:python () { _sink_at(snk0, 0) };
identifier snk1 : script:python () { _sink_at(snk1, 1) };
identifier snk2 : script:python () { _sink_at(snk2, 2) };
identifier snk3 : script:python () { _sink_at(snk3, 3) };
expression S1, S2, S3;
identifier ksnk0 : script:python () { _sink_kept_at(ksnk0, 0) };
identifier ksnk1 : script:python () { _sink_kept_at(ksnk1, 1) };
identifier ksnk2 : script:python () { _sink_kept_at(ksnk2, 2) };
identifier ksnk3 : script:python () { _sink_kept_at(ksnk3, 3) };
identifier nret : script:python () { _noreturn(nret) };
identifier wrel : script:python () { _is_wrapper(wrel) };
@@
goto@pl@pg l;
... when != rel(..., R, ...)
    when != rel(..., &R, ...)
    when != rel(..., (T)R, ...)
    when != snk0(R, ...);
    when != snk1(S1, R, ...);
    when != snk2(S1, S2, R, ...);
    when != snk3(S1, S2, S3, ..., R, ...);
    when != E = ksnk0(R, ...);
    when != E = ksnk1(S1, R, ...);
    when != E = ksnk2(S1, S2, R, ...);
    when != E = ksnk3(S1, S2, S3, ..., R, ...);
    when != T y = ksnk0(R, ...);
    when != T y = ksnk1(S1, R, ...);
    when != T y = ksnk2(S1, S2, R, ...);
    when != T y = ksnk3(S1, S2, S3, ..., R, ...);
    when != wrel(...)
    when != exit(...)
    when != _exit(...)
    when != abort()
    when != nret(...)
    when != if (C) { ... rel(..., R, ...); ... }
    when != if (C) { ... rel(..., &R, ...); ... }
return@pr ...;

@script:python@
p1 << leak.p1;
pg << gleak.pg;
pr << gleak.pr;
rv << leak.R;
@@
_goto_leaks(p1, pg, pr, rv)

@script:python depends on !org && !context && !patch@
p1 << leak.p1;
p2 << leak.pl;
R << leak.R;
@@
_emit(p1, p2, R, "report")

@script:python depends on org@
p1 << leak.p1;
p2 << leak.pl;
R << leak.R;
@@
_emit(p1, p2, R, "org")

@script:python depends on context@
p1 << leak.p1;
p2 << leak.pl;
R << leak.R;
@@
if not _emit(p1, p2, R, "context"):
    cocci.include_match(False)

@depends on context@
position leak.p1;
identifier F;
@@
* F@p1(...)

@depends on context@
position leak.pl;
expression e;
identifier l;
@@
(
* return@pl e;
|
* return@pl;
|
* goto@pl l;
)
