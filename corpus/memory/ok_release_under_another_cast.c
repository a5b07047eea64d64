/* unwind-memory: a release written under a cast other than the allocation's. The record is
 * allocated as `(struct rec *) malloc(..)` and freed as `free((void *) r)` on the exit that
 * drops a duplicate; every other exit frees it too or links it into the list.
 * drive: ({ int a = add_rec(3); int b = add_rec(3); a + b; })
 * drive: add_rec(-1)
 */
#include <stdlib.h>

struct rec {
    int key;
    struct rec *next;
};

static struct rec *recs;

int add_rec(int key)
{
    struct rec *r, *t;

    if (!(r = (struct rec *) malloc(sizeof(struct rec))))
        return -1;
    r->key = key;
    if (key < 0) {
        free((char *) r);
        return -2;
    }
    for (t = recs; t; t = t->next) {
        if (t->key != key)
            continue;
        (void) free((void *) r);
        return 0;
    }
    r->next = recs;
    recs = r;
    return 1;
}
