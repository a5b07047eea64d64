/* unwind-win32: the search handle leaks when an entry's name is too long for the buffer.
 * count_entries() returns -1 without FindClose(h) when a name does not fit in name[8]
 * (any folder with a long file name); the loop's end closes the handle.
 * build: windows.h
 * drive: count_entries("/nonexistent\\*") == -1
 * drive: count_entries("/etc\\*") == -1
 */
#include "windows.h"

/* The entries of the folder pattern names ("dir\\*"), or -1 when it cannot be listed. */
int count_entries(const char *pattern)
{
    WIN32_FIND_DATAA data;
    HANDLE h;
    char name[8];
    int n = 0;

    h = FindFirstFileA(pattern, &data);
    if (h == INVALID_HANDLE_VALUE)
        return -1;
    do {
        if (strlen(data.cFileName) >= sizeof(name))
            return -1;
        strcpy(name, data.cFileName);
        n++;
    } while (FindNextFileA(h, &data));
    FindClose(h);
    return n;
}
