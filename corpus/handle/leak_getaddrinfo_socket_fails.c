/* unwind-handle: socket() failing inside the addrinfo loop leaks the list.
 * bind_loopback() walks the getaddrinfo() results; when socket() fails it
 * returns -1 at once without freeaddrinfo(res). The other exits free res.
 * drive: ({ int fd = bind_loopback("0", SOCK_CLOEXEC); if (fd >= 0) close(fd); fd >= 0; })
 * drive: bind_loopback("0", -1)
 * drive: bind_loopback("not-a-port", SOCK_CLOEXEC)
 */
#include <netdb.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>

int bind_loopback(const char *port, int sock_flags)
{
    struct addrinfo hints, *res, *ai;
    int fd = -1;

    memset(&hints, 0, sizeof hints);
    hints.ai_family = AF_UNSPEC;
    hints.ai_socktype = SOCK_STREAM;
    hints.ai_flags = AI_PASSIVE | AI_NUMERICHOST | AI_NUMERICSERV;
    if (getaddrinfo("127.0.0.1", port, &hints, &res) != 0)
        return -1;
    for (ai = res; ai != NULL; ai = ai->ai_next) {
        fd = socket(ai->ai_family, ai->ai_socktype | sock_flags, ai->ai_protocol);
        if (fd < 0)
            return -1;
        if (bind(fd, ai->ai_addr, ai->ai_addrlen) == 0)
            break;
        close(fd);
        fd = -1;
    }
    freeaddrinfo(res);
    return fd;
}
