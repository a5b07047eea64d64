/* unwind-memory: an object handed on as its first member.
 * obj_new returns &this->super, the object itself under its base type (C inheritance,
 * as htop and GLib do); the caller frees it through that pointer.
 * drive: ({ struct base *b = obj_new(1); int r = b != NULL; free(b); r; })
 * drive: ({ struct base *b = obj_new(-1); int r = b != NULL; free(b); r; })
 */
#include <stdlib.h>

struct base {
    int kind;
};

struct obj {
    struct base super;
    int refs;
};

static int setup(struct obj *o)
{
    if (o->super.kind < 0)
        return -1;
    o->refs = 1;
    return 0;
}

struct base *obj_new(int kind)
{
    struct obj *this = calloc(1, sizeof(*this));
    if (!this)
        return NULL;
    this->super.kind = kind;
    if (setup(this) < 0) {
        free(this);
        return NULL;
    }
    return &this->super;
}
