/* unwind-fd: the descriptor is opened only when a path is given (`if (path) { fd =
 * open(..); ... }`), and the code of the `done:` label closes it under the same test,
 * checking what close() says: every goto taken with it open closes it there.
 * drive: count_lines("/etc/hostname")
 * drive: count_lines(NULL)
 * drive: count_lines("/nonexistent/cocci-unwind")
 */
#include <fcntl.h>
#include <stdio.h>
#include <unistd.h>

int count_lines(const char *path)
{
    int fd = -1, n = 0, rc = -1;
    char c;
    ssize_t got;

    if (path) {
        fd = open(path, O_RDONLY);
        if (fd == -1)
            return -1;
        while ((got = read(fd, &c, 1)) == 1) {
            if (c == '\n')
                n++;
        }
        if (got < 0)
            goto done;
    }
    rc = n;

done:
    if (path) {
        if (close(fd) == -1)
            perror("close");
    }
    return rc;
}
