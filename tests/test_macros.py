"""The macro file: the project's attribute, qualifier and storage-class macros are learned
from its #defines, so the functions written with them are parsed and checked; a macro that
hides a call or an exit is never learned."""
import subprocess

from conftest import RUN, run_check

from cocci_unwind import coverage, csyntax, macros

HEADER = """#ifndef PROJ_H
#define PROJ_H
#if defined(__GNUC__)
#define proj_cold __attribute__((__cold__))
#define proj_nonnull(params) __attribute__((__nonnull__ params))
#define proj_fallthrough __attribute__((__fallthrough__));
#else
#define proj_cold
#define proj_nonnull(params)
#define proj_fallthrough /* fall through */
#endif
#define proj_const const
#define proj_static_cold static proj_cold
#endif
"""

LEAK = """#include <stdlib.h>
#include "proj.h"
int use(char *, const char *);

proj_static_cold
int step(int c)
{
    int r = 0;
    switch (c) {
    case 1:
        r++;
        proj_fallthrough
    case 2:
        r++;
    }
    return r;
}

proj_nonnull((1))
int f(const char * proj_const restrict name, int n)
{
    char * const restrict buf = malloc(n);
    if (!buf)
        return -1;
    if (use(buf, name) < 0)
        return -2;
    free(buf);
    return step(n);
}
"""


def learned_defines(*paths):
    """{name: its line in the macro file} of the macros learned from the files."""
    return {n: m.define() for n, m in macros.learn([str(p) for p in paths]).items()}


def parse_output(path, macro_file):
    p = subprocess.run(["spatch", "--python", "/usr/bin/python3", "--macro-file", macro_file,
                        "--parse-c", str(path)], stdout=subprocess.PIPE,
                       stderr=subprocess.STDOUT, text=True)
    return p.stdout


def test_project_attribute_and_qualifier_macros_are_learned_and_checked(tree):
    tree("proj.h", HEADER)
    f = tree("leak.c", LEAK)
    # proj_cold is used only inside proj_static_cold, which is written out expanded
    assert learned_defines(tree.path / "proj.h", f) == {
        "proj_nonnull": "#define proj_nonnull(params)",
        "proj_fallthrough": "#define proj_fallthrough",
        "proj_const": "#define proj_const const",
        "proj_static_cold": "#define proj_static_cold static"}
    # without `#define restrict` (cocci/macros.h before) both functions are lost: f to
    # `* const restrict`, step to the fall-through attribute before `case`
    with open(macros.STATIC) as fh:
        old = tree("old/macros.h", fh.read().replace("#define restrict\n", ""))
    before = parse_output(f, str(old))
    assert "perfect = 0" in before
    assert coverage.count([str(f)], coverage.bad_ranges(before)).checked == 0
    # with cocci/macros.h alone step is still lost
    static = coverage.count([str(f)], coverage.bad_ranges(parse_output(f, macros.STATIC)))
    assert static.unchecked == {str(f): [("step", 6)]}
    # with the learned macros it parses perfectly
    gen = tree("gen/macros.h", macros.text([str(f)]))
    after = parse_output(f, str(gen))
    assert str(f) not in coverage.bad_ranges(after)      # (proj.h's #define lines fail)
    # and check reports the leak in f, counting both functions checked
    status, out, err = run_check(str(f))
    assert status == 1
    assert out == ("%s:26:9: warning: 'buf' from malloc() at line 22 is not released on "
                   "this return [unwind-memory]\n" % f)
    assert "0 files with parse errors" in err and "2 of 2 functions checked (100.0 %)" in err


