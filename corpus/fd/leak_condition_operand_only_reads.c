/* unwind-fd: a later operand of the acquisition's own condition reads the descriptor
 * (fstat() does not keep it): past the if the caller still owns it, and the empty file's
 * exit at line 22 leaks it.
 * drive: file_size("/etc/hostname")
 * drive: file_size("/dev/null")
 */
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

long file_size(const char *path)
{
    int fd;
    struct stat st;

    if ((fd = open(path, O_RDONLY)) < 0 || fstat(fd, &st) < 0) {
        if (fd >= 0)
            close(fd);
        return -1;
    }
    if (st.st_size == 0)
        return -1;
    close(fd);
    return (long)st.st_size;
}
