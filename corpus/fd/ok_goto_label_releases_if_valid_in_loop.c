/* unwind-fd: every failure in the loop body jumps to `next:`, a label that heads
 * `if (fd != -1) { (void)close(fd); fd = -1; }` before the `continue`: a goto taken while fd
 * holds the descriptor closes it there. The label sits in the block of the last check, as
 * a loop's common tail often does; the function returns nothing, and falls off its end.
 * drive: ({ int k = 0; count_readable((const char *[]){ "/etc/hostname", "/nonexistent/cocci-unwind" }, 2, &k); k; })
 * drive: ({ int k = 0; count_readable((const char *[]){ "/dev/null" }, 1, &k); k; })
 */
#include <fcntl.h>
#include <unistd.h>

void count_readable(const char **names, int n, int *ok)
{
    int i, fd = -1;
    char c;

    for (i = 0; i < n; i++) {
        if ((fd = open(names[i], O_RDONLY)) == -1)
            goto next;
        if (read(fd, &c, 1) != 1)
            goto next;
        (*ok)++;
        if (lseek(fd, 0, SEEK_SET) == -1) {
next:       if (fd != -1) {
                (void)close(fd);
                fd = -1;
            }
            continue;
        }
        close(fd);
        fd = -1;
    }
}