def test_fix_rewrites_a_function_written_with_project_macros(tree):
    # fix mode's own parse check (the rewrite must not parse worse) uses the same macro file
    tree("proj.h", HEADER)
    f = tree("leak.c", LEAK)
    p = subprocess.run([RUN, "fix", "--jobs", "1", "--style", "goto", str(f)],
                       stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    assert "1 finding fixed (goto style), 0 not fixed" in p.stderr
    assert "-        return -2;\n+        goto err_free_buf;\n" in p.stdout


def test_restrict_after_const_parses():
    # measured on spatch 1.1.1: `T * const restrict p` is a parse error unless restrict is
    # mapped to nothing, which cocci/macros.h does
    with open(macros.STATIC) as fh:
        assert "#define restrict\n" in fh.read()


def test_a_macro_that_hides_a_call_or_an_exit_is_not_learned(tree):
    h = tree("hide.h", """
#define CHECK(x) do { if (!(x)) goto fail; } while (0)
#define TRY(x) if ((x) < 0) return -1
#define BAIL return -1
#define JUMP goto out
#define LOG_ERR(m) log_error(m)
#define CLEANUP free(p)
#define ATTR_THEN_CALL __attribute__((unused)) free(p)
#define PASS(x) __attribute__((cold)) x
#define COND(x) ((x) ? 1 : 0)
#define ALIAS_TYPE unsigned long
#ifdef DEBUG
#define TRACE(m) fprintf(stderr, m)
#else
#define TRACE(m)
#endif
#ifdef HAVE_FEATURE
void feature_cleanup(void *p);
#else
#define feature_cleanup(p)
#endif
#define lib_set_callback(a, b)
#define QUIET(m)
#define NOTHING
""")
    # feature_cleanup is empty only where the feature is configured out (the project's
    # function otherwise), lib_set_callback is a library call stubbed for an old version:
    # both are calls, which spatch parses as they are
    f = tree("use.c", "QUIET((1)) int f(int x);\nint f(int x)\n{\n"
                      "    CHECK(x); TRY(x); LOG_ERR(1); CLEANUP; JUMP; BAIL;"
                      "\n    ATTR_THEN_CALL; PASS(x); COND(x); ALIAS_TYPE y = 0; TRACE(1);"
                      "\n    feature_cleanup(0); lib_set_callback(1, 2);"
                      "\n    NOTHING; return y;\nout:\nfail:\n    return 0;\n}\n")
    assert learned_defines(h, f) == {
        "QUIET": "#define QUIET(m)", "NOTHING": "#define NOTHING"}
    text = macros.text([str(f)])
    for name in ("CHECK", "TRY", "BAIL", "JUMP", "LOG_ERR", "CLEANUP", "ATTR_THEN_CALL", "PASS",
                 "COND", "ALIAS_TYPE", "TRACE", "feature_cleanup", "lib_set_callback"):
        assert "#define %s" % name not in text


def test_bad_ranges_cover_the_function_spatch_gave_up_on(tree):
    f = tree("two.c", "int ok(void)\n{\n    return 0;\n}\n\nint bad(void)\n{\n"
                      "    int x = 1 +;\n    return x;\n}\n")
    bad = coverage.bad_ranges(parse_output(f, macros.STATIC))
    cov = coverage.count([str(f)], bad)
    assert (cov.checked, cov.present) == (1, 2)
    assert cov.unchecked == {str(f): [("bad", 6)]}
    assert cov.note() == "1 of 2 functions checked (50.0 %)"


def test_string_literal_macros_are_learned_as_written(tree):
    h = tree("s.h", '#define CRLF "\\r\\n"\n#define PROTO "\\x02h2"\n'
                    '#define PROTOS "\\x08http/1.1" PROTO\n#define NOTSTR "a" name\n'
                    '#define FMT(x) "%" x\n')
    f = tree("s.c", "typedef unsigned char u_char;\nint f(u_char **pos)\n{\n"
                    '    *pos = (u_char *) CRLF "0" CRLF CRLF;\n'
                    "    *pos = (u_char *) PROTOS NOTSTR FMT(1);\n    return 0;\n}\n")
    assert learned_defines(h, f) == {
        "CRLF": '#define CRLF "\\r\\n"', "PROTOS": '#define PROTOS "\\x08http/1.1" "\\x02h2"'}


def test_gnu_restrict_after_const_does_not_lose_the_file(tree):
    # spatch 1.1.1 stops on `* const __restrict p` ("internal error: there is no noconst or
    # novolatile keyword"), and a macro cannot replace its keyword: check blanks it
    body = ("(int n)\n{\n    char * const %s buf = malloc(n);\n    if (!buf)\n        return -1;"
            "\n    if (use(buf) < 0)\n        return -2;\n    free(buf);\n    return 0;\n}\n")
    f = tree("r.c", "#include <stdlib.h>\nint use(char *);\nint f" + body % "__restrict" +
             "int g" + body % "__restrict__")
    status, out, err = run_check(str(f))
    assert status == 1
    assert [line.split(": warning")[0] for line in out.splitlines()] == [
        "%s:9:9" % f, "%s:19:9" % f]
    assert "failed" not in err.split("checked 1 file")[1]
    assert "2 of 2 functions checked" in err


def test_knr_definitions_are_counted(tree):
    f = tree("knr.c", "int f(a, b)\n    int a;\n    char *b;\n{\n    return a + *b;\n}\n\n"
                      "static int g(void)\n{\n    return 0;\n}\n")
    assert coverage.function_spans(str(f)) == [("f", 1, 6), ("g", 8, 11)]


def test_knr_heads_are_given_to_spatch_as_prototype_heads():
    """csyntax.knr_to_ansi: the parameters in the identifier list's order, each with its
    declaration (a struct tag named like a parameter is the type's; a prototype inside a
    function-pointer declaration names no parameter), an undeclared one an int; every line
    after the head where it was; a head with a comment or a preprocessor line is left."""
    text = ("static int\n"
            "set_win(uu, u, win, cb, n)\n"
            "struct acluser *u, *uu;\n"
            "struct win *win;\n"
            "void (*cb) __P((char *buf, int n));\n"
            "{\n"
            "  return n;\n"
            "}\n"
            "int f(a) int a; { return a; }\n"
            "int g(a)\n"
            "int a; /* the count */\n"
            "{\n"
            "  return a;\n"
            "}\n")
    got = csyntax.knr_to_ansi(text)
    assert got.splitlines()[1] == ("set_win(struct acluser *uu, struct acluser *u, "
                                   "struct win *win, void (*cb) __P((char *buf, int n)), "
                                   "int n)")
    assert got.splitlines()[2:] == ["", "", "", "{", "  return n;", "}",
                                    "int f(int a) { return a; }"] + text.splitlines()[9:]
    assert csyntax.knr_to_ansi("int h(int a)\n{\n  return a;\n}\n") == \
        "int h(int a)\n{\n  return a;\n}\n"
