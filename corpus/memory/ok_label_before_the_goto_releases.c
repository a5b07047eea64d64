/* unwind-memory: the label the gotos jump to lies before them, inside an earlier block, and
 * frees the buffer, under a cast, and only `if (buf)`; one goto reaches it through a second label that ends in
 * `goto` the first. Every exit after the allocation goes through the label.
 * drive: parse_spec("ab", 0)
 * drive: parse_spec("ab", 1)
 * drive: parse_spec("ab", 2)
 * drive: parse_spec("", 0)
 * drive: parse_spec("abc", 3)
 */
#include <stdlib.h>
#include <string.h>

int parse_spec(const char *s, int mode)
{
    char *buf = NULL;
    size_t n = strlen(s);

    if (n == 0) {
        if (mode > 0) {
bad:
            if (buf)
                free((void *) buf);
            return -1;
        }
        return 0;
    }
    if (mode == 3) {
bad_mode:
        n = 0;
        goto bad;
    }
    buf = (char *) malloc(n + 1);
    if (!buf)
        goto bad;
    memcpy(buf, s, n + 1);
    if (mode == 1)
        goto bad;
    if (mode == 2)
        goto bad_mode;
    free(buf);
    return (int) n;
}
