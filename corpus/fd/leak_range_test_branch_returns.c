/* unwind-fd: a range test whose releasing branch returns covers nothing after it.
 * low_descriptor() closes fd and returns when it is above a limit; when it is within
 * the limits and the flags asked for are negative, it returns with fd open.
 * drive: ({ int fd = low_descriptor(1024, 0); if (fd >= 0) close(fd); fd >= 0; })
 * drive: low_descriptor(2, 0)
 * drive: low_descriptor(1024, -1)
 */
#include <fcntl.h>
#include <unistd.h>

#define LOW_LIMIT 4096

int low_descriptor(int max, int flags)
{
    int fd;

    fd = open("/dev/null", O_RDONLY);
    if (fd == -1)
        return -1;
    if (fd > LOW_LIMIT) {
        close(fd);
        return -1;
    }
    if (fd > max) {
        close(fd);
        return -1;
    }
    if (flags < 0)
        return -1;
    return fd;
}
