/* unwind-win32: the file handle leaks when the read comes up short.
 * read_magic() returns -1 without CloseHandle(h) when ReadFile() fails or reads fewer than
 * four bytes (an empty file); the read error closes the handle.
 * build: windows.h
 * drive: read_magic("/nonexistent") == -1
 * drive: read_magic("/etc/hostname") != -1
 * drive: ({ FILE *f = fopen("empty", "w"); if (f) fclose(f); read_magic("empty") == -1; })
 */
#include "windows.h"

/* The first four bytes of the file at path, or -1. */
long read_magic(const char *path)
{
    unsigned char buf[4];
    DWORD got = 0;
    HANDLE h;

    h = CreateFileA(path, GENERIC_READ, FILE_SHARE_READ, NULL, OPEN_EXISTING,
                    FILE_ATTRIBUTE_NORMAL, NULL);
    if (h == INVALID_HANDLE_VALUE)
        return -1;
    if (!ReadFile(h, buf, sizeof(buf), &got, NULL)) {
        CloseHandle(h);
        return -1;
    }
    if (got < sizeof(buf))
        return -1;
    CloseHandle(h);
    return (long)buf[0] << 24 | buf[1] << 16 | buf[2] << 8 | buf[3];
}
