"""summary.derive: what the summary pass concludes does not depend on the order of its facts
(spatch --jobs N prints them in the order its workers finish)."""
import itertools
import os
import sys

from conftest import ROOT

sys.path.insert(0, ROOT)
from cocci_unwind import summary, table  # noqa: E402

# obj_rename() releases the object it is given (through obj_drop(), which frees it) and
# returns what malloc() gave it: it is a release wrapper, so it is no acquirer
CASE = """#include <stdlib.h>
struct obj { char *name; };
static void obj_drop(struct obj *o) { free(o->name); free(o); }
char *obj_rename(struct obj *o)
{
    char *n = malloc(8);
    obj_drop(o);
    return n;
}
char *name_new(void)
{
    char *n = malloc(8);
    return n;
}
"""


def test_summary_is_the_same_in_every_order_of_the_facts(tmp_path):
    src = tmp_path / "s.c"
    src.write_text(CASE)
    seen = {}

    def keep(facts, macros, fams):
        seen["facts"], seen["macros"] = facts, macros
        return derive(facts, macros, fams)

    derive = summary.derive
    summary.derive = keep
    try:
        first = summary.build([str(src)], table.load(), str(tmp_path), 1)
    finally:
        summary.derive = derive
    assert first["release"] == {"memory": ["obj_drop", "obj_rename"]}
    assert first["acquire"] == {"memory": [["name_new", "null"]]}
    facts = seen["facts"]
    assert len(facts) >= 4
    # (what never returns and what ends the process are read from the text, not from the
    # facts)
    first = {k: v for k, v in first.items()
             if k not in ("noreturn", "fatal_on", "int_constants")}
    for order in itertools.islice(itertools.permutations(facts), 200):
        assert derive(list(order), seen["macros"], table.load()) == first
    assert derive(list(reversed(facts)), seen["macros"], table.load()) == first


ELEMENTS = """#include <stdlib.h>
#include <unistd.h>
static void close_pair(int fd[2]) { close(fd[0]); close(fd[1]); }
static void free_first(char *v[2]) { free(v[0]); }
"""


def test_a_function_that_closes_the_ends_of_its_array_releases_a_pipe_pair(tmp_path):
    """close(fd[0]) in close_pair(int fd[2]) makes close_pair a release of the fd family
    (util-linux pager.c); free(v[0]) does not make free_first a release of the array v."""
    src = tmp_path / "e.c"
    src.write_text(ELEMENTS)
    got = summary.build([str(src)], table.load(), str(tmp_path), 1)
    assert got["release"].get("fd") == ["close_pair"]
    assert "free_first" not in got["release"].get("memory", [])


LEARNED = """#include <fcntl.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/queue.h>
struct ent { LIST_ENTRY(ent) link; char *name; struct list_head node, children; };
static LIST_HEAD(, ent) ents;
static char *cached;
int copy_name(const char *s, char **out)
{
    char *p = strdup(s);
    if (p == NULL)
        return -1;
    *out = p;
    return 0;
}
int format_msg(char **ret, const char *fmt, va_list ap)
{
    return vasprintf(ret, fmt, ap);
}
int open_output(const char *path)
{
    return path == NULL ? 1 : open(path, O_WRONLY);
}
int parse_number(const char *s, char **cause)
{
    if (s[0] == '\\0') {
        *cause = strdup("empty");
        return -1;
    }
    return atoi(s);
}
char *name_get(int create)
{
    char *n = cached;
    if (n != NULL || !create)
        return n;
    n = strdup("new");
    return n;
}
struct ent *ent_new(void)
{
    struct ent *e = calloc(1, sizeof *e);
    if (e == NULL)
        return NULL;
    LIST_INSERT_HEAD(&ents, e, link);
    return e;
}
struct ent *ent_add(struct ent *owner)
{
    struct ent *e = calloc(1, sizeof *e);
    if (e == NULL)
        return NULL;
    list_add_tail(&e->node, &owner->children);
    return e;
}
"""


