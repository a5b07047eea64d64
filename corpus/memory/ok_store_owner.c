/* unwind-memory: ownership handed on by a store.
 * The new buffer is stored into a struct field, into a chained assignment
 * nd->data = d = calloc(...), into an array element and into a global.
 * drive: ({ struct node nd = { NULL, NULL }; int r = node_init(&nd, "n", 16); free(nd.name); free(nd.data); r; })
 * drive: ({ int r = set_slot(1, "x"); free(slots[1]); slots[1] = NULL; r; })
 * drive: ({ int r = set_last_error("boom"); free(last_error); last_error = NULL; r; })
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>

struct node {
    char *name;
    char *data;
};

char *slots[4];
char *last_error;

int node_init(struct node *nd, const char *name, size_t n)
{
    char *p = strdup(name);
    char *d;

    if (!p)
        return -ENOMEM;
    nd->name = p;
    nd->data = d = calloc(1, n);
    if (!d)
        return -ENOMEM;
    d[0] = '\0';
    return 0;
}

int set_slot(int i, const char *s)
{
    char *p = strdup(s);

    if (!p)
        return -ENOMEM;
    slots[i] = p;
    return 0;
}

int set_last_error(const char *msg)
{
    char *p = strdup(msg);

    if (!p)
        return -ENOMEM;
    free(last_error);
    last_error = p;
    return 0;
}
