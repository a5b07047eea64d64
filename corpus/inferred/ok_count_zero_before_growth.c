/* unwind-inferred (negative): `if (n == 0) return` after a loop that grows the array from
 * itself (`list = grow(list, n + 1, ...)`, starting from NULL; grow() frees the old block
 * when it fails) and then counts n up: n is 0 exactly when nothing was allocated, so that
 * exit holds nothing; the others free list. shortest() grows it in an iterator macro's body
 * (TAILQ_FOREACH).
 * drive: ({ const char *v[] = { "a", "#b", "c" }; longest(v, 3, 9); })
 * drive: ({ const char *v[] = { "#a" }; longest(v, 1, 9); })
 * drive: ({ const char *v[] = { "abc", "d" }; longest(v, 2, 1); })
 * drive: ({ struct words h = TAILQ_HEAD_INITIALIZER(h); struct word a = { "abc", { 0, 0 } }, b = { "#x", { 0, 0 } }; TAILQ_INSERT_TAIL(&h, &a, entry); TAILQ_INSERT_TAIL(&h, &b, entry); shortest(&h); })
 * drive: ({ struct words h = TAILQ_HEAD_INITIALIZER(h); shortest(&h); })
 */
#include <stdlib.h>
#include <string.h>
#include <sys/queue.h>

struct word {
    const char *text;
    TAILQ_ENTRY(word) entry;
};
TAILQ_HEAD(words, word);

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

int shortest(struct words *head)
{
    const char **list = NULL;
    struct word *w;
    size_t best = 1000;
    int n = 0, i;

    TAILQ_FOREACH(w, head, entry) {
        if (w->text[0] == '#')
            continue;
        list = grow(list, n + 1, sizeof *list);
        if (list == NULL)
            return -3;
        list[n++] = w->text;
    }
    if (n == 0)
        return -1;
    for (i = 0; i < n; i++)
        if (strlen(list[i]) < best)
            best = strlen(list[i]);
    free(list);
    return (int)best;
}
