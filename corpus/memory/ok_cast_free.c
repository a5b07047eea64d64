/* unwind-memory: released through a cast, free((char *)name), on both exits.
 * drive: name_length("abc")
 * drive: name_length("")
 */
#include <stdlib.h>
#include <string.h>

int name_length(const char *s)
{
    const char *name = strdup(s);
    size_t n;

    if (!name)
        return -1;
    n = strlen(name);
    if (n == 0) {
        free((char *)name);
        return -2;
    }
    free((char *)name);
    return (int)n;
}
