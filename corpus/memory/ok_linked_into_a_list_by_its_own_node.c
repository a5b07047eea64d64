/* unwind-memory: the new tag is linked into its owner's list through its own node
 * (`list_add_tail(&t->node, &owner->tags)`): from there the owner frees it, so the exits
 * after the link hold nothing of the function's own.
 * drive: ({ struct owner o; owner_init(&o); int r = add_tag(&o, "a", 1); int s = add_tag(&o, "b", 300); int n = owner_count(&o); owner_free(&o); r * 100 + s * 10 + n; })
 */
#include <stdlib.h>
#include <string.h>

struct node {
    struct node *next, *prev;
};

struct tag {
    struct node node;       /* first: a node is its tag */
    char *name;
    int value;
};

struct owner {
    struct node tags;
};

static void list_add_tail(struct node *n, struct node *head)
{
    n->prev = head->prev;
    n->next = head;
    head->prev->next = n;
    head->prev = n;
}

void owner_init(struct owner *o)
{
    o->tags.next = o->tags.prev = &o->tags;
}

int owner_count(struct owner *o)
{
    int n = 0;
    for (struct node *p = o->tags.next; p != &o->tags; p = p->next)
        n++;
    return n;
}

void owner_free(struct owner *o)
{
    struct node *p = o->tags.next;
    while (p != &o->tags) {
        struct tag *t = (struct tag *)p;
        p = p->next;
        free(t->name);
        free(t);
    }
    owner_init(o);
}

/* Adds the tag name=value to o: 0, or -1 when out of memory or for a value above 255 (the
 * tag stays, marked invalid). */
int add_tag(struct owner *o, const char *name, int value)
{
    struct tag *t = calloc(1, sizeof(*t));

    if (t == NULL)
        return -1;
    t->name = strdup(name);
    list_add_tail(&t->node, &o->tags);
    if (t->name == NULL)
        return -1;
    if (value > 255) {
        t->value = -1;
        return -1;
    }
    t->value = value;
    return 0;
}
