/* unwind-fd: the open() failure tested with the constant first (`if (-1 == fd)`): that
 * exit holds nothing, but fstat() failing later returns with fd open.
 * drive: file_size("/etc/hostname", 0)
 * drive: file_size("/etc/hostname", 1)
 * drive: file_size("/nonexistent/cocci-unwind", 1)
 */
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

long file_size(const char *path, int check)
{
    struct stat st;
    int fd;

    fd = open(path, O_RDONLY);
    if (-1 == fd)
        return -1;
    if (check && fstat(fd, &st) < 0)
        return -2;
    close(fd);
    return check ? (long)st.st_size : 0;
}
