/* unwind-fd: a socket leaks when bind() fails.
 * bind_unix() returns -1 without closing fd when the socket path cannot be
 * bound (here: its directory does not exist); on success it returns fd.
 * drive: ({ const char *p = "/tmp/cocci-unwind-fd.sock"; unlink(p); int fd = bind_unix(p); if (fd >= 0) close(fd); unlink(p); fd >= 0; })
 * drive: bind_unix("/nonexistent/cocci-unwind/fd.sock")
 */
#include <stdio.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/un.h>
#include <unistd.h>

int bind_unix(const char *path)
{
    struct sockaddr_un addr;
    int fd;

    fd = socket(AF_UNIX, SOCK_DGRAM | SOCK_CLOEXEC, 0);
    if (fd < 0)
        return -1;
    memset(&addr, 0, sizeof(addr));
    addr.sun_family = AF_UNIX;
    snprintf(addr.sun_path, sizeof(addr.sun_path), "%s", path);
    if (bind(fd, (struct sockaddr *)&addr, sizeof(addr)) < 0)
        return -1;
    return fd;
}
