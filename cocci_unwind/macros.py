"""The macro file spatch parses with: cocci/macros.h and the project's own attribute,
qualifier and storage-class macros, learned from its #defines.

Coccinelle 1.1.1 does not expand a project's macros from its headers: a definition that
starts `__attribute_cold__ static int f(...)` or a parameter declared
`const char * const __attribute_unused__ x` is a parse error, and every function in the bad
region goes unchecked (79 of the 176 files of Debian's lighttpd src/). A macro is learned when
every #define of its name in the tree expands to nothing but attributes
(`__attribute__((...))`, `__declspec(...)`, `[[...]]`, `_Pragma(...)`), qualifiers,
storage classes and function specifiers (`const`, `static`, `inline`, ...), macros already
learned, or nothing at all; it is handed to spatch as its qualifiers and storage classes
alone, attributes dropped. An object-like macro that is string literals in every definition
(`#define CRLF "\\r\\n"`) is handed over as written. A macro whose body holds anything else
(a call, an expression, a `return` or `goto`, a type) is never learned, nor one that is empty
in every definition but stands for a call (a function of the tree stubbed out when a feature
is configured out, or a macro called as a statement): no call and no exit is hidden from the
rules.

    write(files, workdir) -> the macro file for a run, in its temp folder
    path(workdir)         -> that file, or cocci/macros.h when none was written
    learn(paths)          -> {name: Macro} learned from the files' #defines
"""
import os
import re
import sys
from dataclasses import dataclass

from . import csyntax

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
STATIC = os.path.join(ROOT, "cocci", "macros.h")
GENERATED = "macros.h"

QUALIFIERS = {"const", "volatile", "restrict", "__restrict", "__restrict__", "__const",
              "__volatile__"}
STORAGE = {"static", "extern", "inline", "__inline", "__inline__", "register", "_Noreturn",
           "__extension__", "_Thread_local", "__thread"}
KEYWORDS = QUALIFIERS | STORAGE
# a word followed by a parenthesised group that is an attribute as a whole
ATTRIBUTE_CALLS = {"__attribute__", "__attribute", "__declspec", "_Pragma", "__pragma",
                   "_Alignas"}
# names never (re)defined through the macro file: C's own words and the attribute keywords
RESERVED = KEYWORDS | ATTRIBUTE_CALLS | csyntax.KEYWORDS | csyntax.TYPE_WORDS

# `__restrict`/`__restrict__` are spatch keywords that no macro can replace, and
# `T * const __restrict p` stops spatch on the whole file ("internal error: there is no
# noconst or novolatile keyword", all its findings lost): check blanks them in the copy it
# gives spatch (cli.sanitize), columns kept
GNU_RESTRICT = re.compile(rb"\b__restrict(?:__)?\b")

_DEFINE = re.compile(r"#\s*define\s+([A-Za-z_]\w*)(\([^)]*\))?(.*)", re.S)


@dataclass(frozen=True)
class Macro:
    """A learned macro: its name, its parameter list as written ("(x)", or "" for an
    object-like one), what spatch is to see instead (keywords, or "", or for a string
    macro its string literals as written) and its kind ("keywords" or "string")."""
    name: str
    params: str
    expansion: str
    kind: str = "keywords"

    def define(self):
        return ("#define %s%s %s" % (self.name, self.params, self.expansion)).rstrip()


@dataclass(frozen=True)
class Definition:
    name: str
    params: str         # "" for an object-like macro
    body: str


_NOT_A_TYPE = csyntax.KEYWORDS - {"typedef"}
_IDENT = re.compile(r"[A-Za-z_]\w*$")


_STATEMENT_START = {";", "{", "}", ":", ")", "else", "do"}


def definitions(text, used=None, declared=None, called=None):
    """Every #define in a C text, continuation lines joined and comments dropped; used
    (a set) gains the identifiers of the code, declared the names declared or defined as
    functions (`T name(`, `T *name(`), called those called as a statement (`; name(`), in
    any branch of an #if."""
    out = []
    toks = csyntax.tokenize(text)
    if declared is not None:
        code = [t for t in toks if t.kind not in ("comment", "pp")]
        for a, b, c in zip(code, code[1:], code[2:]):
            if c.text != "(" or not _IDENT.match(b.text):
                continue
            if a.text == "*" or (_IDENT.match(a.text) and a.text not in _NOT_A_TYPE):
                declared.add(b.text)
            elif a.text in _STATEMENT_START and called is not None:
                called.add(b.text)
    for t in toks:
        if t.kind == "id" and used is not None:
            used.add(t.text)
        if t.kind != "pp":
            continue
        m = _DEFINE.match(t.text)
        if not m:
            continue
        body = re.sub(r"/\*.*?\*/|//[^\n]*", " ", m.group(3).replace("\\\n", " "), flags=re.S)
        params = re.sub(r"\s+", "", m.group(2) or "").replace(",", ", ")
        out.append(Definition(m.group(1), params, body.strip()))
    return out