def test_summary_learns_acquirers_through_a_pointer_and_in_a_conditional(tmp_path):
    """An acquirer through its pointer parameter (a store of what strdup() gave, or the
    parameter handed to vasprintf()), one that returns an acquirer's result in one arm of a
    conditional; not a function that stores an error's message before it fails, a lookup
    that may create, nor a constructor that registers what it returns, itself or its own link
    (`list_add_tail(&e->node, &owner->children)`): those are borrowed, for unwind-inferred
    too."""
    src = tmp_path / "l.c"
    src.write_text(LEARNED)
    got = summary.build([str(src)], table.load(), str(tmp_path), 1)
    assert got["acquire"] == {"memory": [["copy_name", "nonzero", "out:1"],
                                         ["format_msg", "nonzero", "out:0"]],
                              "fd": [["open_output", "neg"]]}
    assert {"name_get", "ent_new", "ent_add"} <= set(got["borrowed"])
    fams = table.load()
    summary.extend_table(fams, got)
    shapes = {a.function: (a.shape, a.arg) for a in fams["memory"].acquires}
    assert shapes["copy_name"] == ("out", 1) and shapes["format_msg"] == ("out", 0)


def test_a_value_filled_through_a_pointer_and_returned_is_tested_as_its_family_s_values(tmp_path):
    """`xasprintf(&s, ...); return s;`: the function returns a string that its callers test
    against NULL (a `ret` acquirer of the memory family), not the status of xasprintf."""
    src = tmp_path / "f.c"
    src.write_text("#define _GNU_SOURCE\n#include <stdio.h>\n"
                   "char *label(int n)\n{\n    char *s;\n"
                   "    if (asprintf(&s, \"%d\", n) < 0)\n        return NULL;\n"
                   "    return s;\n}\n")
    got = summary.build([str(src)], table.load(), str(tmp_path), 1)
    assert got["acquire"] == {"memory": [["label", "null"]]}
    fams = table.load()
    summary.extend_table(fams, got)
    from cocci_unwind import gen
    assert "unwind-memory.cocci" in gen.generate(fams)


def test_an_out_acquirer_of_0_and_1_is_tested_by_what_it_returns_when_it_fails(tmp_path):
    """A function of 0 and 1 that fills its pointer: when the first return after the store
    (its acquisition's failure) is 0, it returns false on failure (`if (!f(&fd))` is the
    failure test); when it is 1, 0 is its success (nonzero)."""
    src = tmp_path / "b.c"
    src.write_text("#include <fcntl.h>\n#include <unistd.h>\n"
                   "int open_bool(const char *p, int *fd)\n{\n    *fd = open(p, O_RDONLY);\n"
                   "    if (*fd < 0)\n        return (0);\n    return 1;\n}\n"
                   "int open_status(const char *p, int *fd)\n{\n    *fd = open(p, O_RDONLY);\n"
                   "    if (*fd < 0)\n        return 1;\n    return 0;\n}\n")
    got = summary.build([str(src)], table.load(), str(tmp_path), 1)
    assert got["acquire"] == {"fd": [["open_bool", "zero", "out:1"],
                                     ["open_status", "nonzero", "out:1"]]}


