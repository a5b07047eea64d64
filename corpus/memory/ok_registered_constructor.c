/* unwind-memory (negative): a constructor that registers the new object in a list before
 * returning it is no acquirer: the list holds what it returns.
 * slot_open() puts each new slot on the list `slots`; claim() releases its slot with
 * slot_destroy() on one path and leaves it on the list on the others, as it should.
 * drive: ({ int r = claim(1); slots_clear(); r; })
 * drive: ({ int r = claim(0); slots_clear(); r; })
 * drive: ({ int r = claim(-1); slots_clear(); r; })
 */
#include <stdlib.h>
#include <sys/queue.h>

struct slot {
    LIST_ENTRY(slot) entry;
    int id;
};

static LIST_HEAD(, slot) slots = LIST_HEAD_INITIALIZER(slots);

struct slot *slot_open(int id)
{
    struct slot *s = calloc(1, sizeof *s);

    if (s == NULL)
        return NULL;
    s->id = id;
    LIST_INSERT_HEAD(&slots, s, entry);
    return s;
}

void slot_destroy(struct slot *s)
{
    LIST_REMOVE(s, entry);
    free(s);
}

void slots_clear(void)
{
    while (!LIST_EMPTY(&slots))
        slot_destroy(LIST_FIRST(&slots));
}

int claim(int id)
{
    struct slot *s = slot_open(id);

    if (s == NULL)
        return -1;
    if (id < 0)
        return -1;
    if (id == 0) {
        slot_destroy(s);
        return 0;
    }
    return 1;
}
