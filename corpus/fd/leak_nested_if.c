/* unwind-fd: the leaking exit sits inside a nested if.
 * When the caller asks for a character device, open_device() checks the file
 * type in an inner if whose -ENODEV return leaks fd; every other exit is clean.
 * drive: ({ int fd = open_device("/dev/null", 1); if (fd >= 0) close(fd); fd >= 0; })
 * drive: ({ int fd = open_device("/etc/hostname", 0); if (fd >= 0) close(fd); fd >= 0; })
 * drive: open_device("/etc/hostname", 1)
 * drive: open_device("/nonexistent/cocci-unwind", 0)
 */
#include <errno.h>
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

int open_device(const char *path, int require_chardev)
{
    struct stat st;
    int fd;

    fd = open(path, O_RDONLY | O_NOCTTY | O_CLOEXEC);
    if (fd < 0)
        return -errno;
    if (require_chardev) {
        if (fstat(fd, &st) < 0 || !S_ISCHR(st.st_mode))
            return -ENODEV;
    }
    return fd;
}
