"""Confidence on shapes read in real code: the default output (high) keeps only findings
where the function itself shows the resource needed releasing and the path is plain;
shapes whose path the control-flow graph may invent are lowered to medium, or dropped where
the code shows that no such path holds the resource (released at the end of every loop
iteration with only the failure test leaving the loop; a label whose code returns it; a
release that only the #if/#else twin declaration hides)."""
import json
import os

import pytest

from conftest import CORPUS, ROOT, run_check

HEAD = "#include <stdlib.h>\n#include <string.h>\n\n"

# the failure check of a loop-local allocation leaves the loop by break
FAILURE_BREAK = HEAD + """int count(const char *s, int max)
{
    int n = 0;
    char *line;

    for (;;) {
        line = strdup(s);
        if (!line)
            break;
        n++;
        free(line);
        if (n > max)
            break;
    }
    if (n == 0)
        return -1;
    return n;
}
"""

# declared in the loop body: at the exits after the loop it is out of scope
LOOP_LOCAL = HEAD + """int count(const char *s, int max)
{
    int n = 0;

    for (;;) {
        char *line = strdup(s);
        if (line == NULL) {
            break;
        }
        switch (line[0]) {
        case 'a':
            n += 2;
            break;
        default:
            break;
        }
        n++;
        free(line);
        if (n > max)
            break;
    }
    if (n == 0)
        return -1;
    return n;
}
"""

# control: a break with the allocation still held, failure check returning
HELD_AT_BREAK = HEAD + """int count(const char *s, int max)
{
    int n = 0;
    char *field;

    for (;;) {
        field = strdup(s);
        if (!field)
            return -1;
        if (field[0] == '#')
            break;
        n++;
        free(field);
        if (n > max)
            break;
    }
    return n;
}
"""

# declared in both branches of an #ifdef: the graph binds the release to the other one
IFDEF_TWICE = """#include <dirent.h>
#include <fcntl.h>
#include <stdbool.h>

bool walk(int parent, const char *name, int flags)
{
#ifdef HAVE_OPENAT
    int fd = openat(parent, name, O_RDONLY);
    if (fd < 0)
        return false;
    DIR *dir = fdopendir(fd);
#else
    DIR *dir = opendir(name);
#endif
    if (!dir)
        return false;
    while (readdir(dir) != NULL) {
        if (flags & 1)
            goto next;
        flags >>= 1;
next:
        flags++;
    }
    closedir(dir);
    return true;
}
"""

# the exit needs the condition under which nothing was opened
CORRELATED = """#include <stdio.h>

int save(const char *path, int on_crash, int n)
{
    FILE *f;

    if (on_crash) {
        f = stderr;
    } else {
        f = fopen(path, "w");
        if (!f)
            return -1;
    }
    if (fprintf(f, "%d\\n", n) < 0 && !on_crash) {
        fclose(f);
        return -1;
    }
    if (on_crash)
        return 0;
    return fclose(f);
}
"""

# the exit tests the same field as the acquisition, for another value (curl's bearssl.c)
SAME_OPERAND = """#include <stdio.h>

struct source {
    int type;
    const char *path;
    unsigned long len;
};

int load(const struct source *src)
{
    FILE *fp = NULL;

    if (src->type == 1) {
        fp = fopen(src->path, "rb");
        if (!fp)
            return -1;
    }
    if (src->type == 2 && src->len > 4096)
        return -2;
    if (fp)
        fclose(fp);
    return 0;
}
"""

# control: the exit tests the resource itself, which may well be open (curl's schannel.c)
TESTS_THE_RESOURCE = SAME_OPERAND.replace("src->type == 2 && src->len > 4096",
                                          "(fp || src->len) && src->len > 4096")

# acquired in the loop condition: the loop ends when the acquisition fails
LOOP_CONDITION = HEAD + """char *next_line(void);

int count(int max)
{
    char *line;
    int n = 0;

    while ((line = strdup("x")) != NULL) {
        if (n > max) {
            free(line);
            return -1;
        }
        n++;
        free(line);
    }
    return n;
}
"""

# `goto next;` to a label in the same loop body (tmux's lexer): the loop goes on
GOTO_IN_LOOP = HEAD + """int getch(void);

char *token(int ch)
{
    char *buf = malloc(64);
    int len = 0;

    if (buf == NULL)
        return NULL;
    for (;;) {
        if (ch == -1 || len == 63)
            break;
        if (ch == '"')
            goto next;
        if (ch == '}')
            goto error;
        buf[len++] = (char)ch;
next:
        ch = getch();
    }
    buf[len] = '\\0';
    return buf;
error:
    free(buf);
    return NULL;
}
"""


# an endless loop in an #ifdef that only returns (util-linux get_max_number_of_cpus): the
# `return -1;` after its #endif is the other configuration's, where nothing was acquired
ENDLESS_LOOP = HEAD + """int fill(char *set, int size);

int cpus(void)
{
#ifdef HAVE_AFFINITY
    int n, size = 64;
    char *set = malloc(64);

    if (set == NULL)
        return -1;
    for (;;) {
        n = fill(set, size);
        if (n < 0 && size < 4096) {
            free(set);
            size *= 2;
            set = malloc((size_t)size);
            if (set == NULL)
                return -1;
            continue;
        }
        free(set);
        return n;
    }
#endif
    return -1;
}
"""


def findings(tree, text):
    f = tree("case.c", text)
    status, out, err = run_check("--confidence", "all", "--format", "json", str(f))
    assert status in (0, 1), err
    return {(d["line"], d["variable"]): d["confidence"] for d in json.loads(out)}


@pytest.mark.parametrize("text", [CORRELATED, SAME_OPERAND], ids=["same-condition",
                                                                  "same-operand"])
def test_conditions_that_rule_out_the_exit_are_not_reported(tree, text):
    """The graph takes the two tests as independent and reports the exit; the code rules it
    out: the other branch of the same test, or the same operand against another constant
    (htop Settings.c, curl bearssl.c, both labelled false)."""
    assert findings(tree, text) == {}


@pytest.mark.parametrize("text,old,new", [
    (CORRELATED, "    if (on_crash)\n        return 0;",
     "    on_crash = n > 9;\n    if (on_crash)\n        return 0;"),
    (SAME_OPERAND, "    if (src->type == 2 && src->len > 4096)",
     "    if (src->len == 2 && src->type > 4096)")],
    ids=["operand-assigned-between", "another-operand"])
def test_the_graph_may_invent_the_path_so_medium(tree, text, old, new):
    """When the test is not the same (an operand assigned in between, another operand
    compared), the exit stays reported, at medium confidence."""
    assert old in text
    text = text.replace(old, new)
    last = new.splitlines()[-1]
    line = next(i + 1 for i, l in enumerate(text.splitlines()) if l == last)
    line += 0 if "return" in last else 1      # the exit: that line or the next
    got = findings(tree, text)
    assert got and all(conf == "medium" for conf in got.values()), got
    assert {n for n, _ in got} == {line}, got


@pytest.mark.parametrize("text", [FAILURE_BREAK, LOOP_LOCAL, IFDEF_TWICE, LOOP_CONDITION,
                                  GOTO_IN_LOOP, ENDLESS_LOOP],
                         ids=["failure-branch-breaks", "declared-in-loop", "ifdef-twice",
                              "loop-condition", "goto-within-loop", "endless-loop"])
