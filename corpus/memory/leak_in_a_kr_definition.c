/* unwind-memory: a K&R definition (old code is written so; Coccinelle cannot parse its head,
 * the check gives spatch a copy with a prototype's head) is checked as any other: the name
 * too long for the buffer leaks it (line 24).
 * drive: ({ char *o = NULL; int r = save_label(&o, "abc", 8); free(o); r; })
 * drive: ({ char *o = NULL; int r = save_label(&o, "a-name-too-long", 8); free(o); r; })
 */
#include <stdlib.h>
#include <string.h>

int
save_label(dst, src, max)
char **dst;
const char *src;
size_t max;
{
    char *buf;
    size_t n;

    buf = malloc(max + 1);
    if (!buf)
        return -1;
    n = strlen(src);
    if (n > max)
        return -1;
    memcpy(buf, src, n + 1);
    *dst = buf;
    return 0;
}
