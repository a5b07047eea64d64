/* unwind-fd: a descriptor released through a wrapper defined in the same file.
 * close_quietly() closes a valid fd and keeps errno; read_number() calls it on
 * every exit after the open() failure check.
 * drive: ({ long v = 0; read_number("/proc/sys/kernel/pid_max", &v); })
 * drive: ({ long v = 0; read_number("/dev/null", &v); })
 * drive: ({ long v = 0; read_number("/tmp", &v); })
 * drive: ({ long v = 0; read_number("/nonexistent/cocci-unwind", &v); })
 */
#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <unistd.h>

static void close_quietly(int fd)
{
    int saved = errno;

    if (fd >= 0)
        close(fd);
    errno = saved;
}

int read_number(const char *path, long *value)
{
    char buf[64];
    ssize_t n;
    int fd;

    fd = open(path, O_RDONLY | O_CLOEXEC);
    if (fd < 0)
        return -1;
    n = read(fd, buf, sizeof(buf) - 1);
    if (n <= 0) {
        close_quietly(fd);
        return -1;
    }
    close_quietly(fd);
    buf[n] = '\0';
    *value = strtol(buf, NULL, 10);
    return 0;
}
