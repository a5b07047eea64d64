"""Just enough C syntax for fix mode: tokens and the statement tree of function bodies.

The tokenizer knows comments, string and character literals, and preprocessor lines (with
their continuations), so that nothing inside them is taken for code. The statement parser
builds, for each function definition, a tree of statements (blocks, if/else, loops, switch,
labels, jumps, declarations, expressions) over the code tokens. It does not parse expressions;
what it cannot place (a macro used as a statement without `;`, a macro that opens a block,
unbalanced brackets) raises Unparsed, and fix mode leaves that function alone.

Text is handled as latin-1, so one character is one byte and columns are byte columns.
"""
import bisect
import re

# calls named for registering what they are given in a container (RB_INSERT, TAILQ_INSERT_TAIL,
# list_add_tail, g_hash_table_insert, hashmap_put): the object is the container's too (the
# summary pass and the rules' kill lists read it)
REGISTERS = (r"(?i)(insert|add|push|append|register|attach|link|enqueue|adopt|"
             r"take|steal|_put$|hash_?put|set_?(data|value|item))")

_TOKEN = re.compile(r"""
 (?P<ws>(?:[ \t\r\f\v]|\\\n)+)
|(?P<nl>\n)
|(?P<comment>/\*.*?\*/|//(?:[^\n\\]|\\.|\\\n)*)
|(?P<str>(?:u8|u|U|L)?"(?:[^"\\\n]|\\.|\\\n)*")
|(?P<chr>(?:u8|u|U|L)?'(?:[^'\\\n]|\\.|\\\n)*')
|(?P<num>\.?[0-9](?:[eEpP][+-]|[0-9A-Za-z_.])*)
|(?P<id>[A-Za-z_$][A-Za-z0-9_$]*)
|(?P<punct>->|\+\+|--|<<=|>>=|<<|>>|<=|>=|==|!=|&&|\|\||[-+*/%&^|]=|\.\.\.|\#\#
   |[{}()\[\];,.<>+\-*/%&|^!~?:=\#])
""", re.S | re.X)
_PP_DIRECTIVE = re.compile(r"#\s*(\w*)")
_PP_END = re.compile(r"(?:[^\n\\/]|\\.|\\\n|/\*.*?\*/|/(?!\*))*", re.S)

KEYWORDS = {"if", "else", "while", "for", "do", "switch", "case", "default", "return",
            "goto", "break", "continue", "sizeof", "typedef"}
TYPE_WORDS = {"void", "char", "short", "int", "long", "float", "double", "signed", "unsigned",
              "_Bool", "bool", "struct", "union", "enum", "const", "volatile", "static",
              "register", "auto", "extern", "restrict", "__restrict", "_Atomic", "inline",
              "__attribute__", "__extension__", "_Complex"}


class Unparsed(Exception):
    """A function body the statement parser does not understand."""


class Tok:
    __slots__ = ("kind", "text", "start", "end", "line", "col")

    def __init__(self, kind, text, start, end):
        self.kind, self.text, self.start, self.end = kind, text, start, end

    def __repr__(self):
        return "Tok(%s %r %d:%d)" % (self.kind, self.text, self.line, self.col)


def tokenize(text):
    """All tokens but whitespace: kinds id num str chr punct comment pp other skipped."""
    toks, i, n, bol = [], 0, len(text), True
    while i < n:
        if bol and text[i] == "#":
            m = _PP_END.match(text, i)
            toks.append(Tok("pp", text[i:m.end()], i, m.end()))
            i, bol = m.end(), False
            continue
        m = _TOKEN.match(text, i)
        if not m:
            if text.startswith("/*", i):            # unterminated comment
                toks.append(Tok("comment", text[i:], i, n))
                break
            toks.append(Tok("other", text[i], i, i + 1))
            i, bol = i + 1, False
            continue
        kind = m.lastgroup
        if kind == "nl":
            bol = True
        elif kind != "ws" and kind != "comment":
            bol = False
        if kind not in ("ws", "nl"):
            toks.append(Tok(kind, m.group(), i, m.end()))
        i = m.end()
    # code in #else/#elif branches is kept as kind "skipped": brackets balance on the
    # first branch of every conditional, as a compiler would see one configuration
    stack = []
    for t in toks:
        if t.kind == "pp":
            d = _PP_DIRECTIVE.match(t.text)
            d = d.group(1) if d else ""
            if d.startswith("if"):
                stack.append(False)
            elif d in ("elif", "else") and stack:
                stack[-1] = True
            elif d == "endif" and stack:
                stack.pop()
        elif any(stack) and t.kind != "comment":
            t.kind = "skipped"
    starts = [0] + [m.end() for m in re.finditer("\n", text)]
    for t in toks:
        ln = bisect.bisect_right(starts, t.start)
        t.line, t.col = ln, t.start - starts[ln - 1] + 1
    return toks


