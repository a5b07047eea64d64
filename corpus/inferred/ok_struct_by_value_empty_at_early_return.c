/* unwind-inferred: a struct held by value and released through its address
 * (`struct arena gc = arena_new(); ... arena_free(&gc);`), released at the label on every
 * exit after arena_strdup(&gc, ..) put a block in it. The return at line 57 comes before
 * anything was put in the arena: it holds nothing, and is not reported.
 * drive: name_length("cocci", 10)
 * drive: name_length("cocci-unwind", 4)
 * drive: name_length(NULL, 4)
 */
#include <stdlib.h>
#include <string.h>

struct chunk {
    struct chunk *next;
    char data[];
};

struct arena {
    struct chunk *list;
};

static struct arena arena_new(void)
{
    struct arena a = { NULL };
    return a;
}

static char *arena_strdup(struct arena *a, const char *s)
{
    size_t n = strlen(s) + 1;
    struct chunk *c = malloc(sizeof(*c) + n);

    if (c == NULL)
        return NULL;
    memcpy(c->data, s, n);
    c->next = a->list;
    a->list = c;
    return c->data;
}

static void arena_free(struct arena *a)
{
    while (a->list != NULL) {
        struct chunk *c = a->list;
        a->list = c->next;
        free(c);
    }
}

int name_length(const char *name, int limit)
{
    struct arena gc = arena_new();
    char *copy;
    int ret = -1;

    if (name == NULL)
        return -1;
    copy = arena_strdup(&gc, name);
    if (copy == NULL)
        goto done;
    if ((int)strlen(copy) > limit) {
        ret = -2;
        goto done;
    }
    ret = (int)strlen(copy);
done:
    arena_free(&gc);
    return ret;
}
