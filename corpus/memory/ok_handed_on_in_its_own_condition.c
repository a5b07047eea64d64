/* unwind-memory: the copy is handed to the list by a later operand of the acquisition's own
 * condition; past the if, both the strdup() and names_add() succeeded, and the list owns the
 * copy: the success exit (the end, line 33) loses nothing.
 * drive: ({ char *v[1]; struct names l = { v, 0, 1 }; add_name(&l, "a"); add_name(&l, "b"); for (size_t i = 0; i < l.n; i++) free(l.v[i]); (int)l.n; })
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

struct names {
    char **v;
    size_t n, cap;
};

static int names_add(struct names *l, char **item)
{
    if (l->n == l->cap)
        return 0;
    l->v[l->n++] = *item;
    return 1;
}

void add_name(struct names *l, const char *name)
{
    char *s;

    if (!(s = strdup(name)) || !names_add(l, &s)) {
        free(s);
        fprintf(stderr, "cannot add %s\n", name);
        return;
    }
    printf("added %s\n", s);
}
