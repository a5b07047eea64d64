/* unwind-memory: an asprintf() result leaks when writing it out fails.
 * Passing msg to fputs() does not hand it on: the -EIO return leaks msg, while
 * the asprintf failure check and the success path are clean.
 * drive: ({ FILE *f = fopen("/dev/null", "w"); int r = f ? log_status(f, "job", 0) : -1; if (f) fclose(f); r; })
 * drive: ({ FILE *f = fopen("/dev/full", "w"); int r = -1; if (f) { setvbuf(f, NULL, _IONBF, 0); r = log_status(f, "job", 1); fclose(f); } r; })
 */
#define _GNU_SOURCE
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

int log_status(FILE *f, const char *job, int code)
{
    char *msg;
    int len;

    if (asprintf(&msg, "%s: exit status %d\n", job, code) < 0)
        return -ENOMEM;
    if (fputs(msg, f) == EOF)
        return -EIO;
    len = (int)strlen(msg);
    free(msg);
    return len;
}
