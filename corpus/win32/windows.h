/* windows.h: the few Win32 interfaces that the corpus/win32 cases use, in userspace.
 * Ours, not Microsoft's: a HANDLE from CreateFileA() is a descriptor from open(), the search
 * handle of FindFirstFileA() is a DIR from opendir(), so the cases compile and run with gcc
 * and the harness sees what they leave open. A case includes it as "windows.h" and says so
 * with ` * build: windows.h` (corpus/README.md). The acquirers are macros, so that open()
 * and opendir() are called from the case's line, which the harness reports; the rest are
 * static inline functions: the summary pass reads the macros of headers beside a case, and
 * a macro that called close() would make CloseHandle a release wrapper of the fd family.
 */
#ifndef COCCI_UNWIND_WINDOWS_H
#define COCCI_UNWIND_WINDOWS_H

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

typedef void *HANDLE;
typedef unsigned long DWORD;
typedef int BOOL;
typedef const char *LPCSTR;
typedef void *LPVOID;

#define TRUE 1
#define FALSE 0
#define INVALID_HANDLE_VALUE ((HANDLE)(intptr_t)-1)
#define GENERIC_READ 0x80000000ul
#define FILE_SHARE_READ 1ul
#define OPEN_EXISTING 3ul
#define FILE_ATTRIBUTE_NORMAL 0x80ul
#define ERROR_NO_MORE_FILES 18ul
#define MAX_PATH 260

typedef struct {
    char cFileName[MAX_PATH];
} WIN32_FIND_DATAA;

static inline HANDLE hx_fd_handle(int fd)
{
    return fd < 0 ? INVALID_HANDLE_VALUE : (HANDLE)(intptr_t)fd;
}

/* a macro, so that open() is called from the case's own line (the harness reports the line
 * that called it); the other arguments are evaluated and dropped */
#define CreateFileA(path, access, share, security, disposition, flags, template_file) \
    ((void)(access), (void)(share), (void)(security), (void)(disposition), (void)(flags), \
     (void)(template_file), hx_fd_handle(open((path), O_RDONLY)))

static inline BOOL ReadFile(HANDLE h, LPVOID buf, DWORD n, DWORD *got, void *overlapped)
{
    (void)overlapped;
    ssize_t r = read((int)(intptr_t)h, buf, n);
    if (r < 0)
        return FALSE;
    *got = (DWORD)r;
    return TRUE;
}

/* the C runtime descriptor that owns the handle from now on (here the handle is one) */
static inline int _open_osfhandle(intptr_t h, int flags)
{
    (void)flags;
    return (int)h;
}

static inline BOOL CloseHandle(HANDLE h)
{
    return close((int)(intptr_t)h) == 0;
}

/* the next entry of the search */
static inline BOOL FindNextFileA(HANDLE h, WIN32_FIND_DATAA *data)
{
    struct dirent *e = readdir((DIR *)h);
    if (!e)
        return FALSE;
    snprintf(data->cFileName, sizeof(data->cFileName), "%s", e->d_name);
    return TRUE;
}

/* the folder of a pattern "dir\\*" (a folder, a backslash and a star) */
static inline const char *hx_find_dir(const char *pattern)
{
    static char dir[MAX_PATH];
    snprintf(dir, sizeof(dir), "%s", pattern);
    char *star = strrchr(dir, '*');
    if (star)
        *star = '\0';
    if (star && star > dir && star[-1] == '\\')
        star[-1] = '\0';
    return dir[0] ? dir : ".";
}

static inline HANDLE hx_find_first(DIR *d, WIN32_FIND_DATAA *data)
{
    if (!d)
        return INVALID_HANDLE_VALUE;
    if (!FindNextFileA((HANDLE)d, data)) {
        closedir(d);
        return INVALID_HANDLE_VALUE;
    }
    return (HANDLE)d;
}

/* a macro, so that opendir() is called from the case's own line, as CreateFileA() */
#define FindFirstFileA(pattern, data) hx_find_first(opendir(hx_find_dir(pattern)), (data))

static inline BOOL FindClose(HANDLE h)
{
    return closedir((DIR *)h) == 0;
}

#endif
