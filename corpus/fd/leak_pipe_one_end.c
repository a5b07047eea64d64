/* unwind-fd: only one end of a pipe is closed on an error path.
 * feed_pipe() writes msg into a non-blocking pipe and hands back the read end;
 * on a short write it closes fds[0] but returns -1 with fds[1] still open.
 * drive: ({ int fd = feed_pipe("hello", 5); if (fd >= 0) close(fd); fd >= 0; })
 * drive: ({ static char big[1 << 20]; feed_pipe(big, sizeof(big)); })
 */
#define _GNU_SOURCE
#include <fcntl.h>
#include <unistd.h>

int feed_pipe(const char *msg, size_t len)
{
    int fds[2];
    ssize_t n;

    if (pipe2(fds, O_NONBLOCK | O_CLOEXEC) != 0)
        return -1;
    n = write(fds[1], msg, len);
    if (n < 0 || (size_t)n != len) {
        close(fds[0]);
        return -1;
    }
    close(fds[1]);
    return fds[0];
}
