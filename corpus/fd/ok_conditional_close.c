/* unwind-fd: descriptors released under a condition.
 * write_file() closes fd at out: only `if (fd >= 0)`; open_dir() closes it
 * `if (ret)` (a check failed) and otherwise hands it on through *out.
 * drive: write_file("/dev/null", "data\n", 5)
 * drive: write_file("/dev/full", "data\n", 5) + write_file("/nonexistent/cocci-unwind/out", "data\n", 5)
 * drive: ({ int d = -1; int r = open_dir("/tmp", &d); if (r == 0) close(d); r; })
 * drive: ({ int d = -1; open_dir("/etc/hostname", &d) + open_dir("/nonexistent/cocci-unwind", &d); })
 */
#include <errno.h>
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

int write_file(const char *path, const char *data, size_t len)
{
    int fd, ret = -1;

    fd = open(path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
    if (fd < 0)
        goto out;
    if (write(fd, data, len) != (ssize_t)len)
        goto out;
    ret = 0;
out:
    if (fd >= 0)
        close(fd);
    return ret;
}

int open_dir(const char *path, int *out)
{
    struct stat st;
    int fd, ret = 0;

    fd = open(path, O_RDONLY | O_CLOEXEC);
    if (fd < 0)
        return -errno;
    if (fstat(fd, &st) < 0 || !S_ISDIR(st.st_mode))
        ret = -ENOTDIR;
    if (ret)
        close(fd);
    else
        *out = fd;
    return ret;
}