def _keywords(body, known):
    """The qualifiers and storage classes a body amounts to (a list of words), or None when it holds anything but attributes, those keywords and
    macros in known."""
    ct = csyntax.code_tokens(csyntax.tokenize(body))
    mate = csyntax.mates(ct)
    words, i = [], 0
    while i < len(ct):
        t = ct[i]
        nxt = ct[i + 1] if i + 1 < len(ct) else None
        if t.kind == "id" and (t.text in ATTRIBUTE_CALLS or t.text in known):
            grouped = nxt is not None and nxt.text == "(" and mate[i + 1] is not None
            if t.text in ATTRIBUTE_CALLS and not grouped:
                return None
            if t.text in known:
                if known[t.text].params and not grouped:
                    return None
                words += known[t.text].expansion.split()
            i = mate[i + 1] + 1 if grouped and (t.text in ATTRIBUTE_CALLS
                                                or known[t.text].params) else i + 1
            continue
        if t.text == "[" and nxt is not None and nxt.text == "[" and mate[i] is not None:
            i = mate[i] + 1                                     # [[attribute]]
            continue
        if t.kind == "id" and t.text in KEYWORDS:
            words.append(t.text)
            i += 1
            continue
        if t.text == ";" and i == len(ct) - 1 and ct[0].kind == "id" \
                and ct[0].text in ATTRIBUTE_CALLS:
            # a statement attribute, `__attribute__((fallthrough));`: spatch reads it as
            # nothing between two statements, not as `;` (measured: `;` is a parse error
            # before a `case`)
            i += 1
            continue
        return None
    return words


def _string(body, strings):
    """The body as spatch is to see it (string macros in it expanded, strings maps them to
    their expansions) when it is string literals and string macros
    (`#define CRLF "\\r\\n"`, `"\\x02h2" PROTO`) and nothing else, else None: such a macro
    hides no code, and spatch cannot parse `CRLF "0" CRLF` without it (nginx)."""
    ct = csyntax.code_tokens(csyntax.tokenize(body))
    if not ct or any(t.kind != "str" and not (t.kind == "id" and t.text in strings)
                     for t in ct):
        return None
    return " ".join(strings.get(t.text, t.text) for t in ct)


def learn(paths, static_names=None):
    """{name: Macro}: the macros used in the files' code that are attributes, qualifiers,
    storage classes or empty in every definition the files give them, and the object-like
    ones that are string literals in every definition."""
    defs, used, declared, called = {}, set(), set(), set()
    for p in paths:
        try:
            with open(p, "rb") as fh:
                text = fh.read().decode("latin-1")
        except OSError:
            continue
        for d in definitions(text, used, declared, called):
            defs.setdefault(d.name, []).append(d)
    static_names = _static_names() if static_names is None else static_names
    known, changed = {}, True
    while changed:                      # bodies may name macros learned in a later round
        changed = False
        for name, ds in defs.items():
            if name in known or name in RESERVED or name in static_names:
                continue
            if len({d.params == "" for d in ds}) != 1:
                continue                # object-like here, function-like there
            strings = {n: m.expansion for n, m in known.items() if m.kind == "string"}
            lits = [_string(d.body, strings) for d in ds] if not ds[0].params else [None]
            if all(lit is not None for lit in lits):
                # the configurations' strings differ (`"\\r\\n"`, `"\\n"`): the first
                known[name] = Macro(name, "", lits[0], "string")
                changed = True
                continue
            kws = [_keywords(d.body, {n: m for n, m in known.items() if m.kind != "string"})
                   for d in ds]
            if any(k is None for k in kws):
                continue
            if all(not d.body for d in ds) and (
                    name in declared or (ds[0].params and name in called)):
                # empty in every configuration the tree shows: the stub of a function when
                # a feature is configured out (curl's `#define Curl_mime_cleanpart(x)`, with
                # the function declared elsewhere; `nghttp2_..._set_error_callback(x, y)`
                # for an old library): blanking it would hide the call, and spatch parses
                # the call as it is
                continue
            # the definitions differ by configuration (`inline` here, `__inline` there, an
            # attribute or nothing): spatch sees the first that says something
            words = next((k for k in kws if k), [])
            params = next((d.params for d in ds if d.params), "")
            known[name] = Macro(name, params, " ".join(words))
            changed = True
    # include guards and feature flags are never written in the code: leave them out
    return {name: m for name, m in known.items() if name in used}


_STATIC_DEF = re.compile(r"^#define\s+(\w+)", re.M)


def _static_names():
    with open(STATIC) as fh:
        return set(_STATIC_DEF.findall(fh.read()))


def related_files(files):
    """The checked files and the headers their macros come from: those beside them and
    those they include with quotes."""
    from . import summary
    out = list(files)
    seen = set(out)
    for h in summary.headers_beside(files) + summary.headers_included(files):
        if h not in seen:
            seen.add(h)
            out.append(h)
    return out


def text(files):
    """The macro file's text: cocci/macros.h, then the macros learned from the files and
    their headers."""
    with open(STATIC) as fh:
        base = fh.read()
    learned = learn(related_files(files))
    lines = [m.define() for _, m in sorted(learned.items())]
    return (base.rstrip("\n") + "\n\n// --- learned from the checked tree's own #defines "
            "(cocci_unwind/macros.py): %d macro%s ---\n" % (len(lines), "" if len(lines) == 1
                                                            else "s")
            + "".join(line + "\n" for line in lines))


def write(files, workdir):
    """Write the run's macro file into workdir; returns its path."""
    p = os.path.join(workdir, GENERATED)
    with open(p, "w") as fh:
        fh.write(text(files))
    return p


def path(workdir):
    """The macro file of the run whose temp folder is workdir."""
    p = os.path.join(workdir, GENERATED)
    return p if os.path.isfile(p) else STATIC


def main(argv):
    """python3 -m cocci_unwind.macros FILE...: print the macro file check would use."""
    sys.stdout.write(text(argv))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
