/* unwind-memory: `if (rc <= 0)` after asprintf() and `if (n <= 0)` after scandir() are their
 * failure tests (a count of at most zero: nothing allocated, or an empty result the caller
 * does not want), and `if (asprintf(..) > 0) return res;` returns what it gave: every other
 * exit hands on or frees what they gave, or comes after they failed.
 * drive: ({ char *s = part_name(3); int ok = s && strcmp(s, "part3") == 0; free(s); ok; })
 * drive: count_entries("/nonexistent")
 * drive: count_entries("/etc") > 0
 * drive: ({ char *s = label_of(42); int ok = s && strcmp(s, "42") == 0; free(s); ok; })
 */
#define _GNU_SOURCE
#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* "part<n>", or NULL. */
char *part_name(int n)
{
    char *res = NULL;
    int rc = asprintf(&res, "part%d", n);

    if (rc <= 0)
        return NULL;
    return res;
}

/* The entries of dir, or 0 when it has none or cannot be read. */
int count_entries(const char *dir)
{
    struct dirent **list;
    int n = scandir(dir, &list, NULL, alphasort);

    if (n <= 0)
        return 0;
    for (int i = 0; i < n; i++)
        free(list[i]);
    free(list);
    return n;
}

/* "<n>", or NULL. */
char *label_of(int n)
{
    char *res = NULL;

    if (asprintf(&res, "%d", n) > 0)
        return res;
    return NULL;
}
