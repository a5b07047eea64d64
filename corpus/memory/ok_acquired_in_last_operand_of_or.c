/* unwind-memory: the allocation is the last operand of an || chain whose branch returns
 * (`if (name == NULL || ((ctx = calloc(..)) == NULL)) return NULL;`): the branch is taken
 * when nothing was allocated yet or the allocation failed. Every later exit frees ctx or
 * returns it.
 * drive: ({ struct ctx *c = ctx_new("cocci", 2); int ok = c != NULL; if (c) { free(c->name); free(c); } ok; })
 * drive: ({ struct ctx *c = ctx_new("cocci", -1); int ok = c != NULL; if (c) { free(c->name); free(c); } ok; })
 * drive: (ctx_new(NULL, 2) == NULL)
 */
#include <stdlib.h>
#include <string.h>

struct ctx {
    char *name;
    int level;
};

struct ctx *ctx_new(const char *name, int level)
{
    struct ctx *ctx;

    if (name == NULL || ((ctx = calloc(1, sizeof(*ctx))) == NULL))
        return NULL;
    ctx->level = level;
    if ((ctx->name = strdup(name)) == NULL) {
        free(ctx);
        return NULL;
    }
    if (level < 0) {
        free(ctx->name);
        free(ctx);
        return NULL;
    }
    return ctx;
}
