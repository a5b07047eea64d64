/* unwind-memory: the failure frees the member, then the object: nothing is lost.
 * drive: ({ struct chan *c = chan_new("x", 0); if (c) { free(c->name); free(c); } 0; })
 * drive: ({ struct chan *c = chan_new("x", 1); if (c) { free(c->name); free(c); } 0; })
 */
#include <stdlib.h>
#include <string.h>

struct chan {
    char *name;
    int id;
};

struct chan *chan_new(const char *name, int fail)
{
    struct chan *c = malloc(sizeof(*c));
    if (!c)
        return NULL;
    c->name = strdup(name);
    if (!c->name) {
        free(c);
        return NULL;
    }
    if (fail) {
        free(c->name);
        free(c);
        return NULL;
    }
    c->id = 1;
    return c;
}
