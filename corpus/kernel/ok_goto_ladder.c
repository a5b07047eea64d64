/* unwind-kernel and unwind-kernel-lock: a goto ladder that unlocks, then frees.
 * table_add() allocates an entry and its name, then takes the table mutex; each error
 * jumps to the label that undoes what is held (err_unlock, then err_free), and
 * the success path stores the entry in the table and unlocks.
 * build: kernel.h
 * drive: ({ static struct table t; mutex_init(&t.lock); int r = table_add(&t, "a", 1) + table_add(&t, "b", 2); int e = table_add(&t, "a", 3); while (t.count > 0) { t.count--; kfree(t.entries[t.count]->name); kfree(t.entries[t.count]); } r * 100 + e * 10 + mutex_is_locked(&t.lock); })
 * drive: ({ static struct table t; mutex_init(&t.lock); t.count = TABLE_MAX; int r = table_add(&t, "a", 1); t.count = 0; r * 10 + mutex_is_locked(&t.lock); })
 * drive: ({ static struct table t; mutex_init(&t.lock); table_add(&t, "", 1); })
 */
#include "kernel.h"

#define TABLE_MAX 4

struct entry {
    char *name;
    int value;
};

struct table {
    struct mutex lock;
    struct entry *entries[TABLE_MAX];
    int count;
};

static struct entry *table_find(struct table *t, const char *name)
{
    int i;

    for (i = 0; i < t->count; i++)
        if (strcmp(t->entries[i]->name, name) == 0)
            return t->entries[i];
    return NULL;
}

int table_add(struct table *t, const char *name, int value)
{
    struct entry *e;
    char *copy;
    int ret;

    if (name[0] == '\0')
        return -EINVAL;
    e = kzalloc(sizeof(*e), GFP_KERNEL);
    if (!e)
        return -ENOMEM;
    copy = kstrdup(name, GFP_KERNEL);
    if (!copy) {
        ret = -ENOMEM;
        goto err_free;
    }
    e->name = copy;
    e->value = value;

    mutex_lock(&t->lock);
    if (t->count >= TABLE_MAX) {
        ret = -ENOSPC;
        goto err_unlock;
    }
    if (table_find(t, name)) {
        ret = -EEXIST;
        goto err_unlock;
    }
    t->entries[t->count++] = e;
    mutex_unlock(&t->lock);
    return 0;

err_unlock:
    mutex_unlock(&t->lock);
    kfree(copy);
err_free:
    kfree(e);
    return ret;
}
