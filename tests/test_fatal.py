"""cocci_unwind/fatal.py: the functions whose callers end the process on their failure."""
from cocci_unwind import fatal

NORETURN = ["die"]

# connect() fails with -1; its only caller returns that to main, which exits on it
CHAIN = {
    "net.c": """int connect_to(const char *host)
{
    if (!host)
        return -1;
    return 3;
}

int start(const char *host)
{
    int fd;
    fd = connect_to(host);
    if (fd < 0)
        return fd;
    return serve(fd);
}
""",
    "main.c": """int main(int argc, char **argv)
{
    if (start(argv[1]) == -1) {
        report();
        die("cannot start");
    }
    return 0;
}
""",
}


def ends(texts, name):
    out, _ = fatal.fatal_on_failure(list(texts.values()), NORETURN)
    return out.get(name, [])


def test_a_failure_handed_up_to_a_caller_that_dies_ends_the_process():
    assert ends(CHAIN, "start") == ["-1"]
    # connect_to's -1 goes through `if (fd < 0) return fd;`: any negative value
    assert ends(CHAIN, "connect_to") == ["-1"]


def test_a_caller_that_goes_on_after_the_failure_ends_nothing():
    other = dict(CHAIN, **{"loop.c": """void loop(void)
{
    for (;;)
        if (connect_to("x") < 0)
            continue;
}
"""})
    assert ends(other, "connect_to") == []
    assert ends(other, "start") == ["-1"]


def test_a_function_used_as_a_pointer_has_callers_nobody_sees():
    table = dict(CHAIN, **{"tab.c": "int (*handlers[])(const char *) = { start };\n"})
    assert ends(table, "start") == []
    assert ends(table, "connect_to") == []


def test_the_test_must_hold_for_the_value():
    text = CHAIN["main.c"].replace("== -1", "== -2")
    assert ends(dict(CHAIN, **{"main.c": text}), "start") == []
    # `if (!p) die(..)`: the NULL of a pointer, 0
    ptr = {"a.c": """char *ask(void) { return 0; }
void use(void)
{
    char *p = ask();
    if (!p)
        die("no");
    puts(p);
}
"""}
    assert ends(ptr, "ask") == ["0"]


def test_both_branches_that_end_end_it_for_every_value():
    text = CHAIN["main.c"].replace("        report();\n        die(\"cannot start\");\n    }",
                                   "        die(\"cannot start\");\n    } else\n        die(\"done\");")
    assert ends(dict(CHAIN, **{"main.c": text}), "start") == list(fatal.CLASSES)


def test_a_branch_that_may_leave_before_its_end_proves_nothing():
    text = CHAIN["main.c"].replace("        report();\n",
                                   "        if (argc > 2)\n            return 0;\n")
    assert ends(dict(CHAIN, **{"main.c": text}), "start") == []


def test_a_cycle_of_calls_proves_nothing():
    rec = {"r.c": """int walk(int n)
{
    if (walk(n - 1) < 0)
        return -1;
    return 0;
}
"""}
    assert ends(rec, "walk") == []


def test_value_classes():
    consts = {"MY_FAIL": "-1"}
    assert [fatal.value_class(v, consts) for v in
            ("-1", "(pid_t) -1", "NULL", "false", "-22", "7", "MY_FAIL", "x")] == \
        ["-1", "-1", "0", "0", "neg", "pos", "-1", None]