def test_paths_the_code_rules_out_are_not_reported(tree, text):
    """The graph walks out of the loop through the failure test, or past a release it does
    not see: each loop iteration releases what it took, the label returns the buffer, the
    #else twin hides the release. These were medium findings, all false in the labelled
    samples (htop, busybox, tmux)."""
    assert findings(tree, text) == {}


@pytest.mark.parametrize("old,new", [
    ("        free(set);\n        return n;\n",
     "        if (n == 0)\n            break;\n        free(set);\n        return n;\n"),
    ("#ifdef HAVE_AFFINITY\n    int n, size = 64;\n    char *set = malloc(64);\n",
     "    int n, size = 64;\n    char *set = malloc(64);\n#ifdef HAVE_AFFINITY\n")],
    ids=["break-leaves-the-loop", "acquired-outside-the-ifdef"])
def test_an_exit_after_an_endless_loop_that_is_reached_is_reported(tree, old, new):
    """A break out of the endless loop reaches the exit after it; so does the other
    configuration, when the acquisition is outside the #ifdef."""
    assert old in ENDLESS_LOOP
    text = ENDLESS_LOOP.replace(old, new)
    line = len(text.splitlines()) - 1         # `return -1;` after the #endif
    assert {n for n, _ in findings(tree, text)} == {line}


# #ifndef and #else each declare the stream; a return in the loop leaks it
TWINS_THEN_LEAK = """#include <dirent.h>
#include <string.h>

int count(const char *path)
{
    int n = 0;
#ifndef USE_AT
    DIR * const dir = opendir(path);
#else
    DIR * const dir = opendir(path);
#endif
    struct dirent *de;

    if (NULL == dir)
        return -1;
    while ((de = readdir(dir)) != NULL) {
        if (strlen(de->d_name) > 200)
            return -2;
        n++;
    }
    closedir(dir);
    return n;
}
"""


def test_twin_declarations_follow_the_last_twin(tree):
    """After twin declarations the graph binds the release to the last twin: the first
    twin's paths are not reported (its release is hidden), the last twin's leak is, at
    medium (before, both were dropped once the function released the stream)."""
    assert findings(tree, TWINS_THEN_LEAK) == {(18, "dir"): "medium"}


def test_a_break_that_holds_the_resource_stays_high(tree):
    assert findings(tree, HELD_AT_BREAK) == {(20, "field"): "high"}


def test_an_exit_that_tests_the_resource_stays_high(tree):
    assert findings(tree, TESTS_THE_RESOURCE) == {(19, "fp"): "high"}


def test_release_macros_of_included_headers_and_aliases(tree):
    """A release macro defined in a header the file includes from a parent folder (curl's
    Curl_safefree in lib/memdebug.h, included from lib/vtls/), and an alias macro
    (nginx's `#define ngx_close_socket close`), are releases."""
    tree("lib/mem.h", "#include <stdlib.h>\n#include <unistd.h>\n"
                      "#define safe_free(p) do { free(p); (p) = NULL; } while (0)\n"
                      "#define sock_close close\n")
    f = tree("lib/net/conn.c", """#include <sys/socket.h>
#include "mem.h"
int peer(int);

int conn(int n)
{
    char *buf = malloc(n);
    int s;

    if (!buf)
        return -1;
    s = socket(AF_INET, SOCK_STREAM, 0);
    if (s < 0) {
        safe_free(buf);
        return -1;
    }
    if (peer(s) < 0) {
        sock_close(s);
        safe_free(buf);
        return -1;
    }
    sock_close(s);
    safe_free(buf);
    return 0;
}
""")
    status, out, err = run_check("--confidence", "all", str(f))
    assert (status, out) == (0, ""), out + err


WRAPPER = "#include <unistd.h>\nvoid fd_close(int fd)\n{\n    if (fd >= 0)\n        close(fd);\n}\n"
USER = """#include <fcntl.h>
void fd_close(int fd);
int peer(int);

int conn(const char *path)
{
    int fd = open(path, O_RDONLY);
    if (fd < 0)
        return -1;
    if (peer(fd) < 0) {
        fd_close(fd);
        return -1;
    }
    fd_close(fd);
    return 0;
}
"""


def test_summary_of_a_wider_tree_and_a_saved_summary(tree):
    """Checking part of a tree: --summary-dir lets the summary pass read the rest (the
    project's release wrappers live elsewhere), --write-summary / --summary reuse it."""
    tree("util/fd.c", WRAPPER)
    f = tree("src/conn.c", USER)
    status, out, _ = run_check("--confidence", "all", str(f))
    assert status == 1 and "'fd' from open()" in out         # fd_close is unknown
    saved = tree.path / "summary.json"
    status, out, err = run_check("--confidence", "all", "--summary-dir",
                                 str(tree.path / "util"), "--write-summary", str(saved), str(f))
    assert (status, out) == (0, ""), out + err
    assert "fd_close" in json.loads(saved.read_text())["release"]["fd"]
    assert run_check("--confidence", "all", "--summary", str(saved), str(f))[:2] == (0, "")
    bad = tree("bad.json", "[1, 2]")
    status, out, err = run_check("--summary", str(bad), str(f))
    assert status == 2 and "not a file written by --write-summary" in err


SENTINEL = """#include <stdlib.h>

#define RES_NONE ((void *) -1)
void *start(int);
void finish(void *);
int go(int n);

int resolve(int n)
{
    void *r = start(n);
    if (r == NULL)
        return -1;
    if (r == RES_NONE) {
        if (n == 0)
            return -2;
        return go(n);
    }
    if (go(n) < 0) {
        finish(r);
        return -3;
    }
    finish(r);
    return 0;
}
"""


def test_a_named_sentinel_is_not_a_resource(tree):
    """Exits under `if (r == RES_NONE)` (nginx's NGX_NO_RESOLVER) hold a sentinel value."""
    pairs = tree("pairs", "acquire memory start ret null finish\n")
    f = tree("case.c", SENTINEL)
    status, out, err = run_check("--confidence", "all", "--pairs", str(pairs), str(f))
    assert (status, out) == (0, ""), out + err


# ---------------------------------------------------------------- hand-offs the graph cannot see
CALLS = HEAD + """#include <pthread.h>

struct timer { int armed; };
struct stream { struct timer t; int fd; };
struct list;
void timer_set(struct timer *t, void (*cb)(void *), void *arg);
int timer_set_checked(struct timer *t, void (*cb)(void *), void *arg);
int loop_init(int loop, struct timer *t, void (*cb)(void *));
void list_insert(struct list *l, void *item);
struct node { void *key; };
struct conn { int fd; };
struct listener { void (*handler)(struct conn *c); };
struct writer { int (*write)(void *arg, const void *buf, size_t n); void *arg;
                int (*start)(void *job); };
int list_insert_checked(struct list *l, void *item);
int ready(void);

static void on_timer(void *arg)
{
    free(arg);
}

static void *worker(void *arg)
{
    free(arg);
    return NULL;
}

static int cmp(const void *a, const void *b)
{
    return *(const int *)a - *(const int *)b;
}
"""

