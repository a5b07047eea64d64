/* unwind-inferred: a project pair released on one error path and forgotten on another.
 * locale_for()/locale_release() are this file's own wrappers, in no resource table; the
 * function releases loc on the parse error (line 35), so the pair is learned, and the
 * range check's return (line 39) leaks it.
 * drive: parse_price("12", "C.UTF-8")
 * drive: parse_price("x", "C.UTF-8")
 * drive: parse_price("100000", "C.UTF-8")
 * drive: parse_price("12", "no_such_locale.UTF-8")
 */
#define _GNU_SOURCE
#include <locale.h>
#include <stdlib.h>

static locale_t locale_for(const char *name)
{
    return newlocale(LC_ALL_MASK, name, (locale_t)0);
}

static void locale_release(locale_t loc)
{
    freelocale(loc);
}

int parse_price(const char *text, const char *name)
{
    locale_t loc;
    char *end;
    long v;

    loc = locale_for(name);
    if (loc == (locale_t)0)
        return -1;
    v = strtol_l(text, &end, 10, loc);
    if (*end != '\0') {
        locale_release(loc);
        return -2;
    }
    if (v > 9999)
        return -3;
    locale_release(loc);
    return (int)v;
}
