/* unwind-memory: `if (value && !(val = strndup(value, len)))` is taken only when strndup()
 * ran and failed: its exit holds nothing; the copy is handed to the caller after it.
 * drive: ({ char *s = NULL; int r = copy_value("abcdef", 3, &s); int ok = r == 0 && strcmp(s, "abc") == 0; free(s); ok; })
 * drive: ({ char *s = (char *)1; int r = copy_value(NULL, 3, &s); r == 0 && s == NULL; })
 */
#include <stdlib.h>
#include <string.h>

/* *out = the first len bytes of value (NULL for no value): 0, or -1 when out of memory. */
int copy_value(const char *value, size_t len, char **out)
{
    char *val = NULL;

    if (value && !(val = strndup(value, len)))
        return -1;
    *out = val;
    return 0;
}
