/* unwind-inferred (negative): a lookup that creates what it does not find returns a
 * borrowed object: the table keeps it.
 * table_get(name, create) finds a table by name, or makes and registers one; use_table()
 * drops its reference with table_unref() on one path and returns on the others.
 * drive: ({ int r = use_table("a", 1); tables_clear(); r; })
 * drive: ({ int r = use_table("b", 0); tables_clear(); r; })
 * drive: ({ int r = use_table("", 1); tables_clear(); r; })
 */
#include <stdlib.h>
#include <string.h>

struct table {
    struct table *next;
    const char *name;
    int refs;
};

static struct table *tables;

static struct table *table_find(const char *name)
{
    struct table *t;

    for (t = tables; t != NULL; t = t->next)
        if (strcmp(t->name, name) == 0)
            return t;
    return NULL;
}

struct table *table_get(const char *name, int create)
{
    struct table *t = table_find(name);

    if (t != NULL || !create)
        return t;
    t = calloc(1, sizeof *t);
    if (t == NULL)
        return NULL;
    t->name = name;
    t->refs = 1;
    t->next = tables;
    tables = t;
    return t;
}

void table_unref(struct table *t)
{
    t->refs--;
}

void tables_clear(void)
{
    while (tables != NULL) {
        struct table *t = tables;

        tables = t->next;
        free(t);
    }
}

int use_table(const char *name, int create)
{
    struct table *t = table_get(name, create);

    if (t == NULL)
        return -1;
    if (name[0] == '\0')
        return -1;
    t->refs++;
    table_unref(t);
    return 0;
}
