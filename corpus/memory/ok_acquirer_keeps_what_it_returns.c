/* unwind-memory (negative): item_new() allocates an item, stores it in the table and returns
 * it; slot_new() hands its allocation to table_put(), a sink, before returning it. Callers
 * borrow what these return (htop's Settings_newScreen keeps the screen in this->screens[],
 * PCPDynamicColumn_new puts the column in a Hashtable): the summary pass does not take
 * them as acquirers, so their callers' early returns are not leaks.
 * drive: ({ struct table t = {0}; int r = fill(&t, 2); table_clear(&t); r; })
 * drive: ({ struct table t = {0}; int r = fill(&t, 9); table_clear(&t); r; })
 */
#include <stdlib.h>

#define TABLE_MAX 4

struct item {
    int key;
};

struct table {
    struct item *items[TABLE_MAX];
    int n;
};

static void table_put(struct table *t, struct item *it)
{
    t->items[t->n++] = it;
}

void table_clear(struct table *t)
{
    while (t->n > 0)
        free(t->items[--t->n]);
}

static struct item *item_new(struct table *t, int key)
{
    struct item *it;

    if (t->n == TABLE_MAX)
        return NULL;
    it = calloc(1, sizeof(*it));
    if (it == NULL)
        return NULL;
    it->key = key;
    t->items[t->n++] = it;
    return it;
}

static struct item *slot_new(struct table *t)
{
    struct item *it;

    if (t->n == TABLE_MAX)
        return NULL;
    it = malloc(sizeof(*it));
    if (it == NULL)
        return NULL;
    it->key = -1;
    table_put(t, it);
    return it;
}

int fill(struct table *t, int key)
{
    struct item *a = item_new(t, key);
    if (a == NULL)
        return -1;
    if (key > 5)
        return -2;
    struct item *b = slot_new(t);
    if (b == NULL)
        return -1;
    if (b->key == key)
        return -3;
    return 0;
}
