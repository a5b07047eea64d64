/* unwind-memory: the status of an out-parameter acquisition tested by a switch.
 * label() returns from the `case -1:` arm of `switch (n)`, n the status asprintf() returned:
 * there asprintf() failed and holds nothing; the other arms hand the text to the caller.
 * drive: ({ char *t = NULL; int r = label(7, &t); free(t); r; })
 * drive: ({ char *t = NULL; int r = label(-7, &t); free(t); r; })
 */
#define _GNU_SOURCE
#include <stdio.h>
#include <stdlib.h>

int label(int x, char **out)
{
    char *s;
    int n;

    n = asprintf(&s, "%d", x);
    switch (n) {
    case -1:
        return -1;
    default:
        break;
    }
    *out = s;
    return n;
}
