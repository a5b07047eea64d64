/* unwind-memory: `if ((p = acq(..)) != NULL) goto found;` jumps to the label that returns p,
 * so what follows the if runs only when the acquisition failed: the `goto notfound` there
 * holds nothing.
 * drive: ({ char *s = first_copy("abc", 2); int ok = s && s[0] == 'a'; free(s); ok; })
 * drive: first_copy("abc", 0) == NULL
 * drive: first_copy("", 1) == NULL
 */
#include <stdlib.h>
#include <string.h>

/* A copy of text when it is not empty and tries is positive, else NULL. */
char *first_copy(const char *text, int tries)
{
    char *copy;

    if (tries <= 0)
        return NULL;
    if (*text != '\0') {
        if ((copy = strdup(text)) != NULL)
            goto found;
        goto notfound;
    }
    goto notfound;
found:
    return copy;
notfound:
    return NULL;
}
