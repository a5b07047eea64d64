/* unwind-fd: a socket leaks when connect() fails.
 * probe_unix() closes fd once connect() succeeds, but returns -1 without
 * closing it when connect() fails (here: no socket at the path). The exit is a
 * plain return of a constant, so the rule file fixes it in patch mode too.
 * drive: probe_unix("/nonexistent/cocci-unwind/fd.sock")
 */
#include <stdio.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/un.h>
#include <unistd.h>

int probe_unix(const char *path)
{
    struct sockaddr_un addr;
    int fd;

    fd = socket(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0);
    if (fd < 0)
        return -1;
    memset(&addr, 0, sizeof(addr));
    addr.sun_family = AF_UNIX;
    snprintf(addr.sun_path, sizeof(addr.sun_path), "%s", path);
    if (connect(fd, (struct sockaddr *)&addr, sizeof(addr)) < 0)
        return -1;
    close(fd);
    return 0;
}