class Node:
    """One statement: kind, first and last code-token indexes (inclusive), children."""

    def __init__(self, kind, first, last=None):
        self.kind, self.first, self.last = kind, first, last
        self.parent = None
        self.stmts = []             # block: its statements
        self.cond = None            # if/while/for/switch/do: (index of '(', index of ')')
        self.then = self.els = None
        self.body = None            # loops, switch, labels (the labelled statement)
        self.label = None           # label: its name; case/default: the keyword

    def kids(self):
        if self.kind == "block":
            return list(self.stmts)
        return [k for k in (self.then, self.els, self.body) if k is not None]

    def walk(self):
        yield self
        for k in self.kids():
            yield from k.walk()

    def contains(self, other):
        return self.first <= other.first and other.last <= self.last

    def __repr__(self):
        return "Node(%s %d-%d)" % (self.kind, self.first, self.last)


class Function:
    """A function definition: name, its tokens, its body tree and what the header says."""

    def __init__(self, name, ct, name_i, open_i, close_i, ret_type, params):
        self.name, self.ct = name, ct
        self.name_i, self.open_i, self.close_i = name_i, open_i, close_i
        self.ret_type, self.params = ret_type, params
        self.body = None            # parsed lazily: Node('block')

    @property
    def start(self):
        return self.ct[self.open_i].start

    @property
    def end(self):
        return self.ct[self.close_i].end


def mates(ct):
    """Index of the matching bracket for every bracket in the code tokens (None if unmatched)."""
    pair = {")": "(", "]": "[", "}": "{"}
    out, stack = [None] * len(ct), []
    for i, t in enumerate(ct):
        if t.text in "([{" and t.kind == "punct":
            stack.append(i)
        elif t.text in ")]}" and t.kind == "punct":
            if stack and ct[stack[-1]].text == pair[t.text]:
                j = stack.pop()
                out[i], out[j] = j, i
            else:
                stack = []                  # resynchronise on bad nesting
    return out


_STORAGE = {"static", "inline", "__inline", "__inline__", "extern", "_Noreturn",
            "__extension__"}


def functions(ct, mate):
    """Function definitions at file level, in order."""
    out, i, n = [], 0, len(ct)
    decl_start = 0
    while i < n:
        t = ct[i]
        if t.text in (";", "}") and t.kind == "punct":
            decl_start = i + 1
        elif t.text == "{" and t.kind == "punct":
            close = mate[i]
            if close is None:
                break
            if i > 0 and ct[i - 1].text == ")" and mate[i - 1] is not None:
                op = mate[i - 1]
                if op > 0 and ct[op - 1].kind == "id" and ct[op - 1].text not in KEYWORDS:
                    name_i = op - 1
                    out.append(Function(ct[name_i].text, ct, name_i, i, close,
                                        _ret_type(ct, mate, decl_start, name_i),
                                        _params(ct, mate, op)))
            i, decl_start = close + 1, close + 1
            continue
        elif t.text in ("(", "[") and mate[i] is not None:
            i = mate[i] + 1
            continue
        i += 1
    return out


def knr_functions(ct, mate):
    """K&R definitions (`int f(a, b) int a; char *b; {`, zlib 1.2), which functions() does
    not see: a top-level `{` right after the `;` of a parameter declaration, which follows
    `name(a, b)` (an identifier list: `__P((char *buf))` in a declaration is not one) with no
    `=` or brace in between. [(name index, `{` index, `}` index)]."""
    out, i = [], 0
    while i < len(ct):
        t = ct[i]
        if t.kind == "punct" and t.text in "([" and mate[i] is not None:
            i = mate[i] + 1
            continue
        if t.kind == "punct" and t.text == "{":
            close = mate[i]
            if close is None:
                break
            if i > 0 and ct[i - 1].text == ";":
                j = i - 1
                while j > 0 and ct[j].text not in ("=", "{", "}") and not (
                        ct[j].text == ")" and mate[j] is not None and mate[j] > 0
                        and ct[mate[j] - 1].kind == "id"
                        and ct[mate[j] - 1].text not in KEYWORDS
                        and (mate[j] < 2 or ct[mate[j] - 2].text != "(")
                        and all(t.kind == "id" or t.text == "," for t in ct[mate[j] + 1:j])):
                    j = mate[j] if ct[j].text == ")" and mate[j] is not None else j
                    j -= 1
                if j > 0 and ct[j].text == ")" and ct[mate[j] - 1].kind == "id":
                    out.append((mate[j] - 1, i, close))
            i = close + 1
            continue
        i += 1
    return out


