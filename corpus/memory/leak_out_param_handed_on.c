/* unwind-memory: a project function that hands its pointer parameter to asprintf().
 * format_msg() gives ret to vasprintf() and returns its status, with *ret emptied
 * when it fails (the summary learns
 * it as an acquirer of its argument 0); greet() returns -1 without freeing msg when
 * the name is too long.
 * drive: greet("cocci")
 * drive: greet("a name far longer than the sixteen bytes allowed")
 */
#define _GNU_SOURCE
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

int format_msg(char **ret, const char *fmt, ...)
{
    va_list ap;
    int n;

    va_start(ap, fmt);
    n = vasprintf(ret, fmt, ap);
    va_end(ap);
    if (n < 0)
        *ret = NULL;
    return n;
}

int greet(const char *name)
{
    char *msg;

    if (format_msg(&msg, "hello %s", name) < 0)
        return -1;
    if (strlen(msg) > 16)
        return -2;
    printf("%s\n", msg);
    free(msg);
    return 0;
}
