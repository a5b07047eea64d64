/* unwind-inferred (negative): a learned pair released on every path after the
 * acquisition's own failure check (a NULL test through a cast constant).
 * drive: parse_count("12", "C.UTF-8")
 * drive: parse_count("x", "C.UTF-8")
 * drive: parse_count("100000", "C.UTF-8")
 */
#define _GNU_SOURCE
#include <locale.h>
#include <stdlib.h>

int parse_count(const char *text, const char *name)
{
    locale_t loc;
    char *end;
    long v;

    loc = newlocale(LC_ALL_MASK, name, (locale_t)0);
    if (!loc)
        return -1;
    v = strtol_l(text, &end, 10, loc);
    if (*end != '\0') {
        freelocale(loc);
        return -2;
    }
    if (v > 9999) {
        freelocale(loc);
        return -3;
    }
    freelocale(loc);
    return (int)v;
}
