/* unwind-win32: the file handle is closed on each exit after CreateFileA() succeeded; the
 * failed open returns before there is a handle.
 * build: windows.h
 * drive: first_byte("/nonexistent")
 * drive: first_byte("/etc/hostname") >= 0
 * drive: ({ FILE *f = fopen("empty", "w"); if (f) fclose(f); first_byte("empty"); })
 */
#include "windows.h"

/* The first byte of the file at path, or -1. */
int first_byte(const char *path)
{
    unsigned char c;
    DWORD got = 0;
    HANDLE h;

    h = CreateFileA(path, GENERIC_READ, FILE_SHARE_READ, NULL, OPEN_EXISTING,
                    FILE_ATTRIBUTE_NORMAL, NULL);
    if (h == INVALID_HANDLE_VALUE)
        return -1;
    if (!ReadFile(h, &c, 1, &got, NULL) || got != 1) {
        CloseHandle(h);
        return -1;
    }
    CloseHandle(h);
    return c;
}
