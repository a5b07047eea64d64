/* unwind-memory (negative): the return hands the resource to a sink of the project.
 * screen_init() stores the bar it is given in the screen; trace_new() returns what
 * screen_init() returns, with its new bar inside (htop TraceScreen_new: `return
 * InfoScreen_init(&this->super, process, fuBar, ...)`). The summary pass finds that
 * screen_init() is a sink, so the return leaks nothing.
 * plain spatch: needs the summary pass (run.sh check runs it; a rule file alone does not
 * know that screen_init keeps the bar, and reports the return)
 * drive: ({ struct trace *t = trace_new(); int r = t ? t->super.bar->keys : -1; if (t) { free(t->super.bar); free(t); } r; })
 */
#include <stdlib.h>

struct bar {
    int keys;
};

struct screen {
    struct bar *bar;
};

struct trace {
    struct screen super;
    int tracing;
};

struct screen *screen_init(struct screen *s, struct bar *bar)
{
    s->bar = bar;
    return s;
}

struct trace *trace_new(void)
{
    struct trace *t = calloc(1, sizeof(*t));
    struct bar *bar;

    if (!t)
        return NULL;
    bar = calloc(1, sizeof(*bar));
    if (!bar) {
        free(t);
        return NULL;
    }
    bar->keys = 3;
    t->tracing = 1;
    return (struct trace *)screen_init(&t->super, bar);
}
