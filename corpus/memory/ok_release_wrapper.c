/* unwind-memory: a release through a wrapper defined in the same file.
 * buf_release() frees its argument, so both exits after the copy release it.
 * drive: ({ unsigned sum = 0; checksum("abc", &sum); })
 * drive: ({ unsigned sum = 0; checksum("#comment", &sum); })
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>

static void buf_release(char *b)
{
    free(b);
}

int checksum(const char *s, unsigned *sum)
{
    char *copy = strdup(s);
    char *p;

    if (!copy)
        return -ENOMEM;
    if (copy[0] == '#') {
        buf_release(copy);
        return -EINVAL;
    }
    *sum = 0;
    for (p = copy; *p; p++)
        *sum = *sum * 31 + (unsigned char)*p;
    buf_release(copy);
    return 0;
}
