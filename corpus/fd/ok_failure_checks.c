/* unwind-fd: the acquisitions' own failure checks own no descriptor.
 * `if ((fd = open(...)) < 0)` and `if (pipe(fds) == -1)` leave without the
 * resource they test; every later exit closes fd, fds[0] and fds[1].
 * drive: ({ int o = open("/dev/null", O_WRONLY); int r = (int)splice_file(o, "/etc/hostname", 4096); close(o); r; })
 * drive: splice_file(1, "/nonexistent/cocci-unwind", 4096)
 */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <unistd.h>

ssize_t splice_file(int out, const char *path, size_t len)
{
    int fds[2];
    int fd;
    ssize_t n;

    if ((fd = open(path, O_RDONLY | O_CLOEXEC)) < 0)
        return -errno;
    if (pipe(fds) == -1) {
        close(fd);
        return -1;
    }
    n = splice(fd, NULL, fds[1], NULL, len, 0);
    if (n > 0)
        n = splice(fds[0], NULL, out, NULL, (size_t)n, 0);
    close(fds[0]);
    close(fds[1]);
    close(fd);
    return n;
}
