/* unwind-fd: a mkstemp() descriptor leaks on an early return.
 * save_temp() returns -1 without closing fd when there is nothing to write; the
 * mkstemp() failure check, the write failure and the success path are clean.
 * drive: ({ char p[] = "/tmp/cocci-unwind-mkstemp-XXXXXX"; save_temp(p, "hi", 2); })
 * drive: ({ char p[] = "/tmp/cocci-unwind-mkstemp-XXXXXX"; save_temp(p, "hi", 0); })
 */
#include <stdlib.h>
#include <unistd.h>

int save_temp(char *path, const char *data, size_t len)
{
    int fd;

    fd = mkstemp(path);
    if (fd < 0)
        return -1;
    unlink(path);
    if (len == 0)
        return -1;
    if (write(fd, data, len) != (ssize_t)len) {
        close(fd);
        return -1;
    }
    close(fd);
    return 0;
}
