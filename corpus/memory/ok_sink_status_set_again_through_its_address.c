/* unwind-memory: the copy is handed to set_name(), which keeps it (a sink the summary learns
 * from its store); the later `if (!num || rc)` tests the status that parse_num() set through &rc,
 * not set_name()'s, so the copy is the record's on that exit
 * (plain spatch: needs the summary pass, which learns the sink).
 * drive: ({ struct rec r = { 0 }; int x = rec_parse(&r, "name", "12"); free(r.name); x * 100 + r.num; })
 * drive: ({ struct rec r = { 0 }; int x = rec_parse(&r, "name", "zz"); free(r.name); x; })
 */
#include <stdlib.h>
#include <string.h>

struct rec {
    char *name;
    int num;
};

/* r keeps name (0), or -1 for an empty name (name stays the caller's). */
int set_name(struct rec *r, char *name)
{
    if (!*name)
        return -1;
    free(r->name);
    r->name = name;
    return 0;
}

/* *num = the decimal number s, *rc = 0; or *rc = -1. */
const char *parse_num(const char *s, int *num, int *rc)
{
    char *end;
    long v = strtol(s, &end, 10);
    *rc = (*s && !*end) ? 0 : -1;
    *num = (int)v;
    return *rc ? NULL : end;
}

/* Fills r from the name and number texts: 0, or -1. */
int rec_parse(struct rec *r, const char *name, const char *num)
{
    char *p = strdup(name);
    int rc = 0, n;

    if (!p || (rc = set_name(r, p))) {
        free(p);
        return -1;
    }
    num = parse_num(num, &n, &rc);
    if (!num || rc)
        goto fail;
    r->num = n;
    return 0;
fail:
    return -1;
}
