/* unwind-memory: a member acquired into an object, and a later failure frees the object
 * without the member. free(c) cannot know what c holds: the copy of the name is lost. The
 * member's own failure branch frees c while c->name is still NULL: no leak there.
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
        free(c);
        return NULL;
    }
    c->id = 1;
    return c;
}
