/* unwind-memory (negative): constructors of an object whose first member is its base
 * give the object back as the base: through the base's initialiser, which returns the
 * address it was given (htop: `return (EnvScreen*) InfoScreen_init(&this->super, ...)`),
 * or through a pointer to the base taken before (`ProcessList* pl = &(this->super); ...
 * return pl;`). Either way the caller owns it.
 * drive: ({ struct base *b = screen_new(3); int r = b ? b->kind : -1; free(b); r; })
 * drive: ({ struct base *b = list_new(4); int r = b ? b->kind : -1; free(b); r; })
 */
#include <stdlib.h>

struct base {
    int kind;
};

struct screen {
    struct base super;
    int lines;
};

struct list {
    struct base super;
    int size;
};

static struct base *base_init(struct base *b, int kind)
{
    b->kind = kind;
    return b;
}

struct base *screen_new(int lines)
{
    struct screen *this = malloc(sizeof(*this));
    if (this == NULL)
        return NULL;
    this->lines = lines;
    return (struct base *) base_init(&this->super, 1);
}

struct base *list_new(int size)
{
    struct list *this = calloc(1, sizeof(*this));
    if (this == NULL)
        return NULL;
    struct base *pl = &(this->super);
    pl->kind = 2;
    if (size > 100)
        return pl;
    this->size = size;
    return pl;
}
