/* unwind-memory (negative): the grown block is stored through the out-parameter in the
 * return statement itself (`return (*list = ptr);`): the caller owns it.
 * drive: ({ int *l = NULL; int *r = reserve(&l, 4); free(l); r != NULL; })
 */
#include <stdlib.h>

int *reserve(int **list, size_t n)
{
    void *ptr = calloc(n, sizeof(int));

    if (ptr == NULL)
        return NULL;
    free(*list);
    return (*list = ptr);
}
