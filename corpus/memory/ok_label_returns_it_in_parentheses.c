/* unwind-memory: the goto reaches a label that returns the block, written `return (k);`.
 * The parentheses are not a cast: the caller gets k on that path. Nothing to report.
 * drive: ({ int e = 0; struct key *k = fetch_key(0, &e); free(k); e; })
 * drive: ({ int e = 0; struct key *k = fetch_key(1, &e); free(k); e; })
 * drive: ({ int e = 0; struct key *k = fetch_key(4, &e); free(k); e; })
 */
#include <stdlib.h>

struct key { int slot; };

static int key_probe(int slot)
{
    return slot % 2;
}

struct key *fetch_key(int slot, int *err)
{
    struct key *k = NULL;

    if (key_probe(slot) == 0) {
        k = malloc(sizeof(*k));
        if (k == NULL)
            return NULL;
        if (slot > 2) {
            *err = 1;
            goto out;
        }
        k->slot = slot;
    }
out:
    return (k);
}
