/* unwind-fd: a release block written on one line (`if (...) { close(fd); return -2; }`)
 * covers only its own exit: the later return when lseek() fails leaks fd.
 * drive: header_byte("/etc/hostname", 0)
 * drive: header_byte("/etc/hostname", 1)
 * drive: header_byte("/tmp", 0)
 * drive: header_byte("/nonexistent/cocci-unwind", 0)
 */
#include <fcntl.h>
#include <unistd.h>

int header_byte(const char *path, int rewind)
{
    char c;
    int fd = open(path, O_RDONLY);

    if (fd < 0)
        return -1;
    if (read(fd, &c, 1) != 1) { close(fd); return -2; }
    if (rewind && lseek(fd, 0, SEEK_SET) < 0)
        return -3;
    close(fd);
    return c;
}