# the timer owns data, the loop owns s (through &s->t), the thread owns job, the list owns
# item, the tree owns key (inserted in the branch that allocated it, through a cast, before
# the compare callback: git reftable's writer.c), the listener's handler owns c (nginx
# ngx_event_accept): the exits after those calls leak nothing
HANDED = CALLS + """
static struct node slot;

struct node *tree_find(void *key, struct node **root,
                       int (*compare)(const void *, const void *), int insert)
{
    if (*root != NULL && compare(key, (*root)->key) == 0)
        return *root;
    if (!insert)
        return NULL;
    slot.key = key;
    *root = &slot;
    return *root;
}

void index_add(struct node **root, int h)
{
    struct node *node = tree_find(&h, root, cmp, 0);
    int *key = NULL;

    if (node == NULL) {
        key = malloc(sizeof(*key));
        if (key == NULL)
            return;
        *key = h;
        tree_find((void *)key, root, cmp, 1);
    } else {
        key = node->key;
    }
    if (*key > 0)
        return;
    *key = 0;
}

void accept_one(struct listener *ls)
{
    struct conn *c = malloc(sizeof(*c));

    if (c == NULL)
        return;
    c->fd = -1;
    ls->handler(c);
    if (!ready())
        return;
}

int arm(void)
{
    char *data = malloc(16);
    if (data == NULL)
        return -1;
    timer_set(NULL, on_timer, data);
    if (!ready())
        return -2;
    return 0;
}

int watch(int loop)
{
    struct stream *s = malloc(sizeof(*s));
    int err;
    if (s == NULL)
        return -1;
    err = loop_init(loop, &s->t, on_timer);
    if (err) {
        free(s);
        return err;
    }
    err = ready();
    if (err != 0)
        goto fail;
    return 0;
fail:
    return err;
}

int start(pthread_t *t)
{
    char *job = malloc(16);
    if (job == NULL)
        return -1;
    if (pthread_create(t, NULL, worker, job) != 0) {
        free(job);
        return -1;
    }
    if (!ready())
        return -2;
    return 0;
}

int add(struct list *l)
{
    char *item = malloc(16);
    if (item == NULL)
        return -1;
    list_insert(l, item);
    if (!ready())
        return -2;
    return 0;
}

char *copy(const char *s, size_t n)
{
    char *p = malloc(n + 1);
    if (p == NULL)
        return NULL;
    p[n] = '\\0';
    return (char *)memcpy(p, s, n);
}

struct table { pthread_mutex_t m; int dead; };

int table_lock(struct table *t)
{
    if (pthread_mutex_lock(&t->m) != 0)
        return -1;
    if (t->dead)
        return 1;
    return 0;
}
"""

# what still leaks: the array sorted by qsort() (given before its callback), the data when
# the registration that is tested fails, the item when the insert that is tested fails, a
# buffer that a call through a member is given as data (git reftable's padded_write), the
# job when the member call that is given it fails (its status is tested)
NOT_HANDED = CALLS + """
int pad(struct writer *w, size_t n)
{
    char *zeroed = calloc(n, 1);
    if (zeroed == NULL)
        return -1;
    w->write(w->arg, zeroed, n);
    if (!ready())
        return -2;
    free(zeroed);
    return 0;
}

int run(struct writer *w)
{
    char *job = malloc(16);
    if (job == NULL)
        return -1;
    int k = w->start(job);
    if (k < 0)
        return k;
    return 0;
}

int sorted(int n)
{
    int *a = malloc(sizeof(int) * (size_t)n);
    if (a == NULL)
        return -1;
    qsort(a, (size_t)n, sizeof(int), cmp);
    if (a[0] < 0)
        return -2;
    free(a);
    return 0;
}

int arm(void)
{
    char *data = malloc(16);
    if (data == NULL)
        return -1;
    if (timer_set_checked(NULL, on_timer, data) != 0)
        return -1;
    return 0;
}

int add(struct list *l)
{
    char *item = malloc(16);
    if (item == NULL)
        return -1;
    if (list_insert_checked(l, item) < 0)
        return -1;
    return 0;
}

#define BOX(P) (struct box) { .p = P }
struct box { void *p; };
int table_insert_checked(struct list *l, struct box b);

int put(struct list *l)
{
    char *val = malloc(16);
    if (val == NULL)
        return -1;
    if (table_insert_checked(l, BOX(val)) < 0)
        return -1;
    return 0;
}
"""


def test_calls_that_take_the_resource_hand_it_on(tree):
    """A callback registration given the resource after the callback or through a member's
    address (tmux evtimer_set, libuv uv_async_init), a call named for taking ownership whose
    result is unused (curl Curl_llist_insert_next), `return memcpy(p, ...)`, and a function
    named for locking: all were false findings in the benchmark's labels."""
    assert findings(tree, HANDED) == {}


def test_calls_that_may_not_take_the_resource_do_not_hand_it_on(tree):
    lines = NOT_HANDED.splitlines()

    def exit_after(text):
        return next(i + 2 for i, l in enumerate(lines) if text in l)

    assert findings(tree, NOT_HANDED) == {
        (exit_after("if (a[0] < 0)"), "a"): "high",
        (exit_after("if (timer_set_checked("), "data"): "medium",
        (exit_after("if (list_insert_checked("), "item"): "medium",
        # given in a macro that wraps it (tinyproxy: `htab_insert(h, k, HTV_P(v))`)
        (exit_after("if (table_insert_checked("), "val"): "medium",
        (exit_after("    w->write(w->arg, zeroed, n);") + 1, "zeroed"): "high",
        (exit_after("int k = w->start(job);") + 1, "job"): "medium"}


# a sink of the project (it stores what it is given) called in a condition: when it fails it
# has not taken the string (libgit2 smart_protocol.c: `if ((error = git_vector_insert(symrefs,
# mapping)) < 0) return error;`); on success the string is the list's
SINK_TESTED = HEAD + """#define MAX 4

struct list {
    char *items[MAX];
    int n;
};

static int list_add(struct list *l, char *s)
{
    if (l->n == MAX)
        return -1;
    l->items[l->n++] = s;
    return 0;
}

int add_copy(struct list *l, const char *s)
{
    char *p = strdup(s);
    int err;

    if (p == NULL)
        return -1;
    if ((err = list_add(l, p)) < 0)
        return err;
    return 0;
}

int add_copy_twice(struct list *l, const char *s)
{
    char *p = strdup(s);

    if (p == NULL)
        return -1;
    list_add(l, p);
    if (l->n > 2)
        return 1;
    return 0;
}
"""


def test_a_sink_in_a_condition_takes_the_resource_only_when_it_succeeds(tree):
    lines = SINK_TESTED.splitlines()
    fail = next(i + 2 for i, l in enumerate(lines) if "if ((err = list_add(l, p)) < 0)" in l)
    assert findings(tree, SINK_TESTED) == {(fail, "p"): "medium"}



# a sink is known by the argument it keeps: vec_push() keeps its item, not the vector, so
# vec_grow(), which gives it the vector, keeps nothing (that the kept argument is handed on:
# add_copy_twice above) (libgit2 smart_protocol.c: `error =
# git_refspec__parse(mapping, ...)` was read as a hand-off of mapping, and its leak on the
# failed git_vector_insert() went unreported)
SINK_ARGUMENT = HEAD + """struct vec {
    void *items[8];
    int n;
};

static int vec_push(struct vec *v, void *item)
{
    if (v->n == 8)
        return -1;
    v->items[v->n++] = item;
    return 0;
}

static void vec_grow(struct vec *v, int n)
{
    while (n-- > 0)
        vec_push(v, NULL);
}

struct vec *vec_new(int n)
{
    struct vec *v = calloc(1, sizeof(*v));

    if (v == NULL)
        return NULL;
    vec_grow(v, n);
    if (v->n > 4)
        return NULL;
    return v;
}
"""


