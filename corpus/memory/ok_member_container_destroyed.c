/* unwind-memory: the failure hands the object to its destructor, which frees its members
 * too: a call given the container that is named for releasing it ends the member with it.
 * drive: ({ struct chan *c = chan_new("x", 0); if (c) chan_free(c); 0; })
 * drive: ({ struct chan *c = chan_new("x", 1); if (c) chan_free(c); 0; })
 */
#include <stdlib.h>
#include <string.h>

struct chan {
    char *name;
    int id;
};

void chan_free(struct chan *c)
{
    free(c->name);
    free(c);
}

struct chan *chan_new(const char *name, int fail)
{
    struct chan *c = calloc(1, sizeof(*c));
    if (!c)
        return NULL;
    c->name = strdup(name);
    if (!c->name || fail) {
        chan_free(c);
        return NULL;
    }
    c->id = 1;
    return c;
}
