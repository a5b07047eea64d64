/* unwind-fd (negative): the acquisition's own failure test written with the constant first
 * (`if (-1 == fd)`, `if (0 > fd)`), as the else of a validity test (`if (fd >= 0) ...
 * else return -1;`, `if (fd >= 0) { ... } else if (errno == EISDIR) return ...;`), and on
 * the result of a wrapper of the file that returns open()'s result; every later exit
 * closes the descriptor.
 * drive: read_first("/etc/hostname", 0) + read_first("/etc/hostname", 1) + read_first("/nonexistent/cocci-unwind", 0)
 * drive: probe("/etc/hostname", 0) + probe("/etc/hostname", 1) + probe("/nonexistent/cocci-unwind", 0)
 * drive: probe_else("/etc/hostname", 0) + probe_else("/etc/hostname", 1) + probe_else("/nonexistent/cocci-unwind", 0)
 * drive: sync_null(0) + sync_null(1)
 * drive: truncate_to_zero("/dev/null", 0) + truncate_to_zero("/dev/null", 1) + truncate_to_zero("/tmp", 0) + truncate_to_zero("/nonexistent/cocci-unwind", 0)
 */
#include <errno.h>
#include <fcntl.h>
#include <unistd.h>

int read_first(const char *path, int twice)
{
    char c;
    int fd = open(path, O_RDONLY);

    if (-1 == fd)
        return -1;
    if (read(fd, &c, 1) != 1) {
        close(fd);
        return -2;
    }
    if (twice && read(fd, &c, 1) < 0) {
        close(fd);
        return -3;
    }
    close(fd);
    return c;
}

int probe(const char *path, int seek)
{
    int fd;

    fd = open(path, O_RDONLY);
    if (0 > fd)
        return -1;
    if (seek && lseek(fd, 1, SEEK_SET) < 0) {
        close(fd);
        return -2;
    }
    close(fd);
    return 0;
}

int probe_else(const char *path, int seek)
{
    int fd = open(path, O_RDONLY);

    if (fd >= 0) {
        if (seek && lseek(fd, 1, SEEK_SET) < 0) {
            close(fd);
            return -2;
        }
    } else {
        return -1;
    }
    close(fd);
    return 0;
}

static int open_devnull(void)
{
    return open("/dev/null", O_RDWR);
}

int sync_null(int flush)
{
    int fd;

    fd = open_devnull();
    if (-1 == fd)
        return -1;
    if (flush && fsync(fd) < 0 && write(fd, "", 0) < 0) {
        close(fd);
        return -2;
    }
    close(fd);
    return 0;
}

int truncate_to_zero(const char *path, int sync)
{
    int fd;

    fd = open(path, O_WRONLY | O_TRUNC);
    if (fd >= 0) {
        if (sync && fsync(fd) < 0 && errno != EINVAL) {
            close(fd);
            return 2;
        }
        close(fd);
        return 0;
    }
    else if (errno == EISDIR) {
        return 21;
    }
    if (errno == ENOENT)
        return 2;
    return -1;
}