def test_a_macro_whose_value_an_acquirer_gives_is_an_acquirer(tmp_path):
    """A function-like macro whose value is an acquirer's result, through a cast, a
    statement expression (`({ __p = util_malloc(n); memset(..); __p; })`), an alias or one
    arm of a conditional, acquires what the acquirer does, with its failure test; not one
    that registers the value, nor one whose value is something else."""
    hdr = tmp_path / "util.h"
    hdr.write_text(
        "#include <stdlib.h>\n#include <string.h>\n"
        "void *util_malloc(size_t n);\n"
        "#define new0(type, count)\t\t\\\n"
        "\t(type *) (__extension__ ({\t\t\\\n"
        "\t\tsize_t __n = (size_t) (count);\t\\\n"
        "\t\tvoid *__p;\t\t\t\\\n"
        "\t\t__p = util_malloc(__n * sizeof(type));\t\\\n"
        "\t\tmemset(__p, 0, __n * sizeof(type));\t\\\n"
        "\t\t__p;\t\t\t\t\\\n"
        "\t}))\n"
        "#define malloc0(n) (calloc(1, (n)))\n"
        "#define xdup_or_null(s) ((s) ? strdup(s) : NULL)\n"
        "#define xmalloc_alias malloc\n"
        "#define kept(l, n) ({ void *__q = malloc(n); list_add(l, __q); __q; })\n"
        "#define length(s) (strlen(s) + 1)\n")
    src = tmp_path / "util.c"
    src.write_text("#include \"util.h\"\n#include <stdio.h>\n"
                   "void *util_malloc(size_t n)\n{\n    void *p = malloc(n);\n"
                   "    if (p)\n        return p;\n    abort();\n    return NULL;\n}\n")
    got = summary.build([str(src)], table.load(), str(tmp_path), 1)
    learned = {a[0]: a[1] for a in got["acquire"].get("memory", [])}
    assert learned == {"util_malloc": "null", "new0": "null", "malloc0": "null",
                       "xdup_or_null": "null", "xmalloc_alias": "null"}


def test_lock_like_pairs_are_learned_from_their_names_and_definitions(tmp_path):
    """A function or macro named for locking whose unlocking twin is defined too is a lock
    pair: its lock is the parameter every non-empty definition gives to a call (a tag that
    every call passes as a constant is not), or a function's only parameter. Not: a pair
    empty in every definition, a try-lock, a query, nor a pair a family already knows."""
    src = tmp_path / "locks.c"
    src.write_text(
        "#include <pthread.h>\n"
        "struct db { pthread_mutex_t m; int n; };\n"
        "#ifdef USE_THREADS\n"
        "#define POOL_LOCK(tag, l) lock_wait(tag, pthread_mutex_lock(l))\n"
        "#define POOL_UNLOCK(tag, l) lock_wait(tag, pthread_mutex_unlock(l))\n"
        "#else\n"
        "#define POOL_LOCK(tag, l) do { /* nothing */ } while (0)\n"
        "#define POOL_UNLOCK(tag, l) do { } while (0)\n"
        "#endif\n"
        "#define NOP_LOCK(l) do { } while (0)\n"
        "#define NOP_UNLOCK(l) do { } while (0)\n"
        "int lock_wait(int tag, int r) { return tag + r; }\n"
        "void db_lock(struct db *d) { pthread_mutex_lock(&d->m); }\n"
        "void db_unlock(struct db *d) { pthread_mutex_unlock(&d->m); }\n"
        "int db_trylock(struct db *d) { return pthread_mutex_trylock(&d->m); }\n"
        "int db_tryunlock(struct db *d) { return pthread_mutex_unlock(&d->m); }\n"
        "int db_is_locked(struct db *d) { return d->n; }\n"
        "int db_is_unlocked(struct db *d) { return !d->n; }\n"
        "void pthread_mutex_lock_all(pthread_mutex_t *m);\n"
        "int count(struct db *d, pthread_mutex_t *l)\n{\n"
        "    POOL_LOCK(7, l);\n    db_lock(d);\n    d->n++;\n    db_unlock(d);\n"
        "    POOL_UNLOCK(7, l);\n    return d->n;\n}\n")
    macros = summary.macro_facts([str(src)])
    pairs = summary.lock_pairs(macros, [str(src)], table.load().values())
    assert pairs == [("POOL_LOCK", 1, "POOL_UNLOCK"), ("db_lock", 0, "db_unlock")]
    got = summary.build([str(src)], table.load(), str(tmp_path), 1)
    assert got["acquire"]["lock"] == [["POOL_LOCK", "nonzero", "lock:1", "POOL_UNLOCK"],
                                      ["db_lock", "nonzero", "lock:0", "db_unlock"]]
    fams = table.load()
    summary.extend_table(fams, got)
    shapes = {a.function: (a.shape, a.arg, a.releases) for a in fams["lock"].acquires}
    assert shapes["POOL_LOCK"] == ("lock", 1, ("POOL_UNLOCK",))


