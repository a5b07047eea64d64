/* unwind-memory: the first of two allocations leaks when the second one fails.
 * When calloc() fails, table_init returns -ENOMEM without freeing names; on
 * success both buffers are stored into the table.
 * drive: ({ struct table t; int r = table_init(&t, 4); if (!r) { free(t.names); free(t.counts); } r; })
 */
#include <errno.h>
#include <stdlib.h>

struct table {
    size_t n;
    char *names;
    int *counts;
};

int table_init(struct table *t, size_t n)
{
    char *names = malloc(n * 32);
    int *counts;

    if (!names)
        return -ENOMEM;
    counts = calloc(n, sizeof(*counts));
    if (!counts)
        return -ENOMEM;
    t->n = n;
    t->names = names;
    t->counts = counts;
    return 0;
}
