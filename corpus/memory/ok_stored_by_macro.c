/* unwind-memory (negative): list_add() keeps the string through a macro that stores its
 * argument into the list (as redis's dictSetKey does for dictAdd): the summary pass reads
 * function-like macros, so list_add is a sink and the success return hands the copy on.
 * plain spatch: needs the summary pass (run.sh check runs it; a rule file alone does not see
 * through list_add to the macro, and reports the return)
 * drive: ({ struct list l = {0}; int r = list_add_copy(&l, "a"); list_clear(&l); r; })
 * drive: ({ struct list l = {0}; int i, r = 0; for (i = 0; i < 3; i++) r = list_add_copy(&l, "b"); list_clear(&l); r; })
 */
#include <stdlib.h>
#include <string.h>

#define LIST_MAX 2
#define LIST_PUT(l, v) ((l)->items[(l)->n++] = (v))

struct list {
    char *items[LIST_MAX];
    int n;
};

void list_clear(struct list *l)
{
    while (l->n > 0)
        free(l->items[--l->n]);
}

static int list_add(struct list *l, char *s)
{
    if (l->n >= LIST_MAX)
        return -1;
    LIST_PUT(l, s);
    return 0;
}

int list_add_copy(struct list *l, const char *s)
{
    char *copy = strdup(s);

    if (!copy)
        return -1;
    if (list_add(l, copy) < 0) {
        free(copy);
        return -2;
    }
    return 0;
}
