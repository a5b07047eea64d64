/* unwind-memory: an error block frees and returns; a later exit forgets to.
 * The first error path is correct, which must not hide the second one (line 24).
 * drive: store_line("", 4)
 * drive: store_line("abc", 0)
 * drive: store_line("abc", 4)
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>

int store_line(const char *s, size_t max)
{
    char *copy = strdup(s);
    size_t n;

    if (!copy)
        return -ENOMEM;
    n = strlen(copy);
    if (n == 0) {
        free(copy);
        return -EINVAL;
    }
    if (n > max)
        return -E2BIG;
    free(copy);
    return (int)n;
}
