/* unwind-memory (negative): list_insert() keeps the string it is given; when it fails, the
 * caller frees the string itself. After that statement the list owns the copy, so the later
 * error returns hold nothing (OpenSSL's add0/set0/push0 functions, curl's
 * Curl_slist_append_nodup and libgit2's git_vector_insert are used this way; the summary
 * pass does not see the store here). Only calls named for taking ownership count: a failing
 * write() followed by free() does not.
 * drive: ({ struct list l = {0}; int r = remember(&l, "a", 1); list_clear(&l); r; })
 * drive: ({ struct list l = {0}; int r = remember(&l, "b", -1); list_clear(&l); r; })
 * drive: ({ struct list l = {0}; int i, r = 0; for (i = 0; i < 4; i++) r = remember(&l, "c", 2); list_clear(&l); r; })
 */
#include <stdlib.h>
#include <string.h>

#define LIST_MAX 3

struct list {
    char *items[LIST_MAX];
    int n;
};

static int list_insert(struct list *l, char *s)
{
    if (l->n == LIST_MAX)
        return -1;
    memcpy(&l->items[l->n++], &s, sizeof(s));    /* opaque to the summary pass */
    return 0;
}

void list_clear(struct list *l)
{
    while (l->n > 0)
        free(l->items[--l->n]);
}

int remember(struct list *l, const char *name, int weight)
{
    char *copy = strdup(name);
    if (copy == NULL)
        return -1;
    if (list_insert(l, copy) != 0) {
        free(copy);
        return -2;
    }
    if (weight < 0)
        return -3;
    return l->n;
}
