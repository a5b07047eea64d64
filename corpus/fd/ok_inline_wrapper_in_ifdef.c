/* unwind-fd (negative): each entry's descriptor is closed under the `next:` label by
 * dir_arg_close(), an inline wrapper of compat.h, and the entry variable is declared twice,
 * as a descriptor under HAVE_OPENAT and as a path buffer otherwise (htop's battery scan).
 * Coccinelle reads both branches: the declaration with the other type hides the release from
 * the path search, so a resource declared twice that the function releases is not reported.
 * build: compat.h
 * drive: count_kinds(".", 0)
 * drive: count_kinds("/nonexistent-cocci-unwind", 0)
 * drive: count_kinds(".", 1)
 */
#define HAVE_OPENAT 1
#include <dirent.h>
#include <stdio.h>
#include <string.h>
#include "compat.h"

static int kind_of(dir_arg_t entry, int strict)
{
#ifdef HAVE_OPENAT
    return strict ? -1 : (entry >= 0);
#else
    return strict ? -1 : (entry[0] != '\0');
#endif
}

int count_kinds(const char *path, int strict)
{
    DIR *dir = opendir(path);
    struct dirent *e;
    int n = 0;

    if (dir == NULL)
        return -1;
    while ((e = readdir(dir))) {
#ifdef HAVE_OPENAT
        int entry = openat(dirfd(dir), e->d_name, O_RDONLY);
        if (entry < 0)
            continue;
#else
        char entry[256];
        snprintf(entry, sizeof(entry), "%s/%s", path, e->d_name);
#endif
        if (kind_of(entry, strict) < 0)
            goto next;
        if (strcmp(e->d_name, "..") == 0)
            goto next;
        n++;
next:
        dir_arg_close(entry);
    }
    closedir(dir);
    return n;
}
