/* unwind-memory: a member filled through its address (asprintf), and a later failure jumps
 * to the label that frees the object but not the member. The goto in asprintf's own
 * failure test reaches the label with nothing in the member: no leak there.
 * drive: ({ struct chan *c = NULL; int r = chan_open("x", 0, &c); if (c) { free(c->name); free(c); } r; })
 * drive: ({ struct chan *c = NULL; int r = chan_open("x", 1, &c); if (c) { free(c->name); free(c); } r; })
 */
#define _GNU_SOURCE
#include <stdio.h>
#include <stdlib.h>

struct chan {
    char *name;
    int id;
};

int chan_open(const char *name, int fail, struct chan **out)
{
    struct chan *io = calloc(1, sizeof(*io));
    int ret = -1;

    if (io == NULL)
        return -1;
    if (asprintf(&io->name, "chan-%s", name) < 0)
        goto cleanup;
    if (fail)
        goto cleanup;
    io->id = 1;
    *out = io;
    return 0;
cleanup:
    free(io);
    return ret;
}
