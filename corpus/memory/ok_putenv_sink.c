/* unwind-memory: putenv() takes ownership of its argument.
 * After a successful putenv(entry) the string belongs to the environment; the
 * failure path frees it.
 * drive: set_env("COCCI_UNWIND_CASE", "1")
 */
#define _GNU_SOURCE
#include <stdio.h>
#include <stdlib.h>

int set_env(const char *name, const char *value)
{
    char *entry;

    if (asprintf(&entry, "%s=%s", name, value) < 0)
        return -1;
    if (putenv(entry) != 0) {
        free(entry);
        return -1;
    }
    return 0;
}
