/* unwind-memory: a leak before the copy is handed to a function that stores it.
 * When the name is too long, add_name returns -E2BIG without freeing copy; a name that
 * starts with '#' is freed; otherwise list_record() keeps copy in the list (a sink, as
 * the summary pass learns from its body; plain spatch: needs the summary pass).
 * drive: ({ struct list l = { { 0 }, 0 }; int r = add_name(&l, "abc"); free(l.items[0]); r; })
 * drive: add_name(&(struct list){ { 0 }, 0 }, "#abc")
 * drive: add_name(&(struct list){ { 0 }, 0 }, "abcdefghijk")
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>

struct list {
    char *items[4];
    size_t n;
};

static void list_record(struct list *l, char *s)
{
    l->items[l->n++] = s;
}

int add_name(struct list *l, const char *name)
{
    char *copy = strdup(name);

    if (!copy)
        return -ENOMEM;
    if (strlen(copy) > 8)
        return -E2BIG;
    if (copy[0] == '#') {
        free(copy);
        return 1;
    }
    list_record(l, copy);
    return 0;
}
