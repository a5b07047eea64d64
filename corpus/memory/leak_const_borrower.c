/* unwind-memory: a call named like one that takes ownership only reads the copy.
 * stats_push() takes a pointer to const: it keeps nothing, so the -EINVAL return after
 * it still holds copy and leaks it; the '#' exit and the final return free it.
 * drive: count_name("abc")
 * drive: count_name("#abc")
 * drive: count_name("a b")
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>

static size_t stats_push(const char *name)
{
    return strlen(name);
}

int count_name(const char *name)
{
    char *copy = strdup(name);
    size_t n;

    if (!copy)
        return -ENOMEM;
    if (copy[0] == '#') {
        free(copy);
        return 1;
    }
    n = stats_push(copy);
    if (strchr(copy, ' '))
        return -EINVAL;
    free(copy);
    return (int)n;
}
