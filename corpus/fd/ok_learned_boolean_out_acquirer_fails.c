/* unwind-fd: a project function that opens a descriptor into its pointer parameter and
 * returns 1 when it did, 0 when it failed (the summary learns it as an acquirer whose failure
 * test is `if (!open_at_start(...))`). read_first() returns from that test: the acquisition
 * failed there and holds nothing; every later exit closes the descriptor.
 * drive: read_first("/etc/hostname")
 * drive: read_first("/nonexistent/cocci-unwind")
 */
#include <fcntl.h>
#include <unistd.h>

static int open_at_start(const char *path, int *fd)
{
    *fd = open(path, O_RDONLY);
    if (*fd < 0)
        return 0;
    if (lseek(*fd, 0, SEEK_SET) < 0) {
        close(*fd);
        return 0;
    }
    return 1;
}

int read_first(const char *path)
{
    char c;
    int fd;

    if (!open_at_start(path, &fd))
        return -1;
    if (read(fd, &c, 1) != 1) {
        close(fd);
        return -2;
    }
    close(fd);
    return c;
}
