/* unwind-fd: both ends of a pipe leak when a later open() fails.
 * reader_start() creates the notification pipe first and returns -1 without
 * closing fds[0] or fds[1] when the input file cannot be opened.
 * drive: ({ struct reader r; int ret = reader_start(&r, "/etc/hostname"); if (ret == 0) { close(r.in_fd); close(r.notify_rd); close(r.notify_wr); } ret; })
 * drive: ({ struct reader r; reader_start(&r, "/nonexistent/cocci-unwind"); })
 */
#include <fcntl.h>
#include <unistd.h>

struct reader {
    int in_fd;
    int notify_rd;
    int notify_wr;
};

int reader_start(struct reader *r, const char *path)
{
    int fds[2];
    int fd;

    if (pipe(fds) < 0)
        return -1;
    fd = open(path, O_RDONLY | O_CLOEXEC);
    if (fd < 0)
        return -1;
    r->in_fd = fd;
    r->notify_rd = fds[0];
    r->notify_wr = fds[1];
    return 0;
}