def test_a_sink_takes_only_the_argument_it_keeps(tree):
    """vec_push() keeps its item, not the vector: the exit after vec_grow(v, n) still holds
    v, high since the function returns v after that exit (a hand-off it vouches by)."""
    lines = SINK_ARGUMENT.splitlines()
    leak = next(i + 2 for i, l in enumerate(lines) if "if (v->n > 4)" in l)
    assert findings(tree, SINK_ARGUMENT) == {(leak, "v"): "high"}


# the function never releases the descriptor: it stores it in the object it builds, and an
# exit that fails before the store drops it (libevent's start_accepting, train half)
HANDED_ON_LATER = HEAD + """#include <sys/socket.h>
#include <unistd.h>

struct conn {
    int fd;
};

int prepare(int fd);

int conn_start(struct conn *c, int family)
{
    int fd = socket(family, SOCK_STREAM, 0);
    if (fd < 0)
        return -1;
    if (prepare(fd) < 0)
        return -1;
    c->fd = fd;
    return 0;
}

int conn_open(int family)
{
    int fd = socket(family, SOCK_STREAM, 0);
    if (fd < 0)
        return -1;
    if (prepare(fd) < 0)
        return -2;
    return fd;
}

int conn_keep(struct conn *c, int family)
{
    int fd = socket(family, SOCK_STREAM, 0);
    if (fd < 0)
        return -1;
    if (prepare(fd) < 0)
        return -1;
    return 0;
}
"""


def test_a_handoff_after_a_failing_exit_vouches_like_a_release(tree):
    """The function never releases the resource but hands it on later (stores it in the
    object it builds, returns it): an exit that fails before the hand-off is high. Without
    any release or hand-off (the descriptor is kept by something unseen, or leaks on every
    path) it stays medium."""
    assert findings(tree, HANDED_ON_LATER) == {(19, "fd"): "high", (30, "fd"): "high",
                                               (40, "fd"): "medium", (41, "fd"): "medium"}


# the acquisition is a for loop's condition, its release the loop's step (lighttpd's
# mod_openssl.c): the loop ends when the acquisition fails
FOR_CONDITION = HEAD + """int keep(char *s);

int load(int max, char **out)
{
    int n = 0;

    for (char *line; (line = strdup("x")); free(line)) {
        if (keep(line) < 0) {
            free(line);
            return -1;
        }
        if (++n > max)
            break;
    }
    *out = strdup("done");
    return n;
}
"""


def test_an_exit_after_a_for_loop_of_the_acquisition_is_medium(tree):
    """As after `while ((p = acq()))`: the loop ends when the acquisition fails, so the exit
    after it holds nothing unless a break left with it (here one does: medium, not dropped)."""
    line = next(i + 1 for i, l in enumerate(FOR_CONDITION.splitlines()) if "return n;" in l)
    assert findings(tree, FOR_CONDITION) == {(line, "line"): "medium"}


# a zlib stream given the caller's pool as its allocator (nginx's log modules): deflateEnd()
# skipped on one exit loses nothing once the pool is destroyed
OWN_ALLOCATOR = """#include <zlib.h>

void *pool_alloc(void *pool, unsigned n, unsigned size);
void pool_free(void *pool, void *p);

int pack(void *pool, unsigned char *in, unsigned len, unsigned char *out, unsigned size,
         int own)
{
    z_stream zs;

    zs.zalloc = own ? pool_alloc : Z_NULL;
    zs.zfree = pool_free;
    zs.opaque = pool;
    zs.next_in = in;
    zs.avail_in = len;
    zs.next_out = out;
    zs.avail_out = size;
    if (deflateInit(&zs, 6) != Z_OK)
        return -1;
    if (deflate(&zs, Z_FINISH) != Z_STREAM_END)
        return -2;
    deflateEnd(&zs);
    return 0;
}
"""


def test_a_resource_given_its_own_allocator_is_medium(tree):
    """The zlib pack's `allocator zlib zalloc` line: a function that sets the stream's
    allocator before deflateInit() may leave the memory to it; the same function without
    that assignment is high."""
    line = next(i + 1 for i, l in enumerate(OWN_ALLOCATOR.splitlines()) if "return -2;" in l)
    assert findings(tree, OWN_ALLOCATOR) == {(line, "&zs"): "medium"}
    plain = OWN_ALLOCATOR.replace("    zs.zalloc = own ? pool_alloc : Z_NULL;\n", "")
    assert findings(tree, plain) == {(line - 1, "&zs"): "high"}


# the label frees the object only when the status says the function failed, with a
# destructor the summary cannot read (declared, not defined here); every goto has set the
# status to a failure (openssh krl.c)
ERROR_STATUS_LABEL = HEAD + """struct rl {
    char *name;
};

void rl_destroy(struct rl *r);
int rl_parse(struct rl *r, const char *s);

struct rl *rl_new(void)
{
    return calloc(1, sizeof(struct rl));
}

int rl_load(const char *s, struct rl **out)
{
    struct rl *rl = NULL;
    int r;

    if ((rl = rl_new()) == NULL) {
        r = -12;
        goto out;
    }
    if ((r = rl_parse(rl, s)) != 0)
        goto out;
    if (rl->name == NULL) {
        r = -22;
        goto out;
    }
    *out = rl;
    r = 0;
 out:
    if (r != 0)
        rl_destroy(rl);
    return r;
}
"""


def test_a_label_that_releases_on_the_error_status_covers_the_failing_gotos(tree):
    """Each goto comes with r set to a failure, and the label releases when r != 0 (with a
    destructor named like one): no finding. Before, each goto was a high finding (the
    function hands rl on after them)."""
    assert findings(tree, ERROR_STATUS_LABEL) == {}
    # a goto that comes with r at 0 is not covered by the label
    leaky = ERROR_STATUS_LABEL.replace("        r = -22;\n        goto out;",
                                       "        r = rl_parse(rl, s) - 1;\n        goto out;")
    line = next(i + 2 for i, l in enumerate(leaky.splitlines()) if "rl_parse(rl, s) - 1" in l)
    assert findings(tree, leaky) == {(line, "rl"): "high"}


# a call named for taking ownership takes its later arguments into its first, the receiver
# (`util_iov_push_le24(iov, v)`, `sk_X509_push(sk, x)`, `SSL_set0_rbio(ssl, bio)`): the
# resource given as that receiver is not handed on (bluez bap.c generate_base)
RECEIVER = HEAD + """struct vec {
    int *items;
    int n;
};

int vec_push_int(struct vec *v, int x);

struct vec *vec_of(int a, int b)
{
    struct vec *v = calloc(1, sizeof(*v));

    if (v == NULL)
        return NULL;
    if (!vec_push_int(v, a))
        return NULL;
    vec_push_int(v, b);
    if (v->n > 100)
        return NULL;
    return v;
}
"""


def test_a_receiver_of_a_call_named_for_taking_is_not_handed_on(tree):
    lines = RECEIVER.splitlines()
    tested = next(i + 2 for i, l in enumerate(lines) if "if (!vec_push_int(v, a))" in l)
    after = next(i + 2 for i, l in enumerate(lines) if "if (v->n > 100)" in l)
    assert findings(tree, RECEIVER) == {(tested, "v"): "high", (after, "v"): "high"}


# a release under the #ifdef that holds the acquisition covers a later exit only when it is
# a statement of its own in the exit's block (openssh session.c's fork failure), not one a
# test guards (`if (bad) { close(fd); return -1; }`, `if (bad)\n close(fd);`)
TWIN_GUARDED = """#include <fcntl.h>
#include <unistd.h>

int f(const char *p, int bad, int worse)
{
    int fd = -1;

#ifdef USE_FILE
    fd = open(p, O_RDONLY);
    if (fd < 0)
        return -1;
    if (bad) { (void)close(fd); return -1; }
    if (worse)
        return -2;
#endif
    if (fd >= 0)
        close(fd);
    return 0;
}
"""