def test_functions_declared_never_to_return_are_learned(tmp_path):
    """noreturn_functions: prototypes marked `__attribute__((noreturn))` (alone or with
    format), `_Noreturn`, `__dead` or a project macro named NORETURN, and the macros that
    call one; not a NORETURN_PTR parameter, an attribute macro, nor a comment."""
    h = tmp_path / "log.h"
    h.write_text(
        "#define NORETURN __attribute__((noreturn))\n"
        "#define __dead __attribute__((__noreturn__))\n"
        "#define printflike(a, b) __attribute__((format(printf, a, b)))\n"
        "typedef void (*report_fn)(const char *);\n"
        "void fatal(const char *, ...) __attribute__((noreturn, format(printf, 1, 2)));\n"
        "__dead void printflike(1, 2) fatalx(const char *, ...);\n"
        "_Noreturn void bail(int);\n"
        "NORETURN void die(const char *err, ...);\n"
        "void set_die_routine(NORETURN_PTR report_fn routine);\n"
        "/* log_warn() is not NORETURN: it returns */\n"
        "void log_warn(const char *, ...);\n"
        "#define fatal_f(...) fatal(__VA_ARGS__)\n"
        "#define warn_f(...) log_warn(__VA_ARGS__)\n")
    got = summary.noreturn_functions([str(h)], summary.macro_facts([str(h)]))
    assert got == ["bail", "die", "fatal", "fatal_f", "fatalx"]


# set_conn() frees the session it was given when it fails, and stores the descriptors in it
# (openssh ssh_packet_set_connection): a release wrapper of its first argument and a sink of
# the other two
RELEASES_ONE_KEEPS_OTHERS = """#include <stdlib.h>
struct conn { int in, out; };
struct conn *set_conn(struct conn *c, int fd_in, int fd_out, int ok)
{
    if (!ok) {
        free(c);
        return NULL;
    }
    c->in = fd_in;
    c->out = fd_out;
    return c;
}
"""


def test_a_release_wrapper_keeps_the_arguments_it_does_not_release(tmp_path):
    src = tmp_path / "c.c"
    src.write_text(RELEASES_ONE_KEEPS_OTHERS)
    got = summary.build([str(src)], table.load(), str(tmp_path), 1)
    assert got["release"] == {"memory": ["set_conn"]}
    assert got["sink_args"] == {"set_conn": [1, 2]}


def test_a_constructor_that_keeps_an_argument_only_when_it_succeeds(tmp_path):
    """On the NULL branch of req_new() the handle is still the caller's (sink_on_success);
    req_adopt() frees it there (the corpus' two constructor cases), and list_keep() keeps it
    whatever it returns."""
    corpus = os.path.join(ROOT, "corpus", "memory")
    srcs = [os.path.join(corpus, n) for n in ("leak_constructor_fails_argument_still_ours.c",
                                              "ok_constructor_frees_argument_on_failure.c")]
    keep = tmp_path / "keep.c"
    keep.write_text("struct req { void *h; };\nstatic struct req *slot;\n"
                    "int list_keep(void *h)\n{\n    slot->h = h;\n    return 0;\n}\n")
    got = summary.build(srcs + [str(keep)], table.load(), str(tmp_path), 1)
    assert got["sink_args"]["req_new"] == [0, 1] and got["sink_args"]["list_keep"] == [0]
    assert "req_adopt" not in got["sink_args"]
    assert got["sink_on_success"]["req_new"] == [0, 1]
    assert "list_keep" not in got["sink_on_success"]
