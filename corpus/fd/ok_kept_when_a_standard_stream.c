/* unwind-fd: a descriptor released only above the standard streams' numbers.
 * null_stdin() opens /dev/null, puts it on stdin, and closes it only when it is not one
 * of the standard streams itself (`if (fd > STDERR_FILENO)`): the other values are kept
 * on purpose, as a daemon does.
 * drive: null_stdin() == 0
 */
#include <fcntl.h>
#include <unistd.h>

int null_stdin(void)
{
    int fd;

    fd = open("/dev/null", O_RDWR);
    if (fd == -1)
        return -1;
    if (fd != STDIN_FILENO && dup2(fd, STDIN_FILENO) == -1) {
        close(fd);
        return -1;
    }
    if (fd > STDERR_FILENO) {
        if (close(fd) == -1)
            return -1;
    }
    return 0;
}
