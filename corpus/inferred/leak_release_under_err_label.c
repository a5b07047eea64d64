/* unwind-inferred: a learned pair released under an err_ label and on success, and
 * forgotten by the early returns in between.
 * newlocale()/freelocale() are in no resource table. The empty-input check (line 27)
 * and the range check (line 30) return without freeing loc; the acquisition's own
 * failure check is no leak.
 * drive: parse_level("3", "C.UTF-8", 0)
 * drive: parse_level("3", "C.UTF-8", 1)
 * drive: parse_level("", "C.UTF-8", 0)
 * drive: parse_level("99", "C.UTF-8", 0)
 * drive: parse_level("3", "no_such_locale.UTF-8", 0)
 */
#define _GNU_SOURCE
#include <locale.h>
#include <stdlib.h>

int parse_level(const char *text, const char *name, int refuse)
{
    locale_t loc;
    long v;

    loc = newlocale(LC_ALL_MASK, name, (locale_t)0);
    if (loc == (locale_t)0)
        return -1;
    if (refuse)
        goto err_free;
    if (*text == '\0')
        return -2;
    v = strtol_l(text, NULL, 10, loc);
    if (v > 9)
        return -3;
    freelocale(loc);
    return (int)v;
err_free:
    freelocale(loc);
    return -4;
}
