/* unwind-memory: a leak before the copy is handed to a macro that stores it.
 * When the name is too long, add_name returns -E2BIG without freeing copy; a name that
 * starts with '#' is freed; otherwise LIST_PUSH() stores copy in the list (a sink, as the
 * summary pass learns from the macro's body), so the final return holds nothing.
 * drive: ({ struct list l = { { 0 }, 0 }; int r = add_name(&l, "abc"); free(l.items[0]); r; })
 * drive: add_name(&(struct list){ { 0 }, 0 }, "#abc")
 * drive: add_name(&(struct list){ { 0 }, 0 }, "abcdefghijk")
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#define LIST_PUSH(l, x) ((l)->items[(l)->n++] = (x))

struct list {
    char *items[4];
    size_t n;
};

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
    LIST_PUSH(l, copy);
    return 0;
}
