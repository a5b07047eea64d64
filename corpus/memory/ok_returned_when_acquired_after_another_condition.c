/* unwind-memory: `if (!fresh && (p = strdup(..)) != NULL) return p;` returns the copy when the
 * call ran and succeeded; what follows the if is reached when it did not run or failed, so
 * its exits hold nothing of that call.
 * drive: ({ char *s = pick_name("cached", 0, 5); int ok = s && strcmp(s, "cached") == 0; free(s); ok; })
 * drive: ({ char *s = pick_name("cached", 1, 5); int ok = s && strcmp(s, "name-5") == 0; free(s); ok; })
 * drive: ({ char *s = pick_name("cached", 1, -1); s == NULL; })
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* A copy of cached unless fresh is set; else "name-<n>" (NULL for a negative n). */
char *pick_name(const char *cached, int fresh, int n)
{
    char *p;

    if (!fresh && (p = strdup(cached)) != NULL)
        return p;
    if (n < 0)
        return NULL;
    p = malloc(16);
    if (p == NULL)
        return NULL;
    snprintf(p, 16, "name-%d", n);
    return p;
}