# a K&R head as most old code writes it: the name and its identifier list end a line at the
# left margin, and a declaration ends the next line (the cheap test before tokenizing; bytes)
KNR_HINT = re.compile(rb"^[A-Za-z_][^;{}=#\n]*\(\s*[A-Za-z_]\w*(?:\s*,\s*[A-Za-z_]\w*)*\s*\)"
                       rb"[ \t]*(?:/\*[^\n]*\*/[ \t]*)?\n[ \t]*[A-Za-z_][^;{}=\n]*;", re.M)


def knr_to_ansi(text):
    """text with every K&R definition's head written as a prototype head (`f(a, b) char *a;
    int b; {` -> `f(char *a, int b) {`, an undeclared parameter an int) on the line of its
    identifier list, the declaration lines left empty: Coccinelle 1.1.1 cannot parse a K&R
    definition (GNU screen 4.9 is written so), and every other line and column stays where
    it was. A head with a preprocessor line or a comment inside is left alone. (Callers
    test the file's bytes with KNR_HINT first, the cheap filter, as staging.Stage.add does.)"""
    ct = code_tokens(tokenize(text))
    mate = mates(ct)
    out, done = [], 0
    for name_i, open_i, _ in knr_functions(ct, mate):
        op = name_i + 1
        if ct[op].text != "(" or mate[op] is None:
            continue
        cp = mate[op]
        names = [t.text for t in ct[op + 1:cp] if t.text != ","]
        if any(t.kind != "id" for t in ct[op + 1:cp] if t.text != ","):
            continue
        region = text[ct[op].start:ct[open_i].start]
        if "#" in region or "/*" in region or "//" in region:
            continue
        decl = {}
        j = cp + 1
        while j < open_i:
            k = j
            while k < open_i and ct[k].text != ";":
                k = mate[k] if ct[k].text in "([" and mate[k] is not None else k
                k += 1
            pieces, a, depth = [], j, 0
            for m in range(j, k):
                depth += ct[m].text in "([" and 1 or ct[m].text in ")]" and -1 or 0
                if ct[m].text == "," and depth == 0:
                    pieces.append((a, m))
                    a = m + 1
            pieces.append((a, k))
            # a piece declares the first parameter it names (`struct win *win`: not the
            # tag; `void (*cb) __P((char *buf, int len))`: not its prototype's names); the
            # base type is the first piece's tokens before its declarator
            def named(m):
                return ct[m].text in names and ct[m - 1].text not in ("struct", "union", "enum")
            a0, b0 = pieces[0]
            d0 = next((m for m in range(a0, b0) if ct[m].text in ("*", "(") or named(m)),
                      None)
            if d0 is None or d0 == a0:
                decl = None
                break
            base = text[ct[a0].start:ct[d0 - 1].end]
            for n, (a, b) in enumerate(pieces):
                a = d0 if n == 0 else a
                name = next((ct[m].text for m in range(a, b) if named(m)), None)
                if a >= b or name is None or name in decl:
                    decl = None
                    break
                decl[name] = base + " " + text[ct[a].start:ct[b - 1].end]
            if decl is None:
                break
            j = k + 1
        if not decl or set(decl) - set(names):
            continue
        head = "(" + ", ".join(decl.get(n, "int " + n) for n in names) + ")"
        out += [text[done:ct[op].start], head, "\n" * region.count("\n")]
        if not region.endswith("\n"):
            out.append(" ")
        done = ct[open_i].start
    return "".join(out) + text[done:] if out else text


def definitions(ct, mate):
    """Every function definition, K&R ones too, in order: [(name index, `{` index, `}`
    index)]."""
    spans = [(f.name_i, f.open_i, f.close_i) for f in functions(ct, mate)]
    return sorted(spans + knr_functions(ct, mate), key=lambda s: ct[s[0]].line)


def code_tokens(toks):
    """The tokens the compiler sees as code: no comments, preprocessor lines or #else code."""
    return [t for t in toks if t.kind not in ("comment", "pp", "skipped")]


def function_spans(text):
    """[(name, first line, last line)] of the function definitions in a C text; the first
    line is the name's."""
    ct = code_tokens(tokenize(text))
    return [(f.name, ct[f.name_i].line, ct[f.close_i].line) for f in functions(ct, mates(ct))]


