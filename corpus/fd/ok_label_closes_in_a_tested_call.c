/* unwind-fd: every failure jumps to `failed:`, whose code closes each descriptor under a
 * test that it was opened and checks what close() says (`if (nfd != INVALID_FD) { if
 * (close(nfd) == -1) ... }`): the release is inside a condition, at the top level of the
 * label's code, so every goto taken with a descriptor open closes it there.
 * drive: copy_file("/etc/hostname", "/dev/null")
 * drive: copy_file("/nonexistent/cocci-unwind", "/dev/null")
 * drive: copy_file("/etc/hostname", "/nonexistent/cocci-unwind/to")
 */
#include <fcntl.h>
#include <stdio.h>
#include <unistd.h>

#define INVALID_FD -1

int copy_file(const char *from, const char *to)
{
    int fd, nfd = INVALID_FD, rc = -1;
    char buf[256];
    ssize_t n;

    fd = open(from, O_RDONLY);
    if (fd == INVALID_FD)
        return -1;
    nfd = open(to, O_WRONLY | O_CREAT | O_TRUNC, 0600);
    if (nfd == INVALID_FD)
        goto failed;
    while ((n = read(fd, buf, sizeof(buf))) > 0) {
        if (write(nfd, buf, (size_t)n) != n)
            goto failed;
    }
    if (n < 0)
        goto failed;
    rc = 0;

failed:

    if (nfd != INVALID_FD) {
        if (close(nfd) == -1)
            perror("close");
    }
    if (fd != INVALID_FD) {
        if (close(fd) == -1)
            perror("close");
    }
    return rc;
}
