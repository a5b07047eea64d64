/* unwind-memory: a release under a condition counts as a release.
 * render frees outbuf only when it is not the stack buffer; add_label frees
 * label only when it was not stored (if (ret) free(label)).
 * drive: render("short")
 * drive: render("a name longer than the stack buffer of render")
 * drive: ({ struct item it = { NULL }; int r = add_label(&it, "ok"); free(it.label); r; })
 * drive: ({ struct item it = { NULL }; int r = add_label(&it, ""); free(it.label); r; })
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

struct item {
    char *label;
};

int render(const char *name)
{
    char buffer[32];
    char *outbuf = buffer;
    size_t need = strlen(name) + 3;
    int ret;

    if (need > sizeof(buffer)) {
        outbuf = malloc(need);
        if (!outbuf)
            return -ENOMEM;
    }
    ret = snprintf(outbuf, need, "[%s]", name);
    if (outbuf != buffer)
        free(outbuf);
    return ret;
}

int add_label(struct item *it, const char *name)
{
    char *label = strdup(name);
    int ret = 0;

    if (!label)
        return -ENOMEM;
    if (label[0] == '\0')
        ret = -EINVAL;
    else
        it->label = label;
    if (ret)
        free(label);
    return ret;
}
