/* unwind-win32: every exit after FindFirstFileA() passes through the label that closes the
 * search handle; the failed search has no handle to close.
 * build: windows.h
 * drive: has_entry("/nonexistent\\*", "x") == -1
 * drive: has_entry("/etc\\*", "hostname") >= 0
 * drive: has_entry("/etc\\*", "no such entry") == 0
 */
#include "windows.h"

/* 1 when the folder pattern names ("dir\\*") has an entry called name, 0 when not, -1. */
int has_entry(const char *pattern, const char *name)
{
    WIN32_FIND_DATAA data;
    HANDLE h;
    int found = 0;

    h = FindFirstFileA(pattern, &data);
    if (h == INVALID_HANDLE_VALUE)
        return -1;
    do {
        if (data.cFileName[0] == '\0') {
            found = -1;
            goto out;
        }
        if (strcmp(data.cFileName, name) == 0) {
            found = 1;
            goto out;
        }
    } while (FindNextFileA(h, &data));
out:
    FindClose(h);
    return found;
}
