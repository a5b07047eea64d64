/* unwind-fd: the function that keeps the descriptor is a K&R definition. The summary reads
 * it as any other (Coccinelle is given a copy with a prototype's head), so the descriptor
 * it keeps is not lost at the success return (plain spatch: needs the summary pass, and
 * cannot parse a K&R definition).
 * drive: (open_log("/dev/null", "boot"), close_log(), 0)
 * drive: (open_log("/dev/null", ""), close_log(), 0)
 */
#include <fcntl.h>
#include <unistd.h>

static int log_fd = -1;

static int
keep_log(fd, tag)
int fd;
const char *tag;
{
    if (!tag[0])
        return 0;
    log_fd = fd;
    return 1;
}

int open_log(const char *path, const char *tag)
{
    int fd = open(path, O_WRONLY);

    if (fd < 0)
        return -1;
    if (keep_log(fd, tag) == 0) {
        close(fd);
        return -1;
    }
    return 0;
}

void close_log(void)
{
    if (log_fd >= 0)
        close(log_fd);
    log_fd = -1;
}
