/* unwind-inferred (negative): `if (n == 0) return` after a loop that grows the array from
 * itself (`list = grow(list, n + 1, ...)`, starting from NULL; grow() frees the old block
 * when it fails) and then counts n up: n is 0 exactly when nothing was allocated, so that
 * exit holds nothing; the others free list.
 * drive: ({ const char *v[] = { "a", "#b", "c" }; longest(v, 3, 9); })
 * drive: ({ const char *v[] = { "#a" }; longest(v, 1, 9); })
 * drive: ({ const char *v[] = { "abc", "d" }; longest(v, 2, 1); })
 */
#include <stdlib.h>
#include <string.h>

static void *grow(void *p, size_t n, size_t size)
{
    void *q = realloc(p, n * size);

    if (q == NULL)
        free(p);
    return q;
}

int longest(const char **words, int count, size_t limit)
{
    const char **list = NULL;
    size_t best = 0;
    int n = 0, i;

    for (i = 0; i < count; i++) {
        if (words[i][0] == '#')
            continue;
        list = grow(list, n + 1, sizeof *list);
        if (list == NULL)
            return -3;
        list[n++] = words[i];
    }
    if (n == 0)
        return -1;
    for (i = 0; i < n; i++) {
        if (strlen(list[i]) > limit) {
            free(list);
            return -2;
        }
        if (strlen(list[i]) > best)
            best = strlen(list[i]);
    }
    free(list);
    return (int)best;
}
