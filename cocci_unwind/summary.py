"""The summary pass: the project's own release wrappers, sinks and acquirers.

cocci/summary.cocci prints facts about every function (calls that receive a parameter,
parameters stored where they outlive the call, returned values, assignments from calls);
`derive` closes them over the call graph:
  - a release wrapper of family F passes its parameter to a releaser of F;
  - a sink passes its parameter to a sink, in an argument that the sink keeps, or stores
    it; it is known by the arguments it keeps (libgit2's git_refspec__parse(refspec, input,
    ...) keeps a copy of input in refspec: it is a sink of neither);
  - an acquirer of F returns what an acquirer of F (shape `ret`) gave it.
Function-like macros whose body releases a parameter count as release wrappers.
The result is JSON: {"release": {family: [...]}, "sink": {family: [...]},
"sink_args": {name: [argument indices]}, "acquire": {family: [[name, failure], ...]}}.
"""
import json
import os
import re
import subprocess
import sys

from . import macros, staging


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
    calls, fieldcalls, stores, rets, assigns, consts = [], [], {}, [], {}, {}
    sinkcalls = []     # (function, callee, argument of the callee, index of the parameter)
    elemcalls = []     # close(fd[0]) inside f(int fd[2]): f releases a pipe pair
    params = {}
    for f in facts:
        if f["kind"] in ("call", "fieldcall", "elemcall", "store") and f["file"] not in params:
            params[f["file"]] = function_params(f["file"])
    # from a header's inline functions only what removes findings: release wrappers and
    # sinks, not acquirers (each file that includes it would gain them)
    facts = [f for f in facts if not f["file"].endswith(".h") or
             f["kind"] in ("call", "fieldcall", "elemcall", "store")]
    handed = {}        # (function, local) -> the callees it is given to ("": stored)
    for f in facts:
        fn = f.get("function")
        if f["kind"] in ("call", "store"):
            handed.setdefault((fn, f["param"]), set()).add(f.get("callee", ""))
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
    changed = True
    while changed:
        changed = False
        for fn, var, callee in sorted(rets):
            kept = handed.get((fn, var), set())
            if var and ("" in kept or kept & set(sinks) or kept & set(new_sink)):
                continue        # it keeps what it returns in a container or a field too:
                                # borrowed (htop: PCPDynamicColumn_new puts it in a Hashtable,
                                # Settings_newScreen in this->screens[])
            sources = {callee} if callee else assigns.get((fn, var), set())
            for s in sorted(sources):
                got = acquirer.get(s) or new_acq.get(s)
                if got and _returns_status(got[1], consts.get(fn, ())):
                    continue
                if got and fn not in acquirer and fn not in new_acq and fn not in new_rel:
                    new_acq[fn] = got
                    changed = True
    out = {"release": {}, "sink": {}, "sink_args": {}, "acquire": {}}
    for fn, fs in sorted(new_rel.items()):
        for fam in sorted(fs):
            out["release"].setdefault(fam, []).append(fn)
    kept = sorted(set(new_sink) - set(new_rel))
    for fam in sorted(fams):
        if kept:
            out["sink"][fam] = kept
    out["sink_args"] = {fn: sorted(new_sink[fn]) for fn in kept}
    for fn, (fam, failure) in sorted(new_acq.items()):
        out["acquire"].setdefault(fam, []).append([fn, failure])
    return out


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
                  "and acquirers in it are unknown" % (stage.real(m.group(2)), "timed out" if "Timeout" in
                                                       m.group(1) else "failed (%s)" % m.group(1)),
                  file=sys.stderr)
    facts = []
    for line in proc.stdout.decode("utf-8", "replace").splitlines():
        if line.startswith("{"):
            try:
                facts.append(json.loads(line))
            except ValueError:
                pass
    return derive(facts, macro_facts(files + headers), fams)


_INCLUDE = re.compile(r'^[ \t]*#[ \t]*include[ \t]*"([^"]+)"', re.M)


def headers_included(files, depth=3):
    """Headers that the checked files include with quotes, found in the including file's
    folder or one of its parents (a project's -I folders are usually there): curl's
    lib/vtls/*.c include "memdebug.h" from lib/, where Curl_safefree is defined."""
    out, seen = [], set(files)
    todo = list(files)
    while todo:
        f = todo.pop()
        try:
            with open(f, encoding="utf-8", errors="replace") as fh:
                names = _INCLUDE.findall(fh.read())
        except OSError:
            continue
        base = os.path.dirname(os.path.abspath(f))
        for name in names:
            d = base
            for _ in range(depth + 1):
                p = os.path.normpath(os.path.join(d, name))
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
        if base is None:
            continue
        for name, failure in items:
            if name not in known:
                f.acquires.append(Acquire(fam, name, "ret", -1, failure, base.releases))
