/* unwind-memory: the buffer is freed in the else branch of its own test, which falls
 * through to the single return; the then branch is the allocation failure.
 * drive: checksum_copy("abc")
 */
#include <stdlib.h>
#include <string.h>

int checksum_copy(const char *s)
{
    int r = 0;
    char *p = strdup(s);
    size_t i;

    if (!p) {
        r = -1;
    } else {
        for (i = 0; p[i]; i++)
            r += p[i];
        free(p);
    }
    return r;
}
