/* unwind-memory: allocations written with a cast (`p = (char *) malloc(n)`, and in a
 * declaration's initialiser) leak like the same lines without it: each function returns
 * without freeing its buffer when its second step fails.
 * drive: copy_twice("abc", 0) + copy_twice("abc", 1)
 * drive: pad_copy("abc", 0) + pad_copy("abc", 1)
 */
#include <stdlib.h>
#include <string.h>

int copy_twice(const char *s, int fail)
{
    char *p;
    size_t n = strlen(s) + 1;

    p = (char *) malloc(n);
    if (p == NULL)
        return -1;
    memcpy(p, s, n);
    if (fail)
        return -2;
    free(p);
    return 0;
}

int pad_copy(const char *s, int fail)
{
    size_t n = strlen(s) + 8;
    char *q = (char *)calloc(1, n);

    if (!q)
        return -1;
    strcpy(q, s);
    if (fail)
        return -2;
    free(q);
    return 0;
}
