# Patch mode (spatch -D patch): the Python half of the rules that add the missing release
# before a leaking exit, the local fix of `run.sh fix --style release`. gen.py copies this
# file (without this leading comment) into a second @initialize:python@ block of the rule
# files whose family can be patched safely (PATCH_RELEASE, a constant gen.py writes, maps
# each acquirer to the form of its release). An exit is patched only when all of these hold:
# - report mode would print the finding, at high confidence (the function releases the
#   resource on another path, so the release is known to be owed; a medium finding may be an
#   ownership transfer that the rules cannot see);
# - the acquisition comes before the exit on every path (the rule pnotdom finds none that
#   avoids it; an acquisition after &&, || or ? in its if's condition is not, whatever the
#   graph says: _conditional_acquisition) and no path from it to the exit releases, hands on or reassigns the resource
#   (the rule pkill finds none);
# - the returned value cannot change under the release: nothing, a constant or a variable
#   other than the resource (not errno, not a call); for a goto, the code from its label on
#   does not name the resource;
# - exactly one resource leaks at that exit (Coccinelle 1.1.1 adds one statement per exit
#   from one rule; run.sh fix handles the others).
# Everything is decided before the one rule that modifies code: positions cannot be
# inherited over a modification.
_PATCH_UNSAFE = set()       # (acquisition key, exit key) that must not be patched
_PATCH = {}                 # exit key -> [release statements]
_PLAIN_RETURN = _re.compile(r"^return\s*(\(\s*)?(-\s*)?[A-Za-z_0-9]*(\s*\))?\s*;$")


def _patch_unsafe(p1, p2):
    _PATCH_UNSAFE.add((_key(p1), _key(p2)))


def _exit_text(p2):
    """The text of the exit statement, from its keyword to the first semicolon."""
    path, n = p2[0].file, int(p2[0].line)
    text = _line(path, n)[int(p2[0].column):]
    while ";" not in _code(text) and n < len(_src(path)):
        n += 1
        text += " " + _line(path, n)
    code = _code(text)
    return " ".join(code[:code.index(";") + 1].split()) if ";" in code else ""


def _label_uses(p2, label, base):
    """The code from the label on (to the end of the function) names the variable."""
    path = p2[0].file
    lines = _src(path)
    start = int(p2[0].line)
    head = _re.compile(r"^\s*%s\s*:" % _re.escape(label))
    word = _re.compile(r"\b%s\b" % _re.escape(base))
    at = None
    for i in range(start - 1, len(lines)):
        if at is None:
            if head.match(_code(lines[i])):
                at = i
            elif lines[i].startswith("}"):
                return True         # label not found below the goto: do not guess
        if at is not None:
            if word.search(_code(lines[i])):
                return True
            if lines[i].startswith("}"):
                return False
    return True


def _conditional_acquisition(p1):
    """The acquisition at p1 follows &&, || or ? in the condition of its if or while
    (`if (a && (p = malloc(n)))`): on the paths where an earlier operand decided, p was never
    assigned, and a release added at an exit after the if would free what it holds then.
    spatch's graph has one node for the whole condition, so pnotdom cannot see those paths."""
    path, n, col = p1[0].file, int(p1[0].line), int(p1[0].column)
    text = _code(_line(path, n))[:col]
    for k in range(n - 1, max(0, n - 6), -1):
        text = _code(_line(path, k)) + " " + text
    depth = 0
    for i in range(len(text) - 1, -1, -1):
        ch = text[i]
        if ch == ")":
            depth += 1
        elif ch == "(":
            if depth == 0:
                if _re.search(r"\b(if|while)\s*$", text[:i]):
                    return bool(_re.search(r"&&|\|\||\?", text[i + 1:]))
            else:
                depth -= 1
        elif ch in ";{}" and depth == 0:
            return False
    return False


def _patch_note(p1, p2, var):
    """Record the release to add at p2 if this finding can be patched (see above)."""
    k1, k2 = _key(p1), _key(p2)
    if not _emit(p1, p2, var, "context"):
        return                      # report mode does not print it
    var = " ".join(str(var).split())
    fn = _text(p1)
    form = PATCH_RELEASE.get(fn)
    ok = (form is not None and _is_held(p1, var) and (k1, k2) not in _PATCH_UNSAFE
          and not _conditional_acquisition(p1))
    base = _re.sub(r"^[&*(\s]+", "", var)
    base = _re.match(r"[A-Za-z_]\w*", base)
    base = base.group(0) if base else var
    text = _exit_text(p2)
    if ok and text.startswith("goto"):
        label = text[4:].strip(" ;")
        ok = not _label_uses(p2, label, base)
    elif ok:
        ok = bool(_PLAIN_RETURN.match(text)) and not _re.search(
            r"\b(%s|errno)\b" % _re.escape(base), text)
    entry = _PATCH.setdefault(k2, [])
    entry.append(form % var if ok else None)


def _patch_statement(p2):
    """The release statement to add before the exit at p2, or None."""
    rels = _PATCH.get(_key(p2), [])
    if len(rels) != 1 or rels[0] is None:
        return None
    return rels[0] + ";"
