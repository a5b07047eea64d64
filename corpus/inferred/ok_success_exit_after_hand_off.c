/* unwind-inferred (negative): a learned pair (newlocale/freelocale) whose success return
 * follows a hand-off the rules cannot see: the registry keeps the locale through a function
 * pointer. Learned pairs report only exits that look like errors, not `return 0`.
 * drive: ({ struct registry r = { registry_keep, (locale_t)0 }; int v = register_locale(&r, "C", 0); if (r.kept) freelocale(r.kept); v; })
 * drive: ({ struct registry r = { registry_keep, (locale_t)0 }; int v = register_locale(&r, "C", 1); if (r.kept) freelocale(r.kept); v; })
 * drive: ({ struct registry r = { registry_full, (locale_t)0 }; register_locale(&r, "C", 0); })
 */
#define _GNU_SOURCE
#include <locale.h>

struct registry {
    int (*add)(struct registry *r, locale_t loc);
    locale_t kept;
};

int registry_keep(struct registry *r, locale_t loc)
{
    r->kept = loc;
    return 0;
}

int registry_full(struct registry *r, locale_t loc)
{
    (void)r;
    (void)loc;
    return -1;
}

int register_locale(struct registry *r, const char *name, int refuse)
{
    locale_t loc = newlocale(LC_ALL_MASK, name, (locale_t)0);

    if (loc == (locale_t)0)
        return -1;
    if (refuse) {
        freelocale(loc);
        return -2;
    }
    if (r->add(r, loc) < 0) {
        freelocale(loc);
        return -3;
    }
    return 0;
}
