/* unwind-memory (negative): the allocation's own failure test written with the constant
 * first (`if (NULL == p)`) and as the else of `if (p)`; every later exit frees the buffer.
 * drive: fill(16, 0) + fill(16, 1)
 * drive: fill_else(16, 0) + fill_else(16, 1)
 */
#include <stdlib.h>
#include <string.h>

int fill(size_t n, int twice)
{
    char *p = malloc(n);

    if (NULL == p)
        return -1;
    memset(p, 'x', n);
    if (twice) {
        free(p);
        return 1;
    }
    free(p);
    return 0;
}

int fill_else(size_t n, int twice)
{
    char *p = malloc(n);

    if (p)
        memset(p, 'x', n);
    else
        return -1;
    if (twice) {
        free(p);
        return 1;
    }
    free(p);
    return 0;
}
