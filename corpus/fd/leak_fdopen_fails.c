/* unwind-fd: fdopen() takes the descriptor only when it succeeds.
 * first_char() returns -2 without closing fd when fdopen() fails (a mode the
 * descriptor was not opened for); once fp exists, fd is released through it.
 * drive: first_char("/etc/hostname", "r")
 * drive: first_char("/etc/hostname", "w")
 * drive: first_char("/nonexistent/cocci-unwind", "r")
 */
#include <fcntl.h>
#include <stdio.h>
#include <unistd.h>

int first_char(const char *path, const char *mode)
{
    FILE *fp;
    int fd, c;

    fd = open(path, O_RDONLY | O_CLOEXEC);
    if (fd == -1)
        return -1;
    fp = fdopen(fd, mode);
    if (fp == NULL)
        return -2;
    c = fgetc(fp);
    fclose(fp);
    return c;
}