def test_a_guarded_release_under_the_same_ifdef_covers_no_later_exit(tree):
    lines = TWIN_GUARDED.splitlines()
    leak = next(i + 2 for i, l in enumerate(lines) if "if (worse)" in l)
    assert findings(tree, TWIN_GUARDED) == {(leak, "fd"): "high"}


# a function compiled only into a test program (util-linux builds each library file's
# test_*() functions, under #ifdef TEST_PROGRAM, into a binary whose main() returns after one)
TEST_PROGRAM = HEAD + """#ifdef TEST_PROGRAM
int test_copy(const char *s)
{
    char *p = strdup(s);
    if (p == NULL)
        return -1;
    if (strlen(p) > 8)
        return -2;
    free(p);
    return 0;
}
#endif
"""


def test_a_leak_in_test_program_code_is_medium(tree):
    """Under `#ifdef TEST_PROGRAM` (or UNIT_TEST, TESTS) the leak is medium; the same
    function under another condition, or under `#ifndef TEST_PROGRAM`, is high."""
    line = next(i + 1 for i, l in enumerate(TEST_PROGRAM.splitlines()) if "return -2;" in l)
    assert findings(tree, TEST_PROGRAM) == {(line, "p"): "medium"}
    assert findings(tree, TEST_PROGRAM.replace("#ifdef TEST_PROGRAM", "#if defined(UNIT_TEST)")) \
        == {(line, "p"): "medium"}
    for other in ("#ifdef HAVE_LATEST", "#ifndef TEST_PROGRAM"):
        assert findings(tree, TEST_PROGRAM.replace("#ifdef TEST_PROGRAM", other)) \
            == {(line, "p"): "high"}


# the stream and the directory go only to calls that borrow them (the table's `borrow`
# lines): nothing else can own them, so the early exits leak them although the function
# releases them nowhere
NEVER_ESCAPES = """#include <stdio.h>
#include <string.h>
#include <dirent.h>
#include <stdlib.h>

int listed(const char *name)
{
    char buf[256];
    FILE *f;

    f = fopen("/etc/list", "r");
    if (!f)
        return 0;
    while (!feof(f)) {
        if (!fgets(buf, sizeof(buf), f))
            break;
        if (strcmp(buf, name) == 0)
            return 1;
    }
    return 0;
}

int entries(const char *path, int max)
{
    DIR *dp = opendir(path);
    struct dirent *de;
    int n = 0;

    if (dp == NULL)
        return -1;
    while ((de = readdir(dp)) != NULL && de->d_name[0])
        if (++n > max)
            return -2;
    return n;
}
"""

# the same shapes where the resource goes somewhere: an unknown call, the result of a call
# that returns its argument, the address of its first member
ESCAPES = """#include <stdio.h>
#include <string.h>
#include <stdlib.h>

struct node { int key; struct node *next; };
int keep(FILE *f);

int handed(const char *p, int x)
{
    FILE *f = fopen(p, "r");
    if (!f)
        return -1;
    if (x)
        return -1;
    keep(f);
    return 0;
}

char *copy(const char *s, size_t n, int x)
{
    char *p = malloc(n + 1);
    if (!p)
        return NULL;
    if (x)
        return NULL;
    p[n] = 0;
    return (char *) memcpy(p, s, n);
}

int *first(int x)
{
    struct node *n = malloc(sizeof(*n));
    if (!n)
        return NULL;
    if (x)
        return NULL;
    return &n->key;
}
"""


def test_a_resource_that_only_borrowing_calls_see_is_high(tree):
    """A stream read with fgets() and feof(), a directory read with readdir(), never
    released: every exit leaks it (e2fsprogs is_swap_device, bluez folder_open), and no
    release or hand-off is needed to vouch for it."""
    assert findings(tree, NEVER_ESCAPES) == {(18, "f"): "high", (20, "f"): "high",
                                              (33, "dp"): "high", (34, "dp"): "high"}


def test_a_resource_that_goes_anywhere_else_stays_medium(tree):
    """An unknown call may keep it; `return memcpy(p, ..)` and `return &n->key` give it
    back: the early exits stay medium."""
    assert findings(tree, ESCAPES) == {(14, "f"): "medium", (16, "f"): "medium",
                                       (25, "p"): "medium", (36, "n"): "medium"}


# a release block that may still leave under a test of its own (curl cookie.c: `if
# (!use_stdout) { fclose(out); out = NULL; if (rename(..)) { ..; goto error; } }`, the exit
# after it labelled false): the paths that go on past the block went through the release
RELEASE_BLOCK_WITH_INNER_EXIT = """#include <stdio.h>
#include <string.h>

static int open_out(const char *name, FILE **fp)
{
    *fp = fopen(name, "w");
    return *fp ? 0 : -1;
}

int save_lines(const char *name, int n)
{
    FILE *out = NULL;
    int to_stdout = 0;
    int i, err;

    if (!strcmp(name, "-")) {
        out = stdout;
        to_stdout = 1;
    } else {
        err = open_out(name, &out);
        if (err)
            goto fail;
    }
    for (i = 0; i < n; i++)
        fprintf(out, "line %d\\n", i);
    if (n > 5)
        return 5;
    if (!to_stdout) {
        fclose(out);
        out = NULL;
        if (remove(name) != 0) {
            err = -2;
            goto fail;
        }
    }
    return 0;
fail:
    if (out && !to_stdout)
        fclose(out);
    return err;
}
"""


# the same block whose inner exit is a goto back to a retry label (tmux client.c:
# `if ((lockfd = client_get_lock(lockfile)) < 0) { free(lockfile); ..; if (lockfd == -2)
# goto retry; }`, labelled true): the paths that skip the block go round again holding it
RELEASE_BLOCK_WITH_RETRY = """#include <stdlib.h>
#include <string.h>
#include <unistd.h>

int lock_name(const char *path)
{
    char *name = NULL;
    int locked = 0, n;

retry:
    if (access(path, F_OK) != 0)
        return -1;
    if (!locked) {
        name = strdup(path);
        if (name == NULL)
            return -1;
        if ((n = strlen(name)) < 3) {
            free(name);
            name = NULL;
            if (n == 0)
                goto retry;
        }
        locked = 1;
        goto retry;
    }
    free(name);
    return 0;
}
"""


def test_an_exit_after_a_release_block_with_its_own_inner_exit_is_not_reported(tree):
    """Only the early `return 5` before the block holds the stream; a block whose inner
    exit jumps back to retry covers nothing after it."""
    assert findings(tree, RELEASE_BLOCK_WITH_INNER_EXIT) == {(27, "out"): "high"}
    assert findings(tree, RELEASE_BLOCK_WITH_RETRY) == {(24, "name"): "high"}


# a stream set up in a member of the caller's object, through a pointer to it (curl
# content_encoding.c: `z_stream *z = &zp->z;`, zp a copy of the writer parameter, labelled
# false): the object's teardown may end it, so its exits are medium; a stream of the
# function's own stays high
STREAM_IN_CALLERS_OBJECT = """#include <zlib.h>

struct writer { int state; z_stream z; };

int start(struct writer *w, int level)
{
    struct writer *zw = w;
    z_stream *z = &zw->z;
    if (inflateInit(z) != Z_OK)
        return -1;
    if (level > 9)
        return -2;
    w->state = 1;
    if (level < 0) {
        inflateEnd(z);
        return -3;
    }
    return 0;
}

int probe(int level)
{
    z_stream s = { 0 };
    z_stream *z = &s;
    if (inflateInit(z) != Z_OK)
        return -1;
    if (level > 9)
        return -2;
    inflateEnd(z);
    return 0;
}
"""


