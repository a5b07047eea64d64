/* unwind-fd: a function that opens a descriptor, keeps it in a handle and returns a status
 * (0 or -errno) is not an acquirer: its callers hold a status code, not a descriptor.
 * conn_open returns err, which was socket()'s result on its failure path only.
 * drive: ({ struct conn c = { .fd = -1 }; int r = conn_start(&c, 0); if (c.fd >= 0) close(c.fd); r; })
 * drive: ({ struct conn c = { .fd = -1 }; int r = conn_start(&c, 1); if (c.fd >= 0) close(c.fd); r; })
 */
#include <errno.h>
#include <sys/socket.h>
#include <unistd.h>

struct conn {
    int fd;
    int flags;
};

static int conn_open(struct conn *c)
{
    int err;

    err = socket(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0);
    if (err < 0)
        return err;
    c->fd = err;
    return 0;
}

int conn_start(struct conn *c, int flags)
{
    int err;

    err = conn_open(c);
    if (err)
        return err;
    if (flags & 1)
        return -EINVAL;
    c->flags = flags;
    return 0;
}
