"""Hand-offs fix mode must respect: calls that take what they are given, and jumps hidden in
macros.

A resource given to a call is handed on (fix mode must neither release it on a later exit nor
hold it in a cleanup variable) when the call is
  - a sink: the table's, or the summary's (a function, or a function-like macro, that stores
    its parameter: `list_record(l, copy)`, `LIST_PUSH(l, copy)`);
  - named for taking ownership (add0, set0, push, take, steal, adopt, give, consume, _nodup...;
    the same words as the check's `_TAKES` in rule_runtime.py);
  - announced as owning it, even when it fails: a function that releases it is given in the
    same call (a destructor or free callback, `register_obj(r, obj, obj_free)`, cast or not),
    or a comment on the call's line or just above it says the callee owns, takes, adopts,
    consumes or frees it.
A `const T *` parameter never takes ownership; a callee whose body the file shows is judged
by what it does (the summary's sinks), not by its name.
"""
import re

from .csyntax import code_tokens, tokenize

TAKES = re.compile(r"(?i)(add0|set0|push|assign0|_own\b|take|steal|adopt|attach|insert|nodup|"
                   r"give|consume)")
OWNS_COMMENT = re.compile(r"(?i)\b(?:owns?|ownership|owned\s+by|adopts?|consumes?|steals?|"
                          r"frees?|freed|takes?\s+(?:over|it|the\s+\w+|ownership))\b")
_RELEASE_NAME = re.compile(r"(?i)free|close|release|destroy|unref|dispose|delete|dtor|"
                           r"destructor|cleanup")


class HandOff:
    """A call the resource is given to: callee, how it takes it (sink, named, destructor,
    comment), and whether it owns it even when it fails (announced)."""

    def __init__(self, callee, how, line):
        self.callee, self.how, self.line = callee, how, line

    @property
    def announced(self):
        return self.how in ("destructor", "comment")

    def why(self):
        return {"sink": "which keeps it",
                "named": "named for taking ownership",
                "destructor": "given a function that releases it in the same call",
                "comment": "which owns it, as the comment at the call says",
                "member": "a call through a pointer, whose callee is not seen",
                "callback": "which registers it with a callback"}[self.how]


def _strip_cast(text):
    text = text.strip()
    while True:
        m = re.match(r"^\(\s*[\w\s\*]+(?:\(\s*\*\s*\)\s*\([^()]*\))?\s*\)\s*(.*)$", text, re.S)
        if not m or not m.group(1):
            break
        text = m.group(1).strip()
    return text.lstrip("&").strip()


def const_param(text, callee, k):
    """Does a prototype or definition of callee in text declare its parameter k as a
    pointer to const (`const char *s`, `char const *s`)?"""
    for m in re.finditer(r"\b%s\s*\(([^;{}()]*)\)\s*[;{]" % re.escape(callee), text):
        params = [p.strip() for p in m.group(1).split(",")]
        if k < len(params):
            p = params[k]
            if p.count("*") == 1 and re.search(r"\bconst\b", p.split("*")[0]):
                return True
    return False


def comment_near(fx, i):
    """The comments on the line of token i and on the lines just above its statement."""
    t = fx.ct[i]
    s = fx.stmt_at(i)
    first_line = fx.ct[s.first].line if s is not None else t.line
    out = []
    for c in fx.toks:
        if c.kind != "comment" or c.line > t.line or c.start < fx.ct[fx.fn.open_i].start:
            continue
        end_line = c.line + c.text.count("\n")
        if c.line >= first_line or end_line >= first_line - 1:
            out.append(c.text)
    return " ".join(out)


def classify(fx, op, k, i, leak):
    """HandOff if giving the resource (its first token at i) as argument k of the call whose
    open parenthesis is token op takes it; None when the call only borrows it."""
    callee = fx.ct[op - 1].text
    text = fx.text
    if const_param(text, callee, k) or any(const_param(h, callee, k)
                                           for h in getattr(fx, "header_texts", ())):
        return None
    line = fx.ct[i].line
    defined = callee in getattr(fx, "file_functions", ())
    sinks = getattr(fx, "summary_sinks", {})
    if callee in sinks:
        ks = sinks[callee]
        if ks is None or k in ks or (k >= 3 and any(x >= 3 for x in ks)):
            return HandOff(callee, "sink", line)
    if any(callee in fam.sinks for fam in fx.fams.values()):
        return HandOff(callee, "sink", line)
    if defined:
        return None             # its body says what it does: the summary knows
    from .fix import libc_functions
    if callee in libc_functions():
        return None             # the C library borrows what it is given (but its sinks)
    args = fx.args(op)
    if k == 0 and fx.ct[op - 2].text in ("->", "."):
        return HandOff(callee, "member", line)     # `ls->handler(c)`: the callee is unseen
    cbs = [n for n, (a, b) in enumerate(args) if a == b and fx.ct[a].kind == "id" and
           fx.ct[a].text in getattr(fx, "file_functions", ()) and fx.ct[a].text != leak.base]
    if cbs and k > cbs[0]:
        return HandOff(callee, "callback", line)   # registered with a callback of the file
    names = fx.releases | set(getattr(fx, "release_words", ()))
    for a, b in args:
        arg = _strip_cast(fx.src(a, b))
        if re.match(r"^[A-Za-z_]\w*$", arg) and arg not in fx.locals and \
                (arg in names or _RELEASE_NAME.search(arg)):
            return HandOff(callee, "destructor", line)
    if OWNS_COMMENT.search(comment_near(fx, i)):
        return HandOff(callee, "comment", line)
    if TAKES.search(callee):
        return HandOff(callee, "named", line)
    return None


# ---------------------------------------------------------------- jumps in macros
_DEFINE = re.compile(r"^[ \t]*#[ \t]*define[ \t]+(\w+)(\([^)]*\))?((?:[^\n]*\\\n)*[^\n]*)",
                     re.M)


def local_headers(path):
    """Texts of the headers the file includes with quotes (summary.headers_included: found
    beside it or in a parent folder, and the headers they include)."""
    from .summary import headers_included
    out = []
    for h in headers_included([path]):
        try:
            with open(h, encoding="latin-1") as fh:
                out.append(fh.read())
        except OSError:
            pass
    return out


def jumping_macros(texts):
    """{macro name: (kind, label or None, params)} for each macro of the texts whose body
    holds a `goto` (kind 'goto', with its label when it names one) or a `return`."""
    out = {}
    for text in texts:
        for m in _DEFINE.finditer(text):
            body = m.group(3).replace("\\\n", " ")
            ids = [t.text for t in code_tokens(tokenize(body)) if t.kind in ("id", "punct")]
            params = [p.strip() for p in (m.group(2) or "()")[1:-1].split(",") if p.strip()]
            if "goto" in ids:
                g = ids.index("goto")
                label = ids[g + 1] if g + 1 < len(ids) else None
                out[m.group(1)] = ("goto", None if label in params else label, params)
            elif "return" in ids:
                out[m.group(1)] = ("return", None, params)
    return out


def goto_param(texts, name):
    """Index of the parameter of macro `name` that a `goto` in its body jumps to, or None."""
    for text in texts:
        for m in _DEFINE.finditer(text):
            if m.group(1) != name or not m.group(2):
                continue
            params = [p.strip() for p in m.group(2)[1:-1].split(",") if p.strip()]
            body = [t.text for t in code_tokens(tokenize(m.group(3).replace("\\\n", " ")))]
            for g, w in enumerate(body[:-1]):
                if w == "goto" and body[g + 1] in params:
                    return params.index(body[g + 1])
    return None