def _ret_type(ct, mate, a, b):
    """The return type written before the function's name, or None if it is not simple."""
    words, i = [], a
    while i < b:
        t = ct[i]
        if t.text == "__attribute__" and i + 1 < b and mate[i + 1] is not None:
            i = mate[i + 1] + 1
            continue
        if t.kind not in ("id", "punct") or (t.kind == "punct" and t.text != "*"):
            return None
        if t.text not in _STORAGE:
            words.append(t.text)
        i += 1
    ids = [w for w in words if w != "*"]
    # a project's linkage macro in front of the type (UNITTEST CURLcode f(...))
    while len(ids) > 1 and re.match(r"^[A-Z][A-Z0-9_]*$", ids[0]) and ids[1] not in (
            "char", "short", "int", "long", "unsigned", "signed") and ids[0] not in TYPE_WORDS:
        words.remove(ids[0])
        ids = ids[1:]
    if not ids:
        return None
    stars = words.count("*")
    if words[-stars or len(words):] != ["*"] * stars:
        return None
    return " ".join(ids) + (" " + "*" * stars if stars else "")


def _params(ct, mate, op):
    names, depth_end = [], mate[op]
    seg, i = [], op + 1
    while i <= depth_end:
        t = ct[i]
        if t.text in ("(", "[") and mate[i] is not None and i != depth_end:
            # a function-pointer parameter: (*name)(...)
            inner = [x for x in ct[i + 1:mate[i]] if x.kind == "id"]
            if t.text == "(" and ct[i + 1].text == "*" and inner:
                seg.append(inner[-1])
            i = mate[i] + 1
            continue
        if t.text == "," or i == depth_end:
            ids = [x.text for x in seg if x.kind == "id"]
            if ids:
                names.append(ids[-1])
            seg = []
        else:
            seg.append(t)
        i += 1
    return names


class Parser:
    """Statements of one function body."""

    def __init__(self, ct, mate, lo, hi):
        self.ct, self.mate, self.lo, self.hi = ct, mate, lo, hi

    def tok(self, i):
        if i >= self.hi:
            raise Unparsed("unexpected end of the function body")
        return self.ct[i]

    def group_end(self, i, opener):
        if self.tok(i).text != opener or self.mate[i] is None or self.mate[i] > self.hi:
            raise Unparsed("expected '%s' at line %d" % (opener, self.tok(i).line))
        return self.mate[i]

    def block(self, i):
        close = self.group_end(i, "{")
        node = Node("block", i, close)
        j = i + 1
        while j < close:
            s = self.stmt(j, close)
            s.parent = node
            node.stmts.append(s)
            j = s.last + 1
        return node

    def sub(self, node, attr, i, limit):
        s = self.stmt(i, limit)
        s.parent = node
        setattr(node, attr, s)
        return s

    def stmt(self, i, limit):
        t = self.tok(i)
        x = t.text
        if t.kind == "punct" and x == "{":
            return self.block(i)
        if t.kind == "id" and x in ("if", "while", "switch", "for"):
            c = self.group_end(i + 1, "(")
            node = Node(x, i)
            node.cond = (i + 1, c)
            b = self.sub(node, "then" if x == "if" else "body", c + 1, limit)
            node.last = b.last
            if x == "if" and b.last + 1 < limit and self.ct[b.last + 1].text == "else":
                e = self.sub(node, "els", b.last + 2, limit)
                node.last = e.last
            return node
        if x == "do" and t.kind == "id":
            node = Node("do", i)
            b = self.sub(node, "body", i + 1, limit)
            if self.tok(b.last + 1).text != "while":
                raise Unparsed("do without while at line %d" % t.line)
            c = self.group_end(b.last + 2, "(")
            node.cond = (b.last + 2, c)
            node.last = self.semi(c + 1, limit, exact=True)
            return node
        if t.kind == "id" and x in ("return", "goto", "break", "continue"):
            node = Node(x, i, self.semi(i + 1, limit))
            if x == "goto":
                if self.ct[i + 1].kind != "id" or node.last != i + 2:
                    raise Unparsed("computed goto at line %d" % t.line)
                node.label = self.ct[i + 1].text
            return node
        if t.kind == "id" and (x == "case" or (x == "default" and self.tok(i + 1).text == ":")):
            j, q = i + 1, 0
            while True:
                y = self.tok(j).text
                if y in ("(", "[") and self.mate[j] is not None:
                    j = self.mate[j]
                elif y == "?":
                    q += 1
                elif y == ":":
                    if q == 0:
                        break
                    q -= 1
                elif y in (";", "{", "}"):
                    raise Unparsed("case label at line %d" % t.line)
                j += 1
            return self.labelled(Node(x, i), j, limit)
        if t.kind == "id" and x not in KEYWORDS and i + 1 < limit and \
                self.ct[i + 1].text == ":" and self.ct[i + 1].kind == "punct":
            node = Node("label", i)
            node.label = x
            return self.labelled(node, i + 1, limit)
        if x == ";":
            return Node("empty", i, i)
        j = i
        while True:
            y = self.tok(j)
            if j >= limit:
                raise Unparsed("statement without ';' at line %d" % t.line)
            if y.text == ";" and y.kind == "punct":
                break
            if y.kind == "punct" and y.text in ("(", "["):
                j = self.group_end(j, y.text)
            elif y.kind == "punct" and y.text == "{":
                if j > i and self.ct[j - 1].text == ")":
                    raise Unparsed("a macro opens a block at line %d" % t.line)
                j = self.group_end(j, "{")
            elif y.kind == "punct" and y.text == "}":
                raise Unparsed("statement without ';' at line %d" % t.line)
            j += 1
        return Node("decl" if is_decl(self.ct, i, j) else "expr", i, j)

    def labelled(self, node, colon, limit):
        if colon + 1 < limit and self.ct[colon + 1].text != "}":
            s = self.sub(node, "body", colon + 1, limit)
            node.last = s.last
        else:
            node.last = colon
        return node

    def semi(self, i, limit, exact=False):
        j = i
        while True:
            y = self.tok(j)
            if j >= limit or (exact and y.text != ";"):
                raise Unparsed("expected ';' at line %d" % y.line)
            if y.text == ";":
                return j
            if y.text in ("(", "[", "{"):
                j = self.group_end(j, y.text)
            elif y.text == "}":
                raise Unparsed("expected ';' at line %d" % y.line)
            j += 1


