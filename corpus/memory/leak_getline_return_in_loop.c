/* unwind-memory: getline's buffer leaks on a return inside the read loop.
 * getline() allocates line even when it fails, so the loop's exit path frees it,
 * but returning the line number of the first match leaves line allocated.
 * drive: ({ FILE *f = fopen("/etc/hostname", "r"); int r = f ? find_key(f, "") : -2; if (f) fclose(f); r; })
 * drive: ({ FILE *f = fopen("/dev/null", "r"); int r = f ? find_key(f, "key") : -2; if (f) fclose(f); r; })
 */
#define _GNU_SOURCE
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

int find_key(FILE *f, const char *key)
{
    char *line = NULL;
    size_t cap = 0;
    size_t klen = strlen(key);
    int lineno = 0;

    while (getline(&line, &cap, f) != -1) {
        lineno++;
        if (strncmp(line, key, klen) == 0)
            return lineno;
    }
    free(line);
    return -1;
}
