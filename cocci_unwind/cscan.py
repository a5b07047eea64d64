"""A light C scanner: comments, and the line span of each function definition.

Not a parser: it blanks comments, string and character literals and preprocessor lines
(keeping every newline, so line numbers hold), then reads brace depth. Enough to tell which
function a changed line belongs to, and where the suppression comments are.
"""
import re

_KEYWORDS = {"if", "for", "while", "switch", "return", "sizeof", "do", "else"}


def scan(text):
    """(code, comments): code is text with comments, literals and preprocessor lines blanked;
    comments is a list of (line, column, text), 1-based."""
    out, comments = [], []
    i, n, line, col0 = 0, len(text), 1, 0      # col0: index where the current line starts
    bol = True                                  # only blanks so far on this line
    while i < n:
        c = text[i]
        if c == "\n":
            out.append(c)
            i, line, col0, bol = i + 1, line + 1, i + 1, True
            continue
        if text.startswith("/*", i) or text.startswith("//", i):
            block = text[i + 1] == "*"
            end = text.find("*/", i + 2) if block else text.find("\n", i)
            end = n if end < 0 else end + (2 if block else 0)
            body = text[i:end]
            comments.append((line, i - col0 + 1, body))
            for ch in body:
                out.append("\n" if ch == "\n" else " ")
            nl = body.count("\n")
            if nl:
                line += nl
                col0 = i + body.rfind("\n") + 1
            i = end
            continue
        if c == "#" and bol:
            j = i
            while j < n and text[j] != "\n":
                if text.startswith("/*", j) or text.startswith("//", j):
                    break
                if text[j] == "\\" and j + 1 < n and text[j + 1] == "\n":
                    out.append(" \n")
                    j += 2
                    line, col0 = line + 1, j
                    continue
                out.append(" ")
                j += 1
            i = j
            continue
        if c in "\"'":
            j = i + 1
            while j < n and text[j] != c and text[j] != "\n":
                j += 2 if text[j] == "\\" else 1
            j = min(j + 1, n)
            out.append(" " * (j - i))
            i, bol = j, False
            continue
        if not c.isspace():
            bol = False
        out.append(c)
        i += 1
    return "".join(out), comments


def functions(text):
    """[(name, first_line, last_line)] of the function definitions in a C text."""
    code, _ = scan(text)
    spans, depth, start = [], 0, None
    line = 1
    for i, c in enumerate(code):
        if c == "\n":
            line += 1
        elif c == "{":
            if depth == 0:
                start = _head(code, i)
            depth += 1
        elif c == "}" and depth:
            depth -= 1
            if depth == 0 and start:
                spans.append((start[0], start[1], line))
                start = None
    return spans


def _head(code, brace):
    """(name, line) when the top-level brace at index brace opens a function body."""
    j = brace - 1
    while j >= 0 and code[j].isspace():
        j -= 1
    # K&R parameter declarations and attributes between ')' and '{' are skipped by walking
    # back to the last ')' before the previous ';' '}' or '{' at top level.
    k = j
    while k >= 0 and code[k] not in ";{}":
        k -= 1
    seg = code[k + 1:brace]
    if ")" not in seg or "=" in seg.split("(")[0]:
        return None
    depth = 0
    for m in re.finditer(r"[A-Za-z_]\w*|[()]", seg):
        tok = m.group(0)
        if tok == "(":
            depth += 1
        elif tok == ")":
            depth -= 1
        elif depth == 0 and tok not in _KEYWORDS and not tok.startswith("__attribute") \
                and re.match(r"\s*\(", seg[m.end():]):
            pos = k + 1 + m.start()
            return tok, code.count("\n", 0, pos) + 1
    return None
