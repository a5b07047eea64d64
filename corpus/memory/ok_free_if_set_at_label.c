/* unwind-memory: a shared out: label that frees under if (s).
 * Errors before and at the allocation jump to out with s still NULL; the
 * success path falls through to the same label, which frees s when it is set.
 * drive: join("ab", "cd")
 * drive: join(NULL, "cd")
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

int join(const char *a, const char *b)
{
    char *s = NULL;
    int ret = -EINVAL;

    if (!a || !b)
        goto out;
    s = malloc(strlen(a) + strlen(b) + 1);
    if (!s) {
        ret = -ENOMEM;
        goto out;
    }
    ret = sprintf(s, "%s%s", a, b);
out:
    if (s)
        free(s);
    return ret;
}
