/* unwind-memory: getdelim's buffer freed on every exit, even after it fails.
 * The record buffer exists once getdelim() has been called, so both the early
 * error exit and the end of the read loop free it.
 * drive: ({ FILE *f = fopen("/etc/hostname", "r"); int r = f ? count_records(f, 0) : -2; if (f) fclose(f); r; })
 * drive: ({ FILE *f = fopen("/etc/hostname", "r"); int r = f ? count_records(f, 1) : -2; if (f) fclose(f); r; })
 * drive: ({ FILE *f = fopen("/dev/null", "r"); int r = f ? count_records(f, 0) : -2; if (f) fclose(f); r; })
 */
#define _GNU_SOURCE
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>

int count_records(FILE *f, size_t max_len)
{
    char *rec = NULL;
    size_t cap = 0;
    ssize_t len;
    int n = 0;

    while ((len = getdelim(&rec, &cap, '\n', f)) != -1) {
        if (max_len && (size_t)len > max_len) {
            free(rec);
            return -E2BIG;
        }
        n++;
    }
    free(rec);
    return n;
}
