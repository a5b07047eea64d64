/* unwind-memory (negative): the retry loop frees the buffer when the lookup failed, under a
 * condition (`if (r != 0 || found == 0) free(buf);`), and the exits after the loop test the
 * same condition, so they hold nothing. A comment spanning several lines above the loop must
 * not hide that branch from the rule (libuv's uv__getpwuid_r has this shape).
 * drive: lookup_name(3, (char[16]){0}, 16)
 * drive: lookup_name(40, (char[16]){0}, 16)
 * drive: lookup_name(-1, (char[16]){0}, 16)
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>

static int fill(int key, char *buf, size_t size, int *found)
{
    if (key < 0)
        return EINVAL;
    if ((size_t)key + 1 > size)
        return ERANGE;
    memset(buf, 'x', (size_t)key);
    buf[key] = '\0';
    *found = 1;
    return 0;
}

int lookup_name(int key, char *out, size_t outsize)
{
    size_t size;
    char *buf;
    int found = 0;
    int r;

    /* Start small: most names are short, and the
     * loop doubles the buffer (up to a few pages) when
     * the lookup reports ERANGE. */
    for (size = 8;; size *= 2) {
        buf = malloc(size);
        if (buf == NULL)
            return ENOMEM;

        r = fill(key, buf, size, &found);

        if (r != 0 || found == 0)
            free(buf);

        if (r != ERANGE)
            break;
    }

    if (r != 0)
        return r;

    if (found == 0)
        return ENOENT;

    if (strlen(buf) + 1 > outsize) {
        free(buf);
        return ERANGE;
    }
    strcpy(out, buf);
    free(buf);
    return 0;
}
