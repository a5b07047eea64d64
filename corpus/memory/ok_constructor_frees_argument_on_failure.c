/* unwind-memory: the constructor frees its argument when it fails, so after
 * req_adopt() the handle is never the caller's: the failure branch owes
 * nothing (freeing it there would be a double free).
 * drive: ({ struct req *r = probe(); if (r) { free(r->h); free(r); } 0; })
 */
#include <stdlib.h>

struct req {
    void *h;
};

struct req *req_adopt(void *h)
{
    struct req *r = calloc(1, sizeof(*r));

    if (!r) {
        free(h);
        return NULL;
    }
    r->h = h;
    return r;
}

struct req *probe(void)
{
    struct req *r;
    char *handle = calloc(1, 16);

    if (!handle)
        return NULL;
    r = req_adopt(handle);
    if (!r)
        return NULL;
    return r;
}
