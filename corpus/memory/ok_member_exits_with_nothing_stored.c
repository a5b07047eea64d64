/* unwind-memory: the member b->text is stored only on one branch of `if (dobind)`; the two
 * exits to `done` (which frees the container, not the member) are taken when the container
 * is null (line 42) or when that branch was not taken (line 46): neither leaves a member.
 * drive: ({ bind_key("\"hi", 1, 1); bind_key("known", 1, 2); bind_key("nope", 1, 3); bind_key("x", 0, 4); int n = used; clear_keys(); n; })
 */
#include <stdlib.h>
#include <string.h>

struct binding {
    char *text;
    int key;
};

static struct binding *table[8];
static int used;

static struct binding *builtin(const char *name)
{
    return strcmp(name, "known") == 0 ? calloc(1, sizeof(struct binding)) : NULL;
}

static void unbind(int key)
{
    for (int i = 0; i < used; i++)
        if (table[i]->key == key)
            table[i]->key = 0;
}

void bind_key(const char *spec, int dobind, int key)
{
    struct binding *b = NULL;

    if (dobind) {
        if (spec[0] == '"') {
            b = malloc(sizeof(*b));
            if (b == NULL)
                goto done;
            b->text = strdup(spec + 1);
        } else
            b = builtin(spec);
        if (b == NULL)
            goto done;
    }
    unbind(key);
    if (!dobind)
        goto done;
    b->key = key;
    table[used++] = b;
    return;
done:
    free(b);
    return;
}

void clear_keys(void)
{
    while (used > 0) {
        used--;
        free(table[used]->text);
        free(table[used]);
    }
}
