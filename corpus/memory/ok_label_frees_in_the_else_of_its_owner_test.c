/* unwind-memory: at the label, the copy is freed through the slot that took it over when
 * there is one, and directly in the else branch when not: every goto after strdup() reaches
 * one of the two.
 * drive: ({ struct table t = { 0 }; int r = table_add(&t, "red", "1;31"); int s = table_add(&t, "bad", ""); table_free(&t); r * 10 + s; })
 */
#include <stdlib.h>
#include <string.h>

struct slot {
    char *name, *seq;
};

struct table {
    struct slot slots[4];
    int n;
};

void table_free(struct table *t)
{
    for (int i = 0; i < t->n; i++) {
        free(t->slots[i].name);
        free(t->slots[i].seq);
    }
    t->n = 0;
}

/* Adds name with its escape sequence seq0 (not empty): 0, or -1. */
int table_add(struct table *t, const char *name, const char *seq0)
{
    struct slot *sl = NULL;
    char *seq;

    seq = strdup(seq0);
    if (!seq)
        return -1;
    if (!*seq)
        goto err;
    if (t->n == 4)
        goto err;
    sl = &t->slots[t->n];
    sl->seq = seq;
    sl->name = strdup(name);
    if (!sl->name)
        goto err;
    t->n++;
    return 0;
err:
    if (sl) {
        free(sl->seq);
        sl->seq = NULL;
    } else
        free(seq);
    return -1;
}
