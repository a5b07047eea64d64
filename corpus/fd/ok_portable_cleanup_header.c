/* unwind-fd: our portable header (include/unwind/cleanup.h), already correct.
 * fd is closed by UNWIND_CLOSE on the fstat() error exit; the descriptor that is returned
 * leaves through TAKE_FD(), which empties the variable.
 * drive: ({ int fd = open_regular("/etc/hostname"); if (fd >= 0) close(fd); fd >= 0; })
 * drive: open_regular("/dev/null")
 * drive: open_regular("/nonexistent/cocci-unwind")
 */
#include <errno.h>
#include <fcntl.h>
#include <sys/stat.h>
#include "../../include/unwind/cleanup.h"

int open_regular(const char *path)
{
    struct stat st;
    UNWIND_CLOSE int fd = open(path, O_RDONLY | O_CLOEXEC);

    if (fd < 0)
        return -errno;
    if (fstat(fd, &st) < 0 || !S_ISREG(st.st_mode))
        return -EINVAL;
    return TAKE_FD(fd);
}
