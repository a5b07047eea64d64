/* unwind-fd: an open() descriptor leaks when read() fails.
 * read_pid() returns -errno without closing fd when the read fails (as on a
 * directory, EISDIR); the open() failure check and the success path are clean.
 * drive: ({ long pid = 0; read_pid("/etc/hostname", &pid); })
 * drive: ({ long pid = 0; read_pid("/tmp", &pid); })
 * drive: ({ long pid = 0; read_pid("/nonexistent/cocci-unwind.pid", &pid); })
 */
#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <unistd.h>

int read_pid(const char *path, long *pid)
{
    char buf[32];
    ssize_t n;
    int fd;

    fd = open(path, O_RDONLY | O_CLOEXEC);
    if (fd < 0)
        return -errno;
    n = read(fd, buf, sizeof(buf) - 1);
    if (n < 0)
        return -errno;
    close(fd);
    buf[n] = '\0';
    *pid = strtol(buf, NULL, 10);
    return 0;
}
