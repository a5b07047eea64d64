/* unwind-fd: a backward goto (`goto again;`) is no exit: the function goes on holding fd
 * from the label. The return after it leaks fd when the last attempt fails in strict mode;
 * only that return is reported, not the goto.
 * drive: ({ char b[8]; read_skipping("/etc/hostname", b, sizeof b, 2, 0); })
 * drive: ({ char b[8]; read_skipping("/etc/hostname", b, sizeof b, 99, 0); })
 * drive: ({ char b[8]; read_skipping("/etc/hostname", b, sizeof b, 99, 1); })
 * drive: ({ char b[8]; read_skipping("/nonexistent/cocci-unwind", b, sizeof b, 0, 0); })
 */
#include <fcntl.h>
#include <unistd.h>

int read_skipping(const char *path, char *buf, size_t n, int skip, int strict)
{
    int fd = open(path, O_RDONLY);
    ssize_t r;
    int tries = 0;

    if (fd < 0)
        return -1;
again:
    r = read(fd, buf, n);
    if (r <= 0 || tries < skip) {
        if (r > 0 && ++tries < 4)
            goto again;
        if (strict)
            return -2;
    }
    close(fd);
    return (int)r;
}
