/* unwind-memory: a member of the caller's object, acquired here. One failure releases it
 * (and clears it), so the function owns it on failure; the next failure returns without it.
 * The caller, told that setup failed, does not release what setup made.
 * drive: ({ struct conn k = { 0 }; int r = conn_setup(&k, 0); if (r == 0) free(k.buf); r; })
 * drive: ({ struct conn k = { 0 }; int r = conn_setup(&k, 1); if (r == 0) free(k.buf); r; })
 * drive: ({ struct conn k = { 0 }; int r = conn_setup(&k, 2); if (r == 0) free(k.buf); r; })
 */
#include <stdlib.h>

struct conn {
    char *buf;
    int state;
};

int conn_setup(struct conn *k, int fail_at)
{
    k->buf = malloc(64);
    if (k->buf == NULL)
        return -1;
    if (fail_at == 1) {
        free(k->buf);
        k->buf = NULL;
        return -1;
    }
    if (fail_at == 2)
        return -1;
    k->state = 1;
    return 0;
}
