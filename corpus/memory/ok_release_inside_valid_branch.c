/* unwind-memory: the copy is used and freed inside `if (copy) { ... }`, whose block also
 * has an exit of its own; the exits after the if run with copy freed or never allocated.
 * drive: digest("abc", 0)
 * drive: digest("abc", 1)
 * drive: digest("abc", 9)
 */
#include <stdlib.h>
#include <string.h>

int digest(const char *s, int mode)
{
    char *copy = strdup(s);
    int r = 0;

    if (copy) {
        r = (int)strlen(copy);
        free(copy);
        if (mode == 1)
            return r + 1;
    }
    if (mode > 5)
        return r;
    return 0;
}
