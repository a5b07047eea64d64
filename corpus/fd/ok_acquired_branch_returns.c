/* unwind-fd: an if that opens, uses and closes the descriptor and returns.
 * has_tty() returns from the branch taken when open() succeeded; the returns after the if
 * are reached only when it failed: nothing is held there.
 * drive: has_tty("/dev/null", 0) == 1
 * drive: has_tty("/nonexistent/cocci-unwind", 0) == 0
 * drive: has_tty("/nonexistent/cocci-unwind", 1) == -1
 */
#include <fcntl.h>
#include <unistd.h>

int has_tty(const char *path, int strict)
{
    int fd;

    if ((fd = open(path, O_RDONLY | O_NOCTTY)) >= 0) {
        close(fd);
        return 1;
    }
    if (strict)
        return -1;
    return 0;
}
