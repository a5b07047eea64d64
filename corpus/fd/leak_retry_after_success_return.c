/* unwind-fd: a first attempt whose success returns the descriptor at once.
 * After `if (fd != -1) return fd;` the path is the first socket()'s failure: the return
 * that follows holds nothing. The second socket() leaks on the type check.
 * drive: ({ int fd = open_socket(AF_UNIX, SOCK_STREAM, 0); if (fd >= 0) close(fd); fd >= 0; })
 * drive: open_socket(AF_UNIX, 99, 0)
 * drive: ({ int fd = open_socket(AF_UNIX, 99, 1); if (fd >= 0) close(fd); fd; })
 */
#include <errno.h>
#include <sys/socket.h>
#include <unistd.h>

int open_socket(int domain, int type, int retry)
{
    int fd;

    fd = socket(domain, type | SOCK_CLOEXEC, 0);
    if (fd != -1)
        return fd;
    if (!retry)
        return -1;
    fd = socket(domain, SOCK_STREAM | SOCK_CLOEXEC, 0);
    if (fd == -1)
        return -errno;
    if (type > 5)
        return -EINVAL;
    return fd;
}