def test_a_stream_in_the_callers_object_is_medium(tree):
    assert findings(tree, STREAM_IN_CALLERS_OBJECT) == {(12, "z"): "medium", (18, "z"): "medium",
                                                        (28, "z"): "high"}


# a project function fills the pointer and returns a flag that starts 0 and is set to 1
# (openssh dns.c dns_read_rdata(): the summary reads `if (!read_item(..)) continue;` as its
# failure test): past the loop nothing is held (labelled false); an exit later in the same
# iteration holds it (labelled true) and stays high
FLAG_FILLER_IN_LOOP = """#include <stdlib.h>
#include <string.h>

static int read_item(const char *src, char **out)
{
    int success = 0;

    if (src[0] != '#') {
        *out = strdup(src);
        if (*out == NULL)
            abort();
        success = 1;
    }
    return success;
}

int count_items(const char **items, int n)
{
    char *item;
    int i, found = 0;

    for (i = 0; i < n; i++) {
        if (!read_item(items[i], &item))
            continue;
        if (item[0] == '!')
            return -1;
        found += strlen(item) > 3;
        free(item);
    }
    return found;
}
"""


def test_a_flag_returning_filler_skipped_by_continue_holds_nothing_past_the_loop(tree):
    assert findings(tree, FLAG_FILLER_IN_LOOP) == {(26, "item"): "high"}


# the function's one hand-off is `return p;` on another path: the exits that return
# something else hold it (openvpn argv_extract_cmd_name in the benchmark's train half)
RETURNED_ELSEWHERE = """#include <stdlib.h>
#include <string.h>

void note(const char *s);

char *name_of(const char *path)
{
    char *ret = strdup(path);
    if (!ret)
        return NULL;
    if (ret[0] != '\\0')
        return ret;
    return NULL;
}

char *kept_name(const char *path)
{
    char *ret = strdup(path);
    if (!ret)
        return NULL;
    note(ret);
    if (ret[0] != '\\0')
        return ret;
    return NULL;
}
"""


def test_a_resource_returned_on_another_path_only_is_high(tree):
    """`return ret;` gives it to the caller on that exit only: the `return NULL` after it
    leaks it; a call the table does not know may still keep it (medium)."""
    assert findings(tree, RETURNED_ELSEWHERE) == {(13, "ret"): "high", (24, "ret"): "medium"}


# after the failing exit the descriptor is wrapped in an object stored in a member (bluez
# avdtp_new: `session->io = g_io_channel_unix_new(new_fd)`), or the exit returns a named
# fatal status (libarchive: `return ARCHIVE_FATAL;`, the memory registered later)
WRAPPED_LATER = """#include <stdlib.h>
#include <unistd.h>

#define LIB_OK 0
#define LIB_FATAL (-30)

struct chan;
struct sess { struct chan *io; };
struct chan *chan_new(int fd);
int tune(int fd);
int lib_register(void *owner, void *data);
int lib_prepare(void *data);

struct sess *sess_new(int fd)
{
    struct sess *s;
    int nfd = dup(fd);
    if (nfd < 0)
        return NULL;
    if (tune(nfd) < 0)
        return NULL;
    s = calloc(1, sizeof(*s));
    if (!s)
        return NULL;
    s->io = chan_new(nfd);
    return s;
}

int lib_support(void *owner)
{
    char *data = malloc(64);
    if (data == NULL)
        return LIB_FATAL;
    if (lib_prepare(data) != LIB_OK)
        return LIB_FATAL;
    return lib_register(owner, data);
}

int lib_register(void *owner, void *data)
{
    *(void **)owner = data;
    return LIB_OK;
}
"""


def test_a_wrap_or_registration_after_a_fatal_exit_vouches(tree):
    """The descriptor wrapped in a stored object, the memory registered (the summary learns
    lib_register as a sink): the failing exits before are high, and `return LIB_FATAL` is a
    failure, not the return of an object. The success exit stays medium."""
    assert findings(tree, WRAPPED_LATER) == {(21, "nfd"): "high", (24, "nfd"): "high",
                                             (26, "nfd"): "medium", (35, "data"): "high"}


# the exit is on the failure branch of a call that takes the resource only when it
# succeeds: fdopen(), and (corpus/memory/leak_constructor_fails_argument_still_ours.c) a
# constructor of the file that keeps its argument in what it returns (sink_on_success)
FAILED_HANDOFF = """#include <stdio.h>
#include <fcntl.h>

FILE *stream_of(const char *p)
{
    FILE *f;
    int fd = open(p, O_RDONLY);
    if (fd < 0)
        return NULL;
    f = fdopen(fd, "r");
    if (!f)
        return NULL;
    return f;
}
"""


def test_the_failure_branch_of_a_hand_off_that_needs_success_is_high(tree):
    """The hand-off is the exemplar: the resource needed an owner, and on the branch where
    the call failed to take it, it is still the function's."""
    assert findings(tree, FAILED_HANDOFF) == {(12, "fd"): "high"}
    case = os.path.join(ROOT, "corpus", "memory", "leak_constructor_fails_argument_still_ours.c")
    with open(case) as fh:
        assert findings(tree, fh.read()) == {(40, "handle"): "high"}


# a static helper only main calls: its failure exits hand main a failure the program ends
# on (util-linux chsh's ask_new_shell(), labelled false); its other exits return to a
# program that goes on (sshd's server_accept_loop(), labelled true)
HELPER_OF_MAIN = """#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static char *ask(const char *prompt)
{
    char *ans = malloc(64);
    if (!ans)
        return NULL;
    fputs(prompt, stdout);
    if (!fgets(ans, 64, stdin))
        return NULL;
    if (ans[0] == '\\\\n') {
        free(ans);
        return strdup("none");
    }
    return ans;
}

static void serve(int n)
{
    int *slots = calloc(n, sizeof(int));
    if (!slots)
        return;
    slots[0] = n;
    if (n > 4)
        return;
    free(slots);
}

static int probe(const char *path)
{
    int ret = -1;
    FILE *f = fopen(path, "r");
    if (!f)
        return ret;
    if (fgetc(f) == EOF)
        return ret;
    ret = fgetc(f) == 'x';
    fclose(f);
    return ret;
}

int main(int argc, char **argv)
{
    char *a = ask("shell? ");
    if (!a)
        return EXIT_FAILURE;
    serve(argc);
    if (probe(argv[0]) < 0)
        return EXIT_FAILURE;
    free(a);
    return 0;
}
"""


# a static function whose every call is followed by one that never returns (openssh mux.c:
# `mux_client_request_stdio_fwd(sock); exit(0);`, labelled false): the process ends right
# after whatever its exits drop; one caller that goes on keeps its findings high
RELAY = """static int %s(const char *path)
{
    char *buf = malloc(64);
    if (!buf)
        return -1;
    if (!fgets(buf, 64, stdin))
        return -1;
    puts(buf);
    free(buf);
    return 0;
}

"""
CALLERS_END_AFTER = "#include <stdio.h>\n#include <stdlib.h>\n\n" + RELAY % "relay" + \
    RELAY % "relay_more" + """int client(int mode, const char *path)
{
    switch (mode) {
    case 1:
        relay(path);
        exit(0);
    case 2:
        relay_more(path);
        exit(0);
    case 3:
        relay_more(path);
        return 1;
    }
    return 0;
}
"""


