/* unwind-fd: the open()'s own failure branch returns under one errno and jumps to labels
 * under the others (`if (errno == ENOENT) { ..; return -2; } else if (..) goto perm; else
 * goto oops;`): every exit there holds no descriptor. The labels close it when it is valid.
 * Nothing to report.
 * drive: probe_file("/etc/hostname", 0)
 * drive: probe_file("/nonexistent/cocci-unwind", 0)
 * drive: probe_file("/etc/hostname", 1)
 * drive: probe_file("/root/.cocci-unwind-no-access", 0)
 */
#include <errno.h>
#include <fcntl.h>
#include <unistd.h>

int probe_file(const char *path, int deny)
{
    int fd = -1;
    char c;

    if ((fd = open(path, O_RDONLY)) == -1) {
        if (errno == ENOENT) {
            return -2;
        } else if (errno == EACCES)
            goto perm;
        else
            goto oops;
    }
    if (deny)
        goto perm;
    if (read(fd, &c, 1) < 0)
        goto oops;
    close(fd);
    return c;
perm:
    if (fd != -1)
        close(fd);
    return -13;
oops:
    if (fd != -1)
        close(fd);
    return -1;
}
