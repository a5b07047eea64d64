/* unwind-fd: the descriptor assigned inside a constant-first test
 * (`if (-1 == (fd = socket(..)))`): that branch holds nothing, but listen() failing
 * later returns with the socket open.
 * drive: ({ int fd = listening_socket(4); if (fd >= 0) close(fd); fd >= 0; })
 * drive: listening_socket(-1)
 */
#include <sys/socket.h>
#include <unistd.h>

int listening_socket(int backlog)
{
    int fd;

    if (-1 == (fd = socket(AF_UNIX, SOCK_STREAM, 0)))
        return -1;
    if (backlog < 0)
        return -1;
    if (-1 == listen(fd, backlog))
        return -1;
    return fd;
}
