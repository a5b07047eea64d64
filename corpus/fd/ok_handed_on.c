/* unwind-fd: descriptors whose ownership is handed on are not leaked.
 * fd is returned (open_ro), stored in ws->fds[] (watch_add) or in a global (log_open).
 * drive: ({ int fd = open_ro("/etc/hostname"), r = log_open("/dev/null"); if (fd >= 0) close(fd); if (r == 0) close(log_fd); (fd >= 0) + r; })
 * drive: ({ struct watch_set ws = { .count = 0 }; int r = watch_add(&ws, "/etc/hostname"); while (ws.count > 0) close(ws.fds[--ws.count]); r; })
 * drive: ({ struct watch_set full = { .count = 8 }, ws = { .count = 0 }; watch_add(&full, "/etc/hostname") + watch_add(&ws, "/nonexistent/cocci-unwind") + log_open("/nonexistent/cocci-unwind/log"); })
 */
#include <fcntl.h>
#include <unistd.h>

struct watch_set {
    int fds[8];
    int count;
};

static int log_fd = -1;

int open_ro(const char *path)
{
    int fd = open(path, O_RDONLY | O_CLOEXEC);
    if (fd >= 0)
        posix_fadvise(fd, 0, 0, POSIX_FADV_SEQUENTIAL);
    return fd;
}

int watch_add(struct watch_set *ws, const char *path)
{
    int fd;

    if (ws->count >= 8)
        return -1;
    fd = open(path, O_RDONLY | O_NONBLOCK | O_CLOEXEC);
    if (fd < 0)
        return -1;
    ws->fds[ws->count++] = fd;
    return 0;
}

int log_open(const char *path)
{
    int fd = open(path, O_WRONLY | O_CREAT | O_APPEND | O_CLOEXEC, 0644);
    if (fd < 0)
        return -1;
    log_fd = fd;
    return 0;
}
