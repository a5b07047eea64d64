/* unwind-fd: the cleanup label closes the descriptor inside a block that also removes
 * the temporary file: `if (fd != -1) { close(fd); unlink(tmp); }`.
 * drive: write_temp("/tmp/cocci-unwind-label.tmp", "data")
 */
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

int write_temp(const char *tmp, const char *data)
{
    int fd = -1;
    size_t len = strlen(data);

    fd = open(tmp, O_WRONLY | O_CREAT | O_EXCL, 0600);
    if (fd == -1)
        goto fail;
    if (write(fd, data, len) != (ssize_t)len)
        goto fail;
    if (fsync(fd) == -1)
        goto fail;
fail:
    if (fd != -1) {
        close(fd);
        unlink(tmp);
    }
    return fd == -1 ? -1 : 0;
}
