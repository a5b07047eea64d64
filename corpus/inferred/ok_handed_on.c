/* unwind-inferred (negative): a learned pair whose other exits hand the resource on:
 * stored into the caller's struct, or returned. Only the error path releases it.
 * drive: ({ struct ctx c = {0}; int r = ctx_init(&c, "C.UTF-8", 1); if (c.loc) freelocale(c.loc); r; })
 * drive: ({ struct ctx c = {0}; int r = ctx_init(&c, "C.UTF-8", 0); if (c.loc) freelocale(c.loc); r; })
 * drive: ({ struct ctx c = {0}; int r = ctx_init(&c, "C.UTF-8", -1); if (c.loc) freelocale(c.loc); r; })
 * drive: ({ locale_t l = locale_dup_checked("C.UTF-8", 1); int ok = l != (locale_t)0; if (ok) freelocale(l); ok; })
 * drive: ({ locale_t l = locale_dup_checked("C.UTF-8", 0); int ok = l != (locale_t)0; if (ok) freelocale(l); ok; })
 */
#define _GNU_SOURCE
#include <locale.h>

struct ctx {
    locale_t loc;
    int mode;
};

int ctx_init(struct ctx *c, const char *name, int mode)
{
    locale_t loc = newlocale(LC_ALL_MASK, name, (locale_t)0);

    if (!loc)
        return -1;
    if (mode < 0) {
        freelocale(loc);
        return -2;
    }
    c->loc = loc;
    c->mode = mode;
    return 0;
}

locale_t locale_dup_checked(const char *name, int keep)
{
    locale_t loc = newlocale(LC_ALL_MASK, name, (locale_t)0);

    if (!loc)
        return (locale_t)0;
    if (!keep) {
        freelocale(loc);
        return (locale_t)0;
    }
    return loc;
}
