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
