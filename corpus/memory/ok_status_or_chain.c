/* unwind-memory: two status calls chained with || in one test.
 * two_buffers() frees the first buffer in the branch taken when either posix_memalign()
 * fails; the second one's failure holds nothing of its own.
 * drive: two_buffers(64)
 */
#include <stdlib.h>

int two_buffers(size_t n)
{
    void *a = NULL;
    void *b = NULL;
    int r;

    if ((r = posix_memalign(&a, 16, n)) != 0 || (r = posix_memalign(&b, 16, n)) != 0) {
        free(a);
        return r;
    }
    free(b);
    free(a);
    return 0;
}
