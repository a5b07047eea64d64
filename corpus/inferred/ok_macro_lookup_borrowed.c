/* unwind-inferred (negative): a value taken through an upper-case accessor macro
 * (FIRST_ITEM, a list lookup) is borrowed, not owned: releasing it on one path teaches
 * no pair, and the other exits leave it in the list, as they should.
 * drive: pop_if_small(1)
 * drive: pop_if_small(100)
 * drive: pop_if_small(-1)
 */
#include <stdlib.h>

struct item {
    struct item *next;
    int size;
};

static struct item second = {NULL, 50};
static struct item first = {&second, 5};
static struct item *head = &first;

#define FIRST_ITEM(h) (h)

static void item_destroy(struct item *it)
{
    head = it->next;
}

int pop_if_small(int limit)
{
    struct item *it = FIRST_ITEM(head);

    if (it == NULL || limit < 0)
        return -1;
    if (it->size > limit)
        return 0;
    item_destroy(it);
    return 1;
}
