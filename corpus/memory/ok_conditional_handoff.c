/* unwind-memory: ownership handed on under a condition that falls through.
 * When the copy exists it is stored in *out; the exit after the if owns nothing.
 * drive: ({ char *o = NULL; int r = take_name("x=1", &o); free(o); r; })
 * drive: ({ char *o = NULL; int r = take_name("novalue", &o); free(o); r; })
 */
#include <stdlib.h>
#include <string.h>

int take_name(const char *arg, char **out)
{
    const char *eq = strchr(arg, '=');
    char *name = NULL;
    int r = 0;

    if (eq) {
        name = strndup(arg, (size_t)(eq - arg));
        if (!name)
            return -1;
    }
    if (name) {
        name[0] = (char)(name[0] | 0x20);
        *out = name;
    }
    else
        r = 1;
    return r;
}