def test_the_exits_of_a_function_whose_callers_then_end_the_process_are_medium(tree):
    assert findings(tree, CALLERS_END_AFTER) == {(10, "buf"): "medium", (22, "buf"): "high"}


def test_the_failure_exits_of_a_helper_only_main_calls_are_medium(tree):
    """Also `return ret;` where the value ret last took before the exit is a failure
    (util-linux blkdiscard's probe_device(), `int ret = -1;`)."""
    assert findings(tree, HELPER_OF_MAIN) == {(12, "ans"): "medium", (27, "slots"): "high",
                                              (38, "f"): "medium"}


# the status of the acquisition is set in both branches of an if, each by a call that fills
# the same variable (openssh clientloop.c client_request_agent(), labelled false)
STATUS_FROM_EITHER_BRANCH = """#include <stdlib.h>
#include <unistd.h>
#include <sys/socket.h>

int get_sock(int *fdp)
{
    int fd = socket(AF_UNIX, SOCK_STREAM, 0);
    if (fd < 0)
        return -1;
    *fdp = fd;
    return 0;
}

int get_sock_at(const char *p, int *fdp)
{
    int fd = socket(AF_UNIX, SOCK_STREAM, 0);
    if (fd < 0)
        return -1;
    if (p[0] == 0) {
        close(fd);
        return -2;
    }
    *fdp = fd;
    return 0;
}

int use(int fd);

int agent(const char *path)
{
    int r, sock;

    if (path == NULL)
        r = get_sock(&sock);
    else
        r = get_sock_at(path, &sock);
    if (r != 0)
        return -1;
    if (use(sock) < 0) {
        close(sock);
        return -1;
    }
    if (sock > 100)
        return -3;
    close(sock);
    return 0;
}
"""


def test_a_status_set_by_either_of_two_acquisitions_is_their_failure_test(tree):
    """`if (p) r = get(&s); else r = get_at(p, &s); if (r != 0) return -1;` holds nothing:
    only the later exit leaks."""
    assert findings(tree, STATUS_FROM_EITHER_BRANCH) == {(44, "sock"): "high"}


# the caller tests the result and ends the process when it is NULL (dropbear cli-authpasswd.c
# gui_getpass(), `if (!password) dropbear_exit(..)`, labelled false): the exits that return
# NULL are medium; an exit that returns something else, or a caller that goes on, keeps high
ASK = """#include <stdlib.h>
#include <unistd.h>

void fatal(const char *msg) __attribute__((noreturn));

static char *ask(const char *prompt)
{
    int fd = dup(0);
    char *buf;
    if (fd < 0)
        return NULL;
    if (prompt == NULL)
        return NULL;
    buf = malloc(64);
    if (!buf) {
        close(fd);
        return NULL;
    }
    close(fd);
    return buf;
}

char *login(const char *prompt)
{
    char *pw = ask(prompt);
    if (!pw) {
        fatal("no password");
    }
    return pw;
}
"""


def test_the_null_exits_of_a_function_whose_callers_end_the_process_on_null_are_medium(tree):
    assert findings(tree, ASK) == {(13, "fd"): "medium"}
    goes_on = ASK.replace('        fatal("no password");\n', "        return NULL;\n")
    assert findings(tree, goes_on) == {(13, "fd"): "high"}
    other_value = ASK.replace("    if (prompt == NULL)\n        return NULL;",
                              "    if (prompt == NULL)\n        return (char *)prompt;")
    assert findings(tree, other_value) == {(13, "fd"): "high"}


# the label ends the process when the status still says failure, and the status starts as a
# failure and is set to success only after the last goto (dropbear ecc.c, `out: if (err ==
# DROPBEAR_FAILURE) dropbear_exit(..);`, labelled false)
FATAL_LABEL = HEAD + """#define MY_FAILURE -1
#define MY_SUCCESS 0

void fatal(const char *msg) __attribute__((noreturn));
int step(int);

int *secret(int n)
{
    int err = MY_FAILURE;
    int *res = NULL;
    int *out = NULL;

    res = malloc(sizeof(int));
    if (res == NULL)
        goto out;
    if (step(n) != 0)
        goto out;
    out = malloc(sizeof(int));
    if (step(*res) != 0)
        goto out;
    free(res);
    err = MY_SUCCESS;
out:
    if (err == MY_FAILURE)
        fatal("error");
    return out;
}
"""


def test_a_goto_to_a_label_that_ends_the_process_on_the_failing_status_leaks_nothing(tree):
    assert findings(tree, FATAL_LABEL) == {}
    # the status is set to success before a goto: that goto reaches the return (and, the
    # text no longer telling which value err holds, so may the gotos after it)
    early = FATAL_LABEL.replace("    if (step(n) != 0)\n        goto out;",
                                "    if (step(n) != 0) {\n        err = MY_SUCCESS;\n"
                                "        goto out;\n    }")
    line = next(i + 1 for i, l in enumerate(early.splitlines()) if "err = MY_SUCCESS;" in l) + 1
    assert findings(tree, early).get((line, "res")) == "high"
    # the label ends the process on the other value: no cover
    other = FATAL_LABEL.replace("if (err == MY_FAILURE)", "if (err == MY_SUCCESS)")
    assert {v for (_, v) in findings(tree, other)} == {"res"}


# the function's failure is handed up to main, in another file, which ends the process on it
# (rsync start_inband_exchange(), labelled false): its failing exits are medium; the same
# exits are high when a caller goes on
HANDED_UP = {"session.c": HEAD + """int send_line(int fd, const char *s);

int session(int fd, const char *name)
{
    char *buf = strdup(name);
    if (!buf)
        return -1;
    if (send_line(fd, buf) < 0)
        return -1;
    free(buf);
    return 0;
}

int start(int fd, const char *name)
{
    int ret = session(fd, name);
    if (ret < 0)
        return ret;
    return 0;
}
""", "main.c": """#include <stdlib.h>

int start(int fd, const char *name);

int main(int argc, char **argv)
{
    if (start(1, argv[0]) < 0)
        exit(1);
    return 0;
}
"""}


def test_the_failing_exits_of_a_function_whose_failure_ends_the_process_are_medium(tree):
    def check(files):
        for name, text in files.items():
            f = tree(name, text)
        status, out, err = run_check("--confidence", "all", "--format", "json",
                                     "--summary-dir", str(f.parent), str(f.parent / "session.c"))
        assert status in (0, 1), err
        return {(d["line"], d["variable"]): d["confidence"] for d in json.loads(out)}
    assert check(HANDED_UP) == {(12, "buf"): "medium"}
    goes_on = HANDED_UP["main.c"].replace("        exit(1);", "        return main(argc - 1, argv);")
    assert check(dict(HANDED_UP, **{"main.c": goes_on})) == {(12, "buf"): "high"}


# a member lost with its container: only where the code frees the container itself, not
# where a destructor of the project gets it (tmux window-buffer.c, popup.c: the summary
# knows window_buffer_finish_edit() frees ed, and it frees ed->name too)
MEMBER_DESTRUCTOR = HEAD + """struct edit {
    char *name;
    int id;
};

int show(struct edit *ed);

static void edit_finish(struct edit *ed)
{
    free(ed->name);
    free(ed);
}

int start_edit(const char *name)
{
    struct edit *ed = calloc(1, sizeof *ed);
    if (ed == NULL)
        return -1;
    ed->name = strdup(name);
    if (show(ed) != 0) {
        edit_finish(ed);
        return -1;
    }
    return 0;
}
"""


