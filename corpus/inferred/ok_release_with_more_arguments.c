/* unwind-inferred (negative): the function releases its locale with freelocale(loc) on one
 * path and with a release of its own that takes more arguments, locale_drop(loc, why), on
 * another: any call named like a release ends a learned pair's resource.
 * drive: parse_in("C", "12", 0)
 * drive: parse_in("C", "12", 1)
 * drive: parse_in("C", "x", 0)
 */
#define _GNU_SOURCE
#include <locale.h>
#include <stdio.h>
#include <stdlib.h>

static void locale_drop(locale_t loc, const char *why)
{
    if (why)
        fprintf(stderr, "dropping locale: %s\n", why);
    freelocale(loc);
}

int parse_in(const char *name, const char *text, int verbose)
{
    locale_t loc;
    char *end;
    long v;

    loc = newlocale(LC_ALL_MASK, name, (locale_t)0);
    if (loc == (locale_t)0)
        return -1;
    v = strtol_l(text, &end, 10, loc);
    if (*end != '\0') {
        locale_drop(loc, verbose ? "not a number" : NULL);
        return -2;
    }
    freelocale(loc);
    return (int)v;
}
