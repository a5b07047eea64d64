/* unwind-memory: a member of the caller's object, acquired here and left in the object on
 * every exit: the function never releases it, its owner does (the drive frees it whatever
 * the result). Nothing to report.
 * drive: ({ struct conn k = { 0 }; int r = conn_setup(&k, 0); free(k.buf); r; })
 * drive: ({ struct conn k = { 0 }; int r = conn_setup(&k, 1); free(k.buf); r; })
 */
#include <stdlib.h>

struct conn {
    char *buf;
    int state;
};

int conn_setup(struct conn *k, int fail)
{
    k->buf = malloc(64);
    if (k->buf == NULL)
        return -1;
    if (fail)
        return -1;
    k->state = 1;
    return 0;
}
