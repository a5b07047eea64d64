/* unwind-inferred (negative): x = f(...) and later g(x), where g is not named like a
 * release (it records, it does not free): no pair is learned, nothing is reported.
 * drive: visit(3)
 * drive: visit(-1)
 */
#include <stddef.h>

struct item {
    int key;
    int hits;
};

static struct item table[4] = {{1, 0}, {2, 0}, {3, 0}, {4, 0}};

static struct item *item_lookup(int key)
{
    for (size_t i = 0; i < sizeof(table) / sizeof(table[0]); i++)
        if (table[i].key == key)
            return &table[i];
    return NULL;
}

static void item_touch(struct item *it)
{
    it->hits++;
}

int visit(int key)
{
    struct item *it = item_lookup(key);

    if (it == NULL)
        return -1;
    if (it->hits > 100)
        return -2;
    item_touch(it);
    return it->hits;
}
