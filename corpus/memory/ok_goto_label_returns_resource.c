/* unwind-memory (negative): a function that returns its result object even when it fails,
 * with an error flag set in it: `goto err;` reaches `err: pdata->error = 1; return pdata;`,
 * which hands the object to the caller like the success return (htop's
 * Platform_getProcessLocks).
 * drive: ({ struct result *r = collect(3); int e = r ? r->error : -1; free(r); e; })
 * drive: ({ struct result *r = collect(-1); int e = r ? r->error : -1; free(r); e; })
 * drive: ({ struct result *r = collect(500); int e = r ? r->error : -1; free(r); e; })
 */
#include <stdlib.h>

struct result {
    int error;
    int count;
};

struct result *collect(int n)
{
    struct result *pdata = calloc(1, sizeof(*pdata));
    if (pdata == NULL)
        return NULL;

    if (n < 0)
        goto err;
    if (n > 100)
        goto err;
    pdata->count = n;
    return pdata;

err:
    pdata->error = 1;
    return pdata;
}
