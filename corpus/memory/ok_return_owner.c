/* unwind-memory: ownership handed to the caller.
 * The new buffer leaves by return p, by return (char *)p and through the
 * out-parameter *out = p; only the failure tests return without it.
 * drive: ({ char *p = dup_upper("abc"); int r = p != NULL; free(p); r; })
 * drive: ({ char *p = zeroed(8); int r = p != NULL; free(p); r; })
 * drive: ({ char *p = NULL; int r = make_name(&p, 7); free(p); r; })
 */
#define _GNU_SOURCE
#include <ctype.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

char *dup_upper(const char *s)
{
    char *p = strdup(s);
    char *c;

    if (!p)
        return NULL;
    for (c = p; *c; c++)
        *c = (char)toupper((unsigned char)*c);
    return p;
}

char *zeroed(size_t n)
{
    void *p = calloc(1, n);

    if (!p)
        return NULL;
    return (char *)p;
}

int make_name(char **out, int id)
{
    char *p;

    if (asprintf(&p, "node-%d", id) < 0)
        return -ENOMEM;
    *out = p;
    return 0;
}
