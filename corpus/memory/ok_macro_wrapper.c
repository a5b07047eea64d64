/* unwind-memory: released through a multi-line function-like macro of the project.
 * drive: parse_pair("k=v")
 * drive: parse_pair("kv")
 */
#include <stdlib.h>
#include <string.h>

#define safe_free(ptr) \
    do {               \
        free((ptr));   \
        (ptr) = NULL;  \
    } while (0)

int parse_pair(const char *s)
{
    char *copy = strdup(s);
    char *eq;

    if (!copy)
        return -1;
    eq = strchr(copy, '=');
    if (!eq) {
        safe_free(copy);
        return -2;
    }
    safe_free(copy);
    return 0;
}
