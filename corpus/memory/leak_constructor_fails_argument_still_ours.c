/* unwind-memory: a constructor of the project that keeps its argument only when
 * it succeeds. req_new() stores the handle in the request it returns, and
 * returns NULL (keeping nothing, freeing nothing) when the id is negative; the
 * caller's failure branch then drops the handle, which is still its own.
 * drive: ({ struct req *r = probe(3); if (r) { free(r->h); free(r); } 0; })
 * drive: probe(-1)
 */
#include <stdlib.h>
#include <string.h>

struct req {
    void *h;
    int id;
};

struct req *req_new(int id, void *h)
{
    struct req *r;

    if (id < 0)
        return NULL;
    r = calloc(1, sizeof(*r));
    if (!r)
        return NULL;
    r->h = h;
    r->id = id;
    return r;
}

struct req *probe(int id)
{
    struct req *r;
    char *handle = calloc(1, 16);

    if (!handle)
        return NULL;
    strcpy(handle, "probe");
    r = req_new(id, handle);
    if (!r)
        return NULL;
    return r;
}
