/* unwind-memory: the status of an out-parameter acquisition tested by a switch.
 * label() returns from the `case -1:` arm of `switch (n)`, n the status asprintf() returned:
 * there asprintf() failed (or was not called: the else sets n) and holds nothing; the other
 * arms hand the text to the caller.
 * drive: ({ char *t = NULL; int r = label(7, &t); free(t); r; })
 * drive: ({ char *t = NULL; int r = label(-7, &t); free(t); r; })
 */
#define _GNU_SOURCE
#include <stdio.h>
#include <stdlib.h>

int label(int x, char **out)
{
    char *s = NULL;
    int n;

    if (x >= 0) {
        n = asprintf(&s, "%d", x);
    } else {
        n = -1;         /* the status is set in the other branch too */
    }
    switch (n) {
    case -1:
        return -1;
    default:
        break;
    }
    *out = s;
    return n;
}