def test_a_member_given_with_its_container_to_a_destructor_is_not_lost(tree):
    assert {v for (_, v) in findings(tree, MEMBER_DESTRUCTOR)} == {"ed"}
    freed = MEMBER_DESTRUCTOR.replace("        edit_finish(ed);\n", "        free(ed);\n")
    line = next(i + 1 for i, l in enumerate(freed.splitlines()) if "free(ed);" in l
                and i > 20) + 1
    got = findings(tree, freed)
    assert {k: c for k, c in got.items() if "->" in k[1]} == {(line, "ed->name"): "high"}


# the member's own failure test with the member given by address and a status compared to
# 0 (openssh sftp-glob.c, krl.c: `->` was once read as a comparison, and the branch that
# frees the container with nothing in the member was reported)
MEMBER_STATUS_TEST = HEAD + """struct blk {
    void *buf;
    int n;
};

int step(int);

struct blk *blk_new(int n)
{
    struct blk *b = calloc(1, sizeof *b);
    if (b == NULL)
        return NULL;
    if (posix_memalign(&b->buf, 16, 64) != 0) {
        free(b);
        return NULL;
    }
    if (step(n) < 0) {
        free(b);
        return NULL;
    }
    b->n = n;
    return b;
}
"""


def test_the_failure_branch_of_a_member_filled_through_its_address_holds_nothing(tree):
    got = findings(tree, MEMBER_STATUS_TEST)
    line = MEMBER_STATUS_TEST.splitlines().index("    if (step(n) < 0) {") + 3
    assert got == {(line, "b->buf"): "high"}


# a member of the caller's object released and cleared on a path that goes on is no sign
# that the function owns it on failure (openssh ssh-agent.c: an empty host name freed and
# set to NULL); one released on a path that then fails is
MEMBER_CLEARED = HEAD + """struct hop {
    char *host;
};

int step(int);

int hop_parse(struct hop *h, const char *s)
{
    h->host = strdup(s);
    if (h->host == NULL)
        return -1;
    if (*h->host == '\\0') {
        free(h->host);
        h->host = NULL;
    }
    if (step(1) < 0)
        return -1;
    return 0;
}
"""


def test_a_member_cleared_on_a_path_that_goes_on_is_no_exemplar(tree):
    assert findings(tree, MEMBER_CLEARED) == {}
    fails = MEMBER_CLEARED.replace("        h->host = NULL;\n", "        h->host = NULL;\n"
                                   "        return -2;\n")
    line = fails.splitlines().index("    if (step(1) < 0)") + 2
    assert findings(tree, fails) == {(line, "h->host"): "high"}


# the exemplar of a member of the caller's object is a release of the table or one named
# like it, not any call the summary learned as releasing on some path (util-linux
# libmount's mnt_table_parse_fstab(cxt->fstab, ..), a cache kept in the context)
MEMBER_PARSER = HEAD + """struct ctx {
    char *tab;
};

int step(int);

static int parse_into(char *t, const char *s)
{
    if (s == NULL) {
        free(t);
        return -1;
    }
    return 0;
}

int ctx_get(struct ctx *c, const char *s)
{
    int rc;

    c->tab = malloc(16);
    if (c->tab == NULL)
        return -1;
    if (step(1) < 0)
        return -2;
    rc = parse_into(c->tab, s);
    if (rc)
        return rc;
    return 0;
}
"""


def test_a_member_given_to_a_parser_that_may_free_it_has_no_exemplar(tree):
    assert {k: c for k, c in findings(tree, MEMBER_PARSER).items() if "->" in k[1]} == {}


# `if ((X->f = acq(..))) { ..; return 1; }` with no else: the code after the if runs only
# when the acquisition failed, and freeing the container there loses nothing (dnsmasq
# network.c iface_allowed(), labelled false); a failure inside the then branch does lose it
MEMBER_OK_RETURN = HEAD + """struct irec {
    char *name;
    struct irec *next;
};

struct irec *list;
int step(int);

int add_iface(const char *n, int check)
{
    struct irec *iface;

    if ((iface = malloc(sizeof(struct irec)))) {
        if ((iface->name = malloc(strlen(n) + 1))) {
            strcpy(iface->name, n);
            if (check && step(1) < 0) {
                free(iface);
                return 0;
            }
            iface->next = list;
            list = iface;
            return 1;
        }
        free(iface);
    }
    return 0;
}
"""


def test_the_code_after_an_acquiring_if_that_returns_holds_no_member(tree):
    line = MEMBER_OK_RETURN.splitlines().index("                free(iface);") + 2
    assert {k: c for k, c in findings(tree, MEMBER_OK_RETURN).items()
            if "->" in k[1]} == {(line, "iface->name"): "high"}


# the acquisition under a guard, and one test for "not guarded" or "failed" (nano browser.c)
GUARDED = """#include <dirent.h>

int count(const char *path, int quiet)
{
    DIR *dir = NULL;
    int n = 0;

    if (path != NULL)
        dir = opendir(path);
    if (path == NULL || dir == NULL)
        return -1;
    while (readdir(dir))
        n++;
    closedir(dir);
    return n;
}
"""


def test_a_test_of_the_acquisitions_guard_or_its_failure_holds_nothing(tree):
    """`if (path != NULL) dir = opendir(path); if (path == NULL || dir == NULL) return -1;`:
    the exit is taken without the guard (nothing opened) or when opendir() failed: no
    finding. An operand that is not the guard's converse (`quiet`), the guard's name set
    again before the test, or a guard of the opposite sense, and the exit leaks."""
    assert findings(tree, GUARDED) == {}
    test = "    if (path == NULL ||"
    for other in (GUARDED.replace("path == NULL || dir", "quiet || dir"),
                  GUARDED.replace(test, "    path = NULL;\n" + test),
                  GUARDED.replace("if (path != NULL)", "if (path == NULL)")):
        assert [v for (_, v) in findings(tree, other)] == ["dir"], other


def test_a_member_exit_with_its_container_null_or_its_branch_not_taken(tree):
    """corpus memory/ok_member_exits_with_nothing_stored.c: the exit under `b == NULL` and
    the one under `!dobind` hold no member (nano rcfile.c, held out, labelled false). The
    container set to null after the store on the same path, or the guard's name assigned in
    the function, and each is reported again."""
    case = open(os.path.join(CORPUS, "memory", "ok_member_exits_with_nothing_stored.c")).read()
    assert findings(tree, case) == {}
    store = "            b->text = strdup(spec + 1);\n"
    nulled = case.replace(store, store + "            if (spec[1] == '!')\n"
                                         "                b = NULL;\n")
    line = next(i + 1 for i, l in enumerate(nulled.splitlines()) if "goto done;" in l
                and "b == NULL" in nulled.splitlines()[i - 1] and i > 40)
    assert findings(tree, nulled) == {(line, "b->text"): "high"}
    flag = case.replace("    unbind(key);\n", "    unbind(key);\n    dobind = key > 2;\n")
    line = next(i + 1 for i, l in enumerate(flag.splitlines()) if "goto done;" in l
                and "!dobind" in flag.splitlines()[i - 1])
    assert findings(tree, flag) == {(line, "b->text"): "high"}
