/* unwind-memory: a buffer handed to a structure by a designated initializer.
 * iter_open puts items into `struct iter it = { .items = items, ... }` and from then on
 * iter_close(&it) owns the release; the exits after the initializer hold nothing of
 * their own.
 * drive: ({ struct iter *out = NULL; int r = iter_open(4, 0, &out); if (out) { free(out->items); free(out); } r; })
 * drive: ({ struct iter *out = NULL; int r = iter_open(4, 1, &out); if (out) { free(out->items); free(out); } r; })
 */
#include <stdlib.h>

struct iter {
    int *items;
    int count;
};

static void iter_close(struct iter *it)
{
    free(it->items);
    it->items = NULL;
}

int iter_open(int n, int fail, struct iter **out)
{
    int *items = calloc(n, sizeof(*items));
    if (!items)
        return -1;
    struct iter it = {
        .items = items,
        .count = n,
    };
    if (fail) {
        iter_close(&it);
        return -2;
    }
    *out = malloc(sizeof(**out));
    if (!*out) {
        iter_close(&it);
        return -1;
    }
    **out = it;
    return 0;
}
