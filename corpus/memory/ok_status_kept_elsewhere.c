/* unwind-memory: not a leak: the exits are taken only when url_get() failed.
 * Its status is kept in another variable, set by an earlier step too, and
 * tested with the pointer in one || chain (`if (uc || !part)`), or kept through
 * a pointer parameter (`*err = url_get(..); if (*err)`): when either is true
 * url_get() gave nothing.
 * drive: ({ char *o = NULL; int r = part_of("http://x", &o); free(o); r; })
 * drive: ({ char *o = NULL; int e = 0; int r = part_via("http://x", &o, &e); free(o); r; })
 * drive: ({ char *o = NULL; int r = part_of("", &o); free(o); r; })
 */
#include <stdlib.h>
#include <string.h>

int url_get(const char *in, char **part)
{
    char *p;

    if (!*in)
        return 1;
    p = strdup(in);
    if (!p)
        return 1;
    *part = p;
    return 0;
}

static int url_check(const char *in)
{
    return strlen(in) > 4096;
}

int part_of(const char *url, char **out)
{
    int uc;
    char *part = NULL;

    uc = url_check(url);
    if (!uc)
        uc = url_get(url, &part);
    if (uc || !part)
        return 1;
    *out = part;
    return 0;
}

int part_via(const char *url, char **out, int *err)
{
    char *s = NULL;

    *err = url_get(url, &s);
    if (*err)
        return -1;
    *out = s;
    return 0;
}