def is_decl(ct, i, j):
    """Does the statement ct[i..j] (j: its ';') declare something?"""
    a = ct[i]
    if a.kind != "id" or a.text in KEYWORDS:
        return False
    if a.text in TYPE_WORDS or a.text == "typedef":
        return True
    k = i + 1
    while k < j and ct[k].text == "*":
        k += 1
    if k >= j or ct[k].kind != "id" or ct[k].text in KEYWORDS:
        return False
    return ct[k + 1].text in ("=", ";", ",", "[", "__attribute__")


class Declarator:
    __slots__ = ("name", "name_i", "stars", "has_init", "init", "is_array", "vla")

    def __init__(self):
        self.name, self.name_i, self.stars = None, None, 0
        self.has_init, self.init, self.is_array, self.vla = False, None, False, False


def declarators(ct, mate, node):
    """(specifier words, [Declarator]) of a declaration statement, or None if unusual
    (function pointers, bit-fields, ...)."""
    segs, seg, i = [], [], node.first
    while i < node.last:
        t = ct[i]
        if t.text in ("(", "[", "{") and mate[i] is not None:
            seg.extend(range(i, mate[i] + 1))
            i = mate[i] + 1
            continue
        if t.text == ",":
            segs.append(seg)
            seg = []
        else:
            seg.append(i)
        i += 1
    segs.append(seg)
    specs, out = None, []
    for n, seg in enumerate(segs):
        eq = next((k for k, idx in enumerate(seg) if ct[idx].text == "="), None)
        left = seg if eq is None else seg[:eq]
        d = Declarator()
        d.has_init = eq is not None
        if d.has_init:
            d.init = (seg[eq + 1], seg[-1])
        # trailing array brackets
        while left and ct[left[-1]].text == "]":
            d.is_array = True
            close = left[-1]
            op = mate[close]
            inner = ct[op + 1:close]
            if any(x.kind == "id" and x.text != "sizeof" and not re.match(r"^[A-Z_][A-Z0-9_]*$",
                                                                       x.text) for x in inner):
                d.vla = True
            left = [k for k in left if k < op]
        # attributes after the name
        while len(left) >= 2 and ct[left[-1]].text == ")" and \
                ct[mate[left[-1]] - 1].text == "__attribute__":
            op = mate[left[-1]] - 1
            left = [k for k in left if k < op]
        if not left or ct[left[-1]].kind != "id" or ct[left[-1]].text in TYPE_WORDS:
            return None
        d.name_i = left[-1]
        d.name = ct[d.name_i].text
        k = len(left) - 2
        while k >= 0 and ct[left[k]].text == "*":
            d.stars += 1
            k -= 1
        if n == 0:
            specs = [ct[x].text for x in left[:k + 1]]
            if not specs or any(ct[x].kind != "id" for x in left[:k + 1]):
                return None
        elif k >= 0:
            return None
        out.append(d)
    return specs, out
