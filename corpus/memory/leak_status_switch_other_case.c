/* unwind-memory: the status of an out-parameter acquisition tested by a switch.
 * label() returns from the `case 0:` arm of `switch (n)`, n the status asprintf() returned:
 * asprintf() succeeded there (an empty text), and the text is not freed. The `case -1:`
 * arm is its failure and holds nothing.
 * drive: ({ char *t = NULL; int r = label(7, "", &t); free(t); r; })
 * drive: ({ char *t = NULL; int r = label(7, "%d", &t); free(t); r; })
 */
#define _GNU_SOURCE
#include <stdio.h>
#include <stdlib.h>

int label(int x, const char *format, char **out)
{
    char *s;
    int n;

    n = asprintf(&s, format, x);
    switch (n) {
    case -1:
        return -1;
    case 0:
        return -2;
    default:
        break;
    }
    *out = s;
    return n;
}
