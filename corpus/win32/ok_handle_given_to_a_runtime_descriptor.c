/* unwind-win32: the file handle is given to a C runtime descriptor by _open_osfhandle(),
 * which the caller closes with close(); the conversion's failure closes the handle itself.
 * build: windows.h
 * drive: ({ int fd = open_fd("/etc/hostname"); int ok = fd >= 0; if (fd >= 0) close(fd); ok; })
 * drive: open_fd("/nonexistent")
 */
#include "windows.h"

/* A descriptor for reading the file at path, or -1. */
int open_fd(const char *path)
{
    HANDLE file;
    int fd;

    file = CreateFileA(path, GENERIC_READ, FILE_SHARE_READ, NULL, OPEN_EXISTING,
                       FILE_ATTRIBUTE_NORMAL, NULL);
    if (file == INVALID_HANDLE_VALUE)
        return -1;
    fd = _open_osfhandle((intptr_t)file, 0);
    if (fd < 0) {
        CloseHandle(file);
        return -1;
    }
    return fd;
}
